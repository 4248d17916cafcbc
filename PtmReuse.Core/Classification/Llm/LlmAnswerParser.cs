using System.Text.Json;
using System.Text.RegularExpressions;

namespace PtmReuse.Core.Classification.Llm;

/// <summary>A parsed answer, or why the reply could not be used.</summary>
public sealed record LlmParseResult(StageAnswer? Answer, string? ErrorKind, string? Problem)
{
    public static LlmParseResult Ok(StageAnswer answer) => new(answer, null, null);

    public static LlmParseResult Fail(string kind, string problem) => new(null, kind, problem);
}

/// <summary>
/// Reads a model's reply tolerantly (code fences, prose around the object, PascalCase/camelCase/snake_case keys,
/// trailing commas, "yes"/"no" for booleans) and validates it strictly against the stage's shape and value sets.
/// </summary>
public static partial class LlmAnswerParser
{
    private static readonly JsonDocumentOptions DocumentOptions = new()
    {
        AllowTrailingCommas = true,
        CommentHandling = JsonCommentHandling.Skip,
    };

    public static LlmParseResult Parse(Stage stage, string? reply)
    {
        if (string.IsNullOrWhiteSpace(reply))
        {
            return LlmParseResult.Fail(StageErrorKinds.Empty, "the reply was empty");
        }

        var json = ExtractJson(reply);
        if (json is null)
        {
            return LooksLikeRefusal(reply)
                ? LlmParseResult.Fail(StageErrorKinds.Refusal, "the model declined to answer")
                : LlmParseResult.Fail(StageErrorKinds.Unparseable, "the reply contains no JSON object");
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, DocumentOptions);
        }
        catch (JsonException ex)
        {
            return LlmParseResult.Fail(StageErrorKinds.Unparseable, "the JSON is not valid: " + ex.Message);
        }

        using (document)
        {
            try
            {
                return LlmParseResult.Ok(Read(stage, document.RootElement));
            }
            catch (AnswerException ex)
            {
                return LlmParseResult.Fail(ex.Kind, ex.Message);
            }
        }
    }

    /// <summary>The JSON object (or array) inside a reply: fenced block first, else the outermost braces.</summary>
    internal static string? ExtractJson(string reply)
    {
        var fenced = Fence().Match(reply);
        var text = fenced.Success ? fenced.Groups["body"].Value : reply;
        var open = text.IndexOfAny(['{', '[']);
        if (open < 0)
        {
            return null;
        }

        var close = text.LastIndexOf(text[open] == '{' ? '}' : ']');
        return close > open ? text[open..(close + 1)] : text[open..];
    }

    private static StageAnswer Read(Stage stage, JsonElement root) => stage switch
    {
        Stage.UsesDl => ReadFlag(root, (result, evidence) => new UsesDlAnswer(result, evidence)),
        Stage.UsesPtms => ReadFlag(root, (result, evidence) => new UsesPtmsAnswer(result, evidence)),
        Stage.IdentifyPtms => new IdentifyPtmsAnswer(ReadItems(root, "models", item =>
            new PtmMention(RequiredString(item, "model"), OptionalString(item, "canonical"), EvidenceOf(item)))),
        Stage.PtmReuse => new PtmReuseAnswer(ReadItems(root, "items", item =>
            new PtmReuseItem(RequiredString(item, "model"), OptionalString(item, "canonical"), OptionalString(item, "form") ?? "", ReadPattern(item), EvidenceOf(item)))),
        Stage.PtmImpact => new PtmImpactAnswer(ReadItems(root, "items", item =>
            new PtmImpactItem(RequiredString(item, "model"), OptionalString(item, "canonical"), ReadStep(item), EvidenceOf(item)))),
        _ => throw new ArgumentOutOfRangeException(nameof(stage)),
    };

    private static T ReadFlag<T>(JsonElement root, Func<bool, Evidence?, T> create)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw new AnswerException(StageErrorKinds.SchemaInvalid, "expected a JSON object with \"result\" and \"evidence\"");
        }

        var value = Property(root, "result", "answer", "value")
            ?? throw new AnswerException(StageErrorKinds.SchemaInvalid, "the \"result\" field is missing");
        bool result = value.ValueKind switch
        {
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            JsonValueKind.String when value.GetString()!.Trim().ToLowerInvariant() is "true" or "yes" => true,
            JsonValueKind.String when value.GetString()!.Trim().ToLowerInvariant() is "false" or "no" => false,
            _ => throw new AnswerException(StageErrorKinds.OutOfSet, $"\"result\" must be true or false, not {value.GetRawText()}"),
        };
        return create(result, EvidenceOf(root));
    }

    private static List<T> ReadItems<T>(JsonElement root, string listName, Func<JsonElement, T> read)
    {
        var list = root.ValueKind == JsonValueKind.Array ? root : Property(root, listName, "models", "items", "ptms");
        if (list is not { ValueKind: JsonValueKind.Array } array)
        {
            throw new AnswerException(StageErrorKinds.SchemaInvalid, $"expected a JSON object with a \"{listName}\" list");
        }

        var items = new List<T>();
        foreach (var item in array.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.Object)
            {
                throw new AnswerException(StageErrorKinds.SchemaInvalid, $"every entry of \"{listName}\" must be an object");
            }

            items.Add(read(item));
        }

        return items;
    }

    private static ReusePattern ReadPattern(JsonElement item)
    {
        var text = RequiredString(item, "pattern");
        return text.Trim().ToLowerInvariant() switch
        {
            "conceptual" => ReusePattern.Conceptual,
            "adaptation" => ReusePattern.Adaptation,
            "deployment" => ReusePattern.Deployment,
            _ => throw new AnswerException(StageErrorKinds.OutOfSet, $"pattern \"{text}\" is not one of conceptual, adaptation, deployment"),
        };
    }

    private static ScienceStep ReadStep(JsonElement item)
    {
        var text = RequiredString(item, "step");
        return Enum.TryParse<ScienceStep>(text.Trim(), ignoreCase: true, out var step) && Enum.IsDefined(step) && !int.TryParse(text, out _)
            ? step
            : throw new AnswerException(StageErrorKinds.OutOfSet, $"step \"{text}\" is not one of {string.Join(", ", Enum.GetNames<ScienceStep>())}");
    }

    private static Evidence? EvidenceOf(JsonElement element)
    {
        var quote = OptionalString(element, "evidence", "quote");
        return string.IsNullOrWhiteSpace(quote) ? null : new Evidence(quote.Trim());
    }

    private static string RequiredString(JsonElement element, string name)
    {
        var value = OptionalString(element, name);
        return string.IsNullOrWhiteSpace(value)
            ? throw new AnswerException(StageErrorKinds.SchemaInvalid, $"an entry has no \"{name}\"")
            : value.Trim();
    }

    private static string? OptionalString(JsonElement element, params string[] names)
    {
        var value = Property(element, names);
        return value?.ValueKind switch
        {
            null or JsonValueKind.Null => null,
            JsonValueKind.String => value.Value.GetString(),
            _ => throw new AnswerException(StageErrorKinds.SchemaInvalid, $"\"{names[0]}\" must be a string"),
        };
    }

    /// <summary>A property by any of its names, comparing without case and without '_' or '-'.</summary>
    private static JsonElement? Property(JsonElement element, params string[] names)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        foreach (var name in names)
        {
            foreach (var property in element.EnumerateObject())
            {
                if (string.Equals(Normalise(property.Name), Normalise(name), StringComparison.Ordinal))
                {
                    return property.Value;
                }
            }
        }

        return null;
    }

    private static string Normalise(string name) => name.Replace("_", "", StringComparison.Ordinal).Replace("-", "", StringComparison.Ordinal).ToLowerInvariant();

    private static bool LooksLikeRefusal(string reply) => Refusal().IsMatch(reply);

    [GeneratedRegex(@"```(?:json|JSON)?\s*(?<body>[\s\S]*?)(```|$)")]
    private static partial Regex Fence();

    [GeneratedRegex(@"\b(I('m| am) (sorry|unable)|I can(no|')t (help|assist|comply|answer)|I won't)", RegexOptions.IgnoreCase)]
    private static partial Regex Refusal();

    private sealed class AnswerException(string kind, string message) : Exception(message)
    {
        public string Kind { get; } = kind;
    }
}
