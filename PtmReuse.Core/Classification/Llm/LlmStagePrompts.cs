using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

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

    private const string FlagSchema =
        """{"type":"object","properties":{"result":{"type":"boolean"},"evidence":{"type":"string"}},"required":["result","evidence"],"additionalProperties":false}""";

    /// <summary>The LLM view of each stage, built from the shared <see cref="StageDefinitions"/> (question, definition, choices, JSON shape).</summary>
    private static readonly IReadOnlyList<LlmStageDefinition> Definitions = StageDefinitions.All.Select(ForLlm).ToList();

    private static LlmStageDefinition ForLlm(StageDefinition stage)
    {
        var definitions = stage.Definition;
        if (stage.Choices.Count > 0)
        {
            definitions += "\n" + string.Join("\n", stage.Choices.Select(c => $"{c.WireName}: {c.Definition}"));
        }

        var perModel = stage.Stage is Stage.PtmReuse or Stage.PtmImpact;
        var objective = stage.Question + (perModel ? " Answer for each model listed under 'Models identified'." : "");
        return new LlmStageDefinition(stage.Stage, objective, definitions, stage.JsonShape, SchemaFor(stage),
            NeedsCatalog: stage.Stage == Stage.IdentifyPtms, NeedsModels: perModel);
    }

    /// <summary>A strict JSON schema for response_format json_schema (every property required, nullable where optional).</summary>
    private static string SchemaFor(StageDefinition stage)
    {
        if (stage.AnswerKind == StageAnswerKind.Flag)
        {
            return FlagSchema;
        }

        var properties = new JsonObject
        {
            ["model"] = new JsonObject { ["type"] = "string" },
            ["canonical"] = new JsonObject { ["type"] = new JsonArray("string", "null") },
        };
        var choiceProperty = stage.Stage switch { Stage.PtmReuse => "pattern", Stage.PtmImpact => "step", _ => null };
        if (stage.Stage == Stage.PtmReuse)
        {
            properties["form"] = new JsonObject { ["type"] = "string" };
        }

        if (choiceProperty is not null)
        {
            properties[choiceProperty] = new JsonObject
            {
                ["type"] = "string",
                ["enum"] = new JsonArray(stage.Choices.Select(c => (JsonNode?)JsonValue.Create(c.WireName)).ToArray()),
            };
        }

        properties["evidence"] = new JsonObject { ["type"] = "string" };
        var list = stage.Stage == Stage.IdentifyPtms ? "models" : "items";
        var item = new JsonObject
        {
            ["type"] = "object",
            ["properties"] = properties,
            ["required"] = new JsonArray(properties.Select(p => (JsonNode?)JsonValue.Create(p.Key)).ToArray()),
            ["additionalProperties"] = false,
        };
        var schema = new JsonObject
        {
            ["type"] = "object",
            ["properties"] = new JsonObject { [list] = new JsonObject { ["type"] = "array", ["items"] = item } },
            ["required"] = new JsonArray(JsonValue.Create(list)),
            ["additionalProperties"] = false,
        };
        return schema.ToJsonString();
    }

    private readonly Dictionary<Stage, LlmStagePrompt> _prompts;

    public LlmStagePrompts(IPtmCatalog catalog)
    {
        var reference = CatalogReference(catalog);
        _prompts = Definitions.ToDictionary(d => d.Stage, d => Render(d, reference));
    }

    public static IReadOnlyList<LlmStageDefinition> Stages => Definitions;

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
