using PtmReuse.Core.Classification.Catalog;
using PtmReuse.Core.Classification.Evaluation;
using PtmReuse.Core.Classification.Grounding;
using Xunit.Abstractions;

namespace PtmReuse.Tests.Classification.Evaluation;

public sealed class LabelFixtureTests(ITestOutputHelper output)
{
    private static readonly IReadOnlyList<LabelledPaper> Labels = LabelSet.Load(CorpusPapers.LabelsPath);

    [Fact]
    public void Labels_CoverAtLeast60CorpusPapersOfBothClasses()
    {
        Assert.True(Labels.Count >= 60);
        Assert.Equal(Labels.Count, Labels.Select(l => l.File).Distinct().Count());
        Assert.True(Labels.Count(l => l.UsesDl) >= 10, "too few deep-learning papers");
        Assert.True(Labels.Count(l => !l.UsesDl) >= 40, "too few papers without deep learning");
        Assert.All(Labels, l => Assert.True(File.Exists(Infrastructure.TestPaths.CorpusFile(l.File)), l.File));
    }

    [Fact]
    public void Labels_AreConsistent_ModelsOnlyWhenUsesPtms()
    {
        Assert.All(Labels, l =>
        {
            Assert.False(l.UsesPtms && !l.UsesDl, $"{l.File}: uses_ptms without uses_dl");
            Assert.Equal(l.UsesPtms, l.Ptms.Count > 0);
        });
    }

    [Fact]
    public void LabelEvidence_EveryQuote_IsGroundedInTheParsedPaper()
    {
        var ungrounded = new List<string>();
        foreach (var label in Labels)
        {
            if (label.File.EndsWith(".pdf", StringComparison.OrdinalIgnoreCase))
            {
                // PDF text carries extraction artefacts (JOSS line numbers glued to words); quotes are checked on XML/Markdown.
                continue;
            }

            var document = CorpusPapers.Load(label.File);
            var quotes = label.Ptms.Select(p => p.Evidence).Append(label.Evidence).Where(q => !string.IsNullOrWhiteSpace(q));
            foreach (var quote in quotes)
            {
                var match = EvidenceLocator.Locate(document, quote);
                if (!match.Grounded)
                {
                    ungrounded.Add($"{label.File}: \"{quote}\" (closest: \"{match.Passage}\")");
                }
            }
        }

        foreach (var line in ungrounded)
        {
            output.WriteLine(line);
        }

        Assert.Empty(ungrounded);
    }

    [Fact]
    public void LabelledModels_AreAllInTheCatalog()
    {
        var catalog = PtmCatalog.LoadEmbedded();
        var unknown = Labels.SelectMany(l => l.Ptms).Where(p => p.Names.All(n => catalog.Canonicalize(n) is null)).Select(p => p.Names[0]).ToList();
        Assert.Empty(unknown);
    }
}
