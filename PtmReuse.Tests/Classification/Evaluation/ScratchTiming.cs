using System.Diagnostics;
using PtmReuse.Core.Classification.Catalog;
using PtmReuse.Core.Classification.Embedded;
using PtmReuse.Core.Classification.Grounding;
using Xunit.Abstractions;

namespace PtmReuse.Tests.Classification.Evaluation;

public sealed class ScratchTiming(ITestOutputHelper output)
{
    [Fact]
    public void Timing()
    {
        var files = Directory.EnumerateFiles(Infrastructure.TestPaths.Corpus, "*.xml", SearchOption.AllDirectories).Take(60).ToList();
        var docs = files.Select(f => CorpusPapers.Load(Path.GetRelativePath(Infrastructure.TestPaths.Corpus, f))).ToList();
        var catalog = PtmCatalog.LoadEmbedded();
        void Time(string name, Action<string> a) { foreach (var d in docs.Take(5)) a(d.Text); var w = Stopwatch.StartNew(); foreach (var d in docs) a(d.Text); output.WriteLine($"{name}: {w.Elapsed.TotalMilliseconds / docs.Count:0.000} ms"); }
        Time("split", t => SentenceSplitter.Split(t));
        Time("mentions", t => catalog.FindMentions(t));
        Time("strong", t => EmbeddedRules.StrongDeepLearningCue().Count(t));
        Time("acronym", t => EmbeddedRules.AcronymDeepLearningCue().Count(t));
        Time("nn", t => EmbeddedRules.NeuralNetworkCue().Count(t));
        Time("bio", t => EmbeddedRules.BiologicalContext().Count(t));
        Time("neg", t => { foreach (var s in SentenceSplitter.Split(t)) EmbeddedRules.ConceptualCue().IsMatch(t.AsSpan(s.Start, s.Length)); });
        output.WriteLine($"avg len {docs.Average(d => d.Text.Length)}");
    }
}
