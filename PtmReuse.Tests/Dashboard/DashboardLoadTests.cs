using System.Diagnostics;
using System.Globalization;
using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PtmReuse.Core.Benchmark;
using PtmReuse.Core.Classification.Runs;
using PtmReuse.Core.Ingest;
using PtmReuse.Dashboard.Ingest;
using PtmReuse.Tests.Dashboard.Analytics;
using PtmReuse.Tests.Infrastructure;
using Xunit.Abstractions;

namespace PtmReuse.Tests.Dashboard;

/// <summary>
/// Issue 11's load test, on loopback only: 20 signed-in readers on /papers and the chart endpoints of a real Kestrel
/// host while ingests (archives of renamed real papers) and classification runs keep the same SQLite file busy. It
/// prints p50/p95 per endpoint and the error count, which must be 0. PTMREUSE_LOAD_SECONDS sets the duration (default
/// the 60 s).
/// </summary>
public sealed class DashboardLoadTests(ITestOutputHelper output)
{
    private const int Readers = 20;

    private static readonly string[] Endpoints =
    [
        "papers",
        "papers?q=" + Uri.EscapeDataString("analytics demo"),
        "trends",
        "export/figures/adoption-ptms.csv",
        "export/figures/adoption-ptms-share.csv",
        "export/figures/funnel.svg",
        "export/figures/models-top.csv",
    ];

    [Fact]
    public async Task ReadersDuringIngestAndClassification_TwentyForTheDuration_NoErrorAndP95Printed()
    {
        var seconds = int.TryParse(Environment.GetEnvironmentVariable("PTMREUSE_LOAD_SECONDS"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var s) && s > 0 ? s : 60;
        await using var server = await AnalyticsServerFixture.StartAsync();
        // One sign-in; the readers share its cookie jar.
        var cookies = new CookieContainer();
        using (var login = DashboardHttp.CreateClient(server, cookies))
        using (var response = await DashboardHttp.PostLoginAsync(login, TestUsers.Viewer, TestUsers.PasswordOf(TestUsers.Viewer)))
        {
            Assert.Equal(HttpStatusCode.Found, response.StatusCode);
        }

        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(seconds));
        int papersBefore, decisionsBefore;
        await using (var db = await server.Factory.CreateDbContextAsync())
        {
            (papersBefore, decisionsBefore) = (await db.Papers.CountAsync(), await db.Decisions.CountAsync());
        }

        var writers = Task.WhenAll(IngestLoopAsync(server, stop.Token), ClassifyLoopAsync(server, stop.Token));
        var samples = await Task.WhenAll(Enumerable.Range(0, Readers).Select(reader => ReadLoopAsync(server, cookies, reader, stop.Token)));
        await writers;
        var (ingests, runs) = (IngestRounds, ClassifyRounds);

        var all = samples.SelectMany(x => x).ToList();
        var errors = all.Where(x => x.Error is not null).ToList();
        output.WriteLine($"{Readers} readers for {seconds} s: {all.Count} requests, {errors.Count} errors; {ingests} ingests and {runs} classification runs ran meanwhile");
        foreach (var group in all.Where(x => x.Error is null).GroupBy(x => x.Endpoint).Append(all.Where(x => x.Error is null).GroupBy(_ => "all").Single()))
        {
            var ms = group.Select(x => x.Milliseconds).Order().ToList();
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  {group.Key,-45} n={ms.Count,5}  p50 {Percentile(ms, 0.50),7:F0} ms  p95 {Percentile(ms, 0.95),7:F0} ms  max {ms[^1],7:F0} ms"));
        }

        foreach (var error in errors.Take(10))
        {
            output.WriteLine($"  error: {error.Endpoint}: {error.Error}");
        }

        await using (var db = await server.Factory.CreateDbContextAsync())
        {
            Assert.True(await db.Papers.CountAsync() > papersBefore, "the ingests stored papers during the load");
            Assert.True(await db.Decisions.CountAsync() > decisionsBefore, "the classification runs stored decisions during the load");
        }

        Assert.True(all.Count >= Readers * 5, $"only {all.Count} requests in {seconds} s");
        Assert.Empty(errors.Select(e => $"{e.Endpoint}: {e.Error}"));
    }

    private int IngestRounds { get; set; }

    private int ClassifyRounds { get; set; }

    private sealed record Sample(string Endpoint, double Milliseconds, string? Error);

    private static async Task<List<Sample>> ReadLoopAsync(DashboardServer server, CookieContainer cookies, int reader, CancellationToken stop)
    {
        var samples = new List<Sample>();
        using var client = DashboardHttp.CreateClient(server, cookies);
        client.Timeout = TimeSpan.FromSeconds(60);
        for (var i = reader; !stop.IsCancellationRequested; i++)
        {
            var endpoint = Endpoints[i % Endpoints.Length];
            var clock = Stopwatch.StartNew();
            try
            {
                // Not cancelled by the deadline: a request under way is waited for, so every error counted is real.
                using var response = await client.GetAsync(endpoint, CancellationToken.None);
                var body = await response.Content.ReadAsByteArrayAsync(CancellationToken.None);
                var error = response.StatusCode != HttpStatusCode.OK ? $"HTTP {(int)response.StatusCode}" : body.Length == 0 ? "empty body" : null;
                samples.Add(new Sample(endpoint.Split('?')[0], clock.Elapsed.TotalMilliseconds, error));
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
            {
                samples.Add(new Sample(endpoint.Split('?')[0], clock.Elapsed.TotalMilliseconds, ex.GetType().Name + ": " + ex.Message));
            }
        }

        return samples;
    }

    /// <summary>Ingests archive after archive of renamed real papers (new DOIs each round), so writes go on the whole time.</summary>
    private async Task IngestLoopAsync(DashboardServer server, CancellationToken stop)
    {
        var jobs = server.Services.GetRequiredService<IngestJobQueue>();
        for (var round = 0; !stop.IsCancellationRequested; round++)
        {
            var zip = Path.Combine(server.Directory, $"load-{round}.zip");
            HostileInputs.WriteRenamedCopiesZip(TestPaths.CorpusFile("plos"), zip, copies: 1, tag: $"load{round}x");
            var job = jobs.Enqueue($"load {round}", "test", [IngestInput.FromPath(zip)]);
            await jobs.WaitAsync(job, CancellationToken.None);
            Assert.Equal(IngestJobStatus.Completed, job.Status);
            IngestRounds++;
        }
    }

    /// <summary>Classifies what is not yet classified, run after run, beside the ingests.</summary>
    private async Task ClassifyLoopAsync(DashboardServer server, CancellationToken stop)
    {
        var coordinator = server.Services.GetRequiredService<ClassificationRunCoordinator>();
        while (!stop.IsCancellationRequested)
        {
            var runId = await coordinator.StartAsync(
                new RunRequest("embedded", null, RunRequest.AllStages, new PaperSelection { UnclassifiedOnly = true }, Concurrency: 2), CancellationToken.None);
            while (coordinator.IsActive(runId))
            {
                await Task.Delay(50, CancellationToken.None);
            }

            ClassifyRounds++;
            await Task.Delay(200, CancellationToken.None);
        }
    }

    private static double Percentile(List<double> sorted, double p) => sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Count) - 1, 0, sorted.Count - 1)];
}
