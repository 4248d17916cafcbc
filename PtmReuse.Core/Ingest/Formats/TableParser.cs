using System.Text.Json;
using CsvHelper;
using PtmReuse.Core.Papers;

namespace PtmReuse.Core.Ingest.Formats;

/// <summary>
/// Tables of papers: CSV (header row) or JSON Lines, one paper a row. Columns/keys (case-insensitive): doi, title,
/// year, date, journal, publisher, licence/license, abstract, authors and keywords (";"-separated in CSV, arrays in
/// JSONL), subjects, and the text either as `text` (one section) or, in JSONL, `sections`: [{heading, kind, text}]
/// (the shape `export papers --format jsonl` writes, so exports ingest again). A bad row is one error; the rest go on.
/// </summary>
public static class TableParser
{
    /// <param name="maxRecordBytes">The most one record (a CSV row, a JSONL line, a whole .json file) may hold; a longer one is an error.</param>
    public static IEnumerable<ParsedRecord> Read(SourceItem item, SourceFormat format, CancellationToken cancellationToken, long maxRecordBytes = PaperReader.DefaultMaxDocumentBytes) =>
        format == SourceFormat.Csv ? ReadCsv(item, maxRecordBytes, cancellationToken) : ReadJsonLines(item, maxRecordBytes, cancellationToken);

    private static IEnumerable<ParsedRecord> ReadJsonLines(SourceItem item, long maxRecordBytes, CancellationToken cancellationToken)
    {
        var isSingleJson = item.Name.EndsWith(".json", StringComparison.OrdinalIgnoreCase);
        IEnumerable<RecordLine> lines = isSingleJson
            ? [new RecordLine(1, TextTools.DecodeUtf8(PaperReader.ReadAllBytes(item, maxRecordBytes), item.Display), null)]
            : RecordReader.Lines(item, maxRecordBytes, cancellationToken);
        foreach (var (line, text, error) in lines)
        {
            var locator = isSingleJson ? null : $"line {line}";
            var what = isSingleJson ? item.Display : $"{item.Display} line {line}";
            if (error is not null)
            {
                yield return new ParsedRecord(null, error, locator);
                continue;
            }

            ParsedRecord record;
            try
            {
                var bytes = System.Text.Encoding.UTF8.GetBytes(text!);
                var values = DocumentMetadata.FromJson(bytes, what);
                record = new ParsedRecord(FromValues(values, what, SourceFormat.JsonLines), null, locator);
            }
            catch (PaperFormatException ex)
            {
                record = new ParsedRecord(null, ex.Message, locator);
            }

            yield return record;
        }
    }

    private static IEnumerable<ParsedRecord> ReadCsv(SourceItem item, long maxRecordBytes, CancellationToken cancellationToken)
    {
        using var stream = item.Open();
        using var csv = CsvReader.Create(stream, new CsvReaderOptions
        {
            HasHeader = true,
            TrackLineNumbers = true,
            // A quoted field that never closes would otherwise be buffered to the end of the file.
            MaxRecordSize = (int)Math.Min(int.MaxValue, maxRecordBytes),
        }, false);
        IReadOnlyList<string> headers;
        try
        {
            headers = csv.Headers.Select(h => h.Trim().ToLowerInvariant()).ToList();
        }
        catch (CsvFormatException ex)
        {
            throw new PaperFormatException($"{item.Display} has a malformed CSV header: {ex.Message}", ex);
        }

        if (!headers.Contains("title") && !headers.Contains("doi"))
        {
            throw new PaperFormatException($"{item.Display} is a CSV without a 'doi' or 'title' column (columns: {string.Join(", ", headers)})");
        }

        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            ParsedRecord? record = null;
            long row = 0;
            try
            {
                if (!csv.Read())
                {
                    yield break;
                }

                row = csv.RowNumber;
                var values = new Dictionary<string, object?>();
                for (var i = 0; i < headers.Count && i < csv.FieldCount; i++)
                {
                    var value = csv.GetStringOrNull(i);
                    values[headers[i]] = headers[i] is "authors" or "keywords" or "subjects" && value is not null
                        ? value.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Cast<object?>().ToList()
                        : value;
                }

                record = new ParsedRecord(FromValues(values, $"{item.Display} row {row}", SourceFormat.Csv), null, $"row {row}");
            }
            catch (CsvFormatException ex)
            {
                record = new ParsedRecord(null, $"{item.Display}: {ex.Message}", row > 0 ? $"row {row}" : null);
            }
            catch (PaperFormatException ex)
            {
                record = new ParsedRecord(null, ex.Message, $"row {row}");
            }

            yield return record;
            if (record.Error is not null && row == 0)
            {
                yield break;
            }
        }
    }

    private static Paper FromValues(Dictionary<string, object?> values, string what, SourceFormat format)
    {
        var paper = new Paper { SourceFormat = format };
        DocumentMetadata.Apply(values, paper);
        if (paper.Title.Length == 0 && paper.Doi is null)
        {
            throw new PaperFormatException($"{what} has neither a title nor a DOI");
        }

        if (values.TryGetValue("sections", out var sections) && sections is List<object?> list)
        {
            foreach (var entry in list.OfType<Dictionary<object, object?>>())
            {
                var heading = entry.GetValueOrDefault("heading") as string ?? "";
                var text = TextTools.CleanParagraphs(entry.GetValueOrDefault("text") as string ?? "");
                if (text.Length == 0)
                {
                    continue;
                }

                var kind = Enum.TryParse<SectionKind>(entry.GetValueOrDefault("kind") as string, ignoreCase: true, out var parsed)
                    ? parsed
                    : TextTools.ClassifyHeading(heading);
                paper.Sections.Add(new PaperSection { Ordinal = paper.Sections.Count, Heading = heading, Kind = kind, Text = text });
            }
        }
        else if (values.GetValueOrDefault("text") is string text && TextTools.CleanParagraphs(text) is { Length: > 0 } clean)
        {
            paper.Sections.Add(new PaperSection { Ordinal = 0, Heading = "", Kind = SectionKind.Other, Text = clean });
        }

        // Captions as `export papers` writes them ([{kind, label, text}]), so an export ingests again with them.
        if (values.GetValueOrDefault("captions") is List<object?> captions)
        {
            foreach (var entry in captions.OfType<Dictionary<object, object?>>())
            {
                var text = TextTools.CleanLine(entry.GetValueOrDefault("text") as string ?? "");
                var label = entry.GetValueOrDefault("label") as string;
                if (text.Length == 0 && string.IsNullOrWhiteSpace(label))
                {
                    continue;
                }

                paper.Captions.Add(new PaperCaption
                {
                    Ordinal = paper.Captions.Count,
                    Kind = Enum.TryParse<CaptionKind>(entry.GetValueOrDefault("kind") as string, ignoreCase: true, out var kind) ? kind : CaptionKind.Figure,
                    Label = string.IsNullOrWhiteSpace(label) ? null : label.Trim(),
                    Text = text,
                });
            }
        }

        // A row with neither a DOI nor any text can be merged with nothing and classified by nothing: storing it
        // would only add a title-only duplicate of a paper ingested from its file.
        if (paper.Doi is null && paper.Sections.Count == 0 && paper.Abstract is null)
        {
            throw new PaperFormatException($"{what} has no DOI and no text: nothing to identify or classify it by");
        }

        if (paper.Abstract is not null && paper.Sections.All(s => s.Kind != SectionKind.Abstract))
        {
            paper.Sections.Insert(0, new PaperSection { Heading = "Abstract", Kind = SectionKind.Abstract, Text = paper.Abstract });
            for (var i = 0; i < paper.Sections.Count; i++)
            {
                paper.Sections[i].Ordinal = i;
            }
        }

        if (paper.Title.Length == 0)
        {
            paper.Title = paper.Doi!;
        }

        return paper;
    }
}
