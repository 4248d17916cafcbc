using System.Collections.Concurrent;
using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using PtmReuse.Core.Acquire;
using PtmReuse.Core.Ingest;

namespace PtmReuse.Dashboard.Cli;

/// <summary>
/// `bench acquire [--works N] [--page-size P] [--rate R]`: harvests N synthetic OpenAlex works from a loopback server
/// (127.0.0.1, answering at once) into a temporary database, and prints works/s against a baseline measured in the same
/// run (the same works ingested straight from files, no HTTP) and the request rate the server saw against the configured
/// limit. It shows what the harvest's HTTP, cursor bookkeeping and rate limit cost, and that the limit holds.
/// </summary>
internal static class BenchAcquireCommand
{
    public static Command Create()
    {
        var works = new Option<int>("--works") { Description = "Synthetic works to harvest.", DefaultValueFactory = _ => 2000 };
        var pageSize = new Option<int>("--page-size") { Description = "Works per page (OpenAlex allows 200).", DefaultValueFactory = _ => 50 };
        var rate = new Option<double>("--rate") { Description = "Acquire:OpenAlexRequestsPerSecond for the run.", DefaultValueFactory = _ => 8 };
        var command = new Command("acquire", "Benchmark an OpenAlex harvest (loopback server) against plain ingest of the same works, and the rate limit.");
        command.Options.Add(works);
        command.Options.Add(pageSize);
        command.Options.Add(rate);
        command.SetAction((parse, ct) => RunAsync(parse, Math.Max(1, parse.GetValue(works)), Math.Clamp(parse.GetValue(pageSize), 1, 200), parse.GetValue(rate), ct));
        return command;
    }

    private static async Task<int> RunAsync(ParseResult parse, int count, int pageSize, double rate, CancellationToken cancellationToken)
    {
        var output = CliHost.Out(parse);
        var work = Path.Combine(Path.GetTempPath(), $"ptmreuse-bench-acquire-{Guid.NewGuid():N}");
        Directory.CreateDirectory(work);
        var works = Enumerable.Range(1, count).Select(Work).ToList();
        await using var server = await LoopbackOpenAlex.StartAsync(works);
        try
        {
            // Baseline: the same works as the same page files, ingested straight from disk (no HTTP, no cursor bookkeeping).
            var folder = Path.Combine(work, "works");
            Directory.CreateDirectory(folder);
            var pageNumber = 0;
            foreach (var page in works.Chunk(pageSize))
            {
                await File.WriteAllLinesAsync(Path.Combine(folder, $"page-{++pageNumber:D5}.jsonl"), page.Select(w => w.ToJsonString()), cancellationToken);
            }

            double baseline;
            using (var host = await CliHost.StartAsync(parse, cancellationToken, Path.Combine(work, "baseline.db")))
            {
                var clock = Stopwatch.StartNew();
                var summary = await host.Services.GetRequiredService<IPaperIngestor>().IngestAsync([IngestInput.FromPath(folder)], "bench", null, cancellationToken);
                baseline = summary.Added / clock.Elapsed.TotalSeconds;
                await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                    $"Baseline, ingest of the same {summary.Added} works as {pageNumber} JSON Lines page files: {clock.Elapsed.TotalSeconds:F1} s, {baseline:F0} works/s"));
            }

            var settings = new Dictionary<string, string?>
            {
                ["Acquire:OpenAlexBaseUrl"] = server.BaseUrl,
                ["Acquire:OpenAlexRequestsPerSecond"] = rate.ToString(CultureInfo.InvariantCulture),
                ["Acquire:PageSize"] = pageSize.ToString(CultureInfo.InvariantCulture),
                ["Acquire:DataFolder"] = Path.Combine(work, "acquire"),
                ["Acquire:Mailto"] = "bench@example.org",
            };
            using (var host = await CliHost.StartAsync(parse, cancellationToken, Path.Combine(work, "harvest.db"), settings))
            {
                var clock = Stopwatch.StartNew();
                var harvest = await host.Services.GetRequiredService<OpenAlexHarvester>().HarvestAsync(new OpenAlexQuery(), "bench", null, cancellationToken);
                var seconds = clock.Elapsed.TotalSeconds;
                var perSecond = harvest.Added / seconds;
                var times = server.RequestTimes;
                var span = (times[^1] - times[0]).TotalSeconds;
                var observed = span > 0 ? (times.Count - 1) / span : double.NaN;
                var busiest = BusiestSecond(times);
                var process = Process.GetCurrentProcess();
                await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                    $"Harvest {harvest.Status}, {harvest.Added} works in {harvest.Pages} pages of {pageSize}: {seconds:F1} s, {perSecond:F0} works/s ({perSecond / baseline:F2}x baseline)"));
                await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                    $"Requests seen by the server: {times.Count}, {observed:F2}/s on average and at most {busiest} in any one second; limit {rate:F1}/s (average {observed / rate:F2}x the limit; OpenAlex allows 10/s)"));
                await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                    $"Floor set by the limit: {(times.Count - 1) / rate:F1} s for {times.Count} requests; peak working set {process.PeakWorkingSet64 / 1048576.0:F0} MB"));
            }

            return 0;
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            try
            {
                Directory.Delete(work, recursive: true);
            }
            catch (IOException)
            {
                // A leftover temp folder is harmless.
            }
        }
    }

    private static int BusiestSecond(IReadOnlyList<DateTime> times)
    {
        var most = 0;
        for (int start = 0, end = 0; start < times.Count; start++)
        {
            while (end < times.Count && times[end] - times[start] < TimeSpan.FromSeconds(1))
            {
                end++;
            }

            most = Math.Max(most, end - start);
        }

        return most;
    }

    private static JsonObject Work(int n) => new()
    {
        ["id"] = $"https://openalex.org/W{900_000_000 + n}",
        ["doi"] = $"https://doi.org/10.5555/bench.{n}",
        ["title"] = $"Benchmark work {n}: deep learning in a natural science",
        ["publication_year"] = 2000 + n % 26,
        ["publication_date"] = $"{2000 + n % 26}-06-01",
        ["type"] = "article",
        ["primary_location"] = new JsonObject
        {
            ["source"] = new JsonObject { ["display_name"] = "PLOS ONE", ["host_organization_name"] = "Public Library of Science" },
            ["license"] = "cc-by",
        },
        ["authorships"] = new JsonArray(new JsonObject { ["author"] = new JsonObject { ["display_name"] = "Ada Bench" } }),
        ["topics"] = new JsonArray(new JsonObject
        {
            ["id"] = "https://openalex.org/T10001", ["display_name"] = "Benchmark topic", ["score"] = 0.98,
            ["subfield"] = new JsonObject { ["display_name"] = "Molecular Biology" },
            ["field"] = new JsonObject { ["display_name"] = "Biochemistry, Genetics and Molecular Biology" },
            ["domain"] = new JsonObject { ["display_name"] = "Life Sciences" },
        }),
        ["abstract_inverted_index"] = new JsonObject { ["We"] = new JsonArray(0), ["trained"] = new JsonArray(1), ["networks."] = new JsonArray(2) },
    };

    /// <summary>A loopback /works with cursor paging (meta.count, meta.next_cursor), answering at once; records request times.</summary>
    private sealed class LoopbackOpenAlex(WebApplication app, List<JsonObject> works) : IAsyncDisposable
    {
        private readonly ConcurrentQueue<DateTime> _times = new();

        public string BaseUrl { get; private set; } = "";

        public IReadOnlyList<DateTime> RequestTimes => _times.Order().ToList();

        public static async Task<LoopbackOpenAlex> StartAsync(List<JsonObject> works)
        {
            var builder = WebApplication.CreateSlimBuilder();
            builder.WebHost.UseUrls("http://127.0.0.1:0");
            builder.Logging.ClearProviders();
            var app = builder.Build();
            var server = new LoopbackOpenAlex(app, works);
            app.MapGet("/works", server.Page);
            await app.StartAsync();
            server.BaseUrl = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First().TrimEnd('/');
            return server;
        }

        private IResult Page(HttpContext context)
        {
            _times.Enqueue(DateTime.UtcNow);
            var perPage = int.TryParse(context.Request.Query["per-page"], out var size) ? Math.Clamp(size, 1, 200) : 25;
            var cursor = (string?)context.Request.Query["cursor"];
            var offset = cursor is null or "*" ? 0 : int.Parse(cursor, CultureInfo.InvariantCulture);
            var page = works.Skip(offset).Take(perPage).Select(w => (JsonNode)w.DeepClone()).ToArray();
            var next = page.Length == 0 ? null : (offset + page.Length).ToString(CultureInfo.InvariantCulture);
            var body = new JsonObject
            {
                ["meta"] = new JsonObject { ["count"] = works.Count, ["per_page"] = perPage, ["next_cursor"] = next },
                ["results"] = new JsonArray(page),
            };
            return Results.Text(body.ToJsonString(), "application/json", Encoding.UTF8);
        }

        public async ValueTask DisposeAsync()
        {
            await app.StopAsync();
            await app.DisposeAsync();
        }
    }
}
