using System.CommandLine;
using PtmReuse.Core.Classification.Evaluation;

namespace PtmReuse.Dashboard.Cli;

/// <summary>
/// `evaluate`: the hand-labelled papers (eval/split.csv) ingested into a fresh database, one classify run, the
/// decisions export compared with the labels; dev and test figures side by side. Disagreements are listed for dev
/// only, unless asked for test explicitly: rules are tuned on dev, and test is read in aggregate.
/// </summary>
internal static class EvaluateCommand
{
    private static readonly Option<string> BackendOption = new("--backend")
    {
        Description = "Backend to evaluate (default: embedded).",
        DefaultValueFactory = _ => "embedded",
    };

    private static readonly Option<string> EvalOption = new("--eval")
    {
        Description = "The evaluation folder (split.csv and added labels; default: eval).",
        DefaultValueFactory = _ => "eval",
    };

    private static readonly Option<string> CorpusOption = new("--corpus")
    {
        Description = "The shared corpus folder (default: ../shared/corpus).",
        DefaultValueFactory = _ => Path.Combine("..", "shared", "corpus"),
    };

    private static readonly Option<bool> DevOnlyOption = new("--dev-only")
    {
        Description = "Score the dev split only (while tuning rules: the test figures are not even computed).",
    };

    private static readonly Option<bool> DisagreementsOption = new("--disagreements") { Description = "List the dev split's disagreements." };

    private static readonly Option<bool> TestDisagreementsOption = new("--test-disagreements")
    {
        Description = "Also list the test split's disagreements (reading them is tuning on test: only for a final audit).",
    };

    public static Command Create()
    {
        var command = new Command("evaluate", "Score a backend on the labelled dev and test papers (ingest → classify → export decisions → compare).")
        {
            BackendOption, EvalOption, CorpusOption, DevOnlyOption, DisagreementsOption, TestDisagreementsOption,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            IReadOnlyList<EvaluationPaper> papers;
            try
            {
                papers = EvaluationSet.Load(Path.GetFullPath(parse.GetValue(EvalOption)!), Path.GetFullPath(parse.GetValue(CorpusOption)!));
                if (parse.GetValue(DevOnlyOption))
                {
                    papers = papers.Where(p => p.Split == EvaluationSplit.Dev).ToList();
                }
            }
            catch (Exception ex) when (ex is IOException or InvalidDataException)
            {
                await CliHost.Error(parse).WriteLineAsync("evaluate: " + ex.Message);
                return 2;
            }

            // A fresh database each time unless --db names one: figures never mix with an earlier run's papers.
            var temporary = Path.Combine(Path.GetTempPath(), "ptmreuse-evaluate-" + Guid.NewGuid().ToString("N"));
            Directory.CreateDirectory(temporary);
            try
            {
                var database = parse.GetValue(CommandLineApp.DatabaseOption) ?? Path.Combine(temporary, "evaluate.db");
                using var host = await CliHost.StartAsync(parse, cancellationToken, database);
                var result = await host.Services.GetRequiredService<EvaluationRunner>().RunAsync(papers, parse.GetValue(BackendOption)!, cancellationToken);
                var output = CliHost.Out(parse);
                await output.WriteAsync(result.FormatTable());
                if (parse.GetValue(DisagreementsOption))
                {
                    await output.WriteLineAsync("\ndev disagreements:");
                    foreach (var line in result.Dev.Disagreements)
                    {
                        await output.WriteLineAsync("  - " + line);
                    }
                }

                if (parse.GetValue(TestDisagreementsOption))
                {
                    await output.WriteLineAsync("\ntest disagreements (audit only, never tune on these):");
                    foreach (var line in result.Test.Disagreements)
                    {
                        await output.WriteLineAsync("  - " + line);
                    }
                }

                return result.Problems.Count == 0 ? 0 : 1;
            }
            finally
            {
                Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
                Directory.Delete(temporary, recursive: true);
            }
        });
        return command;
    }
}
