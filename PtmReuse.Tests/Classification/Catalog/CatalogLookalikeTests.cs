using PtmReuse.Core.Classification;
using PtmReuse.Core.Classification.Catalog;
using PtmReuse.Core.Ingest.Formats;
using PtmReuse.Tests.Infrastructure;

namespace PtmReuse.Tests.Classification.Catalog;

/// <summary>
/// Look-alikes (failure class 2 of issue 10): words and names that contain or spell a model's name must not match,
/// while version-like model names must. Real sentences are read from corpus papers of the dev split or unlabelled ones.
/// </summary>
public sealed class CatalogLookalikeTests
{
    private static readonly PtmCatalog Catalog = PtmCatalog.LoadEmbedded();

    [Theory]
    [InlineData("plos/journal.pcbi.1004692.xml", "Robert Heschel")]                        // BERT inside a first name
    [InlineData("mixed/10.7554_eLife.05502.xml", "classical insect embryology")]            // YOLO inside embryology
    [InlineData("plos/journal.pone.0147124.xml", "SAM (Significance Analysis of Microarrays)")]
    [InlineData("biorxiv/10.1101_2023.03.16.532898.xml", "minimal salts, vitamins, and buffers")] // ViTamin-S spells vitamins
    [InlineData("biorxiv/10.1101_2023.04.14.536843.xml", "MEM vitamins")]
    [InlineData("biorxiv/10.1101_2023.08.02.551732.xml", "Chameleon Ultra II")]             // a laser, not the model family
    [InlineData("biorxiv/10.1101_2023.09.14.557827.xml", "MEGA X software")]                // phylogenetics software
    [InlineData("biorxiv/10.1101_2023.09.14.557827.xml", "Swint-Kruse")]                    // a surname spelling Swin-T
    [InlineData("plos/journal.pone.0080518.xml", "transgenic cotton cultivars")]
    [InlineData("biorxiv/10.1101_2023.07.05.547693.xml", "MELKTEEEEVGGVQPVSC")]             // VGG inside a peptide
    public void FindMentions_LookalikeInRealPaper_DoesNotMatch(string paper, string anchor)
    {
        var text = PaperDocument.FromPaper(PaperReader.ReadFile(TestPaths.CorpusFile(paper)).First()).Text;
        var at = text.IndexOf(anchor, StringComparison.Ordinal);
        Assert.True(at >= 0, $"'{anchor}' is not in {paper}");

        var overlapping = Catalog.FindMentions(text).Where(m => m.Start < at + anchor.Length && m.End > at).ToList();

        Assert.Empty(overlapping.Select(m => $"{m.Surface} -> {m.Canonical}"));
    }

    // Constructed sentences for look-alikes the corpus does not happen to contain.
    [Theory]
    [InlineData("Projections of the MPI-ESM Earth System Model under the CMIP6 scenarios were bias corrected before the ocean analysis.")]
    [InlineData("Climate forcing came from an ESM (Earth system model) ensemble; sequence of runs as in CMIP5.")]
    [InlineData("Plants of the wheat cultivar BERT were grown in field plots, and yield was compared across each variety.")]
    [InlineData("The tripeptide Ac-VGG-NH2 was synthesised and the peptide motif VGG was compared with GVG residue by residue.")]
    [InlineData("Nests of the falcon were found along the cliff, where the birds perch on the granite ledges.")]
    [InlineData("Mamba bites were recorded in the clinic; the venom of the black mamba (Dendroaspis polylepis) was assayed.")]
    [InlineData("Helium and argon were used as carrier gases in the chameleon enclosure.")]
    [InlineData("Primers were designed to amplify the 16S rRNA gene, and AMPLIFY buffer was added before cycling.")] // the verb, not AMPlify
    public void FindMentions_ConstructedLookalike_DoesNotMatch(string text) =>
        Assert.Empty(Catalog.FindMentions(text).Select(m => $"{m.Surface} -> {m.Canonical}"));

    [Theory]
    [InlineData("Larvae were detected in each frame with YOLOv8 fine-tuned on 2,000 annotated images.", "YOLOv8")]
    [InlineData("Sequences were embedded with ESM-2 650M and the mean embedding fed to a classifier.", "ESM-2")]
    [InlineData("Keypoints were estimated with ViTPose-B pre-trained on COCO.", "ViTPose-B")]
    [InlineData("Structures were predicted with ColabFold (AlphaFold2 weights) for every complex.", "ColabFold")]
    [InlineData("Peptides were identified with DIA-NN 1.8 in library-free mode.", "DIA-NN")]
    [InlineData("Features came from vit_base_patch16_224 loaded through timm.", "ViT")]
    [InlineData("Features came from eva02_base_patch14_448 loaded through timm.", "EVA-02-Base/14")]
    [InlineData("The backbone was cs3sedarknet_xdw from timm, pre-trained on ImageNet.", "CS3SE-DarkNet xdw")] // other token breaks
    [InlineData("Names were assigned an origin with Wiki2019-LSTM (Methods).", "Wiki-2019LSTM")]
    [InlineData("Independent components were classified with ICLabel in EEGLAB and artefacts removed.", "ICLabel")]
    [InlineData("Objects were found with Grounding DINO and OWL-ViT prompted with the class names.", "Grounding DINO")]
    [InlineData("Words were represented with BioWordVec embeddings trained on PubMed.", "BioWordVec")]
    [InlineData("The solution operator was learned with a Fourier Neural Operator trained on simulations.", "Fourier Neural Operator")]
    [InlineData("Antimicrobial peptides were predicted with AMPlify on every assembled contig.", "AMPlify")]
    [InlineData("Resistance genes were annotated with DeepARG and biosynthetic gene clusters with DeepBGC.", "DeepARG")]
    [InlineData("Viral contigs were flagged by geNomad before binning.", "geNomad")]
    public void FindMentions_ModelNameInUse_Matches(string text, string canonical) =>
        Assert.Contains(canonical, Catalog.FindMentions(text).Select(m => m.Canonical));

    [Fact]
    public void Guard_RequireDlCue_FiresOnlyBesideSharedDeepLearningVocabulary()
    {
        var entry = new CatalogEntry(1, "Omnistat", [], "Omnistat", "vision", null, null, PtmKind.TrainedModel,
            [new CatalogGuard("Omnistat", CaseSensitive: false, RequireDlCue: true)]);
        var catalog = new PtmCatalog([entry]);

        Assert.Empty(catalog.FindMentions("Omnistat was placed on the bench beside the incubator."));
        Assert.Single(catalog.FindMentions("Cells were segmented with the Omnistat network."));
    }

    [Theory]
    [InlineData("SAM", true)]
    [InlineData("T5", true)]
    [InlineData("ESM-2", true)]
    [InlineData("PEGASUS", true)]
    [InlineData("Falcon", true)]
    [InlineData("Cellpose", true)]
    [InlineData("ResNet-50", false)]
    [InlineData("DeepLabCut", false)]
    [InlineData("YOLOv8", false)]
    [InlineData("Segment Anything Model", false)]
    public void IsAmbiguous_Name_FollowsTheRule(string name, bool ambiguous) =>
        Assert.Equal(ambiguous, CatalogAmbiguity.IsAmbiguous(name));

    [Theory]
    [InlineData("base", true)]
    [InlineData("large", true)]
    [InlineData("X", true)]
    [InlineData("50", true)]
    [InlineData("Base 3D", true)]
    [InlineData("T5", false)]
    [InlineData("SAM", false)]
    public void IsHopeless_Name_FollowsTheRule(string name, bool hopeless) =>
        Assert.Equal(hopeless, CatalogAmbiguity.IsHopeless(name));
}
