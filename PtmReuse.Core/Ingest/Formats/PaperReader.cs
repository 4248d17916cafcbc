using PtmReuse.Core.Papers;

namespace PtmReuse.Core.Ingest.Formats;

/// <summary>
/// Turns a file (or archive entry) into papers without any database: detection, the right parser, sidecar metadata.
/// Used by the ingestor and by anything else that needs a paper's text (the embedded classifier, tools).
/// </summary>
public static class PaperReader
{
    /// <summary>
    /// Largest document read into memory as a whole when no limit is given (XML, Markdown, text, a .json file, one
    /// table record): <see cref="IngestOptions.MaxDocumentBytes"/>'s default.
    /// </summary>
    public const long DefaultMaxDocumentBytes = 32L * 1024 * 1024;

    /// <summary>Reads every paper in a file; throws <see cref="PaperFormatException"/> on the first problem.</summary>
    public static IReadOnlyList<Paper> ReadFile(string path)
    {
        var item = SourceItem.FromFile(path);
        var papers = new List<Paper>();
        foreach (var record in Read(item, CancellationToken.None))
        {
            if (record.Error is not null)
            {
                throw new PaperFormatException(record.Error);
            }

            papers.Add(record.Paper!);
        }

        return papers;
    }

    /// <summary>Detects the format of an item from its name and first bytes.</summary>
    public static SourceFormat Detect(SourceItem item)
    {
        using var stream = item.Open();
        var head = new byte[FormatDetector.HeadLength];
        var read = stream.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
        if (read == 0)
        {
            throw new PaperFormatException($"{item.Display} is empty");
        }

        // A file that ends inside the head and holds nothing but a byte-order mark and whitespace is empty too,
        // whatever its extension says (not an "unknown format").
        if (read < head.Length && FormatDetector.IsBlank(head.AsSpan(0, read)))
        {
            throw new PaperFormatException($"{item.Display} is empty (nothing but whitespace)");
        }

        return FormatDetector.Detect(item.Name, head.AsSpan(0, read));
    }

    /// <summary>
    /// Reads the papers of one source. Document formats yield one paper; tables and OpenAlex JSONL stream one record
    /// at a time, yielding an error record for a bad row and going on.
    /// </summary>
    public static IEnumerable<ParsedRecord> Read(SourceItem item, CancellationToken cancellationToken, long maxDocumentBytes = DefaultMaxDocumentBytes)
    {
        var format = Detect(item);
        return Read(item, format, cancellationToken, maxDocumentBytes);
    }

    public static IEnumerable<ParsedRecord> Read(SourceItem item, SourceFormat format, CancellationToken cancellationToken, long maxDocumentBytes = DefaultMaxDocumentBytes)
    {
        switch (format)
        {
            case SourceFormat.OpenAlex:
                return OpenAlexParser.Read(item, cancellationToken, maxDocumentBytes);
            case SourceFormat.Csv:
            case SourceFormat.JsonLines:
                return TableParser.Read(item, format, cancellationToken, maxDocumentBytes);
            case SourceFormat.Unknown:
                throw new PaperFormatException($"{item.Display}: unknown format (accepted: JATS/TEI .xml, .pdf, .md, .txt, OpenAlex .json/.jsonl, .csv/.jsonl tables, .zip)");
            default:
                var bytes = ReadAllBytes(item, maxDocumentBytes);
                return ParseDocument(item, format, bytes);
        }
    }

    /// <summary>
    /// Parses a document from bytes already in memory: one paper, or for a PMC article set one record per article
    /// (a broken article is an error record with its locator; the others are still read).
    /// </summary>
    public static IReadOnlyList<ParsedRecord> ParseDocument(SourceItem item, SourceFormat format, byte[] bytes) =>
        ParseDocument(item, format, bytes, SidecarOf(item, format));

    /// <summary>The sidecar metadata file of a Markdown, text or PDF paper ("paper.md.json" beside "paper.md"), if any.</summary>
    public static byte[]? SidecarOf(SourceItem item, SourceFormat format) =>
        format is SourceFormat.Markdown or SourceFormat.PlainText or SourceFormat.Pdf
            ? item.Sidecar(Path.GetFileName(item.Name) + ".json")
            : null;

    /// <summary>Parses a document whose sidecar was read beforehand (<see cref="SidecarOf"/>).</summary>
    public static IReadOnlyList<ParsedRecord> ParseDocument(SourceItem item, SourceFormat format, byte[] bytes, byte[]? sidecar)
    {
        var what = item.Display;
        if (bytes.Length == 0)
        {
            throw new PaperFormatException($"{what} is empty");
        }

        var paper = format switch
        {
            SourceFormat.Jats => null,
            SourceFormat.Tei => TeiParser.Parse(bytes, what),
            SourceFormat.Markdown => MarkdownParser.Parse(bytes, what, sidecar, plainText: false),
            SourceFormat.PlainText => MarkdownParser.Parse(bytes, what, sidecar, plainText: true),
            SourceFormat.Pdf => PdfParser.Parse(bytes, what, sidecar),
            _ => throw new PaperFormatException($"{what}: {format} is not a single-paper format"),
        };
        var records = paper is null ? JatsParser.ParseAll(bytes, what) : [new ParsedRecord(paper, null)];
        // Drafts without a DOI inside are often saved under it ("10.21105_joss.01931.md", as journals' and PMC's
        // downloads are); the file name gives it when the text does not.
        if (records.Count == 1 && records[0].Paper is { Doi: null } single)
        {
            single.Doi = Doi.FromFileName(item.Name);
        }

        return records;
    }

    /// <summary>
    /// Reads a whole source into memory, refusing it once it passes the limit (a zip bomb stops here, and so does a
    /// document too large to parse in bounded memory). <paramref name="limitName"/> names the setting in the error.
    /// </summary>
    public static byte[] ReadAllBytes(SourceItem item, long maxBytes, string limitName = "Ingest:MaxDocumentBytes")
    {
        if (item.Length > maxBytes)
        {
            throw new PaperFormatException($"{item.Display} is {item.Length:N0} bytes, over the {maxBytes:N0}-byte limit ({limitName})");
        }

        using var stream = item.Open();
        using var buffer = new MemoryStream(item.Length is { } length and < int.MaxValue ? (int)length : 0);
        var chunk = new byte[81920];
        int read;
        while ((read = stream.Read(chunk, 0, chunk.Length)) > 0)
        {
            if (buffer.Length + read > maxBytes)
            {
                throw new PaperFormatException($"{item.Display} expands past the {maxBytes:N0}-byte limit ({limitName}); refused");
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }
}
