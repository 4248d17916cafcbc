namespace PtmReuse.Core.Ingest.Formats;

/// <summary>
/// Limits every parser applies to untrusted input, whatever its size: trees deeper than this are refused before any
/// code walks them, so no recursion (ours, XLinq's, Markdig's renderers, YamlDotNet's deserializers) can overflow the
/// stack. Real papers nest a few dozen levels at most (JATS sections, lists, MathML).
/// </summary>
public static class InputLimits
{
    /// <summary>Deepest nesting accepted in XML elements, YAML and JSON values, and Markdown blocks and inlines.</summary>
    public const int MaxNestingDepth = 256;

    /// <summary>JSON parsing with the same depth limit (System.Text.Json's reader is iterative and stops there).</summary>
    public static readonly System.Text.Json.JsonDocumentOptions Json = new() { MaxDepth = MaxNestingDepth };

    /// <summary>
    /// The error for JSON that does not parse: <see cref="TooDeep"/> when it is nested past the limit (System.Text.Json
    /// says "maximum configured depth"), else "not valid JSON" with the parser's reason.
    /// </summary>
    public static string InvalidJson(string what, System.Text.Json.JsonException ex) =>
        ex.Message.Contains("maximum configured depth", StringComparison.OrdinalIgnoreCase)
            ? TooDeep(what, "JSON values")
            : $"{what} is not valid JSON: {ex.Message}";

    /// <summary>The one wording of a refused deep tree, so the error reads the same for every format.</summary>
    public static string TooDeep(string what, string kind) =>
        $"{what}: {kind} nested deeper than {MaxNestingDepth} levels; refused (no paper nests that deep; the file is broken or crafted)";
}
