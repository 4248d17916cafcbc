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

    public static Command Create()
    {
        var command = new Command("classify", "Measure the embedded classifier: papers/s per core and time per stage.")
        {
            CorpusOption,
            RepeatOption,
            ListOption,
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
                var result = await benchmark.RunAsync(folder, repeat, parse.GetValue(ListOption), ct);
                Console.Write(result.Format());

                // The catalog's share of that time, against its hand-curated part measured in this same run.
                var texts = CatalogMatchingBenchmark.LoadTexts(folder, ct);
                var matching = CatalogMatchingBenchmark.Run(texts, repeat,
                    ("curated only", CatalogMatchingBenchmark.CuratedOnly(catalog)), ("shipped catalog", catalog));
                Console.Write(CatalogMatchingBenchmark.Format(matching, texts.Count, repeat));
                return 0;
            }
            catch (DirectoryNotFoundException e)
            {
                await Console.Error.WriteLineAsync(e.Message);
                return 2;
            }
        });
        return command;
    }
}
