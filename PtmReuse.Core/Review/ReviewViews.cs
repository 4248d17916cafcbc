using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using PtmReuse.Core.Classification;
using PtmReuse.Core.Classification.Grounding;
using PtmReuse.Core.Classification.Runs;
using PtmReuse.Core.Papers;
using PtmReuse.Core.Storage;

namespace PtmReuse.Core.Review;

/// <summary>The machine decision as the review panel shows it.</summary>
public sealed record ReviewDecision(
    long Id,
    long RunId,
    Stage Stage,
    StageAnswer? Answer,
    string Summary,
    string Backend,
    string Model,
    string PromptHash,
    string? PromptVersion,
    int LatencyMs,
    double? Confidence,
    string? Reasoning,
    string? ErrorKind,
    string? ErrorMessage,
    double Uncertainty,
    DateTime CreatedAt);

/// <summary>
/// One evidence excerpt: its anchor (<see cref="EvidenceHighlights.AnchorId"/>) when grounded and placed in a section;
/// otherwise the closest passage in the paper, with its similarity (0..1), for the reviewer to judge.
/// </summary>
public sealed record ReviewEvidence(string AnchorId, string Quote, bool Grounded, bool Placed, string? Model, string? ClosestPassage, double Similarity, string? ClosestAnchorId);

/// <summary>A section body with every mark to place in it (evidence, other mentions of the models, a closest passage).</summary>
public sealed record ReviewSection(int Ordinal, string AnchorId, string Heading, SectionKind Kind, string Text, IReadOnlyList<TextHighlight> Highlights);

public sealed record ReviewPaper(long Id, string Title, string? Doi, string? DoiUrl, string? Journal, int? Year, string? Field, bool FieldInferred,
    IReadOnlyList<string> Authors, IReadOnlyList<ReviewSection> Sections, IReadOnlyList<PaperCaption> Captions);

/// <summary>A label in the history panel.</summary>
public sealed record ReviewLabelView(long Id, Stage? Stage, string Reviewer, LabelAction Action, DateTime CreatedAt, string? Value, string? Previous,
    string? Note, bool Retired, bool Adjudicated, int Version, long? DecisionId);

/// <summary>
/// The reviewer's place on the item: the version to send with the next action, their own standing label, what counts now
/// (as they may see it), whether they are blind-assigned, and PTMs added upstream that still need a pattern or step here.
/// </summary>
public sealed record ReviewLabelState(int Version, StageAnswer? MyValue, LabelAction? MyAction, StageAnswer? Current, LabelSource CurrentSource,
    bool Blind, bool Conflict, IReadOnlyList<string> PendingModels)
{
    /// <summary>
    /// The earlier stage's "no" that settles this one (the cascade), e.g. "uses_dl = no", as this reviewer sees it; null
    /// when the stage is open. While it holds, accepting or correcting here is refused or meaningless: change that stage.
    /// </summary>
    public string? SettledBy { get; init; }
}

/// <summary>Everything the review page shows for one decision.</summary>
public sealed record ReviewView(ReviewDecision Decision, StageDefinition Definition, ReviewPaper Paper, IReadOnlyList<ReviewEvidence> Evidence,
    ReviewLabelState Labels, IReadOnlyList<ReviewLabelView> History);

/// <summary>Builds <see cref="ReviewView"/>s: one query per table, the paper's text mapped once.</summary>
public sealed class ReviewViews(IDbContextFactory<PtmReuseDbContext> dbFactory, IPtmCatalog catalog)
{
    public const string MentionKind = "mention-highlight";
    public const string ClosestKind = "closest-highlight";
    private const int MaxMentions = 300;

    public async Task<ReviewView?> BuildAsync(long decisionId, string reviewer, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var row = await db.Decisions.AsNoTracking().FirstOrDefaultAsync(d => d.Id == decisionId, cancellationToken);
        if (row is null || !StageNames.TryParse(row.Stage, out var stage))
        {
            return null;
        }

        var paper = await db.Papers.AsNoTracking().AsSplitQuery().Include(p => p.Sections).Include(p => p.Captions)
            .FirstAsync(p => p.Id == row.PaperId, cancellationToken);
        var promptVersion = await db.Runs.Where(r => r.Id == row.RunId).Select(r => r.PromptVersion).FirstOrDefaultAsync(cancellationToken);
        var answer = row.ErrorKind is null ? StageJson.Deserialize(row.ValueJson) : null;
        var decision = new ReviewDecision(row.Id, row.RunId, stage, answer, RunComparer.Summarise(answer), row.Backend, row.Model, row.PromptHash,
            promptVersion, row.LatencyMs, row.Confidence, row.Reasoning, row.ErrorKind, row.ErrorMessage, row.UncertaintyScore ?? 0, row.CreatedAt);

        var document = PaperDocument.FromPaper(paper);
        var (evidence, highlights) = PlaceEvidence(document, decision);
        var sections = paper.Sections.OrderBy(s => s.Ordinal).Select(section =>
        {
            var marks = highlights.ForSection(section.Ordinal).ToList();
            marks.AddRange(Mentions(section.Text, ModelNames(answer), marks));
            return new ReviewSection(section.Ordinal, $"section-{section.Ordinal}", string.IsNullOrWhiteSpace(section.Heading) ? section.Kind.ToString() : section.Heading,
                section.Kind, section.Text, marks.OrderBy(m => m.Start).ThenBy(m => m.Length).ToList());
        }).ToList();
        var reviewPaper = new ReviewPaper(paper.Id, paper.Title, paper.Doi, paper.Doi is null ? null : DoiUrl(paper.Doi), paper.Journal, paper.Year,
            paper.PrimaryField, paper.FieldInferred, paper.Authors, sections, paper.Captions.OrderBy(c => c.Ordinal).ToList());

        var labels = await LabelStateAsync(db, paper.Id, stage, reviewer, cancellationToken);
        var history = await HistoryAsync(db, paper.Id, reviewer, cancellationToken);
        return new ReviewView(decision, StageDefinitions.For(stage), reviewPaper, evidence, labels, history);
    }

    /// <summary>The paper's label history as <paramref name="reviewer"/> may see it (blind stages: their own labels and adjudications).</summary>
    public async Task<IReadOnlyList<ReviewLabelView>> HistoryAsync(long paperId, string reviewer, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await HistoryAsync(db, paperId, reviewer, cancellationToken);
    }

    private static async Task<IReadOnlyList<ReviewLabelView>> HistoryAsync(PtmReuseDbContext db, long paperId, string reviewer, CancellationToken cancellationToken)
    {
        var blindStages = await db.ReviewAssignments.Where(a => a.PaperId == paperId && a.Reviewer == reviewer && a.Blind)
            .Select(a => a.Stage).Distinct().ToListAsync(cancellationToken);
        var rows = await db.HumanLabels.AsNoTracking()
            .Where(l => l.PaperId == paperId && (!blindStages.Contains(l.Stage) || l.Reviewer == reviewer || l.Adjudicated))
            .OrderByDescending(l => l.CreatedAt).ThenByDescending(l => l.Id).ToListAsync(cancellationToken);
        return rows.Select(l => new ReviewLabelView(l.Id, StageNames.TryParse(l.Stage, out var s) ? s : null, l.Reviewer, l.Action, l.CreatedAt,
            Summary(l.ValueJson), Summary(l.PreviousValueJson), l.Note, l.Retired, l.Adjudicated, l.Version, l.DecisionId)).ToList();
    }

    private static string? Summary(string? json) => string.IsNullOrEmpty(json) ? null : RunComparer.Summarise(StageJson.Deserialize(json));

    private static async Task<ReviewLabelState> LabelStateAsync(PtmReuseDbContext db, long paperId, Stage stage, string reviewer, CancellationToken cancellationToken)
    {
        var scope = await LabellingService.ScopeAsync(db, paperId, stage, reviewer, cancellationToken);
        var view = await LabellingService.ReviewerViewAsync(db, paperId, reviewer, cancellationToken);
        var wire = stage.WireName();
        var own = await db.HumanLabels.AsNoTracking().Where(CountingLabels.Predicate).Where(l => l.PaperId == paperId && l.Stage == wire && l.Reviewer == reviewer)
            .OrderByDescending(l => l.Version).Select(l => new { l.ValueJson, l.Action }).FirstOrDefaultAsync(cancellationToken);
        var current = view.GetValueOrDefault(stage);

        // A PTM listed in identify_ptms (e.g. added by a reviewer) without a pattern or step here still needs one.
        var pending = new List<string>();
        if (stage is Stage.PtmReuse or Stage.PtmImpact && view.GetValueOrDefault(Stage.IdentifyPtms)?.Answer is IdentifyPtmsAnswer identified)
        {
            var mine = StageJson.Deserialize(own?.ValueJson) ?? current?.Answer;
            var labelled = (mine switch
            {
                PtmReuseAnswer reuse => reuse.Items.Select(i => LabellingService.Key(i.Model, i.Canonical)),
                PtmImpactAnswer impact => impact.Items.Select(i => LabellingService.Key(i.Model, i.Canonical)),
                _ => [],
            }).ToHashSet(StringComparer.Ordinal);
            pending.AddRange(identified.Models.Where(m => !labelled.Contains(LabellingService.Key(m.Model, m.Canonical))).Select(m => m.Canonical ?? m.Model)
                .Distinct(StringComparer.OrdinalIgnoreCase));
        }

        var settledBy = stage switch
        {
            Stage.UsesDl => null,
            _ when view.GetValueOrDefault(Stage.UsesDl)?.Answer is FlagAnswer { Result: false } => "uses_dl = no",
            Stage.UsesPtms => null,
            _ when view.GetValueOrDefault(Stage.UsesPtms)?.Answer is FlagAnswer { Result: false } => "uses_ptms = no",
            _ => null,
        };
        return new ReviewLabelState(scope.VisibleVersion, StageJson.Deserialize(own?.ValueJson), own?.Action, current?.Answer,
            current?.Source ?? LabelSource.Machine, scope.Blind, current?.HumanConflict == true, pending) { SettledBy = settledBy };
    }

    private static (IReadOnlyList<ReviewEvidence> Evidence, EvidenceHighlights Highlights) PlaceEvidence(PaperDocument document, ReviewDecision decision)
    {
        var items = EvidenceWithModels(decision.Answer).ToList();
        var sources = new List<EvidenceSource>();
        var closest = new List<EvidenceSource>();
        var results = new List<(int Index, string Anchor, Evidence Evidence, string? Model, EvidenceMatch? Match)>();
        for (var i = 0; i < items.Count; i++)
        {
            var (evidence, model) = items[i];
            var anchor = EvidenceHighlights.AnchorId(decision.Id, i);
            if (evidence.Grounded == true)
            {
                sources.Add(new EvidenceSource(anchor, decision.Stage, evidence));
                results.Add((i, anchor, evidence, model, null));
            }
            else
            {
                var match = EvidenceLocator.Locate(document.Text, evidence.Quote);
                if (match.Kind == EvidenceMatchKind.Closest && match.Length > 0)
                {
                    closest.Add(new EvidenceSource(anchor + "-closest", decision.Stage, new Evidence(match.Passage, match.Start, match.Length, true)));
                }

                results.Add((i, anchor, evidence, model, match));
            }
        }

        var highlights = EvidenceHighlights.Map(document, sources);
        var closestHighlights = EvidenceHighlights.Map(document, closest);
        var merged = new Dictionary<int, List<TextHighlight>>();
        foreach (var (ordinal, marks) in highlights.BySection)
        {
            merged[ordinal] = [.. marks];
        }

        foreach (var (ordinal, marks) in closestHighlights.BySection)
        {
            var list = merged.TryGetValue(ordinal, out var existing) ? existing : merged[ordinal] = [];
            list.AddRange(marks.Select(m => m with { Kind = ClosestKind, Label = "Closest passage to an excerpt not found in the paper" }));
        }

        var evidenceViews = results.Select(r => new ReviewEvidence(r.Anchor, r.Evidence.Quote, r.Evidence.Grounded == true, highlights.PlacedAnchors.Contains(r.Anchor),
            r.Model, r.Match is { Kind: EvidenceMatchKind.Closest } m ? m.Passage : null, r.Match?.Similarity ?? 1,
            r.Match is { Kind: EvidenceMatchKind.Closest } && closestHighlights.PlacedAnchors.Contains(r.Anchor + "-closest") ? r.Anchor + "-closest" : null)).ToList();
        return (evidenceViews, EvidenceHighlights.FromSections(merged.ToDictionary(p => p.Key, p => (IReadOnlyList<TextHighlight>)p.Value)));
    }

    private static IEnumerable<(Evidence Evidence, string? Model)> EvidenceWithModels(StageAnswer? answer) => answer switch
    {
        FlagAnswer { Evidence: { } evidence } => [(evidence, null)],
        IdentifyPtmsAnswer identify => identify.Models.Where(m => m.Evidence is not null).Select(m => (m.Evidence!, (string?)(m.Canonical ?? m.Model))),
        PtmReuseAnswer reuse => reuse.Items.Where(i => i.Evidence is not null).Select(i => (i.Evidence!, (string?)(i.Canonical ?? i.Model))),
        PtmImpactAnswer impact => impact.Items.Where(i => i.Evidence is not null).Select(i => (i.Evidence!, (string?)(i.Canonical ?? i.Model))),
        _ => [],
    };

    /// <summary>Names to find elsewhere in the text: each model as written, its canonical name and the catalog's aliases.</summary>
    private IReadOnlyList<string> ModelNames(StageAnswer? answer)
    {
        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var models = answer switch
        {
            IdentifyPtmsAnswer identify => identify.Models.Select(m => (m.Model, m.Canonical)),
            PtmReuseAnswer reuse => reuse.Items.Select(i => (i.Model, i.Canonical)),
            PtmImpactAnswer impact => impact.Items.Select(i => (i.Model, i.Canonical)),
            _ => [],
        };
        foreach (var (model, canonical) in models)
        {
            names.Add(model.Trim());
            if ((canonical ?? catalog.Canonicalize(model)) is { } name)
            {
                names.Add(name);
                foreach (var alias in catalog.Models.FirstOrDefault(m => string.Equals(m.Canonical, name, StringComparison.OrdinalIgnoreCase))?.Aliases ?? [])
                {
                    names.Add(alias);
                }
            }
        }

        // Very short names (e.g. two letters) would mark ordinary words.
        return names.Where(n => n.Length >= 3).OrderByDescending(n => n.Length).ToList();
    }

    /// <summary>Other mentions of the models in a section body, as light marks that do not overlap the evidence.</summary>
    private static IEnumerable<TextHighlight> Mentions(string text, IReadOnlyList<string> names, IReadOnlyList<TextHighlight> taken)
    {
        if (names.Count == 0 || text.Length == 0)
        {
            return [];
        }

        var pattern = @"(?<![\p{L}\p{N}])(?:" + string.Join('|', names.Select(Regex.Escape)) + @")(?![\p{L}\p{N}])";
        var found = new List<TextHighlight>();
        foreach (Match match in Regex.Matches(text, pattern, RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1)))
        {
            if (found.Count >= MaxMentions)
            {
                break;
            }

            if (!taken.Any(t => t.Start < match.Index + match.Length && match.Index < t.End))
            {
                found.Add(new TextHighlight(match.Index, match.Length, "", $"Another mention of {match.Value}", MentionKind));
            }
        }

        return found;
    }

    /// <summary>DOIs are stored normalised; each path segment is escaped so a DOI cannot form another URL.</summary>
    public static string DoiUrl(string doi) => "https://doi.org/" + string.Join('/', doi.Split('/').Select(Uri.EscapeDataString));
}
