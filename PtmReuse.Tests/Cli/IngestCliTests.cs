using System.Text.Json;
using PtmReuse.Dashboard.Cli;
using PtmReuse.Tests.Infrastructure;

namespace PtmReuse.Tests.Cli;

/// <summary>The real command line (same entry point as the executable) against temporary SQLite files.</summary>
public sealed class IngestCliTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "ptmreuse-cli-tests", Guid.NewGuid().ToString("N"));

    public IngestCliTests() => Directory.CreateDirectory(_directory);

    private string Db => Path.Combine(_directory, "cli.db");

    [Fact]
    public async Task Ingest_FolderWithABadFile_ExitsNonZeroAndNamesTheFile()
    {
        var folder = PapersWithOneBadFile();

        var (code, output, error) = await Cli.RunAsync("ingest", folder, "--db", Db);

        Assert.True(code == 1, $"exit {code}\nstdout: {output}\nstderr: {error}");
        Assert.True(output.Contains("2 added", StringComparison.Ordinal), $"stdout: {output}\nstderr: {error}");
        Assert.Contains("1 failed", output, StringComparison.Ordinal);
        Assert.Contains(Path.Combine(folder, "broken.xml"), error, StringComparison.Ordinal);
        Assert.Contains("3/3 done", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ingest_OnlyGoodFiles_ExitsZero()
    {
        var (code, _, _) = await Cli.RunAsync("--db", Db, "ingest", TestPaths.CorpusFile("plos/journal.pbio.0020188.xml"));

        Assert.Equal(0, code);
    }

    [Fact]
    public async Task Stats_AfterIngest_PrintsPapersByYearFieldAndErrors()
    {
        await Cli.RunAsync("ingest", PapersWithOneBadFile(), "--db", Db);

        var (code, output, _) = await Cli.RunAsync("stats", "--db", Db);

        Assert.Equal(0, code);
        Assert.Contains("Papers: 2 (1 without DOI)", output, StringComparison.Ordinal);
        Assert.Contains("Ingest errors: 1", output, StringComparison.Ordinal);
        Assert.Matches(@"\n  2004 +1\r?\n", output);
        Assert.Matches(@"\* Biochemistry, Genetics and Molecular Biology +\d", output);
    }

    [Fact]
    public async Task ExportPapers_Jsonl_OneObjectPerPaperAndPerErrorThatIngestsAgain()
    {
        await Cli.RunAsync("ingest", PapersWithOneBadFile(), "--db", Db);
        var file = Path.Combine(_directory, "out", "papers.jsonl");

        var (code, output, _) = await Cli.RunAsync("export", "papers", "--format", "jsonl", "--out", file, "--db", Db);

        Assert.Equal(0, code);
        Assert.Contains("Wrote 2 papers and 1 ingest errors", output, StringComparison.Ordinal);
        var lines = File.ReadAllLines(file).Select(l => JsonDocument.Parse(l).RootElement.Clone()).ToList();
        Assert.Equal(3, lines.Count);
        var paper = lines.Single(l => l.GetProperty("doi").GetString() == "10.1371/journal.pbio.0020188");
        Assert.Equal("Taking the Stem Cell Debate to the Public", paper.GetProperty("title").GetString());
        Assert.Equal(2004, paper.GetProperty("year").GetInt32());
        Assert.Equal("PLoS Biology", paper.GetProperty("journal").GetString());
        Assert.True(paper.GetProperty("field_inferred").GetBoolean());
        Assert.Equal(JsonValueKind.String, paper.GetProperty("field").ValueKind);
        Assert.True(paper.TryGetProperty("licence", out _));
        var section = paper.GetProperty("sections")[0];
        Assert.Equal(["heading", "kind", "text"], section.EnumerateObject().Select(p => p.Name));
        var failure = lines.Single(l => l.TryGetProperty("error", out _));
        Assert.Contains("broken.xml", failure.GetProperty("error").GetString(), StringComparison.Ordinal);

        // The export is an accepted input: the same papers with the same sections come back.
        var (again, _, _) = await Cli.RunAsync("ingest", file, "--db", Path.Combine(_directory, "roundtrip.db"));
        var roundTrip = Path.Combine(_directory, "roundtrip.jsonl");
        await Cli.RunAsync("export", "papers", "--out", roundTrip, "--db", Path.Combine(_directory, "roundtrip.db"));
        Assert.Equal(1, again); // the error line has no paper in it and is reported as such
        var back = File.ReadAllLines(roundTrip).Select(l => JsonDocument.Parse(l).RootElement.Clone()).Where(l => !l.TryGetProperty("error", out _) || l.GetProperty("doi").ValueKind != JsonValueKind.Null).ToList();
        Assert.Equal(
            paper.GetProperty("sections").EnumerateArray().Select(s => s.GetProperty("text").GetString()),
            back.Single(l => l.GetProperty("doi").GetString() == "10.1371/journal.pbio.0020188").GetProperty("sections").EnumerateArray().Select(s => s.GetProperty("text").GetString()));
    }

    [Fact]
    public async Task ExportPapers_PaperWithFigures_CarriesEveryCaptionAndIngestsBackWithThem()
    {
        const string Source = "dl/10.7554_eLife.86628.xml";
        var expected = Assert.Single(PtmReuse.Core.Ingest.Formats.PaperReader.ReadFile(TestPaths.CorpusFile(Source))).Captions;
        Assert.True(expected.Count >= 3, "the eLife paper has figures");
        await Cli.RunAsync("ingest", TestPaths.CorpusFile(Source), "--db", Db);
        var jsonl = Path.Combine(_directory, "captions.jsonl");
        var csv = Path.Combine(_directory, "captions.csv");

        await Cli.RunAsync("export", "papers", "--out", jsonl, "--db", Db);
        await Cli.RunAsync("export", "papers", "--format", "csv", "--out", csv, "--db", Db);

        var paper = JsonDocument.Parse(File.ReadAllLines(jsonl).Single()).RootElement;
        var captions = paper.GetProperty("captions").EnumerateArray().ToList();
        Assert.Equal(expected.Select(c => (c.Kind.ToString(), c.Label, c.Text)), captions.Select(c => (c.GetProperty("kind").GetString()!, c.GetProperty("label").GetString(), c.GetProperty("text").GetString()!)));
        var csvText = await File.ReadAllTextAsync(csv);
        Assert.EndsWith(",error,captions", csvText.Split('\n')[0].TrimEnd('\r'), StringComparison.Ordinal);
        Assert.Contains(expected[0].Text[..Math.Min(60, expected[0].Text.Length)], csvText, StringComparison.Ordinal);

        // An evidence quote from a caption can be checked against the export, and the export ingests back with its captions.
        var roundTrip = Path.Combine(_directory, "captions-again.db");
        await Cli.RunAsync("ingest", jsonl, "--db", roundTrip);
        var again = Path.Combine(_directory, "captions-again.jsonl");
        await Cli.RunAsync("export", "papers", "--out", again, "--db", roundTrip);
        var back = JsonDocument.Parse(File.ReadAllLines(again).Single()).RootElement.GetProperty("captions").EnumerateArray();
        Assert.Equal(captions.Select(c => c.GetProperty("text").GetString()), back.Select(c => c.GetProperty("text").GetString()));
    }

    [Fact]
    public async Task ExportPapers_Csv_HeaderAndEscapedRows()
    {
        await Cli.RunAsync("ingest", PapersWithOneBadFile(), "--db", Db);
        var file = Path.Combine(_directory, "papers.csv");

        var (code, _, _) = await Cli.RunAsync("export", "papers", "--format", "csv", "--out", file, "--db", Db);

        Assert.Equal(0, code);
        var text = await File.ReadAllTextAsync(file);
        Assert.StartsWith("id,doi,title,journal,year,field,field_inferred,licence,authors,source_file,section_count,text,error", text, StringComparison.Ordinal);
        Assert.Contains("Taking the Stem Cell Debate to the Public", text, StringComparison.Ordinal);
    }

    private string PapersWithOneBadFile()
    {
        var folder = Path.Combine(_directory, "papers");
        Directory.CreateDirectory(folder);
        File.Copy(TestPaths.CorpusFile("plos/journal.pbio.0020188.xml"), Path.Combine(folder, "a.xml"), overwrite: true);
        File.Copy(TestPaths.CorpusFile("dl/joss_geoai_paper.md"), Path.Combine(folder, "b.md"), overwrite: true);
        File.WriteAllText(Path.Combine(folder, "broken.xml"), "<article><front>");
        return folder;
    }


    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is harmless.
        }
    }
}
