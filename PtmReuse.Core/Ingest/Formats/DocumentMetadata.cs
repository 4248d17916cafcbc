using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using PtmReuse.Core.Papers;
using YamlDotNet.Core;
using YamlDotNet.Serialization;

namespace PtmReuse.Core.Ingest.Formats;

/// <summary>
/// Metadata given beside a Markdown, text or PDF paper: YAML front matter or a sidecar JSON file (&lt;file&gt;.json).
/// Keys (case-insensitive): title, doi, date, year, journal, publisher, licence/license, abstract,
/// authors (strings or {name}), keywords/tags, subjects.
/// </summary>
public static partial class DocumentMetadata
{
    private static readonly IDeserializer Yaml = new DeserializerBuilder().Build();

    private static Dictionary<string, object?> Parse(string yaml, string what)
    {
        CheckDepth(yaml, what);
        var parsed = Yaml.Deserialize<Dictionary<object, object?>>(yaml);
        return Normalize(parsed ?? []);
    }

    [GeneratedRegex(@"(?m)^\t+")]
    private static partial Regex LeadingTabs();

    // A line at column 0 that starts no key, list item or comment: the continuation of a quoted scalar from the line
    // above (hand-written front matter wraps long titles so; PyYAML and Pandoc read it, YamlDotNet does not).
    [GeneratedRegex(@"(?m)^(?=[^\s#\-])(?![^\r\n:]*:(?:[ \t]|\r?$))")]
    private static partial Regex UnindentedContinuation();

    /// <summary>
    /// The two indentation habits of hand-written front matter that YAML forbids and real papers have (ReScience
    /// articles): tabs as indentation, and a wrapped quoted title whose next line starts at column 0.
    /// </summary>
    private static string ForgiveIndentation(string yaml) =>
        UnindentedContinuation().Replace(LeadingTabs().Replace(yaml, m => new string(' ', 4 * m.Length)), ContinuationIndent);

    // Deeper than the block it continues (a list item's scalar sits at 4); a quoted or plain scalar folds its
    // continuation lines' leading spaces away, so too deep costs nothing.
    private const string ContinuationIndent = "        ";

    public static Dictionary<string, object?> FromYaml(string yaml, string what)
    {
        try
        {
            try
            {
                return Parse(yaml, what);
            }
            catch (YamlException)
            {
                // Read once more with the indentation forgiven before giving up; a file broken otherwise fails again,
                // and that error (on the forgiving read) is the one reported.
                var forgiven = ForgiveIndentation(yaml);
                if (forgiven == yaml)
                {
                    throw;
                }

                return Parse(forgiven, what);
            }
        }
        catch (PaperFormatException)
        {
            throw;
        }
        catch (Exception ex) when (ex is not OutOfMemoryException and not OperationCanceledException)
        {
            // YamlDotNet reports odd input with YamlException, and some of it with argument exceptions from inside its
            // scanner: all of it is the file's problem, told the same way.
            throw new PaperFormatException($"{what} has invalid YAML front matter: {ex.Message}", ex);
        }
    }

    /// <summary>
    /// Walks the YAML events (an iterative parser) and refuses nesting deeper than <see cref="InputLimits.MaxNestingDepth"/>
    /// before the recursive deserializer sees it: 20,000 nested "[" would otherwise overflow the stack.
    /// </summary>
    private static void CheckDepth(string yaml, string what)
    {
        var parser = new Parser(new StringReader(yaml));
        var depth = 0;
        while (parser.MoveNext())
        {
            switch (parser.Current)
            {
                case YamlDotNet.Core.Events.MappingStart or YamlDotNet.Core.Events.SequenceStart:
                    if (++depth > InputLimits.MaxNestingDepth)
                    {
                        throw new PaperFormatException(InputLimits.TooDeep(what, "YAML front matter"));
                    }

                    break;
                case YamlDotNet.Core.Events.MappingEnd or YamlDotNet.Core.Events.SequenceEnd:
                    depth--;
                    break;
            }
        }
    }

    public static Dictionary<string, object?> FromJson(byte[] json, string what)
    {
        try
        {
            // System.Text.Json refuses depth past MaxDepth with a JsonException, so FromJsonValue's recursion is bounded.
            using var document = JsonDocument.Parse(json, InputLimits.Json);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                throw new PaperFormatException($"{what} is not a JSON object");
            }

            return Normalize(ObjectOf(document.RootElement));
        }
        catch (JsonException ex)
        {
            throw new PaperFormatException(InputLimits.InvalidJson(what, ex), ex);
        }
    }

    /// <summary>Applies metadata onto a paper; values given here win over what the parser guessed from the text.</summary>
    public static void Apply(Dictionary<string, object?> metadata, Paper paper)
    {
        if (Text(metadata, "title") is { Length: > 0 } title)
        {
            paper.Title = TextTools.CleanLine(title);
        }

        paper.Doi = Doi.Normalize(Text(metadata, "doi")) ?? paper.Doi;
        paper.Journal = Text(metadata, "journal") ?? Text(metadata, "venue") ?? paper.Journal;
        paper.Publisher = Text(metadata, "publisher") ?? paper.Publisher;
        paper.Licence = TextTools.NormalizeLicence(null, Text(metadata, "licence") ?? Text(metadata, "license")) ?? paper.Licence;
        paper.Abstract = Text(metadata, "abstract") ?? paper.Abstract;
        paper.ArticleType = Text(metadata, "article_type") ?? Text(metadata, "article-type") ?? paper.ArticleType;

        // "date-meta" is where Manubot manuscripts keep their date.
        var dateText = Text(metadata, "date") ?? Text(metadata, "published") ?? Text(metadata, "publication_date") ?? Text(metadata, "date-meta");
        var date = TextTools.ParseDate(dateText);
        if (date is not null)
        {
            paper.PublishedOn = date;
            paper.Year = date.Value.Year;
        }

        paper.Year = TextTools.FindYear(Text(metadata, "year")) ?? paper.Year ?? TextTools.FindYear(dateText);

        var authors = List(metadata, "authors") ?? List(metadata, "author") ?? List(metadata, "author-meta");
        if (authors is { Count: > 0 })
        {
            paper.Authors = authors;
        }

        var keywords = List(metadata, "keywords") ?? List(metadata, "tags");
        if (keywords is { Count: > 0 })
        {
            paper.Keywords = keywords;
        }

        var subjects = List(metadata, "subjects");
        if (subjects is { Count: > 0 })
        {
            paper.Subjects = subjects;
        }
    }

    private static Dictionary<string, object?> Normalize(Dictionary<object, object?> raw) =>
        raw.Where(kv => kv.Key is not null)
            .GroupBy(kv => Convert.ToString(kv.Key, CultureInfo.InvariantCulture)!.Trim().ToLowerInvariant())
            .ToDictionary(g => g.Key, g => g.First().Value);

    /// <summary>A JSON object as a dictionary; a key given twice keeps its first value (JSON allows duplicates, ToDictionary does not).</summary>
    private static Dictionary<object, object?> ObjectOf(JsonElement value)
    {
        var result = new Dictionary<object, object?>();
        foreach (var property in value.EnumerateObject())
        {
            result.TryAdd(property.Name, FromJsonValue(property.Value));
        }

        return result;
    }

    private static object? FromJsonValue(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString(),
        JsonValueKind.Number => value.GetRawText(),
        JsonValueKind.True => "true",
        JsonValueKind.False => "false",
        JsonValueKind.Array => value.EnumerateArray().Select(FromJsonValue).ToList(),
        JsonValueKind.Object => ObjectOf(value),
        _ => null,
    };

    private static string? Text(Dictionary<string, object?> metadata, string key) =>
        metadata.TryGetValue(key, out var value) && value is not null and not IEnumerable<object?> and not IDictionary<object, object?>
            ? NullIfBlank(Convert.ToString(value, CultureInfo.InvariantCulture))
            : null;

    private static List<string>? List(Dictionary<string, object?> metadata, string key)
    {
        if (!metadata.TryGetValue(key, out var value) || value is null)
        {
            return null;
        }

        if (value is string single)
        {
            return single.Split([',', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();
        }

        if (value is not IEnumerable<object?> items)
        {
            return null;
        }

        return items
            .Select(item => item switch
            {
                IDictionary<object, object?> map => map.FirstOrDefault(kv => string.Equals(kv.Key as string, "name", StringComparison.OrdinalIgnoreCase)).Value as string,
                _ => Convert.ToString(item, CultureInfo.InvariantCulture),
            })
            .Select(NullIfBlank)
            .OfType<string>()
            .ToList();
    }

    private static string? NullIfBlank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
