using System.IO.Compression;
using System.Text;

namespace PtmReuse.Core.Benchmark;

/// <summary>
/// The inputs of issue 11's probe, built on demand (never shipped): trees nested tens of thousands deep, archives that
/// amplify a couple of megabytes into gigabytes, single text nodes of hundreds of megabytes, and archives of renamed
/// copies of real papers. `bench ingest-memory`, the kill/resume tests and the hostile-input tests share them.
/// </summary>
public static class HostileInputs
{
    private static string Repeat(string text, int count) => new StringBuilder(text.Length * count).Insert(0, text, count).ToString();

    /// <summary>The reproduction: a JATS article whose section holds <paramref name="depth"/> nested &lt;p&gt; (140 KB at 20,000).</summary>
    public static string DeepJats(int depth = 20_000, string element = "p") =>
        "<?xml version=\"1.0\"?><article><front><article-meta><article-id pub-id-type=\"doi\">10.9999/d</article-id>" +
        "<title-group><article-title>Deep</article-title></title-group></article-meta></front><body><sec><title>M</title>" +
        Repeat($"<{element}>", depth) + "x" + Repeat($"</{element}>", depth) + "</sec></body></article>";

    /// <summary>A GROBID-shaped TEI whose paragraph holds <paramref name="depth"/> nested &lt;hi&gt;.</summary>
    public static string DeepTei(int depth = 50_000) =>
        "<TEI xmlns=\"http://www.tei-c.org/ns/1.0\"><teiHeader><fileDesc><titleStmt><title>Deep TEI</title></titleStmt></fileDesc></teiHeader>" +
        "<text><body><div><p>" + Repeat("<hi>", depth) + "x" + Repeat("</hi>", depth) + "</p></div></body></text></TEI>";

    /// <summary>A zip of <paramref name="entries"/> text entries of <paramref name="bytesPerEntry"/> bytes each; repetitive, so it compresses about 1000:1.</summary>
    public static void WriteTextAmplifierZip(string path, int entries, long bytesPerEntry)
    {
        var line = Encoding.ASCII.GetBytes(new string('a', 1023) + "\n");
        using var archive = ZipFile.Open(path, ZipArchiveMode.Create);
        for (var i = 0; i < entries; i++)
        {
            using var entry = archive.CreateEntry($"text-{i}.txt", CompressionLevel.SmallestSize).Open();
            for (long written = 0; written < bytesPerEntry; written += line.Length)
            {
                entry.Write(line);
            }
        }
    }

    /// <summary>
    /// <see cref="WriteTextAmplifierZip"/> whose headers then claim every entry expands to 1 KB: the classic zip bomb,
    /// which only a reader that counts what really comes out of each entry stops.
    /// </summary>
    public static void WriteLyingZipBomb(string path, int entries, long bytesPerEntry)
    {
        WriteTextAmplifierZip(path, entries, bytesPerEntry);
        var bytes = File.ReadAllBytes(path);
        // Uncompressed size: offset 22 in each local header (PK\x03\x04), offset 24 in each central directory header (PK\x01\x02).
        for (var i = 0; i + 30 < bytes.Length; i++)
        {
            if (bytes[i] != 0x50 || bytes[i + 1] != 0x4B)
            {
                continue;
            }

            var sizeAt = bytes[i + 2] == 0x03 && bytes[i + 3] == 0x04 ? i + 22 : bytes[i + 2] == 0x01 && bytes[i + 3] == 0x02 ? i + 24 : -1;
            if (sizeAt > 0)
            {
                BitConverter.TryWriteBytes(bytes.AsSpan(sizeAt, 4), 1024u);
            }
        }

        File.WriteAllBytes(path, bytes);
    }

    /// <summary>A JATS article whose one paragraph is a single text node of about <paramref name="bytes"/> bytes.</summary>
    public static void WriteSingleTextNodeJats(string path, long bytes)
    {
        using var file = File.Create(path);
        file.Write(Encoding.ASCII.GetBytes(
            "<?xml version=\"1.0\"?><article><front><article-meta><article-id pub-id-type=\"doi\">10.9999/one-node</article-id>" +
            "<title-group><article-title>One node</article-title></title-group></article-meta></front><body><sec><title>M</title><p>"));
        WriteWords(file, bytes);
        file.Write("</p></sec></body></article>"u8);
    }

    /// <summary>A JSON Lines table whose one row carries a text of about <paramref name="bytes"/> bytes on a single line.</summary>
    public static void WriteHugeJsonLine(string path, long bytes)
    {
        using var file = File.Create(path);
        file.Write("{\"doi\":\"10.9999/one-line\",\"title\":\"One line\",\"text\":\""u8);
        WriteWords(file, bytes);
        file.Write("\"}\n"u8);
    }

    /// <summary>A Markdown paper of about <paramref name="bytes"/> bytes of ordinary prose in paragraphs and sections.</summary>
    public static void WriteLongMarkdown(string path, long bytes)
    {
        using var file = File.Create(path);
        file.Write("---\ntitle: A very long manuscript\ndoi: 10.9999/long-markdown\n---\n\n"u8);
        var paragraph = Encoding.ASCII.GetBytes(
            "We imaged the cells every ten minutes and segmented the nuclei with a pre-trained network before tracking them. " +
            "The tracks were filtered by length and the speeds compared between conditions with a mixed model.\n\n");
        for (long written = 0, section = 0; written < bytes; written += paragraph.Length)
        {
            if (written / (256 * 1024) >= section)
            {
                file.Write(Encoding.ASCII.GetBytes($"## Section {++section}\n\n"));
            }

            file.Write(paragraph);
        }
    }

    /// <summary>
    /// A zip holding <paramref name="copies"/> copies of every .xml under <paramref name="folder"/>, each copy's DOI
    /// suffixed (".bench1", ... or "." + <paramref name="tag"/> + N) so every entry is a distinct paper. Returns the number of entries.
    /// </summary>
    public static int WriteRenamedCopiesZip(string folder, string zipPath, int copies, string tag = "bench")
    {
        var files = Directory.EnumerateFiles(folder, "*.xml", SearchOption.AllDirectories).Order(StringComparer.Ordinal).ToList();
        using var zip = ZipFile.Open(zipPath, ZipArchiveMode.Create);
        var count = 0;
        for (var copy = 1; copy <= copies; copy++)
        {
            foreach (var file in files)
            {
                var text = File.ReadAllText(file);
                const string marker = "pub-id-type=\"doi\">";
                var at = text.IndexOf(marker, StringComparison.Ordinal);
                if (at >= 0)
                {
                    var end = text.IndexOf('<', at + marker.Length);
                    text = string.Concat(text.AsSpan(0, end), $".{tag}{copy}", text.AsSpan(end));
                }

                var entry = zip.CreateEntry($"copy{copy}/{Path.GetFileName(file)}", CompressionLevel.Fastest);
                using var stream = entry.Open();
                stream.Write(Encoding.UTF8.GetBytes(text));
                count++;
            }
        }

        return count;
    }

    private static void WriteWords(Stream output, long bytes)
    {
        var chunk = Encoding.ASCII.GetBytes(string.Concat(Enumerable.Repeat("word ", 13_107)));
        for (long written = 0; written < bytes; written += chunk.Length)
        {
            output.Write(chunk);
        }
    }
}
