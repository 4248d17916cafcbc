using System.CommandLine;
using PtmReuse.Core.Benchmark;
using PtmReuse.Core.Storage;

namespace PtmReuse.Dashboard.Cli;

/// <summary>
/// `bench synthetic --out FILE [--papers N] [--runs R]`: writes a large synthetic database (default: the size of the
/// whole PLOS corpus, 350k papers and about 2M decisions) to try the dashboard and the benchmarks at real size.
/// </summary>
internal static class BenchSyntheticCommand
{
    public static Command Create()
    {
        var output = new Option<string>("--out") { Description = "Path of the new SQLite database (must not exist).", Required = true };
        var papers = new Option<int>("--papers") { Description = "Number of papers.", DefaultValueFactory = _ => 350_000 };
        var runs = new Option<int>("--runs") { Description = "Classification runs over every paper.", DefaultValueFactory = _ => 3 };
        var seed = new Option<int>("--seed") { Description = "Random seed (the same seed gives the same database).", DefaultValueFactory = _ => 20_251_123 };
        var command = new Command("synthetic", "Build a synthetic database at real size (papers, runs, decisions, some human labels).")
        {
            output, papers, runs, seed,
        };
        command.SetAction(async (parse, ct) =>
        {
            var path = Path.GetFullPath(parse.GetValue(output)!);
            var options = new SyntheticCorpusOptions { Papers = parse.GetValue(papers), Runs = parse.GetValue(runs), Seed = parse.GetValue(seed) };
            if (options.Papers < 1 || options.Runs < 1)
            {
                await CliHost.Error(parse).WriteLineAsync("--papers and --runs must be at least 1.");
                return 2;
            }

            if (File.Exists(path))
            {
                await CliHost.Error(parse).WriteLineAsync($"{path}: already exists; the synthetic database is only written to a new file.");
                return 2;
            }

            using var host = await CliHost.StartAsync(parse, ct, path);
            var report = await host.Services.GetRequiredService<SyntheticCorpus>()
                .BuildAsync(options, new Progress<string>(line => CliHost.Out(parse).WriteLine(line)), ct);
            await CliHost.Out(parse).WriteLineAsync(
                $"{path}: {report.Papers:N0} papers, {report.Runs} runs, {report.Decisions:N0} decisions, {report.HumanLabels:N0} human labels in {report.Elapsed.TotalSeconds:N1} s");
            return 0;
        });
        return command;
    }
}
