using System.CommandLine;
using PtmReuse.Core.Export;
using PtmReuse.Core.Review;

namespace PtmReuse.Dashboard.Cli;

/// <summary>
/// `export decisions`: the effective label of every paper (human labels over machine decisions) as JSONL or CSV.
/// The integrator adds <see cref="Create"/> under the `export` group.
/// </summary>
public static class ExportDecisionsCommand
{
    public static Command Create()
    {
        var format = new Option<string>("--format")
        {
            Description = "jsonl (one object per paper; the stable contract) or csv.",
            DefaultValueFactory = _ => "jsonl",
        };
        format.AcceptOnlyFromAmong("jsonl", "csv");
        var output = new Option<string>("--out") { Description = "File to write.", Required = true };
        var run = new Option<long?>("--run") { Description = "Only decisions of this run (default: the latest answer of any run)." };
        var backend = new Option<string?>("--backend") { Description = "Only decisions of this backend." };
        var command = new Command("decisions", "Write every paper's effective labels: uses_dl, uses_ptms, ptms with pattern, step and evidence.");
        command.Options.Add(format);
        command.Options.Add(output);
        command.Options.Add(run);
        command.Options.Add(backend);
        command.SetAction(async (parse, cancellationToken) =>
        {
            using var host = await CliHost.StartAsync(parse, cancellationToken);
            var path = Path.GetFullPath(parse.GetValue(output)!);
            var kind = parse.GetValue(format) == "csv" ? DecisionsFormat.Csv : DecisionsFormat.Jsonl;
            var filter = new MachineDecisionFilter(parse.GetValue(run), parse.GetValue(backend));
            try
            {
                var count = await host.Services.GetRequiredService<DecisionsExport>().WriteFileAsync(path, kind, filter, cancellationToken);
                await CliHost.Out(parse).WriteLineAsync($"Wrote {count} papers to {path}");
                return 0;
            }
            catch (IOException ex)
            {
                await CliHost.Error(parse).WriteLineAsync($"export decisions: cannot write {path}: {ex.Message}");
                return 1;
            }
        });
        return command;
    }
}
