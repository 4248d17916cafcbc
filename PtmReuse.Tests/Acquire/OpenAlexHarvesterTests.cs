using System.Diagnostics;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using PtmReuse.Core.Acquire;
using PtmReuse.Core.Ingest;
using PtmReuse.Core.Papers;
using PtmReuse.Core.Storage;
using PtmReuse.Tests.Infrastructure;

namespace PtmReuse.Tests.Acquire;

/// <summary>Harvests against the loopback OpenAlex fixture into a real SQLite store.</summary>
public sealed class OpenAlexHarvesterTests : IAsyncLifetime
{
    private AcquireFixtureServer _server = default!;
    private TestDatabase _database = default!;

    public async Task InitializeAsync()
    {
        _server = await AcquireFixtureServer.StartAsync();
        var settings = _server.Settings();
        settings["Acquire:PageSize"] = "10";
        _database = await TestDatabase.CreateAsync(settings: settings);
    }

    public async Task DisposeAsync()
    {
        await _database.DisposeAsync();
        await _server.DisposeAsync();
    }

    private OpenAlexHarvester Harvester => _database.Get<OpenAlexHarvester>();

    private static OpenAlexQuery Query => new() { FromYear = 2000, ToYear = 2025 };

    private async Task<List<Paper>> PapersAsync()
    {
        await using var db = await _database.OpenAsync();
        return await db.Papers.AsNoTracking().OrderBy(p => p.Id).ToListAsync();
    }

    [Fact]
    public async Task Harvest_AllPages_StoresEveryWorkOnceWithItsFieldAndCounts()
    {
        _server.Works.AddRange(AcquireFixtures.Synthetic(25));

        var harvest = await Harvester.HarvestAsync(Query, "test", null, CancellationToken.None);

        Assert.Equal(HarvestStatus.Completed, harvest.Status);
        Assert.Equal(25, harvest.ExpectedCount);
        Assert.Equal((25, 3, 25, 0), (harvest.WorksSeen, harvest.Pages, harvest.Added, harvest.Failed)); // 10 + 10 + 5
        Assert.Null(harvest.NextCursor);
        var papers = await PapersAsync();
        Assert.Equal(_server.Works.Select(w => w.Doi).Order(), papers.Select(p => p.Doi!).Order());
        Assert.All(papers, p =>
        {
            Assert.Equal(SourceFormat.OpenAlex, p.SourceFormat);
            Assert.Equal(AcquireFixtures.Biochemistry, p.PrimaryField);
            Assert.StartsWith("W1", p.OpenAlexId);
        });
        var pages = _server.Requests.Where(r => r.StartsWith("/openalex/works?", StringComparison.Ordinal)).ToList();
        Assert.Equal(3, pages.Count);
        var first = Uri.UnescapeDataString(pages[0]);
        Assert.Contains("filter=type:article,has_doi:true,publication_year:2000-2025,primary_topic.field.id:", first);
        Assert.Contains("per-page=10&cursor=*", first);
        Assert.Contains("mailto=tests@example.org", first);
        // Every page is kept under the acquire folder as the works OpenAlex sent, one a line.
        var kept = Directory.GetFiles(Path.Combine(_database.Get<AcquireFolder>().Root, "openalex", "pages"), "*.jsonl");
        Assert.Equal(3, kept.Length);
        Assert.Equal(25, kept.Sum(f => File.ReadLines(f).Count()));
    }

    [Fact]
    public async Task Harvest_TooManyRequestsServerErrorAndTruncatedPage_RetriesHonouringRetryAfterAndCompletes()
    {
        _server.Works.AddRange(AcquireFixtures.Synthetic(25));
        _server.Fail("/openalex/works", Fault.TooManyRequests(1), Fault.ServerError, Fault.Truncated);
        var clock = Stopwatch.StartNew();

        var harvest = await Harvester.HarvestAsync(Query, "test", null, CancellationToken.None);

        Assert.Equal(HarvestStatus.Completed, harvest.Status);
        Assert.Equal(25, (await PapersAsync()).Count);
        // Three pages plus one retry for each of the three scripted failures.
        Assert.Equal(6, _server.CountRequests("/openalex/works"));
        Assert.True(clock.Elapsed >= TimeSpan.FromSeconds(0.95), $"Retry-After: 1 was not honoured ({clock.Elapsed})");
    }

    [Fact]
    public async Task Harvest_KilledAfterThirdPageCommitted_ResumesWithNoDuplicateAndNoGap()
    {
        _server.Works.AddRange(AcquireFixtures.Synthetic(45));
        using var kill = new CancellationTokenSource();
        _server.OnRequest = request =>
        {
            if (request.StartsWith("/openalex/works?", StringComparison.Ordinal) && _server.CountRequests("/openalex/works?") == 3)
            {
                kill.Cancel();
            }
        };

        var stopped = await Harvester.HarvestAsync(Query, "test", null, kill.Token);
        _server.OnRequest = null;

        Assert.Equal(HarvestStatus.Cancelled, stopped.Status);
        Assert.Equal((2, 20), (stopped.Pages, stopped.WorksSeen));
        // What a kill between page 3's commit and its cursor save leaves: the works stored, the cursor still on page 3,
        // the row still Running.
        await CommitPageAsync(stopped.NextCursor!);
        await using (var db = await _database.OpenAsync())
        {
            await db.Harvests.Where(h => h.Id == stopped.Id).ExecuteUpdateAsync(s => s.SetProperty(h => h.Status, HarvestStatus.Running));
        }

        var swept = await _database.Get<InterruptedWorkSweeper>().SweepAsync(CancellationToken.None);
        Assert.Equal([new InterruptedWorkItem(HarvestWork.Kind, stopped.Id)], swept);
        Assert.Equal(HarvestStatus.Interrupted, (await Harvester.GetAsync(stopped.Id, CancellationToken.None))!.Status);

        var resumed = await Harvester.RunAsync(stopped.Id, null, CancellationToken.None);

        Assert.Equal(HarvestStatus.Completed, resumed.Status);
        Assert.Equal((5, 45), (resumed.Pages, resumed.WorksSeen));
        var papers = await PapersAsync();
        Assert.Equal(45, papers.Count);
        Assert.Equal(_server.Works.Select(w => w.Doi).Order(), papers.Select(p => p.Doi!).Order());
        Assert.Equal((35, 10), (resumed.Added, resumed.Unchanged)); // page 3's ten were stored before the kill
    }

    [Fact]
    public async Task Harvest_RepeatedAfterNewWorksAppear_AddsOnlyTheNewWorks()
    {
        _server.Works.AddRange(AcquireFixtures.Synthetic(25));
        await Harvester.HarvestAsync(Query, "test", null, CancellationToken.None);
        _server.Works.AddRange(AcquireFixtures.Synthetic(5, first: 26));

        var again = await Harvester.HarvestAsync(Query, "test", null, CancellationToken.None);

        Assert.Equal(HarvestStatus.Completed, again.Status);
        Assert.Equal((30, 30, 5), (again.ExpectedCount, again.WorksSeen, again.Added));
        // Pages 1–2 come back byte for byte (unchanged); page 3 now holds works 21–30, so 21–25 merge onto their papers.
        Assert.Equal((5, 20), (again.Updated, again.Unchanged));
        Assert.Equal(30, (await PapersAsync()).Count);
    }

    [Fact]
    public async Task Harvest_SourceNameAndLimit_ResolvesTheSourceAndStopsAtTheLimit()
    {
        _server.Works.AddRange(AcquireFixtures.Synthetic(25));

        var harvest = await Harvester.HarvestAsync(Query with { Sources = ["PLOS ONE"], Limit = 15, OpenAccessOnly = true }, "test", null, CancellationToken.None);

        Assert.Equal(HarvestStatus.Completed, harvest.Status);
        Assert.Equal((15, 2), (harvest.WorksSeen, harvest.Pages));
        Assert.Equal(15, (await PapersAsync()).Count);
        Assert.Equal(["S202381698"], OpenAlexQuery.FromJson(harvest.QueryJson).SourceIds);
        var pages = _server.Requests.Where(r => r.StartsWith("/openalex/works?", StringComparison.Ordinal)).Select(Uri.UnescapeDataString).ToList();
        Assert.Contains("open_access.is_oa:true,primary_location.source.id:S202381698", pages[0]);
        Assert.Contains("per-page=5&", pages[1]); // only what the limit leaves
    }

    [Fact]
    public async Task Harvest_ServiceKeepsFailing_IsMarkedFailedWithTheReasonAndResumes()
    {
        _server.Works.AddRange(AcquireFixtures.Synthetic(15));
        var settings = _database.Get<Microsoft.Extensions.Options.IOptions<AcquireOptions>>().Value;
        _server.Fail("/openalex/works", Enumerable.Repeat(Fault.ServerError, settings.MaxRetries + 1).ToArray());

        var failed = await Harvester.HarvestAsync(Query, "test", null, CancellationToken.None);

        Assert.Equal(HarvestStatus.Failed, failed.Status);
        Assert.Contains("OpenAlex answered 500", failed.LastError);
        Assert.DoesNotContain("tests@example.org", failed.LastError); // the mailto address is not repeated in messages
        var resumed = await Harvester.RunAsync(failed.Id, null, CancellationToken.None);
        Assert.Equal(HarvestStatus.Completed, resumed.Status);
        Assert.Equal(15, (await PapersAsync()).Count);
    }

    [Fact]
    public async Task Count_Query_ReturnsMetaCount()
    {
        _server.Works.AddRange(AcquireFixtures.Synthetic(37));

        Assert.Equal(37, await Harvester.CountAsync(Query, CancellationToken.None));
        Assert.Contains("per-page=1&", _server.Requests.Single());
    }

    /// <summary>Fetches the page at <paramref name="cursor"/> and ingests it as the harvester would have.</summary>
    private async Task CommitPageAsync(string cursor)
    {
        using var http = new HttpClient();
        var url = Query.PageUrl(_server.BaseUrl + "/openalex", Core.Fields.FieldOptions.DefaultNaturalScienceFields, cursor, 10, "tests@example.org");
        using var page = JsonDocument.Parse(await http.GetStringAsync(url));
        var folder = _database.Get<AcquireFolder>();
        var relative = Path.Combine("openalex", "pages", "killed-page-3.jsonl");
        await folder.WriteAsync(relative, OpenAlexHarvester.PageFile(page.RootElement.GetProperty("results").EnumerateArray()), CancellationToken.None);
        var summary = await _database.Get<IPaperIngestor>().IngestAsync([IngestInput.FromPath(folder.Full(relative))], "killed harvest", null, CancellationToken.None);
        Assert.Equal(10, summary.Added);
    }
}
