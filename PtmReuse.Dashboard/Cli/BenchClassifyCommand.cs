using System.CommandLine;
using PtmReuse.Core.Classification.Benchmark;
using PtmReuse.Core.Classification.Catalog;
using PtmReuse.Core.Classification.Embedded;

namespace PtmReuse.Dashboard.Cli;

/// <summary>`bench classify`: embedded backend throughput over a corpus folder (no database, no network).</summary>
internal static class BenchClassifyCommand
{
    private static readonly Option<string> CorpusOption = new("--corpus")
    {
        Description = "Folder of papers (JATS/TEI XML, Markdown, PDF), searched recursively.",
        DefaultValueFactory = _ => Path.Combine("..", "shared", "corpus"),
    };

    private static readonly Option<int> RepeatOption = new("--repeat")
    {
        Description = "How many times to classify every paper (more gives steadier figures).",
        DefaultValueFactory = _ => 3,
    };

    private static readonly Option<bool> ListOption = new("--list")
    {
        Description = "Also print each paper's answers (uses_dl, uses_ptms, models and patterns).",
    };

    private static readonly Option<FileInfo?> BaselineCatalogOption = new("--baseline-catalog")
    {
        Description = "A catalog JSON (e.g. an older ptm-catalog.json) to classify with first, in the same run, as the baseline.",
    };

    private static readonly Option<FileInfo?> AnswersOption = new("--answers")
    {
        Description = "Write every paper's five answers (rule, evidence, mentions, confidence) to this file, to diff two builds' decisions (slows the timed run: leave it off for figures).",
    };

    private static readonly Option<FileInfo?> BaselineBuildOption = new("--baseline-build")
    {
        Description = "Another build's ptmreuse.dll (e.g. rules-1.x built from an older commit): its bench classify runs over the same corpus just before and just after this build's, and the ratios are printed.",
    };

    public static Command Create()
    {
        var command = new Command("classify", "Measure the embedded classifier: papers/s per core and time per stage.")
        {
            CorpusOption,
            RepeatOption,
            ListOption,
            BaselineCatalogOption,
            AnswersOption,
            BaselineBuildOption,
        };
        command.SetAction(async (parse, ct) =>
        {
            var repeat = parse.GetValue(RepeatOption);
            if (repeat < 1)
            {
                await Console.Error.WriteLineAsync("--repeat must be at least 1.");
                return 2;
            }

            var catalog = PtmCatalog.LoadEmbedded();
            var benchmark = new EmbeddedBenchmark(new EmbeddedBackend(catalog));
            try
            {
                var folder = Path.GetFullPath(parse.GetValue(CorpusOption)!);
                EmbeddedBenchmarkResult? baseline = null;
                if (parse.GetValue(BaselineCatalogOption) is { } baselineFile)
                {
                    await using var stream = baselineFile.OpenRead();
                    var baselineCatalog = new PtmCatalog(CatalogFile.Parse(stream, baselineFile.FullName).Models);
                    var baselineBenchmark = new EmbeddedBenchmark(new EmbeddedBackend(baselineCatalog));
                    // Untimed passes with both catalogs first: process CPU time also counts the background JIT and GC
                    // threads, which otherwise bill their start-up work to whichever run comes first.
                    await baselineBenchmark.RunAsync(folder, repeat, false, ct);
                    await benchmark.RunAsync(folder, repeat, false, ct);
                    baseline = await baselineBenchmark.RunAsync(folder, repeat, false, ct);
                    Console.WriteLine($"baseline catalog {baselineFile.Name} ({baselineCatalog.Entries.Count} entries):");
                    Console.Write(baseline.Format());
                    Console.WriteLine($"shipped catalog ({catalog.Entries.Count} entries):");
                }

                var baselineBuild = parse.GetValue(BaselineBuildOption);
                BaselineBuildResult? buildBefore = null;
                if (baselineBuild is not null)
                {
                    buildBefore = await BaselineBuildBenchmark.RunAsync(baselineBuild.FullName, folder, repeat, ct);
                    Console.WriteLine($"baseline build {baselineBuild.FullName}, before this build's run:");
                    Console.WriteLine("  " + buildBefore.Line);
                    Console.WriteLine("this build:");
                }

                EmbeddedBenchmarkResult result;
                if (parse.GetValue(AnswersOption) is { } answersFile)
                {
                    await using var answers = new StreamWriter(answersFile.FullName) { NewLine = "\n" };
                    result = await benchmark.RunAsync(folder, repeat, parse.GetValue(ListOption), ct, answers);
                }
                else
                {
                    result = await benchmark.RunAsync(folder, repeat, parse.GetValue(ListOption), ct);
                }

                Console.Write(result.Format());
                if (baselineBuild is not null)
                {
                    // Before and after this build's run: the mean of the two evens out a machine whose load drifts.
                    var buildAfter = await BaselineBuildBenchmark.RunAsync(baselineBuild.FullName, folder, repeat, ct);
                    Console.WriteLine("baseline build, after this build's run:");
                    Console.WriteLine("  " + buildAfter.Line);
                    if (buildAfter.Papers != result.Papers || buildBefore!.Papers != result.Papers)
                    {
                        Console.WriteLine($"  (the baseline build read {buildAfter.Papers} papers, this build {result.Papers}: the ratios compare different work)");
                    }

                    var perCore = (buildBefore!.PapersPerSecondPerCore + buildAfter.PapersPerSecondPerCore) / 2;
                    var wall = (buildBefore.PapersPerSecondWallClock + buildAfter.PapersPerSecondWallClock) / 2;
                    Console.WriteLine(FormattableString.Invariant(
                        $"this build / baseline build: {result.PapersPerSecondPerCore:0.0} / {perCore:0.0} = x{result.PapersPerSecondPerCore / perCore:0.00} papers/s per core (CPU time); {result.PapersPerSecondWallClock:0.0} / {wall:0.0} = x{result.PapersPerSecondWallClock / wall:0.00} papers/s wall clock"));
                }
                if (baseline is not null)
                {
                    Console.WriteLine(FormattableString.Invariant(
                        $"shipped / baseline catalog: x{result.PapersPerSecondPerCore / baseline.PapersPerSecondPerCore:0.00} papers/s per core"));
                }

                // The catalog's share of that time, against its hand-curated part measured in this same run.
                var texts = CatalogMatchingBenchmark.LoadTexts(folder, ct);
                var matching = CatalogMatchingBenchmark.Run(texts, repeat,
                    ("curated only", CatalogMatchingBenchmark.CuratedOnly(catalog)), ("shipped catalog", catalog));
                Console.Write(CatalogMatchingBenchmark.Format(matching, texts.Count, repeat));
                return 0;
            }
            catch (Exception e) when (e is DirectoryNotFoundException or FileNotFoundException or InvalidDataException or InvalidOperationException)
            {
                await Console.Error.WriteLineAsync(e.Message);
                return 2;
            }
        });
        return command;
    }
}
