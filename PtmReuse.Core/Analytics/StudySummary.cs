using System.Globalization;
using PtmReuse.Core.Analytics.Figures;
using PtmReuse.Core.Analytics.Projection;
using PtmReuse.Core.Classification.Runs;

namespace PtmReuse.Core.Analytics;

/// <summary>The study's headline results, recomputed (or as published).</summary>
public sealed record StudyHeadlines(
    double PapersAnalysed,
    double PapersReusingPtms,
    IReadOnlyList<(string Field, double Papers)> FieldRanking,
    IReadOnlyList<(string Pattern, double Share)> PatternShares,
    IReadOnlyList<(string Step, double Count)> StepCounts,
    IReadOnlyList<(string Model, double Papers)> TopModels)
{
    public string? TopField => FieldRanking.Count > 0 ? FieldRanking[0].Field : null;
    public string? DominantPattern => PatternShares.Count > 0 ? PatternShares.MaxBy(p => p.Share).Pattern : null;
    public string? MostAffectedStep => StepCounts.Count > 0 ? StepCounts.MaxBy(s => s.Count).Step : null;
}

/// <summary>One line of the comparison: the published (or first run's) value, the current (or second run's), and the difference in words.</summary>
public sealed record HeadlineRow(string Result, string Reference, string Current, string Difference, bool Differs);

public sealed record StudySummaryReport(StudyHeadlines Current, IReadOnlyList<HeadlineRow> Rows, FigureTable Table);

public sealed record RunPairReport(long RunA, long RunB, StudyHeadlines A, StudyHeadlines B, IReadOnlyList<HeadlineRow> Rows, RunComparison Agreement, FigureTable Table);

/// <summary>
/// Recomputes the study's headline results from the current labels and sets them beside the published ones; with two
/// runs, shows how each headline changes between them and how far the runs agree. Counting is fixed to the study's:
/// papers (primary field) for counts, ranking and models; paper × model for pattern shares and step counts.
/// </summary>
public sealed class StudySummary(AnalyticsStore store, RunComparer runComparer)
{
    /// <summary>The published figures (the study's 17,511 natural-science papers, 2000–2025).</summary>
    public static StudyHeadlines Published { get; } = new(
        17_511,
        631,
        [("Biochemistry, Genetics and Molecular Biology", double.NaN)],
        [("adaptation", 70.29)],
        [("Test", 422)],
        [("AlexNet", 25), ("AlphaFold 2", 23), ("VGG 16", 19), ("ResNet 50", 18), ("AlphaFold", 18)]);

    public async Task<StudySummaryReport> BuildAsync(AnalyticsQuery query, CancellationToken cancellationToken)
    {
        var current = await HeadlinesAsync(query, cancellationToken);
        var published = Published;
        var rows = new List<HeadlineRow>
        {
            NumberRow("Papers analysed (classified)", published.PapersAnalysed, current.PapersAnalysed),
            NumberRow("Papers reusing PTMs", published.PapersReusingPtms, current.PapersReusingPtms),
            TextRow("Field with most PTM reuse", published.TopField, current.TopField, Ranking(current.FieldRanking.Take(3))),
            ShareRow("Adaptation share of PTM reuses", 70.29, current.PatternShares.FirstOrDefault(p => p.Pattern == "adaptation").Share),
            NumberRow("PTM reuses serving the Test step", 422, current.StepCounts.FirstOrDefault(s => s.Step == "Test").Count),
            ModelsRow("Top five models", published.TopModels, current.TopModels),
        };
        return new StudySummaryReport(current, rows, Table("study-summary", "Study headline results: published and recomputed", "Published", "Current", rows, query));
    }

    /// <summary>Each headline from run A's and run B's machine decisions, and their per-stage agreement over the papers both decided.</summary>
    public async Task<RunPairReport> CompareRunsAsync(AnalyticsQuery query, long runA, long runB, CancellationToken cancellationToken)
    {
        var a = await HeadlinesAsync(query with { Filter = query.Filter with { RunId = runA } }, cancellationToken);
        var b = await HeadlinesAsync(query with { Filter = query.Filter with { RunId = runB } }, cancellationToken);
        var rows = new List<HeadlineRow>
        {
            NumberRow("Papers analysed (classified)", a.PapersAnalysed, b.PapersAnalysed),
            NumberRow("Papers reusing PTMs", a.PapersReusingPtms, b.PapersReusingPtms),
            TextRow("Field with most PTM reuse", a.TopField, b.TopField, Ranking(b.FieldRanking.Take(3))),
            TextRow("Dominant reuse pattern", a.DominantPattern, b.DominantPattern, Shares(b.PatternShares)),
            TextRow("Most-affected step", a.MostAffectedStep, b.MostAffectedStep, Ranking(b.StepCounts.Take(3))),
            ModelsRow("Top five models", a.TopModels, b.TopModels),
        };
        var agreement = await runComparer.CompareAsync(runA, runB, 50, cancellationToken);
        return new RunPairReport(runA, runB, a, b, rows, agreement, Table("runs-comparison", $"Headline results: run {runA} vs run {runB}", $"Run {runA}", $"Run {runB}", rows, query));
    }

    public async Task<StudyHeadlines> HeadlinesAsync(AnalyticsQuery query, CancellationToken cancellationToken)
    {
        var papers = query with { Rules = query.Rules with { Unit = CountingUnit.Paper, MultiField = MultiFieldRule.PrimaryOnly } };
        var reuses = papers with { Rules = papers.Rules with { Unit = CountingUnit.PaperModel } };
        var outcomes = await store.CountAsync(papers, CountSpec.Papers(["UsesDl", "UsesPtms"]), cancellationToken);
        var analysed = outcomes.Where(r => r.Keys[0] != Code(LabelValue.NotRun)).Sum(r => r.Count);
        var ptm = outcomes.Where(r => r.Keys[1] == Code(LabelValue.Yes)).Sum(r => r.Count);
        var fields = AnalyticsFigures.RankFields(
                await store.CountAsync(papers, CountSpec.Papers(["Field"], new Dictionary<string, object> { ["UsesPtms"] = LabelValue.Yes }), cancellationToken),
                r => r.Keys[0], r => r.Count)
            .Select(r => (AnalyticsFigures.FieldLabel(r.Keys[0] ?? ""), r.Count)).ToList();
        var patternRows = await store.CountAsync(reuses, CountSpec.Models(["Pattern"]), cancellationToken);
        var patternTotal = patternRows.Where(r => r.Keys[0] is not null).Sum(r => r.Count);
        var patterns = AnalyticsFigures.Patterns
            .Select(p => (p, patternTotal > 0 ? Math.Round(100 * patternRows.Where(r => r.Keys[0] == p).Sum(r => r.Count) / patternTotal, 2) : 0)).ToList();
        var stepRows = await store.CountAsync(reuses, CountSpec.Models(["Step"]), cancellationToken);
        var steps = AnalyticsFigures.Steps.Select(s => (s, stepRows.Where(r => r.Keys[0] == s).Sum(r => r.Count))).ToList();
        var models = AnalyticsFigures.RankModels(await store.CountAsync(papers, CountSpec.Models(["Model"]), cancellationToken), r => r.Keys[0], r => r.Count)
            .Take(5).Select(r => (r.Keys[0] ?? "", r.Count)).ToList();
        return new StudyHeadlines(analysed, ptm, fields, patterns, steps, models);
    }

    private static string Code(LabelValue value) => ((int)value).ToString(CultureInfo.InvariantCulture);

    private static string N(double value) => AnalyticsFigures.Number(value);

    private static HeadlineRow NumberRow(string name, double reference, double current)
    {
        var difference = current - reference;
        var relative = reference != 0 ? string.Create(CultureInfo.InvariantCulture, $" ({100 * difference / reference:+0.0;-0.0;0}%)") : "";
        return new HeadlineRow(name, N(reference), N(current), difference == 0 ? "same" : (difference > 0 ? "+" : "") + N(difference) + relative, difference != 0);
    }

    private static HeadlineRow ShareRow(string name, double reference, double current)
    {
        var difference = Math.Round(current - reference, 2);
        return new HeadlineRow(name, string.Create(CultureInfo.InvariantCulture, $"{reference:0.00}%"), string.Create(CultureInfo.InvariantCulture, $"{current:0.00}%"),
            difference == 0 ? "same" : string.Create(CultureInfo.InvariantCulture, $"{difference:+0.00;-0.00} points"), difference != 0);
    }

    private static HeadlineRow TextRow(string name, string? reference, string? current, string detail)
    {
        var same = string.Equals(reference, current, StringComparison.OrdinalIgnoreCase);
        return new HeadlineRow(name, reference ?? "–", current ?? "–", (same ? "same" : "differs") + (detail.Length > 0 ? $" (now: {detail})" : ""), !same);
    }

    /// <summary>Top-five lists compared by name through the catalog's spelling-insensitive canonical form.</summary>
    private static HeadlineRow ModelsRow(string name, IReadOnlyList<(string Model, double Papers)> reference, IReadOnlyList<(string Model, double Papers)> current)
    {
        static string Key(string model) => new(model.Where(char.IsLetterOrDigit).Select(char.ToLowerInvariant).ToArray());
        var referenceKeys = reference.Select(m => Key(m.Model)).ToHashSet();
        var currentKeys = current.Select(m => Key(m.Model)).ToHashSet();
        var changes = new List<string>();
        changes.AddRange(reference.Where(m => !currentKeys.Contains(Key(m.Model))).Select(m => "−" + m.Model));
        changes.AddRange(current.Where(m => !referenceKeys.Contains(Key(m.Model))).Select(m => "+" + m.Model));
        foreach (var model in current.Where(m => referenceKeys.Contains(Key(m.Model))))
        {
            var before = reference.First(m => Key(m.Model) == Key(model.Model)).Papers;
            if (before != model.Papers)
            {
                changes.Add($"{model.Model} {(model.Papers - before > 0 ? "+" : "")}{N(model.Papers - before)}");
            }
        }

        return new HeadlineRow(name, ModelList(reference), ModelList(current), changes.Count == 0 ? "same" : string.Join(", ", changes), changes.Count > 0);
    }

    private static string ModelList(IEnumerable<(string Model, double Papers)> models) => string.Join(", ", models.Select(m => $"{m.Model} {N(m.Papers)}"));

    private static string Ranking(IEnumerable<(string Name, double Count)> items) => string.Join(", ", items.Select(i => $"{i.Name} {N(i.Count)}"));

    private static string Shares(IEnumerable<(string Name, double Share)> items) =>
        string.Join(", ", items.Select(i => string.Create(CultureInfo.InvariantCulture, $"{i.Name} {i.Share:0.00}%")));

    private static FigureTable Table(string id, string title, string referenceTitle, string currentTitle, IReadOnlyList<HeadlineRow> rows, AnalyticsQuery query) =>
        new(id, title, ["Result", referenceTitle, currentTitle, "Difference"],
            rows.Select(r => (IReadOnlyList<string>)[r.Result, r.Reference, r.Current, r.Difference]).ToList(),
            $"{title}. Counts are papers in their primary field; pattern shares and step counts are per paper × model. " + FigureCaptions.Rules(query, modelUnitApplies: false));
}
