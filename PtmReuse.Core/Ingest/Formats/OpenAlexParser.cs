using System.Text.Json;
using PtmReuse.Core.Papers;

namespace PtmReuse.Core.Ingest.Formats;

/// <summary>
/// OpenAlex work records (as the API and snapshot document them): one work as .json, a list response
/// ({"results": [...]}) or an array as .json, or one work a line as .jsonl. Each becomes a metadata-only paper
/// (DOI, title, year, date, venue, authors, keywords, topics with subfield/field/domain, licence, abstract from the
/// inverted index) that the ingestor merges onto the paper with the same DOI.
/// </summary>
public static class OpenAlexParser
{
    /// <param name="maxRecordBytes">The most one work (a JSONL line) or a whole .json response may hold; a longer one is an error.</param>
    public static IEnumerable<ParsedRecord> Read(SourceItem item, CancellationToken cancellationToken, long maxRecordBytes = PaperReader.DefaultMaxDocumentBytes)
    {
        if (item.Name.EndsWith(".json", StringComparison.OrdinalIgnoreCase))
        {
            return ReadDocument(item, maxRecordBytes);
        }

        return ReadLines(item, maxRecordBytes, cancellationToken);
    }

    private static IEnumerable<ParsedRecord> ReadLines(SourceItem item, long maxRecordBytes, CancellationToken cancellationToken)
    {
        foreach (var (line, text, error) in RecordReader.Lines(item, maxRecordBytes, cancellationToken))
        {
            if (error is not null)
            {
                yield return new ParsedRecord(null, error, $"line {line}");
                continue;
            }

            ParsedRecord record;
            try
            {
                using var document = JsonDocument.Parse(text!, InputLimits.Json);
                record = new ParsedRecord(FromWork(document.RootElement, $"{item.Display} line {line}"), null, $"line {line}");
            }
            catch (JsonException ex)
            {
                record = new ParsedRecord(null, InputLimits.InvalidJson($"{item.Display} line {line}", ex), $"line {line}");
            }
            catch (PaperFormatException ex)
            {
                record = new ParsedRecord(null, ex.Message, $"line {line}");
            }

            yield return record;
        }
    }

    private static List<ParsedRecord> ReadDocument(SourceItem item, long maxRecordBytes)
    {
        var bytes = PaperReader.ReadAllBytes(item, maxRecordBytes);
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(bytes, InputLimits.Json);
        }
        catch (JsonException ex)
        {
            throw new PaperFormatException(InputLimits.InvalidJson(item.Display, ex), ex);
        }

        using (document)
        {
            var root = document.RootElement;
            var works = root.ValueKind switch
            {
                JsonValueKind.Array => root.EnumerateArray().ToList(),
                JsonValueKind.Object when root.TryGetProperty("results", out var results) && results.ValueKind == JsonValueKind.Array => results.EnumerateArray().ToList(),
                JsonValueKind.Object => [root],
                _ => throw new PaperFormatException($"{item.Display} is JSON but not an OpenAlex work or list of works"),
            };
            var records = new List<ParsedRecord>(works.Count);
            for (var i = 0; i < works.Count; i++)
            {
                try
                {
                    records.Add(new ParsedRecord(FromWork(works[i], $"{item.Display} work {i + 1}"), null, works.Count > 1 ? $"work {i + 1}" : null));
                }
                catch (PaperFormatException ex)
                {
                    records.Add(new ParsedRecord(null, ex.Message, $"work {i + 1}"));
                }
            }

            return records;
        }
    }

    public static Paper FromWork(JsonElement work, string what)
    {
        if (work.ValueKind != JsonValueKind.Object)
        {
            throw new PaperFormatException($"{what} is not a JSON object");
        }

        var id = String(work, "id");
        var paper = new Paper
        {
            SourceFormat = SourceFormat.OpenAlex,
            OpenAlexId = id?.Replace("https://openalex.org/", "", StringComparison.OrdinalIgnoreCase),
            Doi = Doi.Normalize(String(work, "doi") ?? (work.TryGetProperty("ids", out var ids) ? String(ids, "doi") : null)),
            Title = TextTools.CleanLine(String(work, "title") ?? String(work, "display_name") ?? ""),
            Year = work.TryGetProperty("publication_year", out var year) && year.ValueKind == JsonValueKind.Number ? year.GetInt32() : null,
            PublishedOn = TextTools.ParseDate(String(work, "publication_date")),
            ArticleType = String(work, "type"),
        };
        if (paper.OpenAlexId is null && paper.Doi is null)
        {
            throw new PaperFormatException($"{what} has neither an OpenAlex id nor a DOI");
        }

        if (work.TryGetProperty("primary_location", out var location) && location.ValueKind == JsonValueKind.Object)
        {
            if (location.TryGetProperty("source", out var source) && source.ValueKind == JsonValueKind.Object)
            {
                paper.Journal = String(source, "display_name");
                paper.Publisher = String(source, "host_organization_name");
            }

            paper.Licence = TextTools.NormalizeLicence(null, String(location, "license")?.Replace("cc-", "CC-", StringComparison.OrdinalIgnoreCase));
        }

        paper.Authors = Array(work, "authorships")
            .Select(a => a.TryGetProperty("author", out var author) ? String(author, "display_name") : String(a, "raw_author_name"))
            .OfType<string>()
            .ToList();
        paper.Keywords = Array(work, "keywords").Select(k => String(k, "display_name")).OfType<string>().ToList();
        paper.Topics = Array(work, "topics").Select(Topic).ToList();
        if (paper.Topics.Count == 0 && work.TryGetProperty("primary_topic", out var primary) && primary.ValueKind == JsonValueKind.Object)
        {
            paper.Topics.Add(Topic(primary));
        }

        if (work.TryGetProperty("abstract_inverted_index", out var inverted) && inverted.ValueKind == JsonValueKind.Object)
        {
            paper.Abstract = AbstractFromInvertedIndex(inverted);
        }

        return paper;
    }

    private static PaperTopic Topic(JsonElement topic) => new()
    {
        TopicId = String(topic, "id")?.Replace("https://openalex.org/", "", StringComparison.OrdinalIgnoreCase),
        Name = String(topic, "display_name") ?? "",
        Score = topic.TryGetProperty("score", out var score) && score.ValueKind == JsonValueKind.Number ? score.GetDouble() : 0,
        Subfield = Nested(topic, "subfield"),
        Field = Nested(topic, "field"),
        Domain = Nested(topic, "domain"),
    };

    /// <summary>OpenAlex ships abstracts as word → positions; rebuild the running text.</summary>
    private static string? AbstractFromInvertedIndex(JsonElement inverted)
    {
        var words = new SortedDictionary<int, string>();
        foreach (var entry in inverted.EnumerateObject())
        {
            if (entry.Value.ValueKind != JsonValueKind.Array)
            {
                continue;
            }

            foreach (var position in entry.Value.EnumerateArray())
            {
                if (position.ValueKind == JsonValueKind.Number)
                {
                    words[position.GetInt32()] = entry.Name;
                }
            }
        }

        return words.Count == 0 ? null : string.Join(' ', words.Values);
    }

    private static string? Nested(JsonElement element, string name) =>
        element.TryGetProperty(name, out var nested) && nested.ValueKind == JsonValueKind.Object ? String(nested, "display_name") : null;

    private static IEnumerable<JsonElement> Array(JsonElement element, string name) =>
        element.TryGetProperty(name, out var array) && array.ValueKind == JsonValueKind.Array
            ? array.EnumerateArray().Where(e => e.ValueKind == JsonValueKind.Object)
            : [];

    private static string? String(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String && !string.IsNullOrWhiteSpace(value.GetString())
            ? value.GetString()!.Trim()
            : null;
}
