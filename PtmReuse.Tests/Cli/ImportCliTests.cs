using PtmReuse.Tests.Acquire;
using PtmReuse.Tests.Import;
using PtmReuse.Tests.Infrastructure;

namespace PtmReuse.Tests.Cli;

/// <summary>`import aius` and `import labels` through the real command line against a migrated SQLite file.</summary>
public sealed class ImportCliTests : IAsyncLifetime
{
    private TestDatabase _database = default!;

    public async Task InitializeAsync() => _database = await TestDatabase.CreateAsync();

    public async Task DisposeAsync() => await _database.DisposeAsync();

    private Task<(int Code, string Output, string Error)> RunAsync(params string[] args) => Cli.RunAsync([.. args, "--db", _database.DatabasePath]);

    [Fact]
    public async Task ImportAiusThenLabels_StudyArtefacts_ReportRunAndLabelCounts()
    {
        var works = AcquireFixtures.PlosCorpus(2);
        var aius = Path.Combine(_database.Directory, "aius.sqlite3");
        AiusFixture.Create(aius, works,
        [
            new("uses_dl_analysis", works[0].Doi, """{"result": true, "prose": "a network"}"""),
            new("uses_dl_analysis", works[1].Doi, "not json at all"),
        ]);
        var sheet = Path.Combine(_database.Directory, "labels.xlsx");
        AiusFixture.WriteXlsx(sheet, [[works[0].Doi, "Yes", "No", "", ""], ["10.1371/journal.pone.0000000", "No", "", "", ""]]);

        var imported = await RunAsync("import", "aius", "--from", aius, "--model", "gemma3:27b");
        var labelled = await RunAsync("import", "labels", "--from", sheet, "--reviewer", "authors");

        Assert.True(imported.Code == 0, imported.Output + imported.Error);
        Assert.StartsWith("AIUS aius.sqlite3: 2 articles (2 new papers, 0 updated, 0 full texts, 0 failed); run 1 (backend aius-import): 2 decisions, 1 failed to parse, 0 already imported", imported.Output);
        Assert.True(labelled.Code == 0, labelled.Output + labelled.Error);
        Assert.Contains("Labels of authors from labels.xlsx: 2 rows, 1 papers, 2 labels written, 0 unchanged, 1 DOIs not in the store, 0 problems", labelled.Output);
        Assert.Contains("not in store: row 3 10.1371/journal.pone.0000000", labelled.Output);
    }

    [Fact]
    public async Task ImportAius_MissingFile_ExitsTwoNamingIt()
    {
        var missing = Path.Combine(_database.Directory, "nope.db");

        var (code, _, error) = await RunAsync("import", "aius", "--from", missing);

        Assert.Equal(2, code);
        Assert.Contains($"import aius: {missing}: no such file.", error);
    }
}
