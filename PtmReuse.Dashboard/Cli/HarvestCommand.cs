using System.CommandLine;
using System.Globalization;
using PtmReuse.Core.Acquire;

namespace PtmReuse.Dashboard.Cli;

/// <summary>
/// `harvest openalex`: works from OpenAlex's /works (cursor paging, polite pool, rate-limited) into the store, recorded
/// as a harvest that `--resume ID` continues after a kill or Ctrl-C. Progress on stderr, a summary on stdout; exit code
/// 1 when the harvest did not complete.
/// </summary>
public static class HarvestCommand
{
    private static readonly Option<int?> FromYearOption = new("--from-year") { Description = "First publication year." };
    private static readonly Option<int?> ToYearOption = new("--to-year") { Description = "Last publication year." };

    private static readonly Option<string[]> FieldOption = new("--field")
    {
        Description = "OpenAlex field or domain (repeat for more); default: the natural-science filter (Fields:NaturalScience).",
        Arity = ArgumentArity.ZeroOrMore,
    };

    private static readonly Option<bool> OpenAccessOption = new("--oa-only") { Description = "Only open-access works." };

    private static readonly Option<bool> AnyTypeOption = new("--any-type") { Description = "Every work type, not only journal articles." };

    private static readonly Option<string[]> SourceOption = new("--source")
    {
        Description = "A journal or other source: OpenAlex id (S…), ISSN or name, e.g. \"PLOS ONE\" (repeat for more).",
        Arity = ArgumentArity.ZeroOrMore,
    };

    private static readonly Option<string?> SearchOption = new("--search") { Description = "OpenAlex search phrase (title, abstract, full text)." };
    private static readonly Option<int?> LimitOption = new("--limit") { Description = "Harvest at most this many works." };
    private static readonly Option<long?> ResumeOption = new("--resume") { Description = "Continue a cancelled, interrupted or failed harvest by id." };
    private static readonly Option<bool> CountOption = new("--count") { Description = "Only print how many works OpenAlex has for the query (meta.count)." };
    private static readonly Option<bool> ListOption = new("--list") { Description = "List the stored harvests." };

    public static Command Create()
    {
        var openAlex = new Command("openalex", "Harvest work metadata from OpenAlex into the store (progress on stderr).");
        foreach (var option in new Option[] { FromYearOption, ToYearOption, FieldOption, OpenAccessOption, AnyTypeOption, SourceOption, SearchOption, LimitOption, ResumeOption, CountOption, ListOption })
        {
            openAlex.Options.Add(option);
        }

        openAlex.SetAction(RunAsync);
        var harvest = new Command("harvest", "Acquire papers' metadata from a bibliographic service.");
        harvest.Subcommands.Add(openAlex);
        return harvest;
    }

    private static async Task<int> RunAsync(ParseResult parse, CancellationToken cancellationToken)
    {
        var output = CliHost.Out(parse);
        var error = CliHost.Error(parse);
        using var host = await CliHost.StartAsync(parse, cancellationToken);
        var harvester = host.Services.GetRequiredService<OpenAlexHarvester>();
        if (parse.GetValue(ListOption))
        {
            foreach (var h in await harvester.ListAsync(100, cancellationToken))
            {
                await output.WriteLineAsync(Describe(h));
            }

            return 0;
        }

        var query = new OpenAlexQuery
        {
            FromYear = parse.GetValue(FromYearOption),
            ToYear = parse.GetValue(ToYearOption),
            Fields = parse.GetValue(FieldOption) ?? [],
            OpenAccessOnly = parse.GetValue(OpenAccessOption),
            ArticlesOnly = !parse.GetValue(AnyTypeOption),
            Sources = parse.GetValue(SourceOption) ?? [],
            Search = parse.GetValue(SearchOption),
            Limit = parse.GetValue(LimitOption),
        };
        Harvest harvest;
        try
        {
            if (parse.GetValue(CountOption))
            {
                var count = await harvester.CountAsync(query, cancellationToken);
                await output.WriteLineAsync(count.ToString(CultureInfo.InvariantCulture) + " works");
                return 0;
            }

            var printer = new ProgressPrinter(error);
            harvest = parse.GetValue(ResumeOption) is { } resume
                ? await harvester.RunAsync(resume, printer, cancellationToken)
                : await harvester.HarvestAsync(query, "cli", printer, cancellationToken);
        }
        catch (Exception ex) when (ex is ArgumentException or HarvestException or HttpRequestException)
        {
            await error.WriteLineAsync("harvest openalex: " + ex.Message);
            return 2;
        }

        await output.WriteLineAsync(Describe(harvest));
        if (harvest.Status == HarvestStatus.Cancelled)
        {
            await error.WriteLineAsync($"Cancelled; `harvest openalex --resume {harvest.Id}` goes on from the saved cursor.");
        }
        else if (harvest.Status == HarvestStatus.Failed)
        {
            await error.WriteLineAsync($"Failed: {harvest.LastError}; `harvest openalex --resume {harvest.Id}` retries from the saved cursor.");
        }

        return harvest.Status == HarvestStatus.Completed ? 0 : 1;
    }

    internal static string Describe(Harvest h) => string.Create(CultureInfo.InvariantCulture,
        $"Harvest {h.Id} {h.Status}: {h.WorksSeen} works of {h.ExpectedCount?.ToString(CultureInfo.InvariantCulture) ?? "?"} expected in {h.Pages} pages; {h.Added} added, {h.Updated} updated, {h.Unchanged} unchanged, {h.Failed} failed [{h.Description}]");

    private sealed class ProgressPrinter(TextWriter error) : IProgress<HarvestProgress>
    {
        private TimeSpan? _last;

        public void Report(HarvestProgress value)
        {
            if (_last is { } last && value.Elapsed - last < TimeSpan.FromSeconds(1) && value.Status == HarvestStatus.Running && value.Pages > 0)
            {
                return;
            }

            _last = value.Elapsed;
            var target = value.Limit is { } limit && (value.Expected is null || limit < value.Expected) ? limit : value.Expected;
            var percent = target is > 0 ? $" ({100.0 * value.WorksSeen / target.Value:F0}%)" : "";
            error.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"harvest {value.HarvestId}: page {value.Pages}, {value.WorksSeen}/{target?.ToString(CultureInfo.InvariantCulture) ?? "?"} works{percent}; {value.Added} added, {value.Updated} updated, {value.Failed} failed"));
        }
    }
}
