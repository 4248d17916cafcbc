using System.IO.Compression;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using PtmReuse.Core.Ingest;
using PtmReuse.Tests.Infrastructure;

namespace PtmReuse.Tests.Ingest;

/// <summary>
/// Issue 11, findings 2 and 9: memory is bounded by bytes (documents, bytes in flight, whole archives), and archive
/// entries with unsafe names are errors, not silently dropped. Peak memory itself is measured by `bench ingest-memory`.
/// </summary>
public sealed class IngestLimitsTests
{
    private const string GoodPaper = "plos/journal.pbio.0020188.xml";

    /// <summary>Writes a stored entry of <paramref name="megabytes"/> MB of text that compresses to almost nothing.</summary>
    private static void AddTextEntry(ZipArchive archive, string name, int megabytes)
    {
        using var entry = archive.CreateEntry(name, CompressionLevel.Fastest).Open();
        var line = Encoding.UTF8.GetBytes(new string('a', 1023) + "\n");
        for (var i = 0; i < megabytes * 1024; i++)
        {
            entry.Write(line);
        }
    }

    [Fact]
    public async Task IngestAsync_ZipOfLargeTextEntries_EachRefusedAtTheDocumentLimitAndTheGoodPaperStored()
    {
        await using var database = await TestDatabase.CreateAsync(settings: new Dictionary<string, string?> { ["Ingest:MaxDocumentBytes"] = "1048576" });
        var zip = Path.Combine(database.Directory, "amplifier.zip");
        using (var archive = ZipFile.Open(zip, ZipArchiveMode.Create))
        {
            for (var i = 0; i < 8; i++)
            {
                AddTextEntry(archive, $"big-{i}.txt", 3);
            }

            archive.CreateEntryFromFile(TestPaths.CorpusFile(GoodPaper), "ok.xml");
        }

        var summary = await database.IngestAsync(zip);

        Assert.Equal((1, 8), (summary.Added, summary.Failed));
        Assert.All(summary.Errors, e => Assert.Contains("over the 1,048,576-byte limit (Ingest:MaxDocumentBytes)", e.Reason, StringComparison.Ordinal));
        // Refused by the header's size before reading: the bytes counted are the good paper's and the format probes.
        Assert.True(summary.BytesRead < 1_000_000, $"read {summary.BytesRead} bytes");
    }

    [Fact]
    public async Task IngestAsync_ArchivePastItsExpandedLimit_StopsThereWithOneErrorAndKeepsWhatCameBefore()
    {
        await using var database = await TestDatabase.CreateAsync(settings: new Dictionary<string, string?>
        {
            ["Ingest:MaxArchiveBytes"] = "6291456",
            ["Ingest:MaxEntryBytes"] = "4194304",
            ["Ingest:MaxDocumentBytes"] = "4194304",
        });
        var zip = Path.Combine(database.Directory, "long.zip");
        using (var archive = ZipFile.Open(zip, ZipArchiveMode.Create))
        {
            archive.CreateEntryFromFile(TestPaths.CorpusFile(GoodPaper), "a-first.xml");
            // Tables stream, so they are read in full: 3 MB, then 3 MB more passes the 6 MB archive limit.
            for (var i = 0; i < 4; i++)
            {
                using var table = archive.CreateEntry($"b-table-{i}.csv", CompressionLevel.Fastest).Open();
                table.Write("doi,title,text\n"u8);
                var row = Encoding.UTF8.GetBytes($"10.9999/t{i},Row,\"{new string('w', 1000)}\"\n");
                for (var r = 0; r < 3 * 1024; r++)
                {
                    table.Write(row);
                }
            }
        }

        var summary = await database.IngestAsync(zip);

        Assert.Contains(summary.Errors, e => e.Reason.Contains("Ingest:MaxArchiveBytes", StringComparison.Ordinal));
        Assert.Contains(summary.Errors, e => e.Reason.Contains("entries were not read", StringComparison.Ordinal));
        await using var db = await database.OpenAsync();
        Assert.True(await db.Papers.AnyAsync(p => p.Doi == "10.1371/journal.pbio.0020188"), "the entry before the limit is stored");
        Assert.False(await db.Papers.AnyAsync(p => p.Doi == "10.9999/t3"), "the last table is never read");
    }

    [Fact]
    public async Task IngestAsync_SmallBytesInFlight_StoresExactlyWhatTheDefaultDoes()
    {
        string[] files = ["plos/journal.pbio.0020188.xml", "plos/journal.pbio.0020334.xml", "dl/10.7554_eLife.86628.xml", "dl/joss_geoai_paper.md", "biorxiv/10.1101_2023.01.17.524456.xml"];
        await using var defaults = await TestDatabase.CreateAsync();
        // 8 KiB in flight: every document is "large" and parsed alone; the result must not depend on the chunking.
        await using var tight = await TestDatabase.CreateAsync(settings: new Dictionary<string, string?> { ["Ingest:MaxBytesInFlight"] = "8192" });
        foreach (var database in new[] { defaults, tight })
        {
            var folder = database.NewFolder("papers");
            IngestTestKit.CopyCorpus(folder, files);
            var summary = await database.IngestAsync(folder);
            Assert.Equal(files.Length, summary.Added);
        }

        Assert.Equal(await defaults.ContentKeysAsync(), await tight.ContentKeysAsync());
    }

    [Theory]
    [InlineData("..\\evil.xml")]
    [InlineData("docs\\..\\..\\evil.xml")]
    [InlineData("../evil.xml")]
    [InlineData("/etc/evil.xml")]
    [InlineData("C:/Windows/evil.xml")]
    public async Task IngestAsync_ZipEntryWithATraversalName_IsRecordedAsAnErrorNotDropped(string name)
    {
        await using var database = await TestDatabase.CreateAsync();
        var zip = Path.Combine(database.Directory, "traversal.zip");
        using (var archive = ZipFile.Open(zip, ZipArchiveMode.Create))
        {
            archive.CreateEntryFromFile(TestPaths.CorpusFile(GoodPaper), name);
            archive.CreateEntryFromFile(TestPaths.CorpusFile("plos/journal.pbio.0020334.xml"), "fine/paper.xml");
        }

        var summary = await database.IngestAsync(zip);

        Assert.Equal((1, 1), (summary.Added, summary.Failed));
        var error = Assert.Single(summary.Errors);
        Assert.Equal(name, error.Entry);
        Assert.Contains("unsafe entry name", error.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task IngestAsync_JsonLinesWithAHugeLine_ThatLineIsAnErrorAndTheOthersAreRead()
    {
        await using var database = await TestDatabase.CreateAsync(settings: new Dictionary<string, string?> { ["Ingest:MaxDocumentBytes"] = "65536" });
        var file = Path.Combine(database.Directory, "rows.jsonl");
        await File.WriteAllTextAsync(file,
            "{\"doi\":\"10.9999/a\",\"title\":\"A\",\"text\":\"short\"}\n" +
            "{\"doi\":\"10.9999/b\",\"title\":\"B\",\"text\":\"" + new string('x', 200_000) + "\"}\n" +
            "{\"doi\":\"10.9999/c\",\"title\":\"C\",\"text\":\"short\"}\n");

        var summary = await database.IngestAsync(file);

        Assert.Equal((2, 1), (summary.Added, summary.Failed));
        var error = Assert.Single(summary.Errors);
        Assert.Equal("line 2", error.Entry);
        Assert.Contains("longer than 65,536 characters", error.Reason, StringComparison.Ordinal);
    }

    public static TheoryData<Dictionary<string, string?>, string> InvalidSettings() => new()
    {
        { new() { ["Ingest:MaxEntryBytes"] = "8388608", ["Ingest:MaxArchiveBytes"] = "4194304" }, "must not exceed Ingest:MaxArchiveBytes" },
        { new() { ["Ingest:AllowedRoots:0"] = " " }, "Ingest:AllowedRoots has an empty entry" },
        { new() { ["Ingest:MaxBytesInFlight"] = "2048" }, "must be at least 4 KiB" },
        { new() { ["Ingest:MaxDocumentBytes"] = "100" }, nameof(IngestOptions.MaxDocumentBytes) },
    };

    [Theory]
    [MemberData(nameof(InvalidSettings))]
    public async Task IngestOptions_InconsistentSettings_FailValidationNamingTheRule(Dictionary<string, string?> settings, string expected)
    {
        await using var database = await TestDatabase.CreateAsync(settings: settings);

        var failure = Assert.Throws<OptionsValidationException>(() => database.Get<IOptions<IngestOptions>>().Value);

        Assert.Contains(failure.Failures, f => f.Contains(expected, StringComparison.Ordinal));
    }

    [Fact]
    public async Task IngestOptions_EntryLimitBelowDocumentLimit_TheEntryLimitAppliesToDocuments()
    {
        await using var database = await TestDatabase.CreateAsync(settings: new Dictionary<string, string?> { ["Ingest:MaxEntryBytes"] = "65536" });

        var options = database.Get<IOptions<IngestOptions>>().Value;

        Assert.Equal((65536L, "Ingest:MaxEntryBytes"), (options.DocumentLimit, options.DocumentLimitName));
    }
}
