using PtmReuse.Core.Classification;
using PtmReuse.Core.Classification.Catalog;
using PtmReuse.Core.Classification.Embedded;
using PtmReuse.Core.Classification.Evaluation;
using PtmReuse.Core.Papers;

using static PtmReuse.Tests.Classification.Embedded.EmbeddedPapers;

namespace PtmReuse.Tests.Classification.Embedded;

/// <summary>
/// Rule U11 (the one model in parentheses after a task is that task's instrument), rule O10 in a sentence with no
/// deep-learning word, and the catalog's "Llama" spelling (docs/classification-rubric.md).
/// </summary>
public sealed class TaskInstrumentTests
{
    private static PaperDocument FeatureList(string item) => ResearchPaper("webmap: crawling and mapping web controversies",
        (SectionKind.Methods, "Features", "The pipeline crawls pages and stores paragraphs. " + item));

    [Fact]
    public async Task Classify_DerivativeModelInParenthesesAfterATask_UsedWithoutAnyDeepLearningWord()
    {
        var answers = await ClassifyAsync(FeatureList("Natural Language Inference: cross-encoder classification (mDeBERTa XNLI multilingual) producing entailment relations between paragraph pairs."));

        Assert.Equal(["mDeBERTa"], UsedModels(answers));
        var model = Assert.Single(((IdentifyPtmsAnswer)answers[Stage.IdentifyPtms]).Models);
        Assert.StartsWith("U11 ", model.Rule);
    }

    [Fact]
    public async Task Classify_CatalogModelInParenthesesAfterATask_Used()
    {
        var answers = await ClassifyAsync(FeatureList("Body parts were located by markerless pose estimation (DeepLabCut) in every frame."));

        Assert.Contains("DeepLabCut", UsedModels(answers));
    }

    [Theory]
    [InlineData("Embeddings generation: multi-provider vectorization (OpenAI, Mistral, Gemini, Ollama) at paragraph granularity.")] // options, not a use
    [InlineData("Cross-encoder classification (see mDeBERTa) is left to the user.")] // not right after the parenthesis
    public async Task Classify_ParenthesisHoldingAListOrARemark_NotAnInstrument(string item)
    {
        var answers = await ClassifyAsync(FeatureList(item));

        Assert.Empty(UsedModels(answers));
    }

    [Fact]
    public async Task Classify_DerivativeShapedWordThatIsNoModel_NotFound()
    {
        // A lower-case prefix on a word that is no catalog model's name ("mRNA", "eLife") is not a derivative.
        var answers = await ClassifyAsync(FeatureList("Transcript quantification (mRNA counts) was read from eLife supplements."));

        Assert.Empty(UsedModels(answers));
        Assert.DoesNotContain(((IdentifyPtmsAnswer?)answers.GetValueOrDefault(Stage.IdentifyPtms))?.Mentions ?? [], m => m.Model is "mRNA" or "eLife");
    }

    [Theory]
    [InlineData("We fine-tuned Llama on 2,000 prompts with LoRA, a parameter-efficient method for language models.", true)]
    [InlineData("The llama (Lama glama) herd was sampled for nanobody libraries; each llama was immunised twice.", false)]
    public void FindMentions_LlamaSpelling_NeedsLanguageModelContext(string text, bool found)
    {
        Assert.Equal(found, EmbeddedCatalog.FindMentions(text).Any(m => m.Canonical == "LLaMA"));
    }
}
