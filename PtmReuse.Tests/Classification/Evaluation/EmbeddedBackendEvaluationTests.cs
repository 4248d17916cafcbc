using PtmReuse.Core.Classification;
using PtmReuse.Core.Classification.Catalog;
using PtmReuse.Core.Classification.Embedded;
using PtmReuse.Core.Classification.Evaluation;
using PtmReuse.Core.Ingest.Formats;
using PtmReuse.Tests.Infrastructure;
using Xunit.Abstractions;

namespace PtmReuse.Tests.Classification.Evaluation;

/// <summary>
/// The embedded backend on the fixed evaluation set (eval/split.csv), dev and test side by side. The floors are
/// regression guards a little under the figures measured when the rules were last changed (README "How good are the
/// labels"), not targets: a rule or catalog change that loses ground on either split fails here. Rules are tuned on
/// dev only; the test figures are read in aggregate, never paper by paper.
/// </summary>
public sealed class EmbeddedBackendEvaluationTests(ITestOutputHelper output)
{
    [Fact]
    public async Task EmbeddedBackend_EvaluationSet_HoldsItsFiguresOnDevAndTest()
    {
        var papers = EvaluationSet.Load(Path.Combine(TestPaths.RepositoryRoot, "eval"), TestPaths.Corpus);
        var catalog = PtmCatalog.LoadEmbedded();
        var backend = new EmbeddedBackend(catalog);
        var predictions = new Dictionary<string, PaperPrediction>();
        foreach (var paper in papers)
        {
            var document = PaperDocument.FromPaper(PaperReader.ReadFile(paper.FullPath)[0]);
            var outcomes = await StagePipeline.ClassifyAsync(backend, document, null, CancellationToken.None);
            predictions[paper.Label.File] = PaperPrediction.From(paper.Label.File, StagePipeline.Answers(outcomes));
        }

        EvaluationReport Score(EvaluationSplit split) =>
            ClassificationEvaluator.Evaluate(papers.Where(p => p.Split == split).Select(p => p.Label).ToList(), predictions, catalog);
        var dev = Score(EvaluationSplit.Dev);
        var test = Score(EvaluationSplit.Test);
        output.WriteLine("dev\n" + dev.Format() + "\ntest\n" + test.Format());

        // rules-2.2 with evaluation batch 6 (2026-12-08): dev uses_dl 0.96, uses_ptms 0.88, identification 0.80, pattern
        // 55/57, step 27/35; test 0.82, 0.75, 0.52, 31/37, 30/37. rules-2.3 gives the same figures (its gains are on private
        // material that is not bundled), so the floors stay.
        Assert.Multiple(
            () => Assert.True(dev.UsesDl.F1 >= 0.94, $"dev uses_dl F1 {dev.UsesDl.F1:0.000}"),
            () => Assert.True(dev.UsesPtms.F1 >= 0.86, $"dev uses_ptms F1 {dev.UsesPtms.F1:0.000}"),
            () => Assert.True(dev.Identification.F1 >= 0.78, $"dev identification F1 {dev.Identification.F1:0.000}"),
            () => Assert.True(dev.Pattern.Accuracy >= 0.94, $"dev pattern {dev.Pattern.Accuracy:0.000}"),
            // 0.75, not 0.77: batch 6's newly found flows (MAF, RealNVP in pocoMC, labelled Analysis) are read as Test and
            // Observation; no step that was right changed (27 right before and after).
            () => Assert.True(dev.Step.Accuracy >= 0.75, $"dev step {dev.Step.Accuracy:0.000}"),
            () => Assert.True(test.UsesDl.F1 >= 0.80, $"test uses_dl F1 {test.UsesDl.F1:0.000}"),
            () => Assert.True(test.UsesPtms.F1 >= 0.73, $"test uses_ptms F1 {test.UsesPtms.F1:0.000}"),
            // 0.50, not 0.51: rules-2.2 finds more of test's PTM papers (uses_ptms recall 0.63 -> 0.71) but names
            // some wrongly there (identification precision 0.69 -> 0.64, recall 0.43 -> 0.44): F1 0.53 -> 0.52.
            () => Assert.True(test.Identification.F1 >= 0.50, $"test identification F1 {test.Identification.F1:0.000}"),
            () => Assert.True(test.Pattern.Accuracy >= 0.82, $"test pattern {test.Pattern.Accuracy:0.000}"),
            () => Assert.True(test.Step.Accuracy >= 0.79, $"test step {test.Step.Accuracy:0.000}"));
    }
}
