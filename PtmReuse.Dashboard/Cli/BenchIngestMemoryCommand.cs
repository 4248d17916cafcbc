using System.CommandLine;
using System.Globalization;
using PtmReuse.Core.Benchmark;
using PtmReuse.Core.Ingest;

namespace PtmReuse.Dashboard.Cli;

/// <summary>`bench ingest-memory`: peak resident memory of ingesting issue 11's hostile inputs, against the corpus in the same run.</summary>
internal static class BenchIngestMemoryCommand
{
    public static Command Create()
    {
        var corpus = new Option<string>("--corpus")
        {
            Description = "The baseline folder, ingested first (default ../shared/corpus; its plos/ also feeds the 10-copy archive).",
            DefaultValueFactory = _ => Path.Combine(AppPaths.ContentRoot(), "..", "shared", "corpus"),
        };
        var scale = new Option<double>("--scale") { Description = "Size of the hostile inputs relative to the issue's (1 = 8 × 240 MB, 200 MB, ...).", DefaultValueFactory = _ => 1 };
        var command = new Command("ingest-memory", "Peak memory ingesting hostile inputs (zip amplifiers, huge text nodes and lines, deep trees); target under 1 GB each.")
        {
            corpus,
            scale,
        };
        command.SetAction((parse, ct) => RunAsync(parse, Path.GetFullPath(parse.GetValue(corpus)!), parse.GetValue(scale), ct));
        return command;
    }

    private static async Task<int> RunAsync(ParseResult parse, string corpus, double scale, CancellationToken cancellationToken)
    {
        var output = CliHost.Out(parse);
        if (!Directory.Exists(Path.Combine(corpus, "plos")) || scale is <= 0 or > 4)
        {
            await CliHost.Error(parse).WriteLineAsync($"bench ingest-memory: needs a corpus folder with plos/ (got {corpus}) and a --scale in (0, 4].");
            return 2;
        }

        var work = Path.Combine(Path.GetTempPath(), $"ptmreuse-bench-memory-{Guid.NewGuid():N}");
        Directory.CreateDirectory(work);
        try
        {
            using var host = await CliHost.StartAsync(parse, cancellationToken, Path.Combine(work, "bench.db"));
            var options = host.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<IngestOptions>>().Value;
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"Limits: MaxEntryBytes {options.MaxEntryBytes / 1048576} MiB, MaxDocumentBytes {options.MaxDocumentBytes / 1048576} MiB, MaxBytesInFlight {options.MaxBytesInFlight / 1048576} MiB, MaxArchiveBytes {options.MaxArchiveBytes / 1048576} MiB; {Environment.ProcessorCount} cores; inputs built in {work}"));
            var cases = new List<IngestMemoryCase>();
            await foreach (var measured in new IngestMemoryBenchmark(host.Services.GetRequiredService<IPaperIngestor>()).RunAsync(corpus, work, scale, cancellationToken))
            {
                cases.Add(measured);
                await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"  measured: {measured.Name}: peak RSS {measured.PeakRssBytes / 1048576.0:F0} MB"));
            }

            await output.WriteAsync(IngestMemoryBenchmark.Format(cases));
            return cases.Max(c => c.PeakRssBytes) <= IngestMemoryBenchmark.TargetBytes ? 0 : 1;
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
}
