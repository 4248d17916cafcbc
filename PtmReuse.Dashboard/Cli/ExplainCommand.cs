using System.CommandLine;
using System.Text.Json;
using PtmReuse.Core.Classification;
using PtmReuse.Core.Classification.Catalog;
using PtmReuse.Core.Classification.Embedded;
using PtmReuse.Core.Classification.Evaluation;
using PtmReuse.Core.Ingest.Formats;

namespace PtmReuse.Dashboard.Cli;

/// <summary>
/// `explain FILE`: the embedded backend's five answers for one paper file, with the rule behind each and every model
/// mention it weighed (used, compared, cited, future, negated). No database: for checking why a paper came out as it did.
/// </summary>
internal static class ExplainCommand
{
    private static readonly Argument<string> FileArgument = new("file") { Description = "A paper file (JATS/TEI XML, Markdown, PDF)." };

    public static Command Create()
    {
        var command = new Command("explain", "Show the embedded backend's answers for one paper file, with the rule behind each decision.") { FileArgument };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var path = parse.GetValue(FileArgument)!;
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

            var backend = new EmbeddedBackend(PtmCatalog.LoadEmbedded());
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
}
