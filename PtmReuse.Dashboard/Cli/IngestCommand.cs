using System.CommandLine;
using System.Globalization;
using PtmReuse.Core.Ingest;

namespace PtmReuse.Dashboard.Cli;

/// <summary>`ingest &lt;path&gt;...`: files, folders and .zip archives into the paper store; exit code 1 when any input failed.</summary>
internal static class IngestCommand
{
    public static Command Create()
    {
        var paths = new Argument<string[]>("path")
        {
            Description = "Files, folders (recursive) or .zip archives: JATS/TEI XML, PDF, Markdown, text, OpenAlex JSON/JSONL, CSV/JSONL tables.",
            Arity = ArgumentArity.ZeroOrMore,
        };
        var resume = new Option<long?>("--resume") { Description = "Run an interrupted or cancelled batch again by id (its stored paths; stored papers are skipped)." };
        var command = new Command("ingest", "Read papers into the store (progress on stderr, summary at the end).");
        command.Arguments.Add(paths);
        command.Options.Add(resume);
        command.SetAction((parse, ct) => RunAsync(parse, parse.GetValue(paths) ?? [], parse.GetValue(resume), ct));
        return command;
    }

    private static async Task<int> RunAsync(ParseResult parse, string[] paths, long? resume, CancellationToken cancellationToken)
    {
        var error = CliHost.Error(parse);
        if ((paths.Length == 0) == (resume is null))
        {
            await error.WriteLineAsync("ingest: give one or more paths, or --resume BATCH (not both).");
            return 2;
        }

        using var host = await CliHost.StartAsync(parse, cancellationToken);
        var ingestor = host.Services.GetRequiredService<IPaperIngestor>();
        IngestSummary summary;
        try
        {
            summary = resume is { } batchId
                ? await ingestor.ResumeAsync(batchId, confine: false, new ProgressPrinter(error), cancellationToken)
                : await ingestor.IngestAsync(paths.Select(p => IngestInput.FromPath(Path.GetFullPath(p))).ToList(), "cli", new ProgressPrinter(error), cancellationToken);
        }
        catch (InvalidOperationException ex)
        {
            await error.WriteLineAsync($"ingest: {ex.Message}");
            return 2;
        }

        var output = CliHost.Out(parse);
        WriteSummary(output, summary);
        foreach (var failure in summary.Errors.Take(50))
        {
            await error.WriteLineAsync($"  error: {failure.Reason}");
        }

        if (summary.Failed > summary.Errors.Count || summary.Errors.Count > 50)
        {
            await error.WriteLineAsync($"  ... {summary.Failed} errors in all; `stats` counts them and `export papers` lists them.");
        }

        return summary.Failed > 0 ? 1 : 0;
    }

    internal static void WriteSummary(TextWriter output, IngestSummary summary)
    {
        var seconds = Math.Max(summary.Elapsed.TotalSeconds, 1e-6);
        output.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"Batch {summary.BatchId}: {summary.Added} added, {summary.Updated} updated, {summary.Unchanged} unchanged, {summary.Failed} failed " +
            $"in {summary.Elapsed.TotalSeconds:F1} s ({summary.Total / seconds:F0} items/s, {summary.BytesRead / 1048576.0 / seconds:F1} MB/s)"));
    }

    /// <summary>One progress line on stderr: a rewriting line on a terminal, a line every few seconds otherwise.</summary>
    internal sealed class ProgressPrinter(TextWriter error) : IProgress<IngestProgress>
    {
        private readonly bool _terminal = ReferenceEquals(error, Console.Error) && !Console.IsErrorRedirected;
        private TimeSpan? _lastLine;

        public void Report(IngestProgress value)
        {
            var finished = value.ItemsTotal == value.ItemsDone;
            if (!_terminal && !finished && _lastLine is { } last && value.Elapsed - last < TimeSpan.FromSeconds(2))
            {
                return;
            }

            _lastLine = value.Elapsed;
            var rate = value.ItemsDone / Math.Max(value.Elapsed.TotalSeconds, 1e-3);
            var total = value.ItemsTotal is { } t ? $"/{t}" : "";
            var eta = value.ItemsTotal is { } all && rate > 0 ? $", ETA {TimeSpan.FromSeconds((all - value.ItemsDone) / rate):hh\\:mm\\:ss}" : "";
            var line = string.Create(
                CultureInfo.InvariantCulture,
                $"{value.ItemsDone}{total} done, {rate:F0}/s{eta}, {value.BytesDone / 1048576.0:F1} MB; {value.Added} added, {value.Updated} updated, {value.Unchanged} unchanged, {value.Failed} failed");
            if (_terminal)
            {
                error.Write("\r" + line.PadRight(Console.WindowWidth > 0 ? Math.Min(Console.WindowWidth - 1, 160) : 0));
                if (finished)
                {
                    error.WriteLine();
                }
            }
            else
            {
                error.WriteLine(line);
            }
        }
    }
}
