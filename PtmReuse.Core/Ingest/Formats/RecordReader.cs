using System.Text;

namespace PtmReuse.Core.Ingest.Formats;

/// <summary>Streams the lines of a JSON Lines source, strictly UTF-8, so a multi-gigabyte file never sits in memory.</summary>
internal static class RecordReader
{
    public static IEnumerable<(int Line, string Text)> Lines(SourceItem item, CancellationToken cancellationToken)
    {
        using var stream = item.Open();
        using var reader = new StreamReader(stream, new UTF8Encoding(false, throwOnInvalidBytes: true), detectEncodingFromByteOrderMarks: true);
        var number = 0;
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            string? line;
            try
            {
                line = reader.ReadLine();
            }
            catch (DecoderFallbackException ex)
            {
                throw new PaperFormatException($"{item.Display} is not valid UTF-8 after line {number}", ex);
            }

            if (line is null)
            {
                yield break;
            }

            number++;
            if (!string.IsNullOrWhiteSpace(line))
            {
                yield return (number, line);
            }
        }
    }
}
