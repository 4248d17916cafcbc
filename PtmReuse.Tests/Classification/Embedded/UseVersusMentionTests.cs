using PtmReuse.Core.Classification;
using PtmReuse.Core.Classification.Catalog;
using PtmReuse.Core.Classification.Embedded;
using PtmReuse.Core.Classification.Evaluation;
using PtmReuse.Core.Papers;

using static PtmReuse.Tests.Classification.Embedded.EmbeddedPapers;

namespace PtmReuse.Tests.Classification.Embedded;

/// <summary>
/// The failure classes of issue 10 as small papers: a mention is not a use, a look-alike is not a model, a name the
/// catalog lacks is found from its context, and each decision carries the rule that made it (docs/classification-rubric.md).
/// </summary>
public sealed class UseVersusMentionTests
{
    [Fact]
    public async Task Classify_ReviewArticleNamingManyModels_UsesNothing()
    {
        var answers = await ClassifyAsync(Paper("Deep learning in structural biology: a review", "review-article",
            (SectionKind.Introduction, "Introduction", "Deep learning has transformed protein science. AlphaFold 2 and RoseTTAFold predict structures from sequence."),
            (SectionKind.Other, "Language models", "ESM-2 and ProtBERT are protein language models trained on UniRef. ESMFold uses ESM-2 embeddings to predict structure."),
            (SectionKind.Other, "Imaging", "U-Net and Cellpose segment cells in microscopy images, and YOLOv8 detects objects in real time.")));

        Assert.False(((UsesDlAnswer)answers[Stage.UsesDl]).Result);
        Assert.Equal("D4 review or commentary: nothing run", answers[Stage.UsesDl].Rule);
        Assert.Empty(UsedModels(answers));
    }

    [Fact]
    public async Task Classify_ModelsNamedAsAlternativesAndExamples_OnlyTheRunModelCounts()
    {
        var answers = await ClassifyAsync(Paper("Tracking mice in the open field", null,
            (SectionKind.Methods, "Methods", "Mouse poses were tracked with DeepLabCut version 2.3 on 40 videos. Unlike SLEAP, our set-up needs a single camera. Tools such as MARS or B-SOiD could also be used for behaviour classification."),
            (SectionKind.Results, "Results", "We compared DeepLabCut with LEAP on held-out frames.")));

        var identify = (IdentifyPtmsAnswer)answers[Stage.IdentifyPtms];
        Assert.Equal(["DeepLabCut"], UsedModels(answers));
        var sleap = Assert.Single(identify.Mentions!, m => m.Canonical == "SLEAP");
        Assert.Equal((MentionUse.Compared, "C1 compared against"), (sleap.Use, sleap.Rule));
        var mars = Assert.Single(identify.Mentions!, m => m.Model == "MARS");
        Assert.NotEqual(MentionUse.Used, mars.Use); // "could also be used": an alternative, hedged
        Assert.Matches("^(B1|F1) ", mars.Rule);
        Assert.StartsWith("U", Assert.Single(identify.Models).Rule);
    }

    [Fact]
    public async Task Classify_ModelNamedOnlyAsFutureWork_NotUsed()
    {
        var answers = await ClassifyAsync(Paper("Counting seedlings", null,
            (SectionKind.Methods, "Methods", "Seedlings were counted by two observers from photographs."),
            (SectionKind.Discussion, "Limitations", "In future, a detector such as YOLOv8 could be trained to count seedlings automatically.")));

        Assert.Empty(UsedModels(answers));
    }

    [Fact]
    public async Task Classify_OutputsOfAModelReadByAPackage_NotUsed()
    {
        var answers = await ClassifyAsync(Paper("structkit: a Python package for the analysis of AlphaFold results", null,
            (SectionKind.Other, "Statement of need", "The package reads protein structures predicted by AlphaFold and reports confidence scores per residue. It loads AlphaFold output files and the pLDDT values they hold.")));

        Assert.DoesNotContain("AlphaFold", UsedModels(answers));
        Assert.Contains("AlphaFold (TrainedModel): not used", Backend.Explain(Paper("structkit: a Python package for the analysis of AlphaFold results", null,
            (SectionKind.Other, "Statement of need", "The package reads protein structures predicted by AlphaFold and reports confidence scores per residue."))));
    }

    [Fact]
    public async Task Classify_ToolThatIngestsAModelsCsvDetections_NotUsed()
    {
        var answers = await ClassifyAsync(Paper("CallView: a dashboard for YOLOv8-style detection files", null,
            (SectionKind.Abstract, "Summary", "CallView turns YOLOv8-style CSV files into tables for plotting."),
            (SectionKind.Other, "Statement of need", "CallView ingests YOLOv8's CSV outputs and helps teams check YOLOv8 detection outputs by hour and site. Field teams review YOLOv8 detections before export.")));

        Assert.DoesNotContain("YOLOv8", UsedModels(answers));
        Assert.False(((UsesDlAnswer)answers[Stage.UsesDl]).Result);
        var explained = Backend.Explain(Paper("CallView", null, (SectionKind.Other, "Statement of need",
            "CallView ingests YOLOv8's CSV outputs and helps teams check YOLOv8 detection outputs by hour and site.")));
        Assert.Contains("B5 its outputs are read, it is not run", explained);
        Assert.DoesNotContain("[U", explained);
    }

    [Fact]
    public async Task Classify_ModelRunByTheAuthorsBesideItsCsvOutputs_StillUsed()
    {
        var answers = await ClassifyAsync(Paper("Counting gulls on cliffs", null,
            (SectionKind.Methods, "Methods", "We ran YOLOv8 on 3,000 drone images of the colony. YOLOv8 CSV files were then merged with the nest map and counts were checked by two observers.")));

        Assert.Contains("YOLOv8", UsedModels(answers));
    }

    [Theory]
    [InlineData("Our model, \"LeafNet,\" was trained from scratch on 9,000 leaf images.")]
    [InlineData("We proposed an improved model, LeafNet, trained from scratch on 9,000 leaf images.")]
    public async Task Classify_AuthorsOwnNewModelIntroduced_NotAReusedModel(string introduction)
    {
        var answers = await ClassifyAsync(Paper("Classifying leaf disease", null,
            (SectionKind.Methods, "Methods", introduction + " A web app returns disease predictions using LeafNet, and a pre-trained ResNet-50 was fine-tuned as a baseline.")));

        var used = UsedModels(answers);
        Assert.DoesNotContain("LeafNet", used);
        Assert.Contains("ResNet-50", used);
    }

    [Fact]
    public async Task Classify_OurNetworkNamedByACatalogArchitecture_StillUsed()
    {
        var answers = await ClassifyAsync(Paper("Classifying leaf disease", null,
            (SectionKind.Methods, "Methods", "Our network, U-Net, was trained from scratch on 9,000 leaf images with a convolutional encoder.")));

        Assert.Contains("U-Net", UsedModels(answers));
    }

    [Fact]
    public async Task Classify_RandomForestPackageShippingAPretrainedModel_NoDeepLearning()
    {
        var answers = await ClassifyAsync(Paper("icemap: mapping lake ice with a random forest", null,
            (SectionKind.Abstract, "Summary", "icemap implements a random forest classifier for lake ice from satellite bands. A pre-trained model and sample scenes are provided with the package.")));

        Assert.False(((UsesDlAnswer)answers[Stage.UsesDl]).Result);
    }

    [Theory]
    [InlineData("We compared a random forest with a pre-trained model from PyTorch on the same 4,000 satellite scenes, and the pre-trained model was fine-tuned for 20 epochs.")]
    [InlineData("A random forest was the baseline. We fine-tuned a pre-trained convolutional network on 4,000 satellite scenes of lake ice.")]
    public async Task Classify_ClassicalLearnerBesideDeepLearningVocabulary_StillDeepLearning(string methods)
    {
        var answers = await ClassifyAsync(Paper("Mapping lake ice", null, (SectionKind.Methods, "Methods", methods)));

        Assert.True(((UsesDlAnswer)answers[Stage.UsesDl]).Result);
    }

    [Theory]
    [InlineData("Robert and colleagues sampled 40 lakes in spring.", "BERT")]
    [InlineData("Embryology of the zebrafish was followed for 5 days.", "YOLO")]
    [InlineData("The Earth System Model (ESM) was run at 1 degree resolution for the ocean component.", "ESM")]
    public async Task Classify_LookAlikeNames_NoModel(string sentence, string model)
    {
        var answers = await ClassifyAsync(Paper("A field study", null, (SectionKind.Methods, "Methods", sentence + " Data were analysed in R.")));

        Assert.DoesNotContain(UsedModels(answers), m => m.Contains(model, StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task Classify_UnknownPretrainedModelName_FoundFromContextWithConfidenceAndRule()
    {
        var answers = await ClassifyAsync(Paper("Detecting otoliths", null,
            (SectionKind.Methods, "Methods", "We fine-tuned the pre-trained OtoNet-7 model on 800 labelled otolith images. OtoNet-7 was trained for 30 epochs with a learning rate of 0.001 and detected growth rings in every image.")));

        var identify = (IdentifyPtmsAnswer)answers[Stage.IdentifyPtms];
        var found = Assert.Single(identify.Models);
        Assert.Equal("OtoNet-7", found.Model);
        Assert.Null(found.Canonical); // not in the catalog: a proposal for it, not a catalog name
        var decision = Assert.Single(identify.Mentions!, m => m.Model == "OtoNet-7" && m.Use == MentionUse.Used);
        Assert.True(decision.NameConfidence >= 0.6, $"name confidence {decision.NameConfidence}");
        Assert.Contains("pre-trained OtoNet-7", found.Evidence!.Quote);
        var reuse = Assert.Single(((PtmReuseAnswer)answers[Stage.PtmReuse]).Items);
        Assert.Equal(ReusePattern.Adaptation, reuse.Pattern);
    }

    [Theory]
    [InlineData("We fine-tuned ImageNet-pretrained backbones from the timm library on 900 labelled burn photographs.", "ImageNet-pretrained")]
    [InlineData("We fine-tuned the pre-trained OtoNet-like model on 900 labelled otolith images.", "OtoNet-like")]
    [InlineData("We fine-tuned the pre-trained OtoNet-based model on 900 labelled otolith images.", "OtoNet-based")]
    [InlineData("We fine-tuned a pre-trained GrainNet-style network on 900 labelled otolith images.", "GrainNet-style")]
    public async Task Classify_CompoundAdjectiveOnAName_NotProposedAsAModel(string sentence, string compound)
    {
        // A real model in the next sentence, so the identification stage runs and its mentions can be read.
        var answers = await ClassifyAsync(Paper("Imaging study", null, (SectionKind.Methods, "Methods",
            sentence + " We fine-tuned a pre-trained ResNet50 network on the same images.")));

        Assert.Contains("ResNet-50", UsedModels(answers));
        var identify = (IdentifyPtmsAnswer)answers[Stage.IdentifyPtms];
        Assert.DoesNotContain(identify.Mentions ?? [], m => m.Model == compound);
        Assert.DoesNotContain(identify.Models, m => m.Model == compound);
    }

    [Fact]
    public async Task Classify_NamedArchitectureTrainedFromScratch_ConceptualReuse()
    {
        var answers = await ClassifyAsync(Paper("Classifying plankton", null,
            (SectionKind.Methods, "Methods", "We implemented ResNet-50 in PyTorch and trained it from scratch on 12,000 plankton images, with no pre-trained weights.")));

        var reuse = Assert.Single(((PtmReuseAnswer)answers[Stage.PtmReuse]).Items);
        Assert.Equal(("ResNet-50", ReusePattern.Conceptual), (reuse.Canonical, reuse.Pattern));
        Assert.NotNull(reuse.Rule);
    }

    [Fact]
    public async Task Classify_GenericCnnTrainedFromScratch_DeepLearningWithoutPtm()
    {
        var answers = await ClassifyAsync(Paper("Classifying plankton", null,
            (SectionKind.Methods, "Methods", "We trained a convolutional neural network with three convolutional layers from scratch on 12,000 plankton images.")));

        Assert.True(((UsesDlAnswer)answers[Stage.UsesDl]).Result);
        Assert.False(((UsesPtmsAnswer)answers[Stage.UsesPtms]).Result);
    }

    [Fact]
    public async Task Classify_SoftwarePaperListingItsArchitectures_EachIsUsed()
    {
        var answers = await ClassifyAsync(Paper("segkit: a deep learning toolbox for medical images", null,
            (SectionKind.Other, "Statement of need", "`segkit` is an open-source Python package for training deep learning models on medical images. Available architectures include: U-Net [@unet], ResNet [@resnet] and DenseNet [@densenet].")));

        Assert.Equal(["DenseNet", "ResNet", "U-Net"], UsedModels(answers).Order());
        Assert.All(((IdentifyPtmsAnswer)answers[Stage.IdentifyPtms]).Models, m => Assert.StartsWith("U9", m.Rule));
    }

    [Fact]
    public async Task Classify_StateOfTheArtDescribingAModelTheAuthorsRun_StillAUse()
    {
        // "state-of-the-art" describes the model; a statement about the field ("has been widely used") is what makes it not a use.
        var used = await ClassifyAsync(Paper("Nuclei in organoids", null,
            (SectionKind.Methods, "Image analysis", "Nuclei were segmented with the state-of-the-art Cellpose model in every stack.")));
        var field = await ClassifyAsync(Paper("Nuclei in organoids", null,
            (SectionKind.Methods, "Image analysis", "Cellpose has been widely used to segment nuclei in many laboratories. Nuclei were counted by hand.")));
        var slicer = await ClassifyAsync(Paper("SlicerSeg: a 3D Slicer plugin for Cellpose", null,
            (SectionKind.Other, "Summary", "SlicerSeg integrates Cellpose, a state-of-the-art deep learning-based tool for cell segmentation, into 3D Slicer.")));

        Assert.Equal(["Cellpose"], UsedModels(used));
        Assert.Empty(UsedModels(field));
        var offered = Assert.Single(((IdentifyPtmsAnswer)slicer[Stage.IdentifyPtms]).Mentions!, m => m.Canonical == "Cellpose" && m.Use == MentionUse.Used);
        Assert.Equal((MentionUse.Used, "U9 the software implements or ships it"), (offered.Use, offered.Rule));
    }

    [Fact]
    public async Task Classify_DerivativeOfAKnownModel_FoundWithoutAContextRule()
    {
        // A sentence about deep learning, but nothing around the name in the shape of a context rule (O1–O9): the name
        // itself, a prefix on a catalog model's name, says it is a model.
        var answers = await ClassifyAsync(Paper("Mapping controversies on the web", null,
            (SectionKind.Methods, "Methods", "Each pair of paragraphs was classified as entailment, neutral or contradiction with deep learning: mDeBERTa, run with its published weights. mTOR and pERK levels were not measured.")));

        var identify = (IdentifyPtmsAnswer)answers[Stage.IdentifyPtms];
        var model = Assert.Single(identify.Models);
        Assert.Equal("mDeBERTa", model.Model);
        Assert.Contains("O10 a known model's derivative name", model.Rule);
        Assert.True(OpenVocabulary.IsDerivativeOfKnownModel("BioViT", EmbeddedCatalog));
        Assert.True(OpenVocabulary.IsDerivativeOfKnownModel("Brain-ResNet", EmbeddedCatalog));
        Assert.False(OpenVocabulary.IsDerivativeOfKnownModel("Robert", EmbeddedCatalog));
        Assert.False(OpenVocabulary.IsDerivativeOfKnownModel("mTOR", EmbeddedCatalog));
        Assert.False(OpenVocabulary.IsDerivativeOfKnownModel("iCLIP", EmbeddedCatalog)); // a laboratory method CLIP's guard names
    }

    [Fact]
    public async Task Classify_HyphenatedModelBuiltOnAKnownOne_NamedAsItself()
    {
        var answers = await ClassifyAsync(Paper("Chromatin marks from sequence", null,
            (SectionKind.Methods, "Methods", "We trained Brain-ResNet, a convolutional network of our own, on 2 million sequences from scratch.")));

        Assert.Equal(["Brain-ResNet"], UsedModels(answers));
    }

    [Fact]
    public async Task Classify_CitationKeyNamingAModel_IsNotAMention()
    {
        var answers = await ClassifyAsync(Paper("Trajectories", null,
            (SectionKind.Methods, "Methods", "Trajectories were embedded as vectors, an idea similar to Word2vec [@word2vec]. Embeddings were clustered with k-means.")));

        var mentions = ((IdentifyPtmsAnswer?)answers.GetValueOrDefault(Stage.IdentifyPtms))?.Mentions ?? [];
        Assert.DoesNotContain(mentions, m => m.Use == MentionUse.Used);
    }

    [Fact]
    public void RuleIds_PaperUsingOneModelAndComparingAnother_ListsEveryRuleThatFired()
    {
        var paper = Paper("Tracking mice in the open field", null,
            (SectionKind.Methods, "Methods", "Mouse poses were tracked with DeepLabCut version 2.3 on 40 videos. Unlike SLEAP, our set-up needs a single camera."));

        var ids = Backend.RuleIds(paper);

        Assert.Contains("C1", ids); // SLEAP, compared against
        Assert.Contains("D1", ids);
        Assert.Contains("P1", ids);
        Assert.Single(ids, id => id.StartsWith('R')); // one used PTM: one pattern rule and one step rule
        Assert.Single(ids, id => id.StartsWith('S'));
        Assert.All(ids, id => Assert.Matches("^[A-Z][0-9]+[a-z]?$", id));
    }

    [Theory]
    [InlineData("Nuclei were then segmented with NucleiNet on all 40 stacks.", "O14")]
    [InlineData("NucleiNet was then applied to all 40 stacks to segment nuclei.", "O13")]
    public async Task Classify_UnknownNameUsedBesideADeepLearningSentence_FoundFromThePassage(string sentence, string rule)
    {
        // The name's own sentence has no deep-learning word; the sentence before it has.
        var answers = await ClassifyAsync(Paper("Nuclear shape in organoids", null,
            (SectionKind.Methods, "Image analysis", "We trained a convolutional neural network on 300 annotated nuclei. " + sentence)));

        var model = Assert.Single(((IdentifyPtmsAnswer)answers[Stage.IdentifyPtms]).Models);
        Assert.Equal("NucleiNet", model.Model);
        Assert.Contains(rule, model.Rule);
    }

    [Fact]
    public async Task Classify_UnknownNameUsedWithoutDeepLearningNearby_NotReported()
    {
        // The same use far from any deep-learning sentence: a tool of the lab, not a model the context names.
        var answers = await ClassifyAsync(Paper("Nuclear shape in organoids", null,
            (SectionKind.Methods, "Culture", "We trained a convolutional neural network on 300 annotated nuclei."),
            (SectionKind.Methods, "Image analysis", "Organoids were imaged every day. Nuclei were then segmented with NucleiNet on all 40 stacks. Shapes were compared by ANOVA.")));

        Assert.DoesNotContain("NucleiNet", UsedModels(answers));
    }

    [Theory]
    [InlineData("Search results were collected via SerpAPI before the classifier ran.", "SerpAPI")]
    [InlineData("Summaries are generated through AIModelInterface, which calls the language model.", "AIModelInterface")]
    [InlineData("Joint angles were computed with the 7-DoF model of the arm.", "7-DoF")]
    public async Task Classify_SoftwareComponentOrMeasureBesideDeepLearning_NotAModel(string sentence, string name)
    {
        var answers = await ClassifyAsync(Paper("Arm control", null,
            (SectionKind.Methods, "Methods", "We fine-tuned a pre-trained ResNet50 network on 900 labelled images. " + sentence + " A transformer model ranked the results.")));

        Assert.Contains("ResNet-50", UsedModels(answers));
        Assert.DoesNotContain(name, UsedModels(answers));
    }

    [Fact]
    public async Task Classify_FrontMatterRepeatingTheTitle_ReadAsTheTitleNotAsAReport()
    {
        // A PDF's first page reaches the text as an unheaded block: the title again, the authors, the journal's banner.
        const string title = "DeepWave: deep learning layers built on convolutional neural networks";
        var frontMatter = await ClassifyAsync(Paper(title, null,
            (SectionKind.Other, "", title + " Jane Doe and John Roe Department of Physics, Example University DOI: 10.xxxxxx/draft Software Review Repository Archive"),
            (SectionKind.Methods, "Methods", "Wavelet coefficients are computed level by level and stored as arrays.")));
        var report = await ClassifyAsync(Paper(title, null,
            (SectionKind.Other, "", "We trained deep learning layers built on convolutional neural networks on 2,000 signals."),
            (SectionKind.Methods, "Methods", "Wavelet coefficients are computed level by level and stored as arrays.")));

        Assert.False(((UsesDlAnswer)frontMatter[Stage.UsesDl]).Result);
        Assert.Contains("0.0 [Title] " + title + " Jane Doe", Backend.Explain(Paper(title, null,
            (SectionKind.Other, "", title + " Jane Doe and John Roe Department of Physics, Example University DOI: 10.xxxxxx/draft Software Review Repository Archive"))));
        Assert.True(((UsesDlAnswer)report[Stage.UsesDl]).Result); // the same words as the authors' own work still count
    }

    [Theory]
    [InlineData("Pose-estimation packages such as DeepLabCut, LEAP and SLEAP version 1.3 are available to the community.")]
    [InlineData("Pose-estimation packages such as DeepLabCut [@dlc], LEAP [@leap] and SLEAP version 1.3 [@sleap] are available to the community.")]
    [InlineData("Pose-estimation packages such as DeepLabCut (Mathis et al., 2018), LEAP (Pereira et al., 2019) and SLEAP version 1.3 are available to the community.")]
    public async Task Classify_ExampleListWithCitationsBetweenItems_EveryItemIsAnExample(string sentence)
    {
        var answers = await ClassifyAsync(Paper("Grooming in mice", null,
            (SectionKind.Methods, "Methods", "We fine-tuned a pre-trained ResNet50 network on 900 labelled frames. " + sentence)));

        Assert.Equal(["ResNet-50"], UsedModels(answers));
        var sleap = Assert.Single(((IdentifyPtmsAnswer)answers[Stage.IdentifyPtms]).Mentions!, m => m.Canonical == "SLEAP");
        Assert.Equal((MentionUse.Cited, "B1 example in a list"), (sleap.Use, sleap.Rule));
    }

    [Theory]
    [InlineData("A neural network potential trained on forces reproduces {0}.", true)]
    [InlineData("A neural network trained on forces potentially reproduces {0}.", false)]
    [InlineData("A neural network trained on forces has the potential to reproduce {0}.", false)]
    public async Task Classify_PotentialAsNounOrHedge_OnlyTheHedgeStopsTheCue(string sentence, bool usesDl)
    {
        // Three such sentences, each without a verb of the authors' own use (half weight), make the threshold together.
        var text = string.Join(" ", new[] { "DFT energies", "DFT stresses", "phonon spectra" }.Select(target => string.Format(System.Globalization.CultureInfo.InvariantCulture, sentence, target)));
        var answers = await ClassifyAsync(Paper("Interatomic models for metals", null, (SectionKind.Methods, "Methods", text)));

        Assert.Equal(usesDl, ((UsesDlAnswer)answers[Stage.UsesDl]).Result);
    }

    [Fact]
    public async Task Classify_UnknownNameJoinedToAKnownModel_FoundAsAModel()
    {
        // MAF is shaped like a formula (three capitals) and has no context rule of its own: its partner RealNVP says
        // what it is. The bullet under "Features" is the package's own offer, naming the package or not.
        var answers = await ClassifyAsync(Paper("flowmc: a Python package for sampling with normalising flows", null,
            (SectionKind.Other, "Statement of need", "flowmc is a Python package for Bayesian inference."),
            (SectionKind.Other, "Features", "- Support for both MAF and RealNVP normalising flows with added regularisation [@maf; @realnvp].")));

        Assert.Equal(["MAF", "RealNVP"], UsedModels(answers).Order(StringComparer.Ordinal));
        var maf = Assert.Single(((IdentifyPtmsAnswer)answers[Stage.IdentifyPtms]).Models, m => m.Model == "MAF");
        Assert.Contains("O15 coordinated with a known model", maf.Rule);
        Assert.StartsWith("U9 ", maf.Rule);
    }

    [Theory]
    [InlineData("Samples were generated using NaCl and RealNVP normalising flows.", "NaCl")] // a formula stays a formula
    [InlineData("The package wraps PyTorch and JAXopt for the optimisers of the normalising flows.", "JAXopt")] // a framework's partner
    [InlineData("Features were encoded by an LSTM and ARIMAX models before the normalising flows.", "ARIMAX")] // a generic network type's partner
    public async Task Classify_NameJoinedToAFrameworkOrGenericType_NotTakenForAModel(string sentence, string name)
    {
        var answers = await ClassifyAsync(Paper("Sampling study", null,
            (SectionKind.Methods, "Methods", "We fine-tuned a pre-trained ResNet50 network on 900 labelled images. " + sentence)));

        Assert.DoesNotContain(name, UsedModels(answers));
    }
}
