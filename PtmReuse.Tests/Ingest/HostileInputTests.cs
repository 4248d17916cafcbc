using System.IO.Compression;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using PtmReuse.Core.Ingest;
using PtmReuse.Tests.Infrastructure;
using UglyToad.PdfPig.Content;
using UglyToad.PdfPig.Core;
using UglyToad.PdfPig.Writer;

namespace PtmReuse.Tests.Ingest;

/// <summary>Hostile and broken inputs: each gives one specific error naming the file, and stored papers stay as they were.</summary>
public sealed class HostileInputTests
{
    private const string StoredPaper = "dl/10.7554_eLife.86628.xml";

    [Fact]
    public async Task IngestAsync_HostileAndBrokenFiles_OneSpecificErrorEachAndStoreUnchanged()
    {
        await using var database = await TestDatabase.CreateAsync();
        await database.IngestAsync(TestPaths.CorpusFile(StoredPaper), TestPaths.CorpusFile("plos/journal.pbio.0020188.xml"));
        var before = await database.SnapshotAsync();
        var folder = database.NewFolder("hostile");
        var expected = WriteHostileFiles(folder);

        var summary = await database.IngestAsync(folder);

        Assert.Equal((0, 0, expected.Count), (summary.Added, summary.Updated, summary.Failed));
        await using (var db = await database.OpenAsync())
        {
            var errors = await db.IngestErrors.Where(e => e.BatchId == summary.BatchId).ToListAsync();
            foreach (var (file, reason) in expected)
            {
                var error = Assert.Single(errors, e => e.File == Path.Combine(folder, file));
                Assert.Contains(file, error.Reason, StringComparison.Ordinal);
                Assert.Contains(reason, error.Reason, StringComparison.OrdinalIgnoreCase);
            }

            Assert.Equal(expected.Count, errors.Count);
            var batch = await db.IngestBatches.SingleAsync(b => b.Id == summary.BatchId);
            Assert.Equal(IngestBatchStatus.CompletedWithErrors, batch.Status);
        }

        Assert.Equal(before, await database.SnapshotAsync());
    }

    [Fact]
    public async Task IngestAsync_ZipEntryPastSizeLimit_IsRefusedAndTheRestGoesOn()
    {
        await using var database = await TestDatabase.CreateAsync(settings: new Dictionary<string, string?> { ["Ingest:MaxEntryBytes"] = "65536" });
        var zip = Path.Combine(database.Directory, "bomb.zip");
        using (var archive = ZipFile.Open(zip, ZipArchiveMode.Create))
        {
            // 20 MB of whitespace inside an article compresses to a few kilobytes: a small zip bomb.
            using (var bomb = archive.CreateEntry("bomb.xml", CompressionLevel.SmallestSize).Open())
            {
                bomb.Write("<article>"u8);
                var spaces = new byte[1024 * 1024];
                Array.Fill(spaces, (byte)' ');
                for (var i = 0; i < 20; i++)
                {
                    bomb.Write(spaces);
                }

                bomb.Write("</article>"u8);
            }

            archive.CreateEntryFromFile(TestPaths.CorpusFile("plos/journal.pbio.0020188.xml"), "ok/journal.pbio.0020188.xml");
        }

        Assert.True(new FileInfo(zip).Length < 200_000, "the archive itself is small");

        var summary = await database.IngestAsync(zip);

        Assert.Equal((1, 1), (summary.Added, summary.Failed));
        var error = Assert.Single(summary.Errors);
        Assert.Equal(zip, error.File);
        Assert.Equal("bomb.xml", error.Entry);
        Assert.Contains("65,536-byte limit", error.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task IngestOptions_ZeroEntryLimit_FailsValidation()
    {
        await using var database = await TestDatabase.CreateAsync(settings: new Dictionary<string, string?> { ["Ingest:MaxEntryBytes"] = "0", ["Ingest:BatchSize"] = "0" });

        var failure = Assert.Throws<OptionsValidationException>(() => database.Get<IOptions<IngestOptions>>().Value);

        Assert.Contains(failure.Failures, f => f.Contains(nameof(IngestOptions.MaxEntryBytes), StringComparison.Ordinal));
        Assert.Contains(failure.Failures, f => f.Contains(nameof(IngestOptions.BatchSize), StringComparison.Ordinal));
    }

    /// <summary>Writes each hostile file; returns file name → the words its error must contain.</summary>
    private static Dictionary<string, string> WriteHostileFiles(string folder)
    {
        void Write(string name, byte[] bytes) => File.WriteAllBytes(Path.Combine(folder, name), bytes);
        void WriteText(string name, string text) => Write(name, Encoding.UTF8.GetBytes(text));

        WriteText("xxe.xml", """
            <?xml version="1.0"?>
            <!DOCTYPE article [ <!ENTITY xxe SYSTEM "file:///etc/passwd"> ]>
            <article><front><article-meta><title-group><article-title>&xxe;</article-title></title-group></article-meta></front></article>
            """);
        WriteText("billion-laughs.xml", """
            <?xml version="1.0"?>
            <!DOCTYPE lolz [
             <!ENTITY lol "lol">
             <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
             <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
             <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
            ]>
            <article>&lol4;</article>
            """);
        // An external DTD on a loopback port: never fetched; the undeclared entity is then simply an error.
        WriteText("remote-dtd.xml", """
            <?xml version="1.0"?>
            <!DOCTYPE article SYSTEM "http://127.0.0.1:9/evil.dtd">
            <article><front><article-meta><title-group><article-title>&evil;</article-title></title-group></article-meta></front></article>
            """);
        var stored = File.ReadAllBytes(TestPaths.CorpusFile(StoredPaper));
        Write("truncated.xml", stored[..(stored.Length / 2)]);
        Write("latin1.xml", Encoding.Latin1.GetBytes("<?xml version=\"1.0\" encoding=\"UTF-8\"?><article><front><article-meta><title-group><article-title>Caf\u00e9</article-title></title-group></article-meta></front></article>"));
        Write("latin1.md", Encoding.Latin1.GetBytes("# R\u00e9sum\u00e9\n\nCaf\u00e9 text in Latin-1.\n"));
        Write("empty.xml", []);
        Write("blank.xml", [0xEF, 0xBB, 0xBF, (byte)' ', (byte)'\n', (byte)'\t', (byte)'\r', (byte)'\n']);
        Write("blank-utf16.xml", [0xFF, 0xFE, (byte)' ', 0, (byte)'\n', 0]);
        WriteText("page.xml", "<html><body><p>Not a paper</p></body></html>");
        Write("scanned.pdf", PdfWithoutText());
        Write("notes.docx", [0x50, 0x4B, 0x03, 0x04, 0x14, 0x00, 0x06, 0x00]);
        return new Dictionary<string, string>
        {
            ["xxe.xml"] = "internal subset",
            ["billion-laughs.xml"] = "internal subset",
            ["remote-dtd.xml"] = "undeclared entity",
            ["truncated.xml"] = "not well-formed XML",
            ["latin1.xml"] = "encoding",
            ["latin1.md"] = "not valid UTF-8",
            ["empty.xml"] = "is empty",
            ["blank.xml"] = "is empty",
            ["blank-utf16.xml"] = "is empty",
            ["page.xml"] = "not a JATS article",
            ["scanned.pdf"] = "without extractable text",
            ["notes.docx"] = "unknown format",
        };
    }

    private static byte[] PdfWithoutText()
    {
        var builder = new PdfDocumentBuilder();
        var page = builder.AddPage(PageSize.A4);
        page.DrawRectangle(new PdfPoint(50, 50), 200, 100);
        return builder.Build();
    }
}
