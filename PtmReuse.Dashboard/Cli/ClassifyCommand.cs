using System.CommandLine;
using System.Globalization;
using Microsoft.Extensions.Options;
using PtmReuse.Core.Classification;
using PtmReuse.Core.Classification.Runs;

namespace PtmReuse.Dashboard.Cli;

/// <summary>
/// `classify`: one run over a selection with one backend and model. Progress on stderr, a summary on stdout;
/// Ctrl-C cancels cleanly (run it again with --resume to continue); exit code 1 when any decision failed.
/// </summary>
public static class ClassifyCommand
{
    private static readonly Option<string> BackendOption = new("--backend")
    {
        Description = "Backend name: 'embedded' (offline, default) or an LLM configured under Classification:Backends.",
        DefaultValueFactory = _ => ClassificationBackendNames.Embedded,
    };

    private static readonly Option<string?> ModelOption = new("--model") { Description = "Override the LLM backend's configured model." };

    private static readonly Option<string?> StagesOption = new("--stages")
    {
        Description = "Comma-separated stages (default: all): uses_dl,uses_ptms,identify_ptms,ptm_reuse,ptm_impact.",
    };

    private static readonly Option<string?> FieldOption = new("--field") { Description = "Only papers of this OpenAlex field." };

    private static readonly Option<string?> YearsOption = new("--years") { Description = "Year or range, e.g. 2015-2025 or 2020." };

    private static readonly Option<int?> ConcurrencyOption = new("--concurrency")
    {
        Description = "Papers in flight at once (default: processor count; an LLM backend's MaxConcurrency caps it).",
    };

    private static readonly Option<bool> UnclassifiedOption = new("--unclassified") { Description = "Only papers no run has classified yet." };

    private static readonly Option<bool> NoCascadeOption = new("--no-cascade") { Description = "Run every stage on every paper, not only below a yes." };

    private static readonly Option<bool> PrefilterOption = new("--prefilter")
    {
        Description = "Pre-filter with embedded: papers with no deep-learning vocabulary and no model name are not sent to the backend (a uses_dl 'no' is stored with the reason).",
    };

    private static readonly Option<long?> ResumeOption = new("--resume") { Description = "Continue a cancelled or interrupted run by id." };

    private static readonly Option<long?> RetryFailedOption = new("--retry-failed") { Description = "Re-request only the failed decisions of a run by id." };

    public static Command Create()
    {
        var command = new Command("classify", "Classify papers through the five stages with one backend (progress on stderr).");
        foreach (var option in new Option[] { BackendOption, ModelOption, StagesOption, FieldOption, YearsOption, ConcurrencyOption, UnclassifiedOption, NoCascadeOption, PrefilterOption, ResumeOption, RetryFailedOption })
        {
            command.Options.Add(option);
        }

        command.SetAction(RunAsync);
        return command;
    }

    private static async Task<int> RunAsync(ParseResult parse, CancellationToken cancellationToken)
    {
        var error = CliHost.Error(parse);
        RunRequest request;
        try
        {
            request = ParseRequest(parse);
        }
        catch (FormatException ex)
        {
            await error.WriteLineAsync("classify: " + ex.Message);
            return 2;
        }

        using var host = await CliHost.StartAsync(parse, cancellationToken);
        var runner = host.Services.GetRequiredService<ClassificationRunner>();
        var printer = new RunProgressPrinter(error);
        ClassificationRun run;
        try
        {
            if (parse.GetValue(RetryFailedOption) is { } retryId)
            {
                run = await runner.RetryFailedAsync(retryId, printer, cancellationToken);
            }
            else if (parse.GetValue(ResumeOption) is { } resumeId)
            {
                run = await runner.ExecuteAsync(resumeId, printer, cancellationToken);
            }
            else
            {
                var created = await runner.CreateRunAsync(request, CancellationToken.None);
                await error.WriteLineAsync($"Run {created.Id}: {created.Backend}/{created.Model} over {created.PapersTotal} papers ({created.Selection}).");
                run = await runner.ExecuteAsync(created.Id, printer, cancellationToken);
            }
        }
        catch (Exception ex) when (ex is ArgumentException or OptionsValidationException)
        {
            await error.WriteLineAsync("classify: " + ex.Message);
            return 2;
        }

        printer.Finish();
        var failures = await runner.GetFailuresAsync(run.Id, 0, CancellationToken.None);
        var kinds = string.Join(", ", failures.CountsByKind.Select(k => $"{k.Key} {k.Value}"));
        await CliHost.Out(parse).WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"Run {run.Id}: {run.Status}, {run.PapersDone}/{run.PapersTotal} papers, {run.Errors} errors{(kinds.Length > 0 ? $" ({kinds})" : "")}, " +
            $"{run.PromptTokens + run.CompletionTokens} tokens, cost {run.Cost:F4}"));
        if (RunSettings.FromJson(run.SettingsJson).Prefilter)
        {
            var skipped = await runner.PrefilteredCountAsync(run.Id, CancellationToken.None);
            await CliHost.Out(parse).WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"Pre-filter: {skipped} of {run.PapersDone} papers ruled out and not sent ({(run.PapersDone == 0 ? 0 : 100.0 * skipped / run.PapersDone):F1}% of the papers' backend calls saved)"));
        }
        if (run.Status == RunStatus.Cancelled)
        {
            await error.WriteLineAsync($"Cancelled. Resume with: classify --resume {run.Id}");
            return 130;
        }

        if (run.Errors > 0)
        {
            await error.WriteLineAsync($"Failed decisions are kept with their raw answers. Re-run them with: classify --retry-failed {run.Id}");
        }

        return run.Status == RunStatus.Completed ? 0 : 1;
    }

    internal static RunRequest ParseRequest(ParseResult parse)
    {
        var stages = RunRequest.AllStages;
        if (parse.GetValue(StagesOption) is { Length: > 0 } stageList)
        {
            stages = stageList.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Select(s => StageNames.TryParse(s, out var stage) ? stage : throw new FormatException($"unknown stage '{s}' in --stages (known: {string.Join(",", Enum.GetValues<Stage>().Select(x => x.WireName()))})."))
                .ToList();
        }

        var (from, to) = ParseYears(parse.GetValue(YearsOption));
        var selection = new PaperSelection
        {
            Field = parse.GetValue(FieldOption),
            YearFrom = from,
            YearTo = to,
            UnclassifiedOnly = parse.GetValue(UnclassifiedOption),
        };
        var concurrency = parse.GetValue(ConcurrencyOption) ?? Environment.ProcessorCount;
        if (concurrency < 1)
        {
            throw new FormatException("--concurrency must be at least 1.");
        }

        return new RunRequest(parse.GetValue(BackendOption)!, parse.GetValue(ModelOption), stages, selection, concurrency, Cascade: !parse.GetValue(NoCascadeOption), Prefilter: parse.GetValue(PrefilterOption));
    }

    public static (int? From, int? To) ParseYears(string? years)
    {
        if (string.IsNullOrWhiteSpace(years))
        {
            return (null, null);
        }

        var parts = years.Split('-', StringSplitOptions.TrimEntries);
        if (parts.Length is 1 or 2 && parts.All(p => int.TryParse(p, NumberStyles.None, CultureInfo.InvariantCulture, out _)))
        {
            var from = int.Parse(parts[0], CultureInfo.InvariantCulture);
            var to = int.Parse(parts[^1], CultureInfo.InvariantCulture);
            return from <= to ? (from, to) : throw new FormatException($"--years {years}: the first year is after the second.");
        }

        throw new FormatException($"--years '{years}' is not a year or a range such as 2015-2025.");
    }

    /// <summary>Progress on stderr: one rewriting line on a terminal, a line every five seconds otherwise.</summary>
    internal sealed class RunProgressPrinter(TextWriter error) : IProgress<RunProgress>
    {
        private readonly bool _terminal = ReferenceEquals(error, Console.Error) && !Console.IsErrorRedirected;
        private readonly Lock _gate = new();
        private DateTime _last = DateTime.MinValue;
        private bool _pending;

        public void Report(RunProgress value)
        {
            lock (_gate)
            {
                var now = DateTime.UtcNow;
                var interval = _terminal ? TimeSpan.FromMilliseconds(200) : TimeSpan.FromSeconds(5);
                if (now - _last < interval && value.Done < value.Total)
                {
                    return;
                }

                _last = now;
                var eta = value.Eta is { } e ? $", ETA {e:hh\\:mm\\:ss}" : "";
                var line = string.Create(CultureInfo.InvariantCulture,
                    $"{value.Done}/{value.Total} papers, {value.PapersPerSecond:F1}/s{eta}, {value.Errors} errors, {value.PromptTokens + value.CompletionTokens} tokens, cost {value.Cost:F4}");
                if (_terminal)
                {
                    error.Write("\r" + line.PadRight(100));
                    _pending = true;
                }
                else
                {
                    error.WriteLine(line);
                }
            }
        }

        public void Finish()
        {
            lock (_gate)
            {
                if (_pending)
                {
                    error.WriteLine();
                    _pending = false;
                }
            }
        }
    }
}
