using System.Text;

namespace PtmReuse.Core.Ingest.Formats;

/// <summary>One line of a JSON Lines source, or the reason it was not read (too long).</summary>
internal readonly record struct RecordLine(int Line, string? Text, string? Error);

/// <summary>
/// Streams the lines of a JSON Lines source, strictly UTF-8, so a multi-gigabyte file never sits in memory. A line
/// longer than the record limit is skipped to its end without being kept (one error for it) and reading goes on.
/// </summary>
internal static class RecordReader
{
    public static IEnumerable<RecordLine> Lines(SourceItem item, long maxRecordChars, CancellationToken cancellationToken)
    {
        using var stream = item.Open();
        using var reader = new StreamReader(stream, new UTF8Encoding(false, throwOnInvalidBytes: true), detectEncodingFromByteOrderMarks: true);
        var buffer = new char[64 * 1024];
        var line = new StringBuilder();
        var number = 1;
        var tooLong = false;
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            int read;
            try
            {
                read = reader.Read(buffer, 0, buffer.Length);
            }
            catch (DecoderFallbackException ex)
            {
                throw new PaperFormatException($"{item.Display} is not valid UTF-8 after line {number - 1}", ex);
            }

            var start = 0;
            for (var i = 0; i < read; i++)
            {
                if (buffer[i] != '\n')
                {
                    continue;
                }

                if (Finish(buffer.AsSpan(start, i - start)) is { } record)
                {
                    yield return record;
                }

                start = i + 1;
            }

            if (read == 0)
            {
                if (Finish([]) is { } last)
                {
                    yield return last;
                }

                yield break;
            }

            Keep(buffer.AsSpan(start, read - start));
        }

        void Keep(ReadOnlySpan<char> part)
        {
            if (tooLong)
            {
                return;
            }

            if (line.Length + part.Length > maxRecordChars)
            {
                tooLong = true;
                line.Clear();
                return;
            }

            line.Append(part);
        }

        RecordLine? Finish(ReadOnlySpan<char> tail)
        {
            Keep(tail);
            var current = number++;
            if (tooLong)
            {
                tooLong = false;
                return new RecordLine(current, null, $"{item.Display} line {current} is longer than {maxRecordChars:N0} characters (Ingest:MaxDocumentBytes); skipped");
            }

            var text = line.ToString().TrimEnd('\r');
            line.Clear();
            return string.IsNullOrWhiteSpace(text) ? null : new RecordLine(current, text, null);
        }
    }
}
