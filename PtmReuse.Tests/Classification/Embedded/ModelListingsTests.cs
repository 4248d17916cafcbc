using PtmReuse.Core.Classification;
using PtmReuse.Core.Classification.Catalog;
using PtmReuse.Core.Classification.Embedded;
using PtmReuse.Core.Classification.Evaluation;
using PtmReuse.Core.Ingest.Formats;
using PtmReuse.Core.Papers;

using static PtmReuse.Tests.Classification.Embedded.EmbeddedPapers;

namespace PtmReuse.Tests.Classification.Embedded;

/// <summary>
/// Rules O11, O12, U10 and R2p (docs/classification-rubric.md): a software paper's table or list of the models its
/// package implements names those models, each reused conceptually; comparison tables, background lists and tables of
/// papers that offer no software name nothing.
/// </summary>
public sealed class ModelListingsTests
{
    private const string PackageTable =
        "Model Name | Algorithm - Architecture\n\n" +
        "RecurrentVarNet | Recurrent Variational Network [@yiasemis2021]\n\n" +
        "LPDNet | Learned Primal Dual Network [@lpd2018]\n\n" +
        "KIKINet | Kspace-Image-Kspace-Image Network [@kiki2018]";

    private static PaperDocument SoftwarePaper(string stored) => ResearchPaper("recon: a deep learning toolkit for MRI reconstruction",
        (SectionKind.Other, "Statement of need", "recon is a Python package for training deep learning models that reconstruct MR images from undersampled measurements."),
        (SectionKind.Other, "Baselines stored", stored));

    [Fact]
    public async Task Classify_SoftwarePaperTableOfImplementedModels_EachModelUsedConceptually()
    {
        var answers = await ClassifyAsync(SoftwarePaper(PackageTable));

        Assert.Equal(["RecurrentVarNet", "LPDNet", "KIKINet"], UsedModels(answers));
        var identify = (IdentifyPtmsAnswer)answers[Stage.IdentifyPtms];
        Assert.All(identify.Models, m => Assert.StartsWith("U10 ", m.Rule)); // a table has no sentence for U9 to read
        var reuse = (PtmReuseAnswer)answers[Stage.PtmReuse];
        Assert.All(reuse.Items, item => Assert.Equal((ReusePattern.Conceptual, "R2p"), (item.Pattern, item.Rule![..3])));
    }

    [Fact]
    public async Task Classify_TableWithScores_IsAComparisonNotAListing()
    {
        var answers = await ClassifyAsync(SoftwarePaper(
            "Model | SSIM | PSNR\n\nRecurrentVarNet | 0.93 | 38.1\n\nLPDNet | 0.91 | 36.4\n\nKIKINet | 0.88 | 34.0"));

        Assert.Empty(UsedModels(answers));
    }

    [Fact]
    public async Task Classify_ListingWithACountColumnAndAModelClassHeader_StillAListing()
    {
        // A whole number counts something about each model (views, inputs); only scores (decimals, percentages) make a
        // table of results. "Model class" names the identifiers the package gives its models.
        var answers = await ClassifyAsync(SoftwarePaper(
            "Model class | Model name | Number of views\n\nRecurrentVarNet | Recurrent Variational Network | 2\n\nLPDNet | Learned Primal Dual Network | >=1\n\nKIKINet | Kspace-Image-Kspace-Image Network | 1"));
        var scored = await ClassifyAsync(SoftwarePaper(
            "Model class | Model name | SSIM\n\nRecurrentVarNet | Recurrent Variational Network | 0.93\n\nLPDNet | Learned Primal Dual Network | 0.91\n\nKIKINet | Kspace-Image-Kspace-Image Network | 88 %"));

        Assert.Equal(["RecurrentVarNet", "LPDNet", "KIKINet"], UsedModels(answers));
        Assert.Empty(UsedModels(scored));
    }

    [Fact]
    public async Task Classify_ModelTableInAPaperOfferingNoSoftware_NotAListing()
    {
        var answers = await ClassifyAsync(ResearchPaper("Reconstruction quality of undersampled knee MRI",
            (SectionKind.Methods, "Methods", "We reconstructed 40 knee scans by compressed sensing."),
            (SectionKind.Other, "Networks in the literature", PackageTable)));

        Assert.Empty(UsedModels(answers));
    }

    [Fact]
    public async Task Classify_TableWhoseColumnsNameNoModel_NotAListing()
    {
        var answers = await ClassifyAsync(SoftwarePaper(
            "Dataset | Description\n\nFastMRI | Knee and brain scans [@fastmri]\n\nCalgaryCampinas | Brain scans from 12-channel coils\n\nSKM-TEA | Knee scans with segmentations"));

        Assert.Empty(UsedModels(answers));
    }

    [Fact]
    public async Task Classify_PackageListOfAvailableArchitectures_ListedNamesUsedConceptually()
    {
        var answers = await ClassifyAsync(ResearchPaper("segkit: A Medical Imaging Deep Learning Toolbox",
            (SectionKind.Other, "Statement of need", "segkit is an open-source Python package for training deep learning models on medical images."),
            (SectionKind.Other, "Architectures", "segkit includes the components needed to train segmentation models. Available architectures include: ResNet [@he2016], Count-ception [@cohen2017], and HeMIS U-Net.")));

        var used = UsedModels(answers);
        Assert.Contains("Count-ception", used);
        Assert.Contains("HeMIS", used); // the words before a catalog name ("U-Net") in one item name a model of their own
        Assert.Contains("ResNet", used);
        var reuse = (PtmReuseAnswer)answers[Stage.PtmReuse];
        Assert.Equal(ReusePattern.Conceptual, Assert.Single(reuse.Items, i => i.Model == "Count-ception").Pattern);
    }

    [Fact]
    public async Task Classify_ListOfArchitecturesNotOfferedByThePackage_NotAListing()
    {
        // "Available architectures" said of the field, in the introduction, and in a sentence naming no package.
        var answers = await ClassifyAsync(ResearchPaper("segkit: A Medical Imaging Deep Learning Toolbox",
            (SectionKind.Other, "Statement of need", "segkit is an open-source Python package for training deep learning models on medical images."),
            (SectionKind.Introduction, "Introduction", "Widely available architectures include: Count-ception, SegNeXt and HRNetV2.")));

        Assert.Empty(UsedModels(answers));
    }

    [Fact]
    public void Parse_MarkdownPipeTable_EachRowAParagraphWithItsCellsSeparated()
    {
        const string markdown = "# Tools\n\nText before.\n\n| Model Name | Architecture |\n|:--:|:--:|\n| RIM | Recurrent Inference Machine <br>[@a; @b] |\n| LPDNet | Learned Primal Dual Network |\n\nText after.\n";

        var paper = MarkdownParser.Parse(System.Text.Encoding.UTF8.GetBytes(markdown), "tools.md", null, plainText: false);

        var text = Assert.Single(paper.Sections).Text;
        Assert.Equal(["Text before.", "Model Name | Architecture", "RIM | Recurrent Inference Machine [@a; @b]", "LPDNet | Learned Primal Dual Network", "Text after."],
            text.Split("\n\n"));
    }
}
