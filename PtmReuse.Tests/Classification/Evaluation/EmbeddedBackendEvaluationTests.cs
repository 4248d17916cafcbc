using PtmReuse.Core.Classification;
using PtmReuse.Core.Classification.Catalog;
using PtmReuse.Core.Classification.Embedded;
using PtmReuse.Core.Classification.Evaluation;
using Xunit.Abstractions;

namespace PtmReuse.Tests.Classification.Evaluation;

/// <summary>
/// The embedded backend against the hand labels of real corpus papers (parsed with the ingest parsers, no database).
/// A rule or catalog change that lowers any stage below its floor fails here.
/// </summary>
public sealed class EmbeddedBackendEvaluationTests(ITestOutputHelper output)
{
    [Fact]
    public async Task EmbeddedBackend_LabelledCorpusPapers_MeetsAccuracyFloors()
    {
        var labels = LabelSet.Load(CorpusPapers.LabelsPath);
        Assert.True(labels.Count >= 60, $"only {labels.Count} labels");
        var catalog = PtmCatalog.LoadEmbedded();
        var backend = new EmbeddedBackend(catalog);
        var predictions = new Dictionary<string, PaperPrediction>();
        foreach (var label in labels)
        {
            var document = CorpusPapers.Load(label.File);
            var outcomes = await StagePipeline.ClassifyAsync(backend, document, null, CancellationToken.None);
            predictions[label.File] = PaperPrediction.From(label.File, StagePipeline.Answers(outcomes));
        }

        var report = ClassificationEvaluator.Evaluate(labels, predictions, catalog);
        output.WriteLine(report.Format());

        Assert.True(report.UsesDl.F1 >= UsesDlF1Floor, $"uses_dl F1 {report.UsesDl.F1:0.000}");
        Assert.True(report.UsesPtms.F1 >= UsesPtmsF1Floor, $"uses_ptms F1 {report.UsesPtms.F1:0.000}");
        Assert.True(report.Identification.F1 >= IdentificationF1Floor, $"identification F1 {report.Identification.F1:0.000}");
        Assert.True(report.Pattern.Accuracy >= PatternAccuracyFloor, $"pattern accuracy {report.Pattern.Accuracy:0.000}");
        Assert.True(report.Step.Accuracy >= StepAccuracyFloor, $"step accuracy {report.Step.Accuracy:0.000}");
    }

    // Reached 1.000 on every stage (64 papers, rules-1.0), in-sample: the rules were tuned on these labels. The floors
    // allow one disagreement per stage (about 0.03-0.07 on sets this small) so a new label does not fail the build,
    // and stay above the targets (uses_dl 0.90, identification 0.80, pattern and step 0.70).
    private const double UsesDlF1Floor = 0.95;
    private const double UsesPtmsF1Floor = 0.90;
    private const double IdentificationF1Floor = 0.93;
    private const double PatternAccuracyFloor = 0.92;
    private const double StepAccuracyFloor = 0.92;
}
