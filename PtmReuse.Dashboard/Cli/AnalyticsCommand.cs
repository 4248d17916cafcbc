using System.CommandLine;
using System.Globalization;
using PtmReuse.Core.Analytics.Projection;

namespace PtmReuse.Dashboard.Cli;

/// <summary>
/// `analytics rebuild` drops and rebuilds the analytics projection; `analytics check` lists papers whose projected
/// labels no longer match their decisions and human labels, and `analytics check --repair` rebuilds just those.
/// </summary>
internal static class AnalyticsCommand
{
    public static Command Create()
    {
        var rebuild = new Command("rebuild", "Rebuild the analytics projection from every decision and human label.");
        rebuild.SetAction(async (parse, ct) =>
        {
            using var host = await CliHost.StartAsync(parse, ct);
            var report = await host.Services.GetRequiredService<AnalyticsProjection>().RebuildAsync(ct);
            await CliHost.Out(parse).WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"Analytics projection rebuilt: {report.PapersProjected:N0} papers in {report.Elapsed.TotalSeconds:F1} s"));
            return 0;
        });

        var repair = new Option<bool>("--repair") { Description = "Rebuild the stale papers found." };
        var check = new Command("check", "Find papers whose projected labels are stale (e.g. after a crash).") { repair };
        check.SetAction(async (parse, ct) =>
        {
            using var host = await CliHost.StartAsync(parse, ct);
            var projection = host.Services.GetRequiredService<AnalyticsProjection>();
            var output = CliHost.Out(parse);
            if (parse.GetValue(repair))
            {
                var report = await projection.RepairAsync(ct);
                await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                    $"{(report.FullRebuild ? "Rebuilt whole (missing or built by another version)" : "Repaired")}: {report.PapersProjected:N0} papers in {report.Elapsed.TotalSeconds:F1} s"));
                return 0;
            }

            var stale = await projection.FindStalePapersAsync(ct);
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"Stale papers: {stale.Count:N0}"));
            foreach (var id in stale.Take(20))
            {
                await output.WriteLineAsync(id.ToString(CultureInfo.InvariantCulture));
            }

            return stale.Count == 0 ? 0 : 1;
        });

        return new Command("analytics", "The analytics projection behind the charts.") { rebuild, check };
    }
}
