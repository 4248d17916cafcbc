using System.CommandLine;
using System.Text.Json;
using PtmReuse.Core.Classification;
using PtmReuse.Core.Classification.Benchmark;
using PtmReuse.Core.Classification.Catalog;
using PtmReuse.Core.Classification.Embedded;
using PtmReuse.Core.Classification.Evaluation;
using PtmReuse.Core.Ingest.Formats;

namespace PtmReuse.Dashboard.Cli;

/// <summary>
/// `explain FILE`: the embedded backend's five answers for one paper file, with the rule behind each and every model
/// mention it weighed (used, compared, cited, future, negated). No database: for checking why a paper came out as it did.
/// `explain --rule-counts PATH...`: how often each rule fires over files and folders (rule ids and counts only, no
/// answers), to find rules that exist for one paper.
/// </summary>
internal static class ExplainCommand
{
    private static readonly Argument<string[]> FilesArgument = new("file")
    {
        Description = "A paper file (JATS/TEI XML, Markdown, PDF); with --rule-counts, any number of files and folders.",
        Arity = ArgumentArity.OneOrMore,
    };

    private static readonly Option<bool> RuleCountsOption = new("--rule-counts")
    {
        Description = "Print how many times, and in how many papers, each rule fires over the given files and folders (searched recursively).",
    };

    public static Command Create()
    {
        var command = new Command("explain", "Show the embedded backend's answers for one paper file, with the rule behind each decision.") { FilesArgument, RuleCountsOption };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var paths = parse.GetValue(FilesArgument)!;
            var backend = new EmbeddedBackend(PtmCatalog.LoadEmbedded());
            if (parse.GetValue(RuleCountsOption))
            {
                return await CountRulesAsync(parse, backend, paths, cancellationToken);
            }

            if (paths.Length != 1)
            {
                await CliHost.Error(parse).WriteLineAsync("explain: give one file (or --rule-counts for many).");
                return 2;
            }

            var path = paths[0];
            IReadOnlyList<Core.Papers.Paper> papers;
            try
            {
                papers = PaperReader.ReadFile(path);
            }
            catch (Exception ex) when (ex is PaperFormatException or IOException)
            {
                await CliHost.Error(parse).WriteLineAsync($"explain: {path}: {ex.Message}");
                return 2;
            }

            var output = CliHost.Out(parse);
            var json = new JsonSerializerOptions(StageJson.Options) { WriteIndented = true };
            foreach (var paper in papers)
            {
                var document = PaperDocument.FromPaper(paper);
                await output.WriteLineAsync($"# {paper.Title} ({paper.Doi ?? "no DOI"}; article type: {paper.ArticleType ?? "unknown"})");
                await output.WriteLineAsync(backend.Explain(document));
                var outcomes = await StagePipeline.ClassifyAsync(backend, document, null, cancellationToken);
                foreach (var (stage, outcome) in outcomes)
                {
                    await output.WriteLineAsync($"## {stage.WireName()} (confidence {outcome.Confidence:0.00})");
                    await output.WriteLineAsync(outcome.Answer is null ? outcome.ErrorMessage : JsonSerializer.Serialize(outcome.Answer, json));
                }
            }

            return 0;
        });
        return command;
    }

    private static async Task<int> CountRulesAsync(ParseResult parse, EmbeddedBackend backend, string[] paths, CancellationToken cancellationToken)
    {
        var files = new List<string>();
        foreach (var path in paths)
        {
            if (Directory.Exists(path))
            {
                // The same notion of a paper file in a corpus folder as `bench classify` (a folder's README is not one).
                files.AddRange(Directory.EnumerateFiles(path, "*", SearchOption.AllDirectories).Where(EmbeddedBenchmark.IsPaperFile).Order(StringComparer.Ordinal));
            }
            else if (File.Exists(path))
            {
                files.Add(path);
            }
            else
            {
                await CliHost.Error(parse).WriteLineAsync($"explain: {path}: no such file or folder.");
                return 2;
            }
        }

        var fires = new Dictionary<string, int>(StringComparer.Ordinal);
        var papersWith = new Dictionary<string, int>(StringComparer.Ordinal);
        var papers = 0;
        foreach (var file in files)
        {
            cancellationToken.ThrowIfCancellationRequested();
            IReadOnlyList<Core.Papers.Paper> read;
            try
            {
                read = PaperReader.ReadFile(file);
            }
            catch (Exception ex) when (ex is PaperFormatException or IOException)
            {
                // Not readable as a paper: named, counted nowhere, and the count goes on with the others.
                await CliHost.Error(parse).WriteLineAsync($"skipped {file}: {ex.Message}");
                continue;
            }

            foreach (var paper in read)
            {
                papers++;
                var ids = backend.RuleIds(PaperDocument.FromPaper(paper));
                foreach (var id in ids)
                {
                    fires[id] = fires.GetValueOrDefault(id) + 1;
                }

                foreach (var id in ids.Distinct())
                {
                    papersWith[id] = papersWith.GetValueOrDefault(id) + 1;
                }
            }
        }

        var output = CliHost.Out(parse);
        await output.WriteLineAsync($"{papers} papers from {files.Count} files");
        await output.WriteLineAsync("| rule | fires | papers |");
        await output.WriteLineAsync("|---|---|---|");
        foreach (var (id, count) in fires.OrderBy(f => f.Key, StringComparer.Ordinal))
        {
            await output.WriteLineAsync($"| {id} | {count} | {papersWith[id]} |");
        }

        return 0;
    }
}
