using Microsoft.EntityFrameworkCore;
using PtmReuse.Core.Classification;
using PtmReuse.Core.Storage;

namespace PtmReuse.Core.Review.Agreement;

/// <summary>
/// Machine vs effective human label over every paper a human labelled for the stage. Rows of <see cref="Matrix"/> are
/// the human label, columns the machine's (units as in <see cref="StageComparison"/>). Precision, recall and F1 are
/// for <see cref="PositiveCategory"/> (yes, or "named" for identification); kappa is null where it does not apply.
/// <see cref="ExactMatch"/> is the share of papers where the two answers agree on every unit.
/// </summary>
public sealed record MachineHumanAgreement(
    int Papers,
    ConfusionMatrix<string> Matrix,
    string? PositiveCategory,
    double? Precision,
    double? Recall,
    double? F1,
    double? Kappa,
    double? ExactMatch,
    int ModelsOnlyMachine,
    int ModelsOnlyHuman);

/// <summary>
/// Agreement between reviewers on papers labelled by two or more of them (each reviewer's latest non-retired label).
/// Cohen's kappa only when exactly two reviewers labelled these papers; Krippendorff's alpha (nominal) always, since it
/// takes any number of raters and missing labels.
/// </summary>
public sealed record HumanHumanAgreement(int Papers, int Units, IReadOnlyList<string> Reviewers, double? CohensKappa, double? KrippendorffAlpha);

public enum DisagreementKind
{
    MachineVsHuman,
    HumanVsHuman,
}

/// <summary>One paper where two labels differ; <see cref="DecisionId"/> is what /review/{decisionId} opens.</summary>
public sealed record Disagreement(
    DisagreementKind Kind, long PaperId, string PaperTitle, long? DecisionId, string LeftName, string LeftValue, string RightName, string RightValue);

/// <summary>Everything the Agreement page shows for one stage.</summary>
public sealed record AgreementReport(
    Stage Stage,
    MachineHumanAgreement MachineVsHuman,
    HumanHumanAgreement HumanVsHuman,
    SampleEvaluation? Sample,
    IReadOnlyList<Disagreement> Disagreements,
    int DisagreementsTotal);

/// <summary>
/// Builds the per-stage agreement report: machine vs effective human label (read through <see cref="EffectiveLabels"/>,
/// so the one effective-label rule applies), human vs human from the raw non-retired labels, the validation sample's
/// estimates, and the disagreements. Loads only labelled papers (bounded by human effort, not by the corpus).
/// </summary>
public sealed class AgreementReportService(
    IDbContextFactory<PtmReuseDbContext> dbFactory, EffectiveLabels effectiveLabels, ValidationSampleEvaluator evaluator, IPtmCatalog catalog)
{
    /// <summary>Disagreements listed at most; <see cref="AgreementReport.DisagreementsTotal"/> counts them all.</summary>
    public const int DisagreementLimit = 500;

    /// <param name="sampleId">The validation sample to evaluate; null for the stage's newest sample.</param>
    public async Task<AgreementReport> GetAsync(Stage stage, long? sampleId, CancellationToken cancellationToken)
    {
        var wire = stage.WireName();
        List<LabelRow> labels;
        List<MachineRow> machineRows;
        long? newestSample;
        await using (var db = await dbFactory.CreateDbContextAsync(cancellationToken))
        {
            // Only labels that carry a value (notes and skips store none).
            // Raters only: an admin's adjudication settles a conflict, it is not one more rater.
            labels = await db.HumanLabels.AsNoTracking().Where(CountingLabels.Predicate)
                .Where(l => l.Stage == wire && !l.Adjudicated)
                .Select(l => new LabelRow(l.Id, l.PaperId, l.Reviewer, l.ValueJson, l.CreatedAt, l.DecisionId))
                .ToListAsync(cancellationToken);
            // Papers with a label on any stage: a human "no" upstream settles this stage too (the effective-label
            // cascade). A subquery rather than a list of ids: thousands of ids would become thousands of SQL parameters.
            var labelledPapers = db.HumanLabels.Where(CountingLabels.Predicate).Select(l => l.PaperId).Distinct();
            machineRows = await db.Decisions.AsNoTracking()
                .Where(d => labelledPapers.Contains(d.PaperId) && d.Stage == wire && d.ErrorKind == null && d.ValueJson != null)
                .Select(d => new MachineRow(d.Id, d.PaperId, d.ValueJson!))
                .ToListAsync(cancellationToken);
            newestSample = sampleId ?? await db.ValidationSamples.AsNoTracking()
                .Where(s => s.Stage == wire)
                .OrderByDescending(s => s.CreatedAt).ThenByDescending(s => s.Id)
                .Select(s => (long?)s.Id)
                .FirstOrDefaultAsync(cancellationToken);
        }

        // Latest successful machine decision per paper (highest id, as in the validation sample's population).
        var machine = machineRows.GroupBy(m => m.PaperId).ToDictionary(g => g.Key, g => g.MaxBy(m => m.Id)!);
        var effective = await effectiveLabels.ForPapersAsync(machine.Keys.ToList(), MachineDecisionFilter.Latest, cancellationToken);
        var disagreements = new List<Disagreement>();

        var machineVsHuman = CompareMachine(stage, effective, machine, disagreements);
        var humanVsHuman = CompareHumans(stage, labels, machine, disagreements);
        var sample = newestSample is { } id ? await evaluator.EvaluateAsync(id, 0.95, cancellationToken) : null;

        var listed = disagreements.OrderBy(d => d.Kind).ThenBy(d => d.PaperId).Take(DisagreementLimit).ToList();
        var titles = await TitlesAsync(listed.Select(d => d.PaperId).Distinct().ToList(), cancellationToken);
        listed = listed.Select(d => d with { PaperTitle = titles.GetValueOrDefault(d.PaperId, $"Paper {d.PaperId}") }).ToList();
        return new AgreementReport(stage, machineVsHuman, humanVsHuman, sample, listed, disagreements.Count);
    }

    private MachineHumanAgreement CompareMachine(
        Stage stage,
        IReadOnlyDictionary<long, IReadOnlyDictionary<Stage, EffectiveLabel>> effective,
        Dictionary<long, MachineRow> machine,
        List<Disagreement> disagreements)
    {
        var pairs = new List<(string Reference, string Compared)>();
        int papers = 0, agreeing = 0, onlyMachine = 0, onlyHuman = 0;
        foreach (var (paperId, stages) in effective.OrderBy(e => e.Key))
        {
            if (stages.GetValueOrDefault(stage) is not { Source: LabelSource.Human, Answer: { } human }
                || !machine.TryGetValue(paperId, out var row)
                || StageJson.Deserialize(row.ValueJson) is not { } answer)
            {
                continue;
            }

            papers++;
            var units = StageComparison.Pair(stage, human, answer, Canonicalize);
            foreach (var unit in units)
            {
                if (unit.Reference is { } reference && unit.Compared is { } compared)
                {
                    pairs.Add((reference, compared));
                }
                else if (unit.Reference is null)
                {
                    onlyMachine++;
                }
                else
                {
                    onlyHuman++;
                }
            }

            if (units.All(u => u.Reference == u.Compared))
            {
                agreeing++;
            }
            else
            {
                disagreements.Add(new Disagreement(DisagreementKind.MachineVsHuman, paperId, "", row.Id,
                    "machine", StageComparison.Summary(answer, Canonicalize), "human", StageComparison.Summary(human, Canonicalize)));
            }
        }

        var matrix = ConfusionMatrix<string>.FromPairs(pairs, StageComparison.Categories(stage));
        var positive = StageComparison.PositiveCategory(stage);
        return new MachineHumanAgreement(
            papers,
            matrix,
            positive,
            positive is null ? null : matrix.Precision(positive),
            positive is null ? null : matrix.Recall(positive),
            positive is null ? null : matrix.F1(positive),
            StageComparison.HasKappa(stage) ? matrix.CohensKappa : null,
            papers == 0 ? null : (double)agreeing / papers,
            stage is Stage.PtmReuse or Stage.PtmImpact ? onlyMachine : 0,
            stage is Stage.PtmReuse or Stage.PtmImpact ? onlyHuman : 0);
    }

    private HumanHumanAgreement CompareHumans(Stage stage, List<LabelRow> labels, Dictionary<long, MachineRow> machine, List<Disagreement> disagreements)
    {
        var alphaUnits = new List<IReadOnlyCollection<string>>();
        var kappaPairs = new List<(string, string)>();
        var multiplyLabelled = labels
            .GroupBy(l => l.PaperId)
            .Select(paper => (PaperId: paper.Key, ByReviewer: paper
                .GroupBy(l => l.Reviewer, StringComparer.Ordinal)
                .Select(r => r.OrderBy(l => l.CreatedAt).ThenBy(l => l.Id).Last())
                .OrderBy(l => l.Reviewer, StringComparer.Ordinal)
                .Select(l => (Label: l, Answer: StageJson.Deserialize(l.ValueJson)))
                .Where(l => l.Answer is not null)
                .Select(l => (l.Label, Answer: l.Answer!))
                .ToList()))
            .Where(p => p.ByReviewer.Count >= 2)
            .OrderBy(p => p.PaperId)
            .ToList();
        var reviewers = multiplyLabelled.SelectMany(p => p.ByReviewer.Select(r => r.Label.Reviewer)).Distinct().Order(StringComparer.Ordinal).ToList();
        foreach (var (paperId, byReviewer) in multiplyLabelled)
        {
            var units = byReviewer.Select(r => StageComparison.Units(r.Answer, Canonicalize)).ToList();
            var absent = stage == Stage.IdentifyPtms ? StageComparison.NotNamed : null;
            foreach (var key in units.SelectMany(u => u.Keys).Distinct(StringComparer.OrdinalIgnoreCase))
            {
                var values = units.Select(u => u.GetValueOrDefault(key) ?? absent).ToList();
                alphaUnits.Add(values.OfType<string>().ToList());
                if (reviewers.Count == 2 && values[0] is { } first && values[1] is { } second)
                {
                    kappaPairs.Add((first, second));
                }
            }

            var (left, right) = (byReviewer[0], byReviewer.FirstOrDefault(r => !StageComparison.Agree(stage, byReviewer[0].Answer, r.Answer, Canonicalize)));
            if (right.Answer is not null)
            {
                disagreements.Add(new Disagreement(DisagreementKind.HumanVsHuman, paperId, "",
                    left.Label.DecisionId ?? right.Label.DecisionId ?? machine.GetValueOrDefault(paperId)?.Id,
                    left.Label.Reviewer, StageComparison.Summary(left.Answer, Canonicalize),
                    right.Label.Reviewer, StageComparison.Summary(right.Answer, Canonicalize)));
            }
        }

        double? kappa = reviewers.Count == 2 && kappaPairs.Count > 0
            ? ConfusionMatrix<string>.FromPairs(kappaPairs, StageComparison.Categories(stage)).CohensKappa
            : null;
        return new HumanHumanAgreement(multiplyLabelled.Count, alphaUnits.Count(u => u.Count >= 2), reviewers, kappa, KrippendorffAlpha.Nominal(alphaUnits));
    }

    private async Task<Dictionary<long, string>> TitlesAsync(List<long> paperIds, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var rows = await db.Papers.AsNoTracking().Where(p => paperIds.Contains(p.Id)).Select(p => new { p.Id, p.Title }).ToListAsync(cancellationToken);
        return rows.ToDictionary(p => p.Id, p => p.Title);
    }

    private string? Canonicalize(string model) => catalog.Canonicalize(model);

    private sealed record LabelRow(long Id, long PaperId, string Reviewer, string ValueJson, DateTime CreatedAt, long? DecisionId);

    private sealed record MachineRow(long Id, long PaperId, string ValueJson);
}
