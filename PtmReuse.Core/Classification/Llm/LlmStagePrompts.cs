using System.Security.Cryptography;
using System.Text;

namespace PtmReuse.Core.Classification.Llm;

/// <summary>
/// What differs between stages in a prompt: the objective, the definitions the model must apply, the JSON shape
/// and its schema. Everything else (context, style, tone, audience, how the paper is framed) is one template.
/// </summary>
public sealed record LlmStageDefinition(Stage Stage, string Objective, string Definitions, string Shape, string Schema, bool NeedsCatalog, bool NeedsModels);

/// <summary>A rendered, versioned stage prompt: the system message, the JSON schema and their SHA-256.</summary>
public sealed record LlmStagePrompt(Stage Stage, string SystemPrompt, string Schema, string Hash)
{
    public string SchemaName => Stage.WireName() + "_answer";
}

/// <summary>
/// The study's five stage prompts, rendered from one template. The hash (SHA-256 of template version, rendered
/// system prompt and schema) changes whenever a word of the prompt, the schema or the catalog reference changes, so
/// decisions made under an older prompt are never mistaken for current ones.
/// </summary>
public sealed class LlmStagePrompts
{
    /// <summary>Bump when the user-message framing (not part of the rendered system prompt) changes.</summary>
    public const string TemplateVersion = "llm-prompts/1";

    private const string Template = """
        CONTEXT
        You are assisting a study of how natural-science research papers reuse pre-trained deep learning models (PTMs).
        Each paper is read in five stages: whether the authors use deep learning, whether they reuse pre-trained
        models, which models, how each model is reused, and at which step of the scientific method it contributes.
        This request is one stage for one paper.

        OBJECTIVE
        {objective}

        DEFINITIONS
        {definitions}

        STYLE
        Judge from the paper text you are given and nothing else. Work done by the authors in this paper counts; work
        only cited, reviewed in the introduction, or listed in the references does not. Evidence must be copied
        verbatim from the paper text: one sentence or clause of at most 300 characters, exactly as written, with the
        same words, spelling and punctuation. Never paraphrase or join sentences in evidence.

        TONE
        Literal and cautious. Do not speculate beyond the text. When the text gives no support, answer false or an
        empty list.

        AUDIENCE
        A program reads your reply and researchers then check it against the paper. Reply with a single JSON object,
        with no prose before or after it and no code fences.

        REQUIRED JSON
        {shape}
        {reference}
        """;

    private static readonly string PatternDefinitions = """
        conceptual: the authors replicate or re-engineer an architecture or idea from the literature without using its trained weights (e.g. they train a U-Net from scratch).
        adaptation: the authors adapt a trained model to a different task: fine-tuning, transfer learning (including using its embeddings or features as input to a new model), distillation, parameter-efficient tuning such as LoRA.
        deployment: the authors reuse the whole trained model as it is, for what it was trained for (running AlphaFold to predict a structure, applying a published segmentation model to new images), possibly converted, quantised or served.
        """;

    private static readonly string StepDefinitions = """
        Observation: identifying or measuring a phenomenon (e.g. segmenting cells, detecting animals, annotating data).
        Background: reviewing prior work or knowledge.
        Hypothesis: forming a testable explanation or prediction.
        Test: the experiment or simulation that challenges the hypothesis.
        Analysis: reviewing or processing the data the test produced.
        Conclusion: reporting whether the results support the hypothesis.
        """;

    private static readonly IReadOnlyList<LlmStageDefinition> Definitions =
    [
        new(Stage.UsesDl,
            "Decide whether the authors themselves use deep learning in this work: training, fine-tuning or running a deep neural network (convolutional, recurrent/LSTM, transformer, graph neural network, autoencoder, diffusion model and the like) as part of their methods or analysis.",
            "Not deep learning: biological neural networks and neuron circuits, classical machine learning (random forests, support vector machines, logistic regression, k-means), statistical and mechanistic models, and deep learning that is only mentioned or cited.",
            """{"result": true or false, "evidence": "verbatim sentence showing the authors use deep learning; empty string when result is false"}""",
            FlagSchema, NeedsCatalog: false, NeedsModels: false),
        new(Stage.UsesPtms,
            "Decide whether the authors reuse at least one pre-trained deep learning model or published deep learning architecture in this work, in any of the three reuse patterns defined below.",
            PatternDefinitions + "A network the authors design and train entirely themselves, without building on a published model, is not reuse.",
            """{"result": true or false, "evidence": "verbatim sentence naming the reused model; empty string when result is false"}""",
            FlagSchema, NeedsCatalog: false, NeedsModels: false),
        new(Stage.IdentifyPtms,
            "List every pre-trained deep learning model or published architecture the authors reuse in this work, each once, named as the paper writes it.",
            "Include models the authors run, fine-tune, extract features from, or re-implement. Exclude software frameworks and libraries (PyTorch, TensorFlow, Keras, scikit-learn), models only cited or compared in related work, and models the authors invent.",
            """{"models": [{"model": "name as written in the paper", "evidence": "verbatim sentence where the authors use it"}]}""",
            """{"type":"object","properties":{"models":{"type":"array","items":{"type":"object","properties":{"model":{"type":"string"},"evidence":{"type":"string"}},"required":["model","evidence"],"additionalProperties":false}}},"required":["models"],"additionalProperties":false}""",
            NeedsCatalog: true, NeedsModels: false),
        new(Stage.PtmReuse,
            "For each model listed under 'Models identified', say how the authors reuse it: a short description of the form of reuse and exactly one pattern.",
            PatternDefinitions,
            """{"items": [{"model": "name as listed", "form": "short description, e.g. fine-tuned on 10k protein sequences", "pattern": "conceptual" or "adaptation" or "deployment", "evidence": "verbatim sentence"}]}""",
            """{"type":"object","properties":{"items":{"type":"array","items":{"type":"object","properties":{"model":{"type":"string"},"form":{"type":"string"},"pattern":{"type":"string","enum":["conceptual","adaptation","deployment"]},"evidence":{"type":"string"}},"required":["model","form","pattern","evidence"],"additionalProperties":false}}},"required":["items"],"additionalProperties":false}""",
            NeedsCatalog: false, NeedsModels: true),
        new(Stage.PtmImpact,
            "For each model listed under 'Models identified', say at which step of the scientific method the authors use it: exactly one step per model, the one where it matters most.",
            StepDefinitions,
            """{"items": [{"model": "name as listed", "step": "Observation" or "Background" or "Hypothesis" or "Test" or "Analysis" or "Conclusion", "evidence": "verbatim sentence"}]}""",
            """{"type":"object","properties":{"items":{"type":"array","items":{"type":"object","properties":{"model":{"type":"string"},"step":{"type":"string","enum":["Observation","Background","Hypothesis","Test","Analysis","Conclusion"]},"evidence":{"type":"string"}},"required":["model","step","evidence"],"additionalProperties":false}}},"required":["items"],"additionalProperties":false}""",
            NeedsCatalog: false, NeedsModels: true),
    ];

    private const string FlagSchema =
        """{"type":"object","properties":{"result":{"type":"boolean"},"evidence":{"type":"string"}},"required":["result","evidence"],"additionalProperties":false}""";

    private readonly Dictionary<Stage, LlmStagePrompt> _prompts;

    public LlmStagePrompts(IPtmCatalog catalog)
    {
        var reference = CatalogReference(catalog);
        _prompts = Definitions.ToDictionary(d => d.Stage, d => Render(d, reference));
    }

    public static IReadOnlyList<LlmStageDefinition> StageDefinitions => Definitions;

    public LlmStagePrompt For(Stage stage) => _prompts[stage];

    /// <summary>The user message: the paper excerpt, and for the per-model stages the models found earlier.</summary>
    public static string UserMessage(StageRequest request, string paperExcerpt)
    {
        var text = new StringBuilder();
        if (DefinitionOf(request.Stage).NeedsModels)
        {
            text.AppendLine("Models identified:");
            var models = request.EarlierAnswers.TryGetValue(Stage.IdentifyPtms, out var identified) && identified is IdentifyPtmsAnswer list
                ? list.Models.Select(m => m.Model).ToList()
                : [];
            text.AppendLine(models.Count == 0 ? "(none given: list the reused models yourself)" : string.Join("\n", models.Select(m => "- " + m)));
            text.AppendLine();
        }

        text.AppendLine("Paper text (sections chosen by priority; '[...]' marks text left out):");
        text.AppendLine();
        text.Append(paperExcerpt);
        return text.ToString();
    }

    /// <summary>The follow-up sent once when an answer could not be used, quoting the problem.</summary>
    public static string RepairMessage(string problem) =>
        $"Your previous reply could not be used: {problem}. Reply again with only the JSON object in the required shape, nothing else.";

    private static LlmStageDefinition DefinitionOf(Stage stage) => Definitions.Single(d => d.Stage == stage);

    private static LlmStagePrompt Render(LlmStageDefinition definition, string catalogReference)
    {
        var system = Template
            .Replace("{objective}", definition.Objective, StringComparison.Ordinal)
            .Replace("{definitions}", definition.Definitions.Trim(), StringComparison.Ordinal)
            .Replace("{shape}", definition.Shape, StringComparison.Ordinal)
            .Replace("{reference}", definition.NeedsCatalog ? catalogReference : "", StringComparison.Ordinal)
            .TrimEnd();
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(TemplateVersion + "\n" + system + "\n" + definition.Schema)));
        return new LlmStagePrompt(definition.Stage, system, definition.Schema, hash);
    }

    private static string CatalogReference(IPtmCatalog catalog)
    {
        var models = catalog.Models.Where(m => m.Kind != PtmKind.Framework).Select(m => m.Canonical).Distinct().Order(StringComparer.OrdinalIgnoreCase);
        var frameworks = catalog.Models.Where(m => m.Kind == PtmKind.Framework).Select(m => m.Canonical).Order(StringComparer.OrdinalIgnoreCase).ToList();
        var text = new StringBuilder();
        text.AppendLine();
        text.AppendLine("REFERENCE");
        text.AppendLine("Known pre-trained models and architectures (a guide to spelling, not a limit; name models as the paper writes them):");
        text.AppendLine(string.Join(", ", models));
        if (frameworks.Count > 0)
        {
            text.AppendLine("Frameworks, which are not models: " + string.Join(", ", frameworks));
        }

        return text.ToString().TrimEnd();
    }
}
