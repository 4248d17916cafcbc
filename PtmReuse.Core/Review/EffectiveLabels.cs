using Microsoft.EntityFrameworkCore;
using PtmReuse.Core.Analytics.Projection;
using PtmReuse.Core.Classification;
using PtmReuse.Core.Storage;

namespace PtmReuse.Core.Review;

public enum LabelSource
{
    Machine,
    Human,
}

/// <summary>
/// The label that counts for one paper × stage. <see cref="Answer"/> is null when the only machine decision failed
/// (<see cref="ErrorKind"/> says why): unknown, never "no". <see cref="HumanConflict"/> is true when reviewers disagree
/// and no admin has adjudicated yet: the machine's answer counts meanwhile.
/// </summary>
/// <see cref="ReviewDecisionId"/> is the stage's latest machine decision whoever's label counts: the way into
/// /review/{decisionId} (a human label has no decision of its own).
public sealed record EffectiveLabel(Stage Stage, StageAnswer? Answer, LabelSource Source, long? DecisionId, long? HumanLabelId, string? ErrorKind, bool HumanConflict = false)
{
    public long? ReviewDecisionId { get; init; } = DecisionId;
}

/// <summary>
/// What a paper counts as for uses_dl and uses_ptms, after the gating between stages: uses_dl "no" settles uses_ptms as
/// "no" (whoever said it); when uses_dl is unknown (its decision failed) only a uses_ptms "yes" is kept, anything else is
/// unknown. The PTM stages (models, patterns, steps) count only when <see cref="UsesPtms"/> is yes. Charts, the decisions
/// export, the paper page and the review pages all read a paper through <see cref="EffectiveLabels.Outcome"/>.
/// </summary>
public sealed record PaperOutcome(LabelValue UsesDl, LabelValue UsesPtms)
{
    public bool PtmStagesCount => UsesPtms == LabelValue.Yes;

    /// <summary>Yes/no as a boolean; null for unknown or not run (never folded into "no").</summary>
    public static bool? AsBoolean(LabelValue value) => value switch { LabelValue.Yes => true, LabelValue.No => false, _ => null };
}

/// <summary>One PTM of a paper's effective labels (<see cref="EffectiveLabels.Ptms"/>): pattern as its wire name, step as its name.</summary>
public sealed record EffectivePtm(string Name, string? Canonical, string? Pattern, string? Step, string? Evidence)
{
    /// <summary>The name the figures count: the canonical name, else the name as written.</summary>
    public string CountedName => Canonical ?? Name.Trim();
}

/// <summary>Which machine decisions may count; by default the most recent answer of any backend.</summary>
public sealed record MachineDecisionFilter(long? RunId = null, string? Backend = null)
{
    public static MachineDecisionFilter Latest { get; } = new();
}

/// <summary>
/// The one effective-label rule, shared by exports, analytics and the review pages. For each paper × stage, over the
/// human labels that carry a value and are not retired:
/// <list type="number">
/// <item>the latest adjudicated label wins;</item>
/// <item>otherwise, taking each reviewer's latest label: if they all agree (one reviewer, or several with the same
/// <see cref="AnswerKeys">key</see>), the latest of them wins;</item>
/// <item>otherwise (reviewers disagree, not yet adjudicated) and when there is no human label, the latest successful
/// machine decision counts; failing that the latest failure (unknown). A stage with neither did not run.</item>
/// </list>
/// Then the cascade: a human "no" on uses_dl settles uses_ptms as "no", and a human "no" on uses_ptms settles the PTM
/// stages as empty lists, whatever the machine said below.
/// </summary>
public sealed class EffectiveLabels(IDbContextFactory<PtmReuseDbContext> dbFactory)
{
    public async Task<IReadOnlyDictionary<long, IReadOnlyDictionary<Stage, EffectiveLabel>>> ForPapersAsync(
        IReadOnlyCollection<long> paperIds, MachineDecisionFilter filter, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var decisions = db.Decisions.AsNoTracking().Where(d => paperIds.Contains(d.PaperId));
        if (filter.RunId is { } runId)
        {
            decisions = decisions.Where(d => d.RunId == runId);
        }

        if (filter.Backend is { } backend)
        {
            decisions = decisions.Where(d => d.Backend == backend);
        }

        var machine = await decisions
            .Select(d => new MachineRow(d.Id, d.PaperId, d.Stage, d.ValueJson, d.ErrorKind, d.CreatedAt))
            .ToListAsync(cancellationToken);
        var human = await HumanRowsAsync(db.HumanLabels.Where(l => paperIds.Contains(l.PaperId)), cancellationToken);

        var machineByPaper = machine.ToLookup(m => m.PaperId);
        var humanByPaper = human.ToLookup(h => h.PaperId);
        var result = new Dictionary<long, IReadOnlyDictionary<Stage, EffectiveLabel>>();
        foreach (var paperId in paperIds)
        {
            result[paperId] = Resolve(machineByPaper[paperId], humanByPaper[paperId]);
        }

        return result;
    }

    /// <summary>The labels that count (<see cref="CountingLabels"/>) from a query over human labels.</summary>
    internal static Task<List<HumanRow>> HumanRowsAsync(IQueryable<HumanLabel> labels, CancellationToken cancellationToken) =>
        labels.AsNoTracking()
            .Where(CountingLabels.Predicate)
            .Select(l => new HumanRow(l.Id, l.PaperId, l.Stage, l.ValueJson, l.CreatedAt, l.Reviewer, l.Adjudicated))
            .ToListAsync(cancellationToken);

    /// <summary>The rule itself, over one paper's rows.</summary>
    internal static IReadOnlyDictionary<Stage, EffectiveLabel> Resolve(IEnumerable<MachineRow> machine, IEnumerable<HumanRow> human)
    {
        var labels = new Dictionary<Stage, EffectiveLabel>();
        foreach (var row in machine.OrderBy(m => m.ErrorKind is null).ThenBy(m => m.CreatedAt).ThenBy(m => m.Id))
        {
            // Ordered failures first, then answers, each oldest first: the last write is the latest answer if any.
            if (StageNames.TryParse(row.Stage, out var stage))
            {
                labels[stage] = new EffectiveLabel(stage, row.ErrorKind is null ? StageJson.Deserialize(row.ValueJson) : null,
                    LabelSource.Machine, row.Id, null, row.ErrorKind);
            }
        }

        foreach (var group in human.GroupBy(h => h.Stage))
        {
            if (!StageNames.TryParse(group.Key, out var stage))
            {
                continue;
            }

            var (winner, conflict) = HumanWinner(group.ToList());
            if (winner is not null)
            {
                labels[stage] = new EffectiveLabel(stage, StageJson.Deserialize(winner.ValueJson), LabelSource.Human, null, winner.Id, null)
                {
                    ReviewDecisionId = labels.GetValueOrDefault(stage)?.ReviewDecisionId,
                };
            }
            else if (conflict && labels.TryGetValue(stage, out var machineLabel))
            {
                labels[stage] = machineLabel with { HumanConflict = true };
            }
        }

        ApplyCascade(labels);
        return labels;
    }

    /// <summary>The human label that counts among one stage's rows, or null with whether that is because reviewers disagree.</summary>
    internal static (HumanRow? Winner, bool Conflict) HumanWinner(IReadOnlyCollection<HumanRow> rows)
    {
        static IOrderedEnumerable<HumanRow> Latest(IEnumerable<HumanRow> rows) => rows.OrderByDescending(r => r.CreatedAt).ThenByDescending(r => r.Id);

        if (Latest(rows.Where(r => r.Adjudicated)).FirstOrDefault() is { } adjudicated)
        {
            return (adjudicated, false);
        }

        var perReviewer = rows.GroupBy(r => r.Reviewer, StringComparer.Ordinal).Select(g => Latest(g).First()).ToList();
        if (perReviewer.Count == 0)
        {
            return (null, false);
        }

        var keys = perReviewer.Select(r => AnswerKeys.For(StageJson.Deserialize(r.ValueJson))).Distinct(StringComparer.Ordinal).Count();
        return keys == 1 ? (Latest(perReviewer).First(), false) : (null, true);
    }

    /// <summary>The paper's uses_dl and uses_ptms as every view counts them (see <see cref="PaperOutcome"/>).</summary>
    public static PaperOutcome Outcome(IReadOnlyDictionary<Stage, EffectiveLabel> labels)
    {
        var usesDl = ValueOf(labels, Stage.UsesDl);
        var usesPtms = usesDl switch
        {
            LabelValue.No => LabelValue.No,
            // uses_dl failed: a "yes" below still shows reuse; a "no" there cannot settle what the failure left open.
            LabelValue.Unknown => ValueOf(labels, Stage.UsesPtms) == LabelValue.Yes ? LabelValue.Yes : LabelValue.Unknown,
            _ => ValueOf(labels, Stage.UsesPtms),
        };
        return new PaperOutcome(usesDl, usesPtms);
    }

    /// <summary>
    /// The paper's PTMs as every view lists them: the models named in identify_ptms, ptm_reuse and ptm_impact, merged by
    /// canonical name through the current catalog (<paramref name="canonicalize"/>; the stored canonical is the fallback)
    /// or else by the written name ignoring case, each with its first pattern, first step and first evidence excerpt.
    /// Empty unless the PTM stages count (<see cref="PaperOutcome.PtmStagesCount"/>).
    /// </summary>
    public static IReadOnlyList<EffectivePtm> Ptms(IReadOnlyDictionary<Stage, EffectiveLabel> labels, Func<string, string?>? canonicalize)
    {
        var ptms = new List<EffectivePtm>();
        if (!Outcome(labels).PtmStagesCount)
        {
            return ptms;
        }

        int IndexOf(string model, string? storedCanonical)
        {
            var canonical = canonicalize?.Invoke(model) ?? storedCanonical;
            var index = ptms.FindIndex(p => canonical is not null && p.Canonical is not null
                ? string.Equals(p.Canonical, canonical, StringComparison.OrdinalIgnoreCase)
                : string.Equals(p.Name, model, StringComparison.OrdinalIgnoreCase));
            if (index < 0)
            {
                ptms.Add(new EffectivePtm(model, canonical, null, null, null));
                index = ptms.Count - 1;
            }

            return index;
        }

        if (labels.GetValueOrDefault(Stage.IdentifyPtms)?.Answer is IdentifyPtmsAnswer identified)
        {
            foreach (var mention in identified.Models)
            {
                var i = IndexOf(mention.Model, mention.Canonical);
                ptms[i] = ptms[i] with { Evidence = ptms[i].Evidence ?? mention.Evidence?.Quote };
            }
        }

        if (labels.GetValueOrDefault(Stage.PtmReuse)?.Answer is PtmReuseAnswer reuse)
        {
            foreach (var item in reuse.Items)
            {
                var i = IndexOf(item.Model, item.Canonical);
                ptms[i] = ptms[i] with { Pattern = ptms[i].Pattern ?? StageDefinitions.Pattern(item.Pattern).WireName, Evidence = ptms[i].Evidence ?? item.Evidence?.Quote };
            }
        }

        if (labels.GetValueOrDefault(Stage.PtmImpact)?.Answer is PtmImpactAnswer impact)
        {
            foreach (var item in impact.Items)
            {
                var i = IndexOf(item.Model, item.Canonical);
                ptms[i] = ptms[i] with { Step = ptms[i].Step ?? item.Step.ToString(), Evidence = ptms[i].Evidence ?? item.Evidence?.Quote };
            }
        }

        return ptms;
    }

    private static LabelValue ValueOf(IReadOnlyDictionary<Stage, EffectiveLabel> labels, Stage stage) =>
        !labels.TryGetValue(stage, out var label) ? LabelValue.NotRun
        : label.Answer is FlagAnswer flag ? (flag.Result ? LabelValue.Yes : LabelValue.No)
        : LabelValue.Unknown;

    private static void ApplyCascade(Dictionary<Stage, EffectiveLabel> labels)
    {
        if (labels.GetValueOrDefault(Stage.UsesDl) is { Source: LabelSource.Human, Answer: FlagAnswer { Result: false } } noDl
            && labels.GetValueOrDefault(Stage.UsesPtms) is not { Source: LabelSource.Human, Answer: FlagAnswer { Result: false } })
        {
            labels[Stage.UsesPtms] = new EffectiveLabel(Stage.UsesPtms, new UsesPtmsAnswer(false, null), LabelSource.Human, null, noDl.HumanLabelId, null)
            {
                ReviewDecisionId = labels.GetValueOrDefault(Stage.UsesPtms)?.ReviewDecisionId,
            };
        }

        if (labels.GetValueOrDefault(Stage.UsesPtms) is { Source: LabelSource.Human, Answer: FlagAnswer { Result: false } } noPtms)
        {
            StageAnswer[] empty = [new IdentifyPtmsAnswer([]), new PtmReuseAnswer([]), new PtmImpactAnswer([])];
            foreach (var answer in empty)
            {
                if (labels.TryGetValue(answer.Stage, out var below) && !(below.Source == LabelSource.Human && AnswerKeys.For(below.Answer) == ""))
                {
                    labels[answer.Stage] = new EffectiveLabel(answer.Stage, answer, LabelSource.Human, null, noPtms.HumanLabelId, null) { ReviewDecisionId = below.ReviewDecisionId };
                }
            }
        }
    }

    internal sealed record MachineRow(long Id, long PaperId, string Stage, string? ValueJson, string? ErrorKind, DateTime CreatedAt);

    internal sealed record HumanRow(long Id, long PaperId, string Stage, string ValueJson, DateTime CreatedAt, string Reviewer = "", bool Adjudicated = false);
}
