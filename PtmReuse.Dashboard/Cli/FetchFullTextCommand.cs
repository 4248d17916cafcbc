using System.CommandLine;
using System.Globalization;
using PtmReuse.Core.Acquire;

namespace PtmReuse.Dashboard.Cli;

/// <summary>
/// `fetch-fulltext`: open full text (JATS, else a PDF) for papers that have metadata but no text. Ctrl-C or a kill
/// loses at most the papers in hand; running it again continues. Exit code 1 when any paper failed.
/// </summary>
public static class FetchFullTextCommand
{
    private static readonly Option<int?> LimitOption = new("--limit") { Description = "Fetch at most this many papers." };

    private static readonly Option<bool> NonOpenOption = new("--include-non-open")
    {
        Description = "Also fetch papers whose licence is not open or not known (off by default; Acquire:FetchNonOpenLicences).",
    };

    private static readonly Option<bool> RetryOption = new("--retry-failed") { Description = "Try again the papers that failed or were not open before." };

    public static Command Create()
    {
        var command = new Command("fetch-fulltext", "Fetch open full text for harvested papers and ingest it (progress on stderr).");
        command.Options.Add(LimitOption);
        command.Options.Add(NonOpenOption);
        command.Options.Add(RetryOption);
        command.SetAction(RunAsync);
        return command;
    }

    private static async Task<int> RunAsync(ParseResult parse, CancellationToken cancellationToken)
    {
        var output = CliHost.Out(parse);
        var error = CliHost.Error(parse);
        if (parse.GetValue(LimitOption) is <= 0)
        {
            await error.WriteLineAsync("fetch-fulltext: --limit must be positive.");
            return 2;
        }

        using var host = await CliHost.StartAsync(parse, cancellationToken);
        var fetcher = host.Services.GetRequiredService<FullTextFetcher>();
        var request = new FetchRequest(parse.GetValue(LimitOption), parse.GetValue(NonOpenOption), parse.GetValue(RetryOption));
        FetchSummary summary;
        try
        {
            summary = await fetcher.FetchAsync(request, new ProgressPrinter(error), cancellationToken);
        }
        catch (OperationCanceledException)
        {
            await error.WriteLineAsync("Cancelled; run fetch-fulltext again to go on with the papers left.");
            return 1;
        }

        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"Full text: {summary.Fetched} fetched, {summary.Failed} failed, {summary.NotOpen} not open, of {summary.Total} papers in {summary.Elapsed.TotalSeconds:F1} s"));
        foreach (var problem in summary.Errors.Take(50))
        {
            await error.WriteLineAsync("  " + problem);
        }

        return summary.Failed > 0 ? 1 : 0;
    }

    /// <summary>A text progress bar on stderr, at most once a second (and for the last paper).</summary>
    private sealed class ProgressPrinter(TextWriter error) : IProgress<FetchProgress>
    {
        private TimeSpan? _last;

        public void Report(FetchProgress value)
        {
            if (_last is { } last && value.Elapsed - last < TimeSpan.FromSeconds(1) && value.Done < value.Total)
            {
                return;
            }

            _last = value.Elapsed;
            var share = value.Total == 0 ? 1 : (double)value.Done / value.Total;
            var bar = new string('#', (int)(share * 30)).PadRight(30, '.');
            error.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"[{bar}] {value.Done}/{value.Total}: {value.Fetched} fetched, {value.Failed} failed, {value.NotOpen} not open"));
        }
    }
}
