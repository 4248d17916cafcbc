using System.CommandLine;
using Microsoft.Extensions.Options;
using PtmReuse.Core.Fields;
using PtmReuse.Core.Papers;

namespace PtmReuse.Dashboard.Cli;

/// <summary>`stats`: papers by year and by field (natural-science fields marked), papers without DOI, ingest errors.</summary>
internal static class StatsCommand
{
    public static Command Create()
    {
        var command = new Command("stats", "Counts: papers by year and by field, ingest errors.");
        command.SetAction(RunAsync);
        return command;
    }

    private static async Task<int> RunAsync(ParseResult parse, CancellationToken cancellationToken)
    {
        using var host = await CliHost.StartAsync(parse, cancellationToken);
        var stats = await host.Services.GetRequiredService<PaperStatistics>().GetAsync(cancellationToken);
        var fields = host.Services.GetRequiredService<IOptions<FieldOptions>>().Value;
        var output = CliHost.Out(parse);
        await output.WriteLineAsync($"Papers: {stats.Papers} ({stats.PapersWithoutDoi} without DOI)");
        await output.WriteLineAsync($"Ingest errors: {stats.IngestErrors}");
        await output.WriteLineAsync();
        await output.WriteLineAsync("By year:");
        foreach (var year in stats.ByYear)
        {
            await output.WriteLineAsync($"  {year.Key?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "unknown",-8} {year.Count,8}");
        }

        await output.WriteLineAsync();
        await output.WriteLineAsync("By field (* = in the natural-science filter):");
        foreach (var field in stats.ByField)
        {
            var mark = fields.IsNaturalScience(field.Key) ? "*" : " ";
            await output.WriteLineAsync($"  {mark} {field.Key ?? "unknown",-48} {field.Count,8}");
        }

        return 0;
    }
}
