using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using PtmReuse.Core.Classification;
using PtmReuse.Core.Review.Agreement;
using PtmReuse.Core.Review.Sampling;

namespace PtmReuse.Dashboard.Cli;

/// <summary>
/// `bench agreement --db FILE`: on an existing (e.g. synthetic 350k-paper) database, times describing the uses_dl
/// population, drawing a stratified sample, the agreement report and the classifier accuracy, and prints the managed
/// heap and working-set peaks, to show the sampler streams ids rather than loading the decisions. It adds one sample
/// to the database: run it on a copy.
/// </summary>
internal static class BenchAgreementCommand
{
    public static Command Create()
    {
        var size = new Option<int>("--size") { Description = "Sample size to draw.", DefaultValueFactory = _ => 385 };
        var command = new Command("agreement", "Benchmark validation sampling and the agreement report on an existing database (writes one sample).") { size };
        command.SetAction(async (parse, ct) =>
        {
            using var host = await CliHost.StartAsync(parse, ct);
            var output = CliHost.Out(parse);
            var sampler = host.Services.GetRequiredService<ValidationSampler>();
            GC.Collect();
            var heapBefore = GC.GetTotalMemory(forceFullCollection: true);

            var population = await TimeAsync(output, "describe population (stratified field × year × label)", () =>
                sampler.DescribePopulationAsync(Stage.UsesDl, null, SampleDesign.Stratified, StratumDimensions.All, ct));
            await output.WriteLineAsync($"  population {population.PopulationSize} decisions in {population.Strata.Count} strata");
            var n = Math.Max(parse.GetValue(size), population.MinimumSize);
            var sample = await TimeAsync(output, $"draw stratified sample n={n}", () =>
                sampler.CreateAsync(new ValidationSampleRequest(Stage.UsesDl, SampleDesign.Stratified, n, 1, "bench"), ct));
            await TimeAsync(output, "draw uniform sample n=385", () =>
                sampler.CreateAsync(new ValidationSampleRequest(Stage.UsesDl, SampleDesign.Uniform, 385, 1, "bench"), ct));
            var report = await TimeAsync(output, "agreement report uses_dl", () =>
                host.Services.GetRequiredService<AgreementReportService>().GetAsync(Stage.UsesDl, sample.Id, ct));
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"  {report.MachineVsHuman.Papers} labelled papers, κ {report.MachineVsHuman.Kappa:0.000}, α {report.HumanVsHuman.KrippendorffAlpha:0.000}, {report.DisagreementsTotal} disagreements"));
            // The first call pays JIT and EF model building; the second is what a page load costs.
            await TimeAsync(output, "agreement report uses_dl (again, warm)", () =>
                host.Services.GetRequiredService<AgreementReportService>().GetAsync(Stage.UsesDl, sample.Id, ct));
            await TimeAsync(output, "agreement report identify_ptms", () =>
                host.Services.GetRequiredService<AgreementReportService>().GetAsync(Stage.IdentifyPtms, null, ct));
            await TimeAsync(output, "classifier accuracy uses_dl", () =>
                host.Services.GetRequiredService<ClassifierAccuracyService>().GetAsync(Stage.UsesDl, ct));

            var process = Process.GetCurrentProcess();
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"Managed heap: {heapBefore / 1048576.0:F0} MB before, {GC.GetTotalMemory(false) / 1048576.0:F0} MB after; peak working set {process.PeakWorkingSet64 / 1048576.0:F0} MB"));
            return 0;
        });
        return command;
    }

    private static async Task<T> TimeAsync<T>(TextWriter output, string what, Func<Task<T>> action)
    {
        var watch = Stopwatch.StartNew();
        var result = await action();
        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"{what}: {watch.Elapsed.TotalMilliseconds:F0} ms"));
        return result;
    }
}
