using System.CommandLine;
using System.Globalization;
using PtmReuse.Core.Classification;
using PtmReuse.Core.Review.Agreement;
using PtmReuse.Core.Review.Sampling;

namespace PtmReuse.Dashboard.Cli;

/// <summary>
/// `sample create` draws and records a validation sample (the same as the Agreement page's admin form);
/// `sample list` shows the samples with their review progress.
/// </summary>
internal static class SampleCommand
{
    public static Command Create()
    {
        var stage = new Option<string>("--stage") { Description = "Stage: uses_dl, uses_ptms, identify_ptms, ptm_reuse, ptm_impact.", Required = true };
        var design = new Option<SampleDesign>("--design") { Description = "uniform or stratified.", DefaultValueFactory = _ => SampleDesign.Stratified };
        var by = new Option<string>("--by") { Description = "Strata for a stratified design: any of field,year,label.", DefaultValueFactory = _ => "field,year,label" };
        var size = new Option<int?>("--size") { Description = "Sample size; default: from --width and --confidence." };
        var width = new Option<double>("--width") { Description = "Target full width of the 95% interval (e.g. 0.1 = ±5 points).", DefaultValueFactory = _ => 0.10 };
        var confidence = new Option<double>("--confidence") { Description = "Confidence level of the target interval.", DefaultValueFactory = _ => 0.95 };
        var seed = new Option<int>("--seed") { Description = "Random seed (recorded; same seed, same draw).", Required = true };
        var run = new Option<long?>("--run") { Description = "Sample this run's decisions only (default: the latest decision per paper of any run)." };
        var name = new Option<string?>("--name") { Description = "A name for the sample." };
        var createdBy = new Option<string>("--created-by") { Description = "Recorded as the sample's creator.", DefaultValueFactory = _ => Environment.UserName };
        var create = new Command("create", "Draw and record a validation sample.") { stage, design, by, size, width, confidence, seed, run, name, createdBy };
        create.SetAction(async (parse, ct) =>
        {
            if (!StageNames.TryParse(parse.GetValue(stage), out var parsedStage))
            {
                await CliHost.Error(parse).WriteLineAsync($"--stage: unknown stage '{parse.GetValue(stage)}'");
                return 2;
            }

            if (!TryParseDimensions(parse.GetValue(by)!, out var dimensions))
            {
                await CliHost.Error(parse).WriteLineAsync($"--by: expected a comma-separated list of field, year, label; got '{parse.GetValue(by)}'");
                return 2;
            }

            using var host = await CliHost.StartAsync(parse, ct);
            var sampler = host.Services.GetRequiredService<ValidationSampler>();
            var output = CliHost.Out(parse);
            try
            {
                var chosenDesign = parse.GetValue(design);
                var population = await sampler.DescribePopulationAsync(parsedStage, parse.GetValue(run), chosenDesign, dimensions, ct);
                var n = parse.GetValue(size) ?? Math.Max(
                    population.PopulationSize == 0 ? 1 : SampleSizeCalculator.ForProportion(parse.GetValue(width), parse.GetValue(confidence), populationSize: population.PopulationSize),
                    chosenDesign == SampleDesign.Stratified ? population.MinimumSize : 1);
                var sample = await sampler.CreateAsync(
                    new ValidationSampleRequest(parsedStage, chosenDesign, n, parse.GetValue(seed), parse.GetValue(createdBy)!, parse.GetValue(run), dimensions,
                        parse.GetValue(name), parse.GetValue(width), parse.GetValue(confidence)),
                    ct);
                await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                    $"Sample {sample.Id} \"{sample.Name}\": {n} of {sample.PopulationSize} decisions, {population.Strata.Count} strata, seed {sample.Seed}. Review at /review?sample={sample.Id}"));
                return 0;
            }
            catch (Exception e) when (e is InvalidOperationException or ArgumentException)
            {
                await CliHost.Error(parse).WriteLineAsync(e.Message);
                return 1;
            }
        });

        var list = new Command("list", "List validation samples with review progress.");
        list.SetAction(async (parse, ct) =>
        {
            using var host = await CliHost.StartAsync(parse, ct);
            var output = CliHost.Out(parse);
            foreach (var summary in await host.Services.GetRequiredService<ValidationSampler>().ListAsync(null, ct))
            {
                var s = summary.Sample;
                await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                    $"{s.Id,5}  {s.Stage,-13} {s.Design,-10} seed {s.Seed,-8} {summary.Reviewed,5}/{summary.Items,-5} reviewed  population {s.PopulationSize}  {s.Name}"));
            }

            return 0;
        });

        return new Command("sample", "Validation samples for accuracy estimates.") { create, list };
    }

    internal static bool TryParseDimensions(string text, out StratumDimensions dimensions)
    {
        dimensions = StratumDimensions.None;
        foreach (var part in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            switch (part.ToLowerInvariant())
            {
                case "field":
                    dimensions |= StratumDimensions.Field;
                    break;
                case "year":
                    dimensions |= StratumDimensions.Year;
                    break;
                case "label":
                case "machine_label":
                    dimensions |= StratumDimensions.MachineLabel;
                    break;
                default:
                    return false;
            }
        }

        return true;
    }
}
