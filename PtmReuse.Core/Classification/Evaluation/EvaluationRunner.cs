using System.Globalization;
using System.Text;
using PtmReuse.Core.Classification.Catalog;
using PtmReuse.Core.Classification.Embedded;
using PtmReuse.Core.Ingest.Formats;
using PtmReuse.Core.Classification.Runs;
using PtmReuse.Core.Export;
using PtmReuse.Core.Ingest;
using PtmReuse.Core.Review;

namespace PtmReuse.Core.Classification.Evaluation;

/// <summary>Scores of one backend on the dev and test splits, and what could not be matched.</summary>
public sealed record EvaluationResult(
    string Backend,
    string Model,
    EvaluationReport Dev,
    EvaluationReport Test,
    string DevDescription,
    string TestDescription,
    IReadOnlyList<string> Problems)
{
    /// <summary>The embedded pre-filter on each split (null when not measured).</summary>
    public PrefilterScore? PrefilterDev { get; init; }

    public PrefilterScore? PrefilterTest { get; init; }

    /// <summary>Dev and test side by side, one stage a row (the README table).</summary>
    public string FormatTable()
    {
        var invariant = CultureInfo.InvariantCulture;
        var text = new StringBuilder();
        text.AppendLine(invariant, $"backend {Backend}, model {Model}");
        text.AppendLine(invariant, $"dev:  {DevDescription}");
        text.AppendLine(invariant, $"test: {TestDescription}");
        text.AppendLine();
        text.AppendLine("| stage | dev | test |");
        text.AppendLine("|---|---|---|");
        static string Binary(BinaryScore s) => string.Create(CultureInfo.InvariantCulture, $"P {s.Precision:0.00} · R {s.Recall:0.00} · F1 {s.F1:0.00}");
        static string Accuracy(AccuracyScore s) => string.Create(CultureInfo.InvariantCulture, $"{s.Accuracy:0.00} ({s.Correct}/{s.Total})");
        text.AppendLine(invariant, $"| uses_dl | {Binary(Dev.UsesDl)} | {Binary(Test.UsesDl)} |");
        text.AppendLine(invariant, $"| uses_ptms | {Binary(Dev.UsesPtms)} | {Binary(Test.UsesPtms)} |");
        text.AppendLine(invariant, $"| PTM identification | {Binary(Dev.Identification)} | {Binary(Test.Identification)} |");
        text.AppendLine(invariant, $"| pattern (models both name) | {Accuracy(Dev.Pattern)} | {Accuracy(Test.Pattern)} |");
        text.AppendLine(invariant, $"| step (models both name) | {Accuracy(Dev.Step)} | {Accuracy(Test.Step)} |");
        if (PrefilterDev is { } pd && PrefilterTest is { } pt)
        {
            text.AppendLine(invariant, $"| pre-filter: papers ruled out (calls saved) | {pd.RuledOut}/{pd.Papers} ({pd.SavedShare:P0}) | {pt.RuledOut}/{pt.Papers} ({pt.SavedShare:P0}) |");
            text.AppendLine(invariant, $"| pre-filter: uses_dl recall | {pd.Recall:0.00} ({pd.DlKept}/{pd.DlPapers}) | {pt.Recall:0.00} ({pt.DlKept}/{pt.DlPapers}) |");
        }

        foreach (var problem in Problems)
        {
            text.AppendLine("problem: " + problem);
        }

        return text.ToString();
    }
}

/// <summary>
/// Evaluates a backend the way a user measures it: the labelled files are ingested into the (empty) store, one
/// `classify` run goes over them, and the `export decisions` records are compared with the labels — so the figures
/// cover ingest, classification, gating between stages and export, not the rules alone. Papers are matched to labels
/// by source file name, then DOI, then title.
/// </summary>
/// <summary>The pre-filter on one split: how many papers it rules out, and how many DL papers it keeps (its recall).</summary>
public sealed record PrefilterScore(int Papers, int RuledOut, int DlPapers, int DlKept)
{
    public double SavedShare => Papers == 0 ? 0 : (double)RuledOut / Papers;

    public double Recall => DlPapers == 0 ? 1 : (double)DlKept / DlPapers;

    public static PrefilterScore Of(IEnumerable<(bool LabelledDl, bool RuledOut)> papers)
    {
        var list = papers.ToList();
        return new PrefilterScore(list.Count, list.Count(p => p.RuledOut), list.Count(p => p.LabelledDl), list.Count(p => p.LabelledDl && !p.RuledOut));
    }
}

public sealed class EvaluationRunner(IPaperIngestor ingestor, ClassificationRunner runner, DecisionsExport export, IPtmCatalog catalog, IClassificationBackendFactory backends)
{
    public async Task<EvaluationResult> RunAsync(IReadOnlyList<EvaluationPaper> papers, string backend, CancellationToken cancellationToken)
    {
        var problems = new List<string>();
        var ingest = await ingestor.IngestAsync(papers.Select(p => IngestInput.FromPath(p.FullPath)).ToList(), "evaluation", null, cancellationToken);
        problems.AddRange(ingest.Errors.Select(e => $"ingest: {e.File}: {e.Reason}"));

        var run = await runner.RunAsync(new RunRequest(backend, null, RunRequest.AllStages, PaperSelection.All, Concurrency: 1), null, cancellationToken);
        var exported = new List<ExportedPaper>();
        await foreach (var paper in export.PapersAsync(new MachineDecisionFilter(run.Id, null), cancellationToken))
        {
            exported.Add(paper);
        }

        var byDoi = exported.Where(p => !string.IsNullOrEmpty(p.Doi)).ToLookup(p => p.Doi!.ToLowerInvariant());
        var byTitle = exported.ToLookup(p => TitleKey(p.Title));
        var byFile = exported.Where(p => p.SourceFile is not null).ToLookup(p => p.SourceFile!, StringComparer.Ordinal);
        var predictions = new Dictionary<string, PaperPrediction>(StringComparer.Ordinal);
        foreach (var paper in papers)
        {
            var label = paper.Label;
            var match = byFile[Path.GetFileName(paper.FullPath)].FirstOrDefault()
                        ?? (!string.IsNullOrWhiteSpace(label.Doi) ? byDoi[label.Doi.Trim().ToLowerInvariant()].FirstOrDefault() : null)
                        ?? byTitle[TitleKey(label.Title ?? "")].FirstOrDefault();
            if (match is null)
            {
                problems.Add($"no exported paper for {label.File}");
                continue;
            }

            predictions[label.File] = ToPrediction(label.File, match);
        }

        EvaluationReport Score(EvaluationSplit split) =>
            ClassificationEvaluator.Evaluate(papers.Where(p => p.Split == split).Select(p => p.Label).ToList(), predictions, catalog);

        // The pre-filter of LLM runs, on the same files: what it would rule out, and whether it would lose a DL paper.
        var prefilter = (EmbeddedBackend)backends.Create(EmbeddedBackend.BackendName, null);
        // Only papers that were ingested and scored: a file the ingest refused is already listed among the problems.
        var screened = papers.Where(p => predictions.ContainsKey(p.Label.File)).Select(p => (p.Split, p.Label.UsesDl, RuledOut: prefilter.Prefilter(PaperDocument.FromPaper(PaperReader.ReadFile(p.FullPath)[0])).RuledOut)).ToList();
        PrefilterScore Screen(EvaluationSplit split) => PrefilterScore.Of(screened.Where(s => s.Split == split).Select(s => (s.UsesDl, s.RuledOut)));

        return new EvaluationResult(
            run.Backend,
            run.Model,
            Score(EvaluationSplit.Dev),
            Score(EvaluationSplit.Test),
            EvaluationSet.Describe(papers.Where(p => p.Split == EvaluationSplit.Dev)),
            EvaluationSet.Describe(papers.Where(p => p.Split == EvaluationSplit.Test)),
            problems)
        {
            PrefilterDev = Screen(EvaluationSplit.Dev),
            PrefilterTest = Screen(EvaluationSplit.Test),
        };
    }

    /// <summary>An exported record read back as the evaluator's prediction (unknown counts as no, as a reader would).</summary>
    public static PaperPrediction ToPrediction(string file, ExportedPaper paper)
    {
        var usesDl = paper.UsesDl == true;
        var usesPtms = usesDl && paper.UsesPtms == true;
        var ptms = usesPtms
            ? paper.Ptms.Select(p => new PredictedPtm(
                p.Name,
                p.Canonical,
                Enum.TryParse<ReusePattern>(p.Pattern, ignoreCase: true, out var pattern) ? pattern : null,
                Enum.TryParse<ScienceStep>(p.Step, ignoreCase: true, out var step) ? step : null)).ToList()
            : [];
        return new PaperPrediction(file, usesDl, usesPtms, ptms);
    }

    private static string TitleKey(string title) => PtmCatalog.NormalizeKey(title);
}
