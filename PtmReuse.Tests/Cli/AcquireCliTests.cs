using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using PtmReuse.Core.Papers;
using PtmReuse.Tests.Acquire;
using PtmReuse.Tests.Infrastructure;

namespace PtmReuse.Tests.Cli;

/// <summary>
/// The acquire route end to end through the real command line, from an empty database: harvest openalex →
/// fetch-fulltext → classify → export figures, against the loopback fixture services named by environment variables
/// (Acquire__OpenAlexBaseUrl and the rest), as a user would point a run at a mirror.
/// </summary>
[Collection(nameof(EnvironmentCollection))]
public sealed class AcquireCliTests : IAsyncLifetime
{
    private AcquireFixtureServer _server = default!;
    private string _directory = default!;
    private readonly Dictionary<string, string?> _previous = [];

    private string Database => Path.Combine(_directory, "route.db");

    public async Task InitializeAsync()
    {
        _server = await AcquireFixtureServer.StartAsync();
        _directory = Path.Combine(Path.GetTempPath(), "ptmreuse-tests", "acquire-cli-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(_directory);
        foreach (var (key, value) in _server.Settings())
        {
            var variable = key.Replace(":", "__", StringComparison.Ordinal);
            _previous[variable] = Environment.GetEnvironmentVariable(variable);
            Environment.SetEnvironmentVariable(variable, value);
        }
    }

    public async Task DisposeAsync()
    {
        foreach (var (variable, value) in _previous)
        {
            Environment.SetEnvironmentVariable(variable, value);
        }

        await _server.DisposeAsync();
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

    private Task<(int Code, string Output, string Error)> RunAsync(params string[] args) => Cli.RunAsync([.. args, "--db", Database]);

    [Fact]
    public async Task AcquireRoute_FromEmptyDatabase_HarvestFetchClassifyAndExportFigures()
    {
        _server.Works.AddRange(AcquireFixtures.PlosCorpus(6));
        _server.Works.Add(AcquireFixtures.FromCorpus("dl/10.1101_2023.04.05.535764.xml", 7, FullTextRoute.EuropePmc));
        _server.Works.Add(AcquireFixtures.FromCorpus("dl/10.1101_2023.03.22.533815.xml", 8, FullTextRoute.Biorxiv));

        var count = await RunAsync("harvest", "openalex", "--from-year", "2000", "--to-year", "2025", "--oa-only", "--count");
        Assert.True(count.Code == 0, count.Output + count.Error);
        Assert.Equal("8 works", count.Output.Trim());

        var harvest = await RunAsync("harvest", "openalex", "--from-year", "2000", "--to-year", "2025", "--oa-only", "--field", "Neuroscience", "--field", "Life Sciences");
        Assert.True(harvest.Code == 0, harvest.Output + harvest.Error);
        Assert.StartsWith("Harvest 1 Completed: 8 works of 8 expected in 1 pages; 8 added", harvest.Output);
        Assert.Contains("primary_topic.field.id:11|13|24|28|30", Uri.UnescapeDataString(_server.Requests.Last(r => r.StartsWith("/openalex/works?", StringComparison.Ordinal))));

        var fetch = await RunAsync("fetch-fulltext");
        Assert.True(fetch.Code == 0, fetch.Output + fetch.Error);
        Assert.StartsWith("Full text: 8 fetched, 0 failed, 0 not open, of 8 papers", fetch.Output);
        Assert.Contains("[##############################] 8/8", fetch.Error); // the progress bar's last line

        var classify = await RunAsync("classify");
        Assert.True(classify.Code == 0, classify.Output + classify.Error);

        var figures = Path.Combine(_directory, "figures");
        var export = await RunAsync("export", "figures", "--out", figures, "--format", "svg");
        Assert.True(export.Code == 0, export.Output + export.Error);
        using var index = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(figures, "figures.json")));
        Assert.NotEmpty(index.RootElement.GetProperty("figures").EnumerateArray());
        Assert.NotEmpty(Directory.GetFiles(Path.Combine(figures, "figures"), "*.svg"));

        // Every harvested paper now has its full text and five-stage decisions (uses_dl at least) from the run.
        var options = new DbContextOptionsBuilder<Core.Storage.PtmReuseDbContext>().UseSqlite($"Data Source={Database};Pooling=False").Options;
        await using var db = new Core.Storage.PtmReuseDbContext(options);
        Assert.Equal(8, await db.Papers.CountAsync(p => p.SourceFormat == SourceFormat.Jats));
        Assert.Equal(8, await db.Decisions.Where(d => d.Stage == "uses_dl" && d.ErrorKind == null).Select(d => d.PaperId).Distinct().CountAsync());
        Assert.True(await db.Decisions.AnyAsync(d => d.Stage == "uses_dl" && d.ValueJson!.Contains("\"result\":true")), "the corpus's deep-learning papers are found");
    }
}

/// <summary>Tests that set process environment variables run one at a time.</summary>
[CollectionDefinition(nameof(EnvironmentCollection), DisableParallelization = true)]
public sealed class EnvironmentCollection;
