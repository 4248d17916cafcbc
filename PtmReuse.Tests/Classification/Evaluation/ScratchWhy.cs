using PtmReuse.Core.Classification;
using PtmReuse.Core.Classification.Catalog;
using PtmReuse.Core.Classification.Embedded;
using Xunit.Abstractions;

namespace PtmReuse.Tests.Classification.Evaluation;

public sealed class ScratchWhy(ITestOutputHelper output)
{
    [Theory]
    [InlineData("biorxiv/10.1101_2022.05.02.490321.xml")]
    [InlineData("plos/journal.pone.0114370.xml")]
    [InlineData("biorxiv/10.1101_2023.10.08.561407.xml")]
    public void Why(string file)
    {
        var doc = CorpusPapers.Load(file);
        var backend = new EmbeddedBackend(PtmCatalog.LoadEmbedded());
        var a = (UsesDlAnswer)backend.Classify(Stage.UsesDl, doc);
        output.WriteLine(a.Evidence?.Quote ?? "-");
        foreach (System.Text.RegularExpressions.Match m in EmbeddedRules.StrongDeepLearningCue().Matches(doc.Text)) output.WriteLine("S " + m.Value);
        foreach (System.Text.RegularExpressions.Match m in EmbeddedRules.NeuralNetworkCue().Matches(doc.Text)) output.WriteLine("N " + m.Value);
        foreach (System.Text.RegularExpressions.Match m in EmbeddedRules.AcronymDeepLearningCue().Matches(doc.Text)) output.WriteLine("A " + m.Value);
        foreach (var s in doc.Sections) output.WriteLine($"  sec {s.Kind} {s.Heading}");
    }
}
