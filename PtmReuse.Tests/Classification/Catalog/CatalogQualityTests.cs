using System.Text.RegularExpressions;
using PtmReuse.Core.Classification;
using PtmReuse.Core.Classification.Catalog;
using PtmReuse.Tests.Infrastructure;

namespace PtmReuse.Tests.Classification.Catalog;

/// <summary>Whole-catalog rules: every name resolves to one entry, ambiguous names carry guards, provenance is present.</summary>
public sealed partial class CatalogQualityTests
{
    private static readonly PtmCatalog Catalog = PtmCatalog.LoadEmbedded();

    private static IEnumerable<(CatalogEntry Entry, string Name)> AllNames() =>
        Catalog.Entries.SelectMany(e => e.AllNames().Select(n => (e, n)));

    private static CatalogGuard? GuardOf(CatalogEntry entry, string name) =>
        entry.Guards?.FirstOrDefault(g => PtmCatalog.NormalizeKey(g.Alias) == PtmCatalog.NormalizeKey(name));

    [Fact]
    public void EveryName_Resolved_NamesExactlyItsOwnEntry()
    {
        var wrong = AllNames().Where(x => Catalog.Resolve(x.Name)?.Id != x.Entry.Id).Select(x => $"{x.Name} ({x.Entry.Canonical})").ToList();
        Assert.Empty(wrong);
    }

    [Fact]
    public void CanonicalNames_AcrossCatalog_AreUniqueEvenIgnoringCaseAndPunctuation()
    {
        var duplicates = Catalog.Entries.GroupBy(e => PtmCatalog.NormalizeKey(e.Canonical)).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        Assert.Empty(duplicates);
    }

    [Fact]
    public void AmbiguousNames_AcrossCatalog_AllCarryAGuardThatAsksForContext()
    {
        var ambiguous = AllNames().Where(x => CatalogAmbiguity.IsAmbiguous(x.Name)).ToList();
        var unguarded = ambiguous.Where(x => GuardOf(x.Entry, x.Name) is not { RequiresContext: true }).Select(x => x.Name).ToList();

        // The rule must actually select names (hundreds of short and word-like ones) for this test to mean anything.
        Assert.True(ambiguous.Count > 300, $"only {ambiguous.Count} ambiguous names");
        Assert.Empty(unguarded);
    }

    [Fact]
    public void Names_AcrossCatalog_NoneIsHopeless()
    {
        Assert.Empty(AllNames().Where(x => CatalogAmbiguity.IsHopeless(x.Name)).Select(x => x.Name));
    }

    [Fact]
    public void Names_SpellingACommonWordOfScientificText_AllCarryAGuard()
    {
        // Lower-case words of the corpus papers (dev split and unlabelled only: the test split stays unread) that occur in
        // at least three papers: a catalog name whose key spells one of them ("ViTamin-S" = vitamins) must ask for context.
        var vocabulary = CorpusVocabulary(minPapers: 3);
        Assert.True(vocabulary.Count > 5000, $"corpus vocabulary has only {vocabulary.Count} words");
        var unguarded = AllNames()
            .Where(x => vocabulary.Contains(PtmCatalog.NormalizeKey(x.Name)))
            .Where(x => GuardOf(x.Entry, x.Name) is not { RequiresContext: true })
            .Select(x => x.Name)
            .ToList();
        Assert.Empty(unguarded);
    }

    [Fact]
    public void Provenance_EveryEntry_HasASourceAndZooEntriesTheirCommitAndPath()
    {
        Assert.All(Catalog.Entries, e => Assert.False(string.IsNullOrWhiteSpace(e.Provenance?.Source), e.Canonical));
        var generated = Catalog.Entries.Where(e => e.Provenance!.Source is not (CatalogProvenance.Curated or CatalogProvenance.Override)).ToList();

        Assert.True(generated.Count >= 1000, $"only {generated.Count} entries come from model zoos");
        Assert.All(generated, e =>
        {
            Assert.Matches("^[0-9a-f]{40}$", e.Provenance!.Commit);
            Assert.False(string.IsNullOrWhiteSpace(e.Provenance.Path), e.Canonical);
            Assert.Contains('/', e.Provenance.Source);
        });
    }

    [Fact]
    public void Tools_WrappedModels_AreCatalogModels()
    {
        var tools = Catalog.Entries.Where(e => e.Kind == PtmKind.Tool).ToList();
        Assert.Contains(tools, t => t.Canonical == "ColabFold");
        Assert.All(tools.SelectMany(t => t.Wraps ?? []), wrapped =>
            Assert.True(Catalog.Resolve(wrapped) is { Kind: not PtmKind.Framework }, $"{wrapped} is not a catalog model"));
        Assert.Contains("AlphaFold 2", Catalog.Find("ColabFold")!.Wraps!);
    }

    [Theory]
    [InlineData("ColabFold", PtmKind.Tool)]
    [InlineData("DIA-NN", PtmKind.Tool)]
    [InlineData("SignalP 6.0", PtmKind.Tool)]
    [InlineData("Cellpose", PtmKind.Tool)]
    [InlineData("ICLabel", PtmKind.Tool)]
    [InlineData("ViTPose-B", PtmKind.TrainedModel)]
    [InlineData("RT-DETR", PtmKind.TrainedModel)]
    [InlineData("Grounding DINO", PtmKind.TrainedModel)]
    [InlineData("OWL-ViT", PtmKind.TrainedModel)]
    [InlineData("YOLO-World", PtmKind.TrainedModel)]
    [InlineData("BioWordVec", PtmKind.TrainedModel)]
    [InlineData("Fourier Neural Operator", PtmKind.Architecture)]
    [InlineData("EEGNet", PtmKind.Architecture)]
    [InlineData("TorchGeo", PtmKind.Framework)]
    public void Catalog_ModelsOfTheFailureClasses_ArePresentWithTheirKind(string canonical, PtmKind kind) =>
        Assert.Equal(kind, Catalog.Find(canonical)?.Kind);

    [Theory]
    [InlineData("eva02_base_patch14_224", "huggingface/pytorch-image-models")]
    [InlineData("seresnext26t_32x4d", "huggingface/pytorch-image-models")]
    [InlineData("convnext_tiny", "pytorch/vision")]
    [InlineData("Deformable DETR", "huggingface/transformers")]
    [InlineData("DeepSEA/beluga", "curated")]
    [InlineData("RTMPose", "open-mmlab/mmpose")]
    [InlineData("Cascade R-CNN", "open-mmlab/mmdetection")]
    [InlineData("Basset", "kipoi/models")]
    public void Resolve_ZooIdentifier_ComesWithItsSource(string name, string source) =>
        Assert.Equal(source, Catalog.Resolve(name)?.Provenance?.Source);

    private static HashSet<string> CorpusVocabulary(int minPapers)
    {
        var testSplit = File.ReadLines(Path.Combine(TestPaths.RepositoryRoot, "eval", "split.csv"))
            .Select(l => l.Split(','))
            .Where(f => f.Length >= 2 && f[1] == "test")
            .Select(f => f[0])
            .ToHashSet(StringComparer.Ordinal);
        var papersByWord = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var file in Directory.EnumerateFiles(TestPaths.Corpus, "*", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(TestPaths.Corpus, file).Replace('\\', '/');
            if (testSplit.Contains(relative) || Path.GetFileName(file).StartsWith("README", StringComparison.OrdinalIgnoreCase)
                || Path.GetExtension(file) is not (".xml" or ".md"))
            {
                continue;
            }

            foreach (var word in LowerCaseWord().Matches(File.ReadAllText(file)).Select(m => m.Value).Distinct(StringComparer.Ordinal))
            {
                papersByWord[word] = papersByWord.GetValueOrDefault(word) + 1;
            }
        }

        return papersByWord.Where(p => p.Value >= minPapers).Select(p => p.Key).ToHashSet(StringComparer.Ordinal);
    }

    [GeneratedRegex(@"(?<![\p{L}\p{N}+])\p{Ll}+(?![\p{L}\p{N}+])")]
    private static partial Regex LowerCaseWord();
}
