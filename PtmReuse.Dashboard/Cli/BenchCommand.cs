using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Xml;
using System.Xml.Linq;
using PtmReuse.Core.Ingest;
using PtmReuse.Core.Ingest.Formats;
using PtmReuse.Core.Papers;

namespace PtmReuse.Dashboard.Cli;

/// <summary>
/// `bench ingest [path] [--copies N]`: ingests a folder (default ../shared/corpus/plos) into a temporary database and
/// prints papers/s, MB/s and memory; re-ingests it (the no-op path); then ingests a synthetic .zip holding N renamed
/// copies of every file (distinct DOIs) while sampling memory, to show memory does not grow with the number of files.
/// </summary>
internal static class BenchCommand
{
    // The study's own route: pandoc 2.17 converted 122 of these PLOS files in 23.2 s on this machine kind.
    private const double PandocPapersPerSecond = 122 / 23.2;
    private const double PandocMegabytesPerSecond = 0.7;

    public static Command Create(params Command[] more)
    {
        var path = new Argument<string?>("path") { Description = "Folder or .zip to ingest (default: ../shared/corpus/plos).", Arity = ArgumentArity.ZeroOrOne };
        var copies = new Option<int>("--copies") { Description = "Copies of the folder in the synthetic archive (memory check).", DefaultValueFactory = _ => 10 };
        var ingest = new Command("ingest", "Benchmark ingest throughput and memory.");
        ingest.Arguments.Add(path);
        ingest.Options.Add(copies);
        ingest.SetAction((parse, ct) => RunAsync(parse, parse.GetValue(path), parse.GetValue(copies), ct));
        var bench = new Command("bench", "Benchmarks that print figures.");
        bench.Subcommands.Add(ingest);
        foreach (var command in more)
        {
            bench.Subcommands.Add(command);
        }

        return bench;
    }

    private static async Task<int> RunAsync(ParseResult parse, string? path, int copies, CancellationToken cancellationToken)
    {
        var output = CliHost.Out(parse);
        var source = Path.GetFullPath(path ?? Path.Combine(AppPaths.ContentRoot(), "..", "shared", "corpus", "plos"));
        if (!Directory.Exists(source) && !File.Exists(source))
        {
            await CliHost.Error(parse).WriteLineAsync($"{source}: no such folder or file");
            return 2;
        }

        var work = Path.Combine(Path.GetTempPath(), $"ptmreuse-bench-{Guid.NewGuid():N}");
        Directory.CreateDirectory(work);
        try
        {
            using var host = await CliHost.StartAsync(parse, cancellationToken, Path.Combine(work, "bench.db"));
            var ingestor = host.Services.GetRequiredService<IPaperIngestor>();
            await output.WriteLineAsync($"Source: {source}");
            if (Directory.Exists(source))
            {
                await ReportParsing(output, source, Math.Max(copies, 1), cancellationToken);
            }

            var first = await MeasureAsync(ingestor, [IngestInput.FromPath(source)], cancellationToken);
            await Report(output, "Pass 1 (new papers)", first);
            await output.WriteLineAsync(VersusPandoc(first));

            var again = await MeasureAsync(ingestor, [IngestInput.FromPath(source)], cancellationToken);
            await Report(output, "Pass 2 (unchanged, no-op)", again);

            if (copies > 0 && Directory.Exists(source))
            {
                var zip = Path.Combine(work, "synthetic.zip");
                var files = Core.Benchmark.HostileInputs.WriteRenamedCopiesZip(source, zip, copies);
                await output.WriteLineAsync($"Synthetic archive: {files} entries ({copies} renamed copies), {new FileInfo(zip).Length / 1048576.0:F1} MB compressed");
                var big = await MeasureAsync(ingestor, [IngestInput.FromPath(zip)], cancellationToken);
                await Report(output, "Pass 3 (synthetic zip)", big);
                await output.WriteLineAsync(VersusPandoc(big));
                await output.WriteLineAsync("  Peak managed heap in each quarter of the entries (MB): "
                    + string.Join(", ", big.HeapByQuarter.Select(h => (h / 1048576.0).ToString("F0", CultureInfo.InvariantCulture))));
                await output.WriteLineAsync("  Peak working set in each quarter of the entries (MB): "
                    + string.Join(", ", big.WorkingSetByQuarter.Select(h => (h / 1048576.0).ToString("F0", CultureInfo.InvariantCulture))));
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

    private static string VersusPandoc(Measurement m) => string.Create(CultureInfo.InvariantCulture,
        $"  vs pandoc ({PandocPapersPerSecond:F1} papers/s, {PandocMegabytesPerSecond:F1} MB/s): {m.PapersPerSecond / PandocPapersPerSecond:F0}x papers/s, {m.MegabytesPerSecond / PandocMegabytesPerSecond:F0}x MB/s (target 50x)");

    /// <summary>
    /// Same-run reference points, one thread, files already in memory, nothing stored: a plain XDocument.Load of every
    /// file (the floor any XML route pays) and the full JATS parse. Their ratio to the ingest figures shows where time goes
    /// under whatever load the machine has right now.
    /// </summary>
    private static async Task ReportParsing(TextWriter output, string folder, int copies, CancellationToken cancellationToken)
    {
        var files = Directory.EnumerateFiles(folder, "*.xml", SearchOption.AllDirectories).Order(StringComparer.Ordinal)
            .Select(f => (Item: SourceItem.FromFile(f), Bytes: File.ReadAllBytes(f))).ToList();
        var megabytes = files.Sum(f => (long)f.Bytes.Length) * copies / 1048576.0;
        var plainSettings = new XmlReaderSettings { DtdProcessing = DtdProcessing.Ignore, XmlResolver = null };
        foreach (var (item, bytes) in files)
        {
            // Warm-up: JIT and static tables, so neither timing below pays them.
            PaperReader.ParseDocument(item, SourceFormat.Jats, bytes);
        }

        var load = Time(() =>
        {
            for (var copy = 0; copy < copies; copy++)
            {
                foreach (var (_, bytes) in files)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    using var reader = XmlReader.Create(new MemoryStream(bytes, writable: false), plainSettings);
                    XDocument.Load(reader, LoadOptions.PreserveWhitespace);
                }
            }
        });
        var parse = Time(() =>
        {
            for (var copy = 0; copy < copies; copy++)
            {
                foreach (var (item, bytes) in files)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    PaperReader.ParseDocument(item, SourceFormat.Jats, bytes);
                }
            }
        });
        var count = files.Count * copies;
        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"Baseline, 1 thread, in memory, {count} files ({megabytes:F0} MB): XDocument.Load only {count / load:F0} papers/s ({megabytes / load:F1} MB/s, {count / load / PandocPapersPerSecond:F0}x pandoc); " +
            $"full JATS parse {count / parse:F0} papers/s ({megabytes / parse:F1} MB/s, {count / parse / PandocPapersPerSecond:F0}x pandoc)"));
    }

    private static double Time(Action action)
    {
        GC.Collect();
        var clock = Stopwatch.StartNew();
        action();
        return Math.Max(clock.Elapsed.TotalSeconds, 1e-6);
    }

    private sealed record Measurement(IngestSummary Summary, double PapersPerSecond, double MegabytesPerSecond, long PeakWorkingSet, long PeakHeap, long[] HeapByQuarter, long[] WorkingSetByQuarter, TimeSpan Cpu);

    private static async Task<Measurement> MeasureAsync(IPaperIngestor ingestor, IReadOnlyList<IngestInput> inputs, CancellationToken cancellationToken)
    {
        GC.Collect();
        var process = Process.GetCurrentProcess();
        var sampler = new MemorySampler(process);
        var cpuBefore = process.TotalProcessorTime;
        var summary = await ingestor.IngestAsync(inputs, "bench", sampler, cancellationToken);
        process.Refresh();
        var cpu = process.TotalProcessorTime - cpuBefore;
        var seconds = Math.Max(summary.Elapsed.TotalSeconds, 1e-6);
        return new Measurement(
            summary,
            summary.Total / seconds,
            summary.BytesRead / 1048576.0 / seconds,
            sampler.PeakWorkingSet,
            sampler.PeakHeap,
            sampler.Quarter(s => s.Heap),
            sampler.Quarter(s => s.WorkingSet),
            cpu);
    }

    private static async Task Report(TextWriter output, string name, Measurement m) =>
        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"{name}: {m.Summary.Total} items ({m.Summary.Added} added, {m.Summary.Unchanged} unchanged, {m.Summary.Failed} failed) in {m.Summary.Elapsed.TotalSeconds:F2} s = " +
            $"{m.PapersPerSecond:F0} papers/s, {m.MegabytesPerSecond:F1} MB/s; CPU {m.Cpu.TotalSeconds:F2} s ({m.Summary.Total / Math.Max(m.Cpu.TotalSeconds, 1e-6):F0} papers per CPU-second); peak working set {m.PeakWorkingSet / 1048576.0:F0} MB, peak managed heap {m.PeakHeap / 1048576.0:F0} MB"));

    /// <summary>Samples working set and managed heap at each progress report, keyed by items done.</summary>
    private sealed class MemorySampler(Process process) : IProgress<IngestProgress>
    {
        private readonly List<(int Done, int? Total, long Heap, long WorkingSet)> _samples = [];

        public long PeakWorkingSet { get; private set; }

        public long PeakHeap { get; private set; }

        public void Report(IngestProgress value)
        {
            process.Refresh();
            var heap = GC.GetTotalMemory(forceFullCollection: false);
            var workingSet = process.WorkingSet64;
            PeakHeap = Math.Max(PeakHeap, heap);
            PeakWorkingSet = Math.Max(PeakWorkingSet, workingSet);
            lock (_samples)
            {
                _samples.Add((value.ItemsDone, value.ItemsTotal, heap, workingSet));
            }
        }

        public long[] Quarter(Func<(int Done, int? Total, long Heap, long WorkingSet), long> select)
        {
            lock (_samples)
            {
                var total = _samples.LastOrDefault().Total ?? _samples.LastOrDefault().Done;
                return Enumerable.Range(1, 4)
                    .Select(q => _samples.Where(s => s.Done > total * (q - 1) / 4 && s.Done <= total * q / 4).Select(select).DefaultIfEmpty(0).Max())
                    .ToArray();
            }
        }
    }
}
