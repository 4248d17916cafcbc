using System.Text;
using PtmReuse.Core.Papers;

namespace PtmReuse.Core.Ingest.Formats;

/// <summary>
/// Decides a source's format from its extension and its first bytes. Content wins where the two disagree in a
/// way content can settle (an .xml that is TEI, a .json that is an OpenAlex work); unknown formats are errors.
/// </summary>
public static class FormatDetector
{
    public const int HeadLength = 8192;

    /// <summary>Extensions of files that are metadata beside another file, never a paper of their own.</summary>
    public static bool IsSidecarFor(string name, Func<string, bool> siblingExists)
    {
        if (!name.EndsWith(".json", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        var main = name[..^5];
        return DocumentExtensions.Contains(Path.GetExtension(main).ToLowerInvariant()) && siblingExists(main);
    }

    private static readonly HashSet<string> DocumentExtensions = [".md", ".markdown", ".txt", ".text", ".pdf"];

    public static SourceFormat Detect(string name, ReadOnlySpan<byte> head)
    {
        var extension = Path.GetExtension(name).ToLowerInvariant();
        if (extension == ".gz")
        {
            return SourceFormat.Unknown;
        }

        if (head.StartsWith("%PDF-"u8))
        {
            return SourceFormat.Pdf;
        }

        var text = DecodeHead(head);
        var trimmed = text.TrimStart('\uFEFF', ' ', '\t', '\r', '\n');
        if (trimmed.StartsWith('<'))
        {
            if (ContainsElement(text, "TEI") || text.Contains("http://www.tei-c.org/ns/1.0", StringComparison.Ordinal))
            {
                return SourceFormat.Tei;
            }

            if (ContainsElement(text, "article") || text.Contains("JATS", StringComparison.Ordinal) || text.Contains("//NLM//DTD", StringComparison.Ordinal))
            {
                return SourceFormat.Jats;
            }

            return extension is ".xml" or ".nxml" ? SourceFormat.Jats : SourceFormat.Unknown;
        }

        switch (extension)
        {
            case ".json" or ".jsonl" or ".ndjson":
                if (trimmed.StartsWith('{') || trimmed.StartsWith('['))
                {
                    var openAlex = text.Contains("openalex.org/W", StringComparison.OrdinalIgnoreCase)
                                   || text.Contains("\"publication_year\"", StringComparison.Ordinal);
                    return openAlex ? SourceFormat.OpenAlex : SourceFormat.JsonLines;
                }

                return SourceFormat.Unknown;
            case ".csv" or ".tsv":
                return SourceFormat.Csv;
            case ".md" or ".markdown":
                return SourceFormat.Markdown;
            case ".txt" or ".text":
                return SourceFormat.PlainText;
            case ".pdf":
                return SourceFormat.Pdf;
            default:
                return SourceFormat.Unknown;
        }
    }

    /// <summary>True when the bytes are only a byte-order mark (UTF-8 or UTF-16) and ASCII whitespace.</summary>
    public static bool IsBlank(ReadOnlySpan<byte> bytes)
    {
        var text = DecodeHead(bytes.StartsWith(Utf8Bom) ? bytes[3..] : bytes);
        foreach (var c in text)
        {
            if (c is not (' ' or '\t' or '\r' or '\n' or '\uFEFF'))
            {
                return false;
            }
        }

        return true;
    }

    private static ReadOnlySpan<byte> Utf8Bom => [0xEF, 0xBB, 0xBF];

    private static bool ContainsElement(string text, string localName) =>
        text.Contains("<" + localName + " ", StringComparison.Ordinal) || text.Contains("<" + localName + ">", StringComparison.Ordinal)
        || text.Contains(":" + localName + " ", StringComparison.Ordinal) || text.Contains("<" + localName + "\n", StringComparison.Ordinal);

    private static string DecodeHead(ReadOnlySpan<byte> head)
    {
        if (head.Length >= 2 && ((head[0] == 0xFF && head[1] == 0xFE) || (head[0] == 0xFE && head[1] == 0xFF)))
        {
            var encoding = head[0] == 0xFF ? Encoding.Unicode : Encoding.BigEndianUnicode;
            return encoding.GetString(head[2..(head.Length & ~1)]);
        }

        return Encoding.Latin1.GetString(head);
    }
}
