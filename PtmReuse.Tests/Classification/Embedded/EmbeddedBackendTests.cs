using PtmReuse.Core.Classification;
using PtmReuse.Core.Classification.Catalog;
using PtmReuse.Core.Classification.Embedded;
using PtmReuse.Core.Classification.Evaluation;
using PtmReuse.Core.Papers;
using PtmReuse.Tests.Infrastructure;

namespace PtmReuse.Tests.Classification.Embedded;

public sealed class EmbeddedBackendTests
{
    private static readonly EmbeddedBackend Backend = new(PtmCatalog.LoadEmbedded());

    private static PaperDocument Paper(params (SectionKind Kind, string Heading, string Text)[] sections) => PaperDocument.FromPaper(new Paper
    {
        Id = 1,
        Title = "A study",
        ContentHash = Guid.NewGuid().ToString("N"),
        Sections = sections.Select((s, i) => new PaperSection { Ordinal = i, Kind = s.Kind, Heading = s.Heading, Text = s.Text }).ToList(),
    });

    private static async Task<IReadOnlyDictionary<Stage, StageAnswer>> ClassifyAsync(PaperDocument paper) =>
        StagePipeline.Answers(await StagePipeline.ClassifyAsync(Backend, paper, null, CancellationToken.None));

    [Fact]
    public async Task Classify_FineTunedModelInMethods_AdaptationWithVerbatimEvidence()
    {
        var paper = Paper(
            (SectionKind.Methods, "Methods", "Mouse poses were tracked with DeepLabCut. We fine-tuned DeepLabCut on 200 labelled frames from our arena. Positions were measured every frame."));
        var answers = await ClassifyAsync(paper);

        Assert.True(((UsesDlAnswer)answers[Stage.UsesDl]).Result);
        Assert.True(((UsesPtmsAnswer)answers[Stage.UsesPtms]).Result);
        var reuse = Assert.Single(((PtmReuseAnswer)answers[Stage.PtmReuse]).Items);
        Assert.Equal(("DeepLabCut", ReusePattern.Adaptation), (reuse.Canonical, reuse.Pattern));
        Assert.Equal(ScienceStep.Observation, Assert.Single(((PtmImpactAnswer)answers[Stage.PtmImpact]).Items).Step);
        Assert.All(answers.Values.SelectMany(a => a.AllEvidence()), e =>
        {
            Assert.True(e.Grounded);
            Assert.Equal(e.Quote, paper.Text.Substring(e.Start!.Value, e.Length!.Value));
        });
    }

    [Fact]
    public async Task Classify_ModelOnlyCitedInIntroductionAndDiscussion_NotReuse()
    {
        var paper = Paper(
            (SectionKind.Introduction, "Introduction", "AlphaFold 2 has transformed structural biology with deep learning."),
            (SectionKind.Methods, "Methods", "Proteins were purified and crystallised. Diffraction data were processed with XDS."),
            (SectionKind.Discussion, "Discussion", "Predicted structures from AlphaFold could be compared with ours in future work."));
        var answers = await ClassifyAsync(paper);

        Assert.False(((UsesDlAnswer)answers[Stage.UsesDl]).Result);
        Assert.False(answers.ContainsKey(Stage.UsesPtms));
    }

    [Fact]
    public async Task Classify_StructurePredictedWithAlphaFold_DeploymentHypothesis()
    {
        var answers = await ClassifyAsync(Paper(
            (SectionKind.Methods, "Methods", "The complex structure was predicted with AlphaFold-Multimer. The predicted interface suggested a mechanism that we then tested with mutants.")));

        var reuse = Assert.Single(((PtmReuseAnswer)answers[Stage.PtmReuse]).Items);
        Assert.Equal(("AlphaFold-Multimer", ReusePattern.Deployment), (reuse.Canonical, reuse.Pattern));
        Assert.Equal(ScienceStep.Hypothesis, Assert.Single(((PtmImpactAnswer)answers[Stage.PtmImpact]).Items).Step);
    }

    [Fact]
    public async Task Classify_ImplementedUNetFromScratch_Conceptual()
    {
        var answers = await ClassifyAsync(Paper(
            (SectionKind.Methods, "Methods", "We implemented a U-Net and trained it from scratch on 300 annotated images to segment nuclei.")));

        Assert.Equal(ReusePattern.Conceptual, Assert.Single(((PtmReuseAnswer)answers[Stage.PtmReuse]).Items).Pattern);
    }

    [Fact]
    public async Task Classify_ToolReusedRatherThanReimplemented_Deployment()
    {
        var answers = await ClassifyAsync(Paper(
            (SectionKind.Methods, "Methods", "Nuclei were segmented with Cellpose using the cyto3 weights. The viewer builds on Cellpose and tifffile rather than reimplementing solved problems.")));

        var reuse = Assert.Single(((PtmReuseAnswer)answers[Stage.PtmReuse]).Items);
        Assert.Equal(("Cellpose", ReusePattern.Deployment), (reuse.Canonical, reuse.Pattern));
        Assert.DoesNotContain("R2", reuse.Rule);
    }

    [Fact]
    public async Task Classify_ArchitectureReimplementedBesideATool_Conceptual()
    {
        var answers = await ClassifyAsync(Paper(
            (SectionKind.Methods, "Methods", "We re-implemented a U-Net in PyTorch to segment nuclei in 300 annotated images.")));

        Assert.Equal(ReusePattern.Conceptual, Assert.Single(((PtmReuseAnswer)answers[Stage.PtmReuse]).Items).Pattern);
    }

    [Fact]
    public async Task Classify_PerceptionModelFollowedByAnAnalysisSentence_StaysObservation()
    {
        var answers = await ClassifyAsync(Paper(
            (SectionKind.Methods, "Methods", "Each spectrogram of the recordings is embedded with DINOv2 pre-trained weights. The library then visualises this latent space with dimensionality reduction.")));

        var step = Assert.Single(((PtmImpactAnswer)answers[Stage.PtmImpact]).Items);
        Assert.Equal(("DINOv2", ScienceStep.Observation), (step.Canonical, step.Step));
    }

    [Fact]
    public async Task Classify_PerceptionModelInAnAnalysisSentence_Analysis()
    {
        var answers = await ClassifyAsync(Paper(
            (SectionKind.Methods, "Methods", "We used DINOv2 pre-trained embeddings in the statistical analysis of the survey results.")));

        Assert.Equal(ScienceStep.Analysis, Assert.Single(((PtmImpactAnswer)answers[Stage.PtmImpact]).Items).Step);
    }

    [Fact]
    public async Task Classify_SpikingNetworkSimulation_NotDeepLearning()
    {
        var answers = await ClassifyAsync(Paper(
            (SectionKind.Methods, "Methods", "We simulated a recurrent neural network of 5000 integrate-and-fire neurons with Poisson input. Synaptic weights were random and the spiking network was simulated with Brian.")));

        Assert.False(((UsesDlAnswer)answers[Stage.UsesDl]).Result);
    }

    [Fact]
    public async Task Classify_NegatedDeepLearning_NotCounted()
    {
        var answers = await ClassifyAsync(Paper(
            (SectionKind.Methods, "Methods", "We did not use deep learning or convolutional neural networks; cells were counted by hand.")));

        Assert.False(((UsesDlAnswer)answers[Stage.UsesDl]).Result);
    }

    [Fact]
    public async Task Classify_FrameworkOnly_DeepLearningWithoutPretrainedModel()
    {
        var answers = await ClassifyAsync(Paper(
            (SectionKind.Methods, "Methods", "A convolutional neural network with three layers was trained for 50 epochs in PyTorch. The network was trained from scratch on our images.")));

        Assert.True(((UsesDlAnswer)answers[Stage.UsesDl]).Result);
        Assert.False(((UsesPtmsAnswer)answers[Stage.UsesPtms]).Result);
    }

    [Fact]
    public async Task Backend_FromCoreServices_IsEmbeddedAndStableHash()
    {
        await using var database = await TestDatabase.CreateAsync();
        var backend = database.Get<IClassificationBackend>();
        Assert.Equal("embedded", backend.Name);
        Assert.Equal(backend.PromptHash(Stage.UsesDl), backend.PromptHash(Stage.UsesDl));
        Assert.NotEqual(backend.PromptHash(Stage.UsesDl), backend.PromptHash(Stage.UsesPtms));
    }

    [Fact]
    public async Task PromptHash_AfterCatalogEdit_Changes()
    {
        await using var database = await TestDatabase.CreateAsync();
        var backend = database.Get<EmbeddedBackend>();
        var before = backend.PromptHash(Stage.IdentifyPtms);
        await database.Get<PtmCatalogStore>().AddAliasAsync("ESM-2", "esm two", CancellationToken.None);
        Assert.NotEqual(before, backend.PromptHash(Stage.IdentifyPtms));
    }
}
