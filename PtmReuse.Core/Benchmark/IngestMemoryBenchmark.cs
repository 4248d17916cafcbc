using System.Diagnostics;
using System.Globalization;
using System.Runtime;
using System.Text;
using PtmReuse.Core.Ingest;

namespace PtmReuse.Core.Benchmark;

/// <summary>One ingest measured: what went in, what came out, and the process's peak resident memory while it ran.</summary>
public sealed record IngestMemoryCase(string Name, long InputBytes, IngestSummary Summary, long PeakRssBytes, long StartRssBytes, TimeSpan Elapsed)
{
    public string Outcome => Summary.Failed == 0
        ? $"{Summary.Added} added"
        : $"{Summary.Added} added, {Summary.Failed} refused: {Summary.Errors.FirstOrDefault()?.Reason}";
}

/// <summary>
/// `bench ingest-memory`: builds issue 11's hostile inputs in a work folder (8 × 240 MB text entries in a 4 MB zip, the
/// same with lying headers, a 200 MB single text node, a 240 MB JSON line, trees 20,000 and 50,000 deep) beside the largest documents still
/// accepted and a 1,270-paper archive, ingests each in this process and records its peak resident set (VmHWM, reset
/// before each case through /proc/self/clear_refs; elsewhere a 10 ms sampler). The baseline, measured first in the
/// same run, is the whole shared corpus. Target: under 1 GB for every input.
/// </summary>
public sealed class IngestMemoryBenchmark(IPaperIngestor ingestor)
{
    public const long TargetBytes = 1024L * 1024 * 1024;
    private const long MB = 1024 * 1024;

    /// <param name="scale">Multiplies the hostile inputs' sizes (1 = the issue's; a smaller value for a quick look).</param>
    public async IAsyncEnumerable<IngestMemoryCase> RunAsync(
        string corpus, string work, double scale, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        long Scaled(long bytes) => Math.Max(MB, (long)(bytes * scale));

        string[] papers = ["plos", "biorxiv", "dl", "mixed"];
        yield return await MeasureAsync("baseline: the shared corpus (4 folders)", papers.Select(f => Path.Combine(corpus, f)).Where(Directory.Exists).ToArray(), cancellationToken);

        var copies = Path.Combine(work, "corpus-copies.zip");
        HostileInputs.WriteRenamedCopiesZip(Path.Combine(corpus, "plos"), copies, 10);
        yield return await MeasureAsync("PLOS × 10 renamed copies (zip)", copies, cancellationToken);

        var amplifier = Path.Combine(work, "amplifier.zip");
        HostileInputs.WriteTextAmplifierZip(amplifier, 8, Scaled(240 * MB));
        yield return await MeasureAsync($"8 × {Scaled(240 * MB) / MB} MB text entries (zip of {new FileInfo(amplifier).Length / (double)MB:F1} MB)", amplifier, cancellationToken);

        var bomb = Path.Combine(work, "lying-bomb.zip");
        HostileInputs.WriteLyingZipBomb(bomb, 8, Scaled(240 * MB));
        yield return await MeasureAsync("the same, headers lying: 1 KB per entry (zip bomb)", bomb, cancellationToken);

        var node = Path.Combine(work, "single-node.xml");
        HostileInputs.WriteSingleTextNodeJats(node, Scaled(200 * MB));
        yield return await MeasureAsync($"{Scaled(200 * MB) / MB} MB single-text-node JATS", node, cancellationToken);

        var line = Path.Combine(work, "one-line.jsonl");
        HostileInputs.WriteHugeJsonLine(line, Scaled(240 * MB));
        yield return await MeasureAsync($"{Scaled(240 * MB) / MB} MB JSON Lines row on one line", line, cancellationToken);

        var deep = Directory.CreateDirectory(Path.Combine(work, "deep")).FullName;
        await File.WriteAllTextAsync(Path.Combine(deep, "deep-p.xml"), HostileInputs.DeepJats(20_000), cancellationToken);
        await File.WriteAllTextAsync(Path.Combine(deep, "deep-hi.xml"), HostileInputs.DeepTei(50_000), cancellationToken);
        yield return await MeasureAsync("JATS 20,000 nested <p> + TEI 50,000 nested <hi>", deep, cancellationToken);

        // The largest documents still accepted (just under the 32 MiB default): the heaviest parse a real input can ask for.
        var markdown = Path.Combine(work, "long.md");
        HostileInputs.WriteLongMarkdown(markdown, 30 * MB);
        yield return await MeasureAsync("30 MB Markdown paper (accepted)", markdown, cancellationToken);

        var accepted = Path.Combine(work, "accepted-node.xml");
        HostileInputs.WriteSingleTextNodeJats(accepted, 30 * MB);
        yield return await MeasureAsync("30 MB single-text-node JATS (accepted)", accepted, cancellationToken);
    }

    private Task<IngestMemoryCase> MeasureAsync(string name, string path, CancellationToken cancellationToken) =>
        MeasureAsync(name, [path], cancellationToken);

    private async Task<IngestMemoryCase> MeasureAsync(string name, string[] paths, CancellationToken cancellationToken)
    {
        var input = paths.Sum(path => Directory.Exists(path)
            ? Directory.EnumerateFiles(path, "*", SearchOption.AllDirectories).Sum(f => new FileInfo(f).Length)
            : new FileInfo(path).Length);
        // Give back what the previous case left, then start the high-water mark from here.
        GCSettings.LargeObjectHeapCompactionMode = GCLargeObjectHeapCompactionMode.CompactOnce;
        GC.Collect(2, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        using var peak = PeakResidentSet.Start();
        var clock = Stopwatch.StartNew();
        var summary = await ingestor.IngestAsync(paths.Select(IngestInput.FromPath).ToList(), "bench", null, cancellationToken);
        return new IngestMemoryCase(name, input, summary, peak.Peak, peak.AtStart, clock.Elapsed);
    }

    public static string Format(IReadOnlyList<IngestMemoryCase> cases)
    {
        var baseline = cases[0].PeakRssBytes;
        var text = new StringBuilder();
        text.AppendLine(string.Create(CultureInfo.InvariantCulture, $"{"case",-58} {"input MB",9} {"s",6} {"RSS at start",12} {"peak RSS MB",11} {"× baseline",10}  outcome"));
        foreach (var c in cases)
        {
            var flag = c.PeakRssBytes > TargetBytes ? "  OVER THE 1 GB TARGET" : "";
            var outcome = c.Outcome.Length > 110 ? c.Outcome[..110] + "…" : c.Outcome;
            text.AppendLine(string.Create(CultureInfo.InvariantCulture,
                $"{c.Name,-58} {c.InputBytes / (double)MB,9:F1} {c.Elapsed.TotalSeconds,6:F1} {c.StartRssBytes / (double)MB,12:F0} {c.PeakRssBytes / (double)MB,11:F0} {c.PeakRssBytes / (double)baseline,10:F2}  {outcome}{flag}"));
        }

        var worst = cases.MaxBy(c => c.PeakRssBytes)!;
        text.AppendLine(string.Create(CultureInfo.InvariantCulture,
            $"Worst: {worst.Name}, peak RSS {worst.PeakRssBytes / (double)MB:F0} MB ({worst.PeakRssBytes / (double)baseline:F2} × the baseline's {baseline / (double)MB:F0} MB); target under {TargetBytes / MB} MB: {(worst.PeakRssBytes <= TargetBytes ? "met" : "NOT MET")}"));
        return text.ToString();
    }

    /// <summary>
    /// The process's peak resident set over a span: Linux's VmHWM after resetting it (clear_refs "5"), else the largest
    /// working set seen by a 10 ms sampler.
    /// </summary>
    private sealed class PeakResidentSet : IDisposable
    {
        private readonly Timer? _sampler;
        private long _sampled;

        private PeakResidentSet(bool reset)
        {
            AtStart = Environment.WorkingSet;
            _sampled = AtStart;
            if (!reset)
            {
                _sampler = new Timer(_ => Interlocked.Exchange(ref _sampled, Math.Max(Interlocked.Read(ref _sampled), Environment.WorkingSet)), null, 0, 10);
            }
        }

        public long AtStart { get; }

        public long Peak => _sampler is null ? HighWaterMark() ?? Environment.WorkingSet : Math.Max(Interlocked.Read(ref _sampled), Environment.WorkingSet);

        public static PeakResidentSet Start()
        {
            try
            {
                File.WriteAllText("/proc/self/clear_refs", "5");
                return new PeakResidentSet(reset: HighWaterMark() is not null);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                return new PeakResidentSet(reset: false);
            }
        }

        private static long? HighWaterMark()
        {
            try
            {
                var line = File.ReadLines("/proc/self/status").FirstOrDefault(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
                return line is null ? null : long.Parse(line[6..].Trim().Split(' ')[0], CultureInfo.InvariantCulture) * 1024;
            }
            catch (IOException)
            {
                return null;
            }
        }

        public void Dispose() => _sampler?.Dispose();
    }
}
