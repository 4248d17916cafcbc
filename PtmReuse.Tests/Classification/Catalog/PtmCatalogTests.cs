using PtmReuse.Core.Classification;
using PtmReuse.Core.Classification.Catalog;

namespace PtmReuse.Tests.Classification.Catalog;

public sealed class PtmCatalogTests
{
    private static readonly PtmCatalog Catalog = PtmCatalog.LoadEmbedded();

    [Fact]
    public void EmbeddedCatalog_Loaded_HasAtLeast2000ModelsWithUniqueIds()
    {
        Assert.True(Catalog.Entries.Count >= 2000, $"catalog has {Catalog.Entries.Count} entries");
        Assert.Equal(Catalog.Entries.Count, Catalog.Entries.Select(e => e.Id).Distinct().Count());
        Assert.All(Catalog.Entries, e => Assert.False(string.IsNullOrWhiteSpace(e.Family), e.Canonical));
    }

    [Theory]
    [InlineData("AlexNet")]
    [InlineData("AlphaFold 3")]
    [InlineData("AlphaFold-Multimer")]
    [InlineData("VGG-19")]
    [InlineData("ResNet-152")]
    [InlineData("Inception v3")]
    [InlineData("U-Net")]
    [InlineData("Mask R-CNN")]
    [InlineData("YOLOv8")]
    [InlineData("ESMFold")]
    [InlineData("ProtT5")]
    [InlineData("RoseTTAFold")]
    [InlineData("Geneformer")]
    [InlineData("scGPT")]
    [InlineData("PubMedBERT")]
    [InlineData("ChemBERTa")]
    [InlineData("Cellpose")]
    [InlineData("StarDist")]
    [InlineData("DeepLabCut")]
    [InlineData("Whisper")]
    [InlineData("LLaMA")]
    [InlineData("GPT-4")]
    public void EmbeddedCatalog_ScienceModel_IsPresent(string canonical) => Assert.NotNull(Catalog.Find(canonical));

    [Theory]
    [InlineData("ResNet-50", "ResNet-50")]
    [InlineData("ResNet50", "ResNet-50")]
    [InlineData("resnet 50", "ResNet-50")]
    [InlineData("AlphaFold2", "AlphaFold 2")]
    [InlineData("AlphaFold 2", "AlphaFold 2")]
    [InlineData("AF2", "AlphaFold 2")]
    [InlineData("alphafold-multimer", "AlphaFold-Multimer")]
    [InlineData("YOLO v5", "YOLOv5")]
    [InlineData("esm2", "ESM-2")]
    [InlineData("Segment Anything", "Segment Anything Model")]
    public void Canonicalize_SpellingVariant_ReturnsCanonical(string mention, string expected) =>
        Assert.Equal(expected, Catalog.Canonicalize(mention));

    [Fact]
    public void Canonicalize_UnknownName_ReturnsNull() => Assert.Null(Catalog.Canonicalize("MyLabNet-7"));

    [Fact]
    public void FindMentions_HyphenatedAndSpacedSpellings_FoundWithOffsets()
    {
        const string text = "Features came from a resnet 50 backbone; structures were predicted with AlphaFold2 and ESM-2.";
        var mentions = Catalog.FindMentions(text);
        Assert.Equal(["ResNet-50", "AlphaFold 2", "ESM-2"], mentions.Select(m => m.Canonical));
        Assert.All(mentions, m => Assert.Equal(m.Surface, text.Substring(m.Start, m.Length)));
    }

    [Fact]
    public void FindMentions_LongestNameFirst_PrefersSpecificModel()
    {
        var mentions = Catalog.FindMentions("Complexes were modelled with AlphaFold-Multimer v2.");
        Assert.Equal("AlphaFold-Multimer", Assert.Single(mentions).Canonical);
    }

    [Theory]
    [InlineData("Ago2 HITS-CLIP libraries were prepared by UV crosslinking and immunoprecipitation of RNA-binding proteins (CLIP).")]
    [InlineData("Methylation requires SAM (S-adenosylmethionine) as the methyl donor.")]
    [InlineData("Genes were selected with SAM (Significance Analysis of Microarrays) software.")]
    [InlineData("The wheat cultivar BERT was grown in field plots, with yield compared across each variety.")]
    [InlineData("Serum GPT and AST levels were measured as markers of liver damage (glutamic pyruvic transaminase).")]
    [InlineData("Llama were housed with alpacas in the camelid unit before nanobody immunisation.")]
    public void FindMentions_AmbiguousAliasInUnrelatedContext_DoesNotFire(string text) =>
        Assert.Empty(Catalog.FindMentions(text));

    [Theory]
    [InlineData("Cells were segmented by prompting SAM with bounding boxes on each image.", "Segment Anything Model")]
    [InlineData("Image and text embeddings were computed with CLIP, a contrastive vision-language model.", "CLIP")]
    [InlineData("Abstracts were classified by fine-tuning BERT on labelled text.", "BERT")]
    [InlineData("We prompted GPT with each abstract through the OpenAI API.", "GPT")]
    public void FindMentions_AmbiguousAliasInModelContext_Fires(string text, string canonical) =>
        Assert.Equal(canonical, Assert.Single(Catalog.FindMentions(text)).Canonical);

    [Fact]
    public void FindMentions_CaseSensitiveGuard_IgnoresLowerCaseWord()
    {
        Assert.Empty(Catalog.FindMentions("The yolo approach to segmentation of each image with a network."));
    }

    [Fact]
    public void Frameworks_AreInCatalog_MarkedAsNotModels()
    {
        Assert.Equal(PtmKind.Framework, Catalog.Find("PyTorch")!.Kind);
        Assert.Equal(PtmKind.Framework, Catalog.Find("TensorFlow")!.Kind);
        Assert.Equal(PtmKind.Architecture, Catalog.Find("U-Net")!.Kind);
    }

    [Fact]
    public void Constructor_SameAliasOnTwoModels_FailsNamingBoth()
    {
        var entries = new[]
        {
            new CatalogEntry(1, "ModelA", ["Shared"], "A", "text", null, null, PtmKind.TrainedModel),
            new CatalogEntry(2, "ModelB", ["shared"], "B", "text", null, null, PtmKind.TrainedModel),
        };
        var error = Assert.Throws<InvalidDataException>(() => new PtmCatalog(entries));
        Assert.Contains("ModelA", error.Message);
        Assert.Contains("ModelB", error.Message);
    }
}
