using System.CommandLine;
using System.Globalization;
using PtmReuse.Core.Import;

namespace PtmReuse.Dashboard.Cli;

/// <summary>`import aius --from FILE.db` and `import labels --from FILE.(csv|xlsx) --reviewer NAME`: the study's own artefacts.</summary>
public static class ImportCommand
{
    private static readonly Option<string> FromOption = new("--from") { Description = "The file to import.", Required = true };

    public static Command Create()
    {
        var import = new Command("import", "Load what the study produced: its pipeline database and its human label sheets.");
        import.Subcommands.Add(CreateAius());
        import.Subcommands.Add(CreateLabels());
        return import;
    }

    private static Command CreateAius()
    {
        var model = new Option<string?>("--model") { Description = "The LLM that wrote the answers (the AIUS tables do not record it); default 'unknown'." };
        var command = new Command("aius", "Import the study pipeline's SQLite database: papers, OpenAlex records, text, and its LLM answers as a run (backend aius-import).");
        command.Options.Add(FromOption);
        command.Options.Add(model);
        command.SetAction(async (parse, ct) =>
        {
            var output = CliHost.Out(parse);
            var error = CliHost.Error(parse);
            using var host = await CliHost.StartAsync(parse, ct);
            AiusImportSummary summary;
            try
            {
                summary = await host.Services.GetRequiredService<AiusImporter>().ImportAsync(parse.GetValue(FromOption)!, parse.GetValue(model), ct);
            }
            catch (AiusImportException ex)
            {
                await error.WriteLineAsync("import aius: " + ex.Message);
                return 2;
            }

            var papers = string.Create(CultureInfo.InvariantCulture,
                $"AIUS {Path.GetFileName(summary.File)}: {summary.Articles} articles ({summary.PapersAdded} new papers, {summary.PapersUpdated} updated, {summary.FullTexts} full texts, {summary.IngestFailed} failed); ");
            var answers = summary.RunId is { } run
                ? string.Create(CultureInfo.InvariantCulture, $"run {run} (backend aius-import): {summary.Decisions} decisions, {summary.FailedDecisions} failed to parse, {summary.AlreadyImported} already imported")
                : "no answers";
            await output.WriteLineAsync(papers + answers);
            foreach (var problem in summary.Problems.Take(50))
            {
                await error.WriteLineAsync("  " + problem);
            }

            return 0;
        });
        return command;
    }

    private static Command CreateLabels()
    {
        var reviewer = new Option<string>("--reviewer") { Description = "Whose labels these are (a reviewer name).", Required = true };
        var command = new Command("labels", "Import a human label sheet (CSV or XLSX: DOI, Uses DL?, Are PTMs Used?, PTM and PTM Reuse Method Pairings) as a reviewer's labels.");
        command.Options.Add(FromOption);
        command.Options.Add(reviewer);
        command.SetAction(async (parse, ct) =>
        {
            var output = CliHost.Out(parse);
            var error = CliHost.Error(parse);
            using var host = await CliHost.StartAsync(parse, ct);
            LabelImportSummary summary;
            try
            {
                summary = await host.Services.GetRequiredService<LabelSheetImporter>().ImportAsync(parse.GetValue(FromOption)!, parse.GetValue(reviewer)!, ct);
            }
            catch (Exception ex) when (ex is LabelSheetException or ArgumentException)
            {
                await error.WriteLineAsync("import labels: " + ex.Message);
                return 2;
            }

            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"Labels of {summary.Reviewer} from {Path.GetFileName(summary.File)}: {summary.Rows} rows, {summary.PapersMatched} papers, {summary.LabelsWritten} labels written, {summary.LabelsUnchanged} unchanged, {summary.NotInStore.Count} DOIs not in the store, {summary.Problems.Count} problems"));
            foreach (var missing in summary.NotInStore)
            {
                await output.WriteLineAsync($"  not in store: row {missing.Row} {missing.Doi}");
            }

            foreach (var problem in summary.Problems)
            {
                await error.WriteLineAsync($"  row {problem.Row} {problem.Doi}: {problem.Problem}");
            }

            return summary.Problems.Count > 0 ? 1 : 0;
        });
        return command;
    }
}
