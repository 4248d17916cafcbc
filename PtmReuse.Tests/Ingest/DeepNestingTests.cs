using System.Text;
using Microsoft.EntityFrameworkCore;
using PtmReuse.Core.Benchmark;
using PtmReuse.Core.Ingest;
using PtmReuse.Core.Ingest.Formats;
using PtmReuse.Core.Papers;
using PtmReuse.Tests.Infrastructure;

namespace PtmReuse.Tests.Ingest;

/// <summary>
/// Issue 11, finding 1: trees nested tens of thousands deep once overflowed the stack (exit 134, uncatchable, the
/// dashboard gone for everyone). Each format now refuses them with "nested deeper than 256" for that file alone, and
/// the batch goes on. A regression here kills the test host, which fails the run as loudly as it should.
/// </summary>
public sealed class DeepNestingTests
{
    private static string Repeat(string text, int count) => new StringBuilder(text.Length * count).Insert(0, text, count).ToString();

    private static string DeepJats(int depth = 20_000) => HostileInputs.DeepJats(depth);

    public static TheoryData<string, string, string> HostileFiles() => new()
    {
        { "deep-p.xml", DeepJats(), "XML elements nested deeper than 256" },
        { "deep-sec.xml", HostileInputs.DeepJats(20_000, "sec"), "XML elements nested deeper than 256" },
        { "deep-hi.xml", HostileInputs.DeepTei(), "XML elements nested deeper than 256" },
        { "deep-quote.md", "# Deep\n\n" + Repeat(">", 20_000) + " x\n", "Markdown blocks or inlines nested deeper than 256" },
        { "deep-list.md", "# Deep\n\n" + Repeat("- ", 20_000) + "x\n", "Markdown blocks or inlines nested deeper than 256" },
        { "deep-yaml.md", "---\ntitle: " + Repeat("[", 20_000) + Repeat("]", 20_000) + "\n---\n\n# A\n\ntext\n", "YAML front matter nested deeper than 256" },
        { "deep-row.jsonl", "{\"title\":\"t\",\"doi\":\"10.9999/j\",\"x\":" + Repeat("[", 20_000) + Repeat("]", 20_000) + "}\n", "JSON values nested deeper than 256" },
        { "deep-work.json", "{\"id\":\"https://openalex.org/W1\",\"publication_year\":2020,\"x\":" + Repeat("{\"a\":", 20_000) + "1" + Repeat("}", 20_000) + "}", "JSON values nested deeper than 256" },
    };

    [Theory]
    [MemberData(nameof(HostileFiles))]
    public async Task ReadFile_NestedTensOfThousandsDeep_RefusedWithTheDepthLimit(string name, string content, string expected)
    {
        var folder = Directory.CreateTempSubdirectory("ptmreuse-deep-").FullName;
        try
        {
            var path = Path.Combine(folder, name);
            File.WriteAllText(path, content);

            // On a thread-pool thread (1.5 MB stack), as the ingest's parallel parse runs: the main thread's 8 MB would hide an overflow.
            var error = await Task.Run(() => Assert.Throws<PaperFormatException>(() => PaperReader.ReadFile(path)));

            Assert.Contains(expected, error.Message, StringComparison.Ordinal);
            Assert.Contains(name, error.Message, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task IngestAsync_DeepFilesBesideGoodPapers_OneErrorEachAndTheGoodPapersStored()
    {
        await using var database = await TestDatabase.CreateAsync();
        var folder = database.NewFolder("batch");
        IngestTestKit.CopyCorpus(folder, "plos/journal.pbio.0020188.xml", "dl/joss_geoai_paper.md");
        foreach (var (name, content, _) in HostileFiles().Select(row => ((string)row[0], (string)row[1], (string)row[2])))
        {
            await File.WriteAllTextAsync(Path.Combine(folder, name), content);
        }

        var summary = await database.IngestAsync(folder);

        Assert.Equal(2, summary.Added);
        Assert.Equal(HostileFiles().Count(), summary.Failed);
        await using var db = await database.OpenAsync();
        var errors = await db.IngestErrors.Where(e => e.BatchId == summary.BatchId).ToListAsync();
        Assert.All(errors, e => Assert.Contains("nested deeper than 256", e.Reason, StringComparison.Ordinal));
        Assert.Equal(IngestBatchStatus.CompletedWithErrors, (await db.IngestBatches.SingleAsync()).Status);
    }

    [Fact]
    public async Task ReadFile_JatsNestedJustUnderTheLimit_IsReadWithItsText()
    {
        // Depth 256 counts from the root: article/body/sec + 250 <p> stays under it and is a (strange) paper.
        var folder = Directory.CreateTempSubdirectory("ptmreuse-deep-").FullName;
        try
        {
            var path = Path.Combine(folder, "almost.xml");
            File.WriteAllText(path, DeepJats(250));

            var paper = await Task.Run(() => Assert.Single(PaperReader.ReadFile(path)));

            Assert.Equal("10.9999/d", paper.Doi);
            Assert.Contains(paper.Sections, s => s.Text == "x");
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Theory]
    [InlineData(20_000)]
    [InlineData(200)]
    public void SafeMarkdown_DeeplyNestedQuotes_RendersEscapedTextInsteadOfFailing(int depth)
    {
        var text = Repeat(">", depth) + " <b>x</b>";

        var html = SafeMarkdown.ToHtml(text);

        Assert.DoesNotContain("<b>", html, StringComparison.Ordinal);
        Assert.Contains("x", html, StringComparison.Ordinal);
    }
}
