using System.Diagnostics;
using System.Globalization;
using System.Text;
using PtmReuse.Core.Classification.Embedded;
using PtmReuse.Core.Ingest.Formats;
using PtmReuse.Core.Papers;

namespace PtmReuse.Core.Classification.Benchmark;

/// <summary>Throughput of the embedded backend: all five stages over every paper, single-threaded (so per core).</summary>
public sealed record EmbeddedBenchmarkResult(
    int Papers,
    int Failed,
    int Repetitions,
    TimeSpan ParseTime,
    TimeSpan ClassifyTime,
    TimeSpan ClassifyCpuTime,
    IReadOnlyDictionary<string, TimeSpan> TimeByStep,
    IReadOnlyList<string> PaperLines)
{
    /// <summary>Papers per second of CPU time: the per-core rate, unaffected by other processes sharing the machine.</summary>
    public double PapersPerSecondPerCore => Papers * Repetitions / ClassifyCpuTime.TotalSeconds;

    public double PapersPerSecondWallClock => Papers * Repetitions / ClassifyTime.TotalSeconds;

    public string Format()
    {
        var text = new StringBuilder();
        var invariant = CultureInfo.InvariantCulture;
        text.AppendLine(invariant, $"papers: {Papers} (unreadable: {Failed}), repetitions: {Repetitions}, parse: {ParseTime.TotalSeconds:0.00} s (not counted)");
        text.AppendLine(invariant, $"classify (one thread, all five stages): CPU {ClassifyCpuTime.TotalSeconds:0.000} s = {PapersPerSecondPerCore:0.0} papers/s per core; wall clock {ClassifyTime.TotalSeconds:0.000} s = {PapersPerSecondWallClock:0.0} papers/s");
        text.AppendLine("mean wall-clock time per paper by stage (inflated when other processes share the cores):");
        foreach (var (step, time) in TimeByStep)
        {
            text.AppendLine(invariant, $"  {step,-14} {time.TotalMilliseconds / (Papers * Repetitions):0.000} ms");
        }

        foreach (var line in PaperLines)
        {
            text.AppendLine(line);
        }

        return text.ToString();
    }
}

/// <summary>
/// Runs the embedded backend over a folder of papers (parsed once with the ingest parsers, no database) and measures
/// time per stage. Each repetition builds fresh <see cref="PaperDocument"/>s so no cached analysis is reused.
/// </summary>
public sealed class EmbeddedBenchmark(EmbeddedBackend backend)
{
    private static readonly string[] PaperExtensions = [".xml", ".md", ".pdf", ".txt", ".tei"];

    // Corpus folders hold their own README.md next to the papers: that is not a paper.
    public static bool IsPaperFile(string path) =>
        PaperExtensions.Contains(Path.GetExtension(path).ToLowerInvariant())
        && !Path.GetFileName(path).StartsWith("README", StringComparison.OrdinalIgnoreCase);

    /// <param name="answers">When given, every paper's five answers of the first repetition are written to it (one line per
    /// answer: file, stage, confidence, the answer's JSON as stored), so two builds' decisions can be compared byte for byte.</param>
    public async Task<EmbeddedBenchmarkResult> RunAsync(string folder, int repetitions, bool listPapers, CancellationToken cancellationToken, TextWriter? answers = null)
    {
        if (!Directory.Exists(folder))
        {
            throw new DirectoryNotFoundException($"Corpus folder not found: {folder}");
        }

        var parse = Stopwatch.StartNew();
        var papers = new List<(string File, Paper Paper)>();
        var failed = 0;
        foreach (var file in Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories).Where(IsPaperFile).Order(StringComparer.Ordinal))
        {
            cancellationToken.ThrowIfCancellationRequested();
            try
            {
                papers.AddRange(PaperReader.ReadFile(file).Select(p => (Path.GetRelativePath(folder, file), p)));
            }
            catch (PaperFormatException)
            {
                failed++;
            }
        }

        parse.Stop();

        // Warm-up: JIT and regex compilation are not what a long run pays per paper.
        foreach (var (_, paper) in papers.Take(20))
        {
            await ClassifyAllAsync(PaperDocument.FromPaper(paper), null, null, cancellationToken);
        }

        var timeByStep = new Dictionary<string, TimeSpan> { ["document"] = TimeSpan.Zero };
        foreach (var definition in StageDefinitions.All)
        {
            timeByStep[definition.WireName] = TimeSpan.Zero;
        }

        var lines = new List<string>();
        var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
        var total = Stopwatch.StartNew();
        for (var repetition = 0; repetition < repetitions; repetition++)
        {
            foreach (var (file, paper) in papers)
            {
                var watch = Stopwatch.StartNew();
                var document = PaperDocument.FromPaper(paper);
                timeByStep["document"] += watch.Elapsed;
                var confidences = answers is not null && repetition == 0 ? new Dictionary<Stage, double?>() : null;
                var stageAnswers = await ClassifyAllAsync(document, timeByStep, confidences, cancellationToken);
                if (listPapers && repetition == 0)
                {
                    lines.Add(Describe(file, stageAnswers));
                }

                if (confidences is not null)
                {
                    foreach (var (stage, answer) in stageAnswers)
                    {
                        await answers!.WriteLineAsync(FormattableString.Invariant($"{file}\t{stage.WireName()}\t{confidences[stage]:R}\t{StageJson.Serialize(answer)}"));
                    }
                }
            }
        }

        total.Stop();
        var cpu = Process.GetCurrentProcess().TotalProcessorTime - cpuBefore;
        return new EmbeddedBenchmarkResult(papers.Count, failed, repetitions, parse.Elapsed, total.Elapsed, cpu, timeByStep, lines);
    }

    private async Task<Dictionary<Stage, StageAnswer>> ClassifyAllAsync(PaperDocument document, Dictionary<string, TimeSpan>? timeByStep, Dictionary<Stage, double?>? confidences, CancellationToken cancellationToken)
    {
        // All five stages, whatever the gates say: the benchmark measures the full cost of every stage.
        var answers = new Dictionary<Stage, StageAnswer>();
        foreach (var definition in StageDefinitions.All)
        {
            var watch = Stopwatch.StartNew();
            var outcome = await backend.ClassifyAsync(new StageRequest(definition.Stage, document, answers), cancellationToken);
            if (timeByStep is not null)
            {
                timeByStep[definition.WireName] += watch.Elapsed;
            }

            answers[definition.Stage] = outcome.Answer!;
            confidences?.Add(definition.Stage, outcome.Confidence);
        }

        return answers;
    }

    private static string Describe(string file, Dictionary<Stage, StageAnswer> answers)
    {
        var usesDl = answers[Stage.UsesDl] is FlagAnswer { Result: true };
        var usesPtms = usesDl && answers[Stage.UsesPtms] is FlagAnswer { Result: true };
        var models = usesPtms && answers[Stage.PtmReuse] is PtmReuseAnswer reuse
            ? string.Join(", ", reuse.Items.Select(i => $"{i.Canonical}:{i.Pattern.ToString().ToLowerInvariant()}"))
            : "";
        return $"{file}\tuses_dl={usesDl}\tuses_ptms={usesPtms}\t{models}";
    }
}
