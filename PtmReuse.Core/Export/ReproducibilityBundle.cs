using System.Globalization;
using System.Reflection;
using System.Text.Json;
using CsvHelper;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using PtmReuse.Core.Analytics;
using PtmReuse.Core.Classification.Catalog;
using PtmReuse.Core.Export.Figures;
using PtmReuse.Core.Review;
using PtmReuse.Core.Storage;

namespace PtmReuse.Core.Export;

/// <summary>
/// Optional validation figures for the methods paragraph (e.g. accuracy measured on a review sample, with its interval).
/// Registered by the review feature; without one the paragraph lists the recorded validation samples only.
/// </summary>
public interface IValidationSummarySource
{
    /// <summary>Markdown sentences, one per measured result.</summary>
    Task<IReadOnlyList<string>> DescribeAsync(AnalyticsQuery query, CancellationToken cancellationToken);
}

/// <summary>The bundle's request: the figure set it contains (query, formats, size).</summary>
public sealed record BundleRequest(FigureSetRequest Figures);

/// <summary>manifest.json: what the bundle is, when and by which version it was made, and every file's hash and size.</summary>
public sealed record BundleManifest(string Format, string AppVersion, DateTimeOffset CreatedAt, AnalyticsQuery Query, IReadOnlyList<ExportedFile> Files);

/// <summary>
/// A reproducibility bundle (.zip) a reader can check a figure against: the figure set (figures, data, tables,
/// figures.json, query.json), the labels used (effective labels with label_source, and every human label), the
/// effective PTM catalog and its overrides, the runs' settings and prompt versions, a generated methods paragraph and a
/// manifest with SHA-256 and size of every file. Entries are written in a fixed order and streamed (nothing is held whole).
/// </summary>
public sealed partial class ReproducibilityBundle(
    FigureExporter figures,
    DecisionsExport decisions,
    PtmCatalogStore catalog,
    IDbContextFactory<PtmReuseDbContext> dbFactory,
    IEnumerable<IValidationSummarySource> validation,
    TimeProvider clock,
    ILogger<ReproducibilityBundle> logger)
{
    public const string ManifestFormat = "ptmreuse-bundle/1";

    public static string AppVersion { get; } =
        typeof(ReproducibilityBundle).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
        ?? typeof(ReproducibilityBundle).Assembly.GetName().Version?.ToString()
        ?? "unknown";

    /// <summary>Writes the bundle to a file (beside it first, then moved, so a failure never leaves a broken zip) and returns its manifest.</summary>
    public async Task<BundleManifest> WriteFileAsync(string path, BundleRequest request, CancellationToken cancellationToken)
    {
        var full = Path.GetFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        var partial = full + ".partial";
        try
        {
            BundleManifest manifest;
            await using (var file = new FileStream(partial, FileMode.Create, FileAccess.Write, FileShare.None, 64 * 1024, useAsync: true))
            {
                manifest = await WriteAsync(file, request, cancellationToken);
            }

            File.Move(partial, full, overwrite: true);
            return manifest;
        }
        catch
        {
            File.Delete(partial);
            throw;
        }
    }

    public async Task<BundleManifest> WriteAsync(Stream output, BundleRequest request, CancellationToken cancellationToken)
    {
        var created = clock.GetUtcNow();
        var query = request.Figures.Query;
        await using var target = new ZipExportTarget(output, created);
        var set = await figures.WriteSetAsync(request.Figures, target, cancellationToken);

        var labelFilter = new MachineDecisionFilter(query.Filter.RunId);
        await target.WriteTextAsync("labels/effective-labels.jsonl", writer => decisions.WriteAsync(writer, DecisionsFormat.Jsonl, labelFilter, cancellationToken));
        await target.WriteTextAsync("labels/human-labels.csv", writer => WriteHumanLabelsAsync(writer, cancellationToken));
        await ExportJson.WriteAsync(target, "catalog/ptm-catalog.json", new { fingerprint = catalog.Current.Fingerprint, models = catalog.Current.Entries }, cancellationToken);
        await ExportJson.WriteAsync(target, "catalog/overrides.json", catalog.Edits, cancellationToken);
        await WriteRunsAsync(target, cancellationToken);
        await target.WriteTextAsync("runs/prompt-versions.csv", writer => WritePromptVersionsAsync(writer, cancellationToken));
        var methods = await MethodsAsync(query, set, cancellationToken);
        await target.WriteTextAsync("methods.md", writer => writer.WriteAsync(methods));

        // The manifest lists every other file; it cannot hash itself.
        var manifest = new BundleManifest(ManifestFormat, AppVersion, created, query, [.. target.Files]);
        await ExportJson.WriteAsync(target, "manifest.json", manifest, cancellationToken);
        LogBundle(manifest.Files.Count, set.Figures.Count);
        return manifest;
    }

    private async Task WriteHumanLabelsAsync(TextWriter writer, CancellationToken cancellationToken)
    {
        using var csv = CsvWriter.Create(writer, new CsvWriterOptions { Injection = CsvInjection.Escape }, leaveOpen: true);
        csv.WriteRecord(["label_id", "paper_id", "doi", "stage", "reviewer", "created_at", "retired", "decision_id", "value_json", "previous_value_json", "note"]);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var rows = db.HumanLabels.AsNoTracking().OrderBy(l => l.Id)
            .Join(db.Papers, l => l.PaperId, p => p.Id, (l, p) => new { Label = l, p.Doi })
            .AsAsyncEnumerable();
        await foreach (var row in rows.WithCancellation(cancellationToken))
        {
            var l = row.Label;
            csv.WriteRecord([
                Invariant(l.Id), Invariant(l.PaperId), row.Doi ?? "", l.Stage, l.Reviewer, l.CreatedAt.ToString("O", CultureInfo.InvariantCulture),
                l.Retired ? "true" : "false", l.DecisionId is { } d ? Invariant(d) : "", l.ValueJson, l.PreviousValueJson ?? "", l.Note ?? "",
            ]);
        }

        csv.Flush();
    }

    private async Task WriteRunsAsync(ExportTarget target, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var runs = await db.Runs.AsNoTracking().OrderBy(r => r.Id).ToListAsync(cancellationToken);
        var rows = runs.Select(r => new
        {
            r.Id,
            r.Backend,
            r.Model,
            r.PromptVersion,
            r.Selection,
            Settings = ParseOrText(r.SettingsJson),
            r.StartedAt,
            r.FinishedAt,
            Status = r.Status.ToString(),
            r.PapersTotal,
            r.PapersDone,
            r.Errors,
            r.PromptTokens,
            r.CompletionTokens,
            r.Cost,
        });
        await ExportJson.WriteAsync(target, "runs/runs.json", rows, cancellationToken);
    }

    private async Task WritePromptVersionsAsync(TextWriter writer, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var versions = await db.Decisions.AsNoTracking()
            .GroupBy(d => new { d.Backend, d.Model, d.Stage, d.PromptHash })
            .Select(g => new { g.Key.Backend, g.Key.Model, g.Key.Stage, g.Key.PromptHash, Decisions = g.Count(), Papers = g.Select(d => d.PaperId).Distinct().Count() })
            .ToListAsync(cancellationToken);
        using var csv = CsvWriter.Create(writer, new CsvWriterOptions { Injection = CsvInjection.Escape }, leaveOpen: true);
        csv.WriteRecord(["backend", "model", "stage", "prompt_hash", "decisions", "papers"]);
        foreach (var v in versions.OrderBy(v => v.Backend, StringComparer.Ordinal).ThenBy(v => v.Model, StringComparer.Ordinal)
                     .ThenBy(v => v.Stage, StringComparer.Ordinal).ThenBy(v => v.PromptHash, StringComparer.Ordinal))
        {
            csv.WriteRecord([v.Backend, v.Model, v.Stage, v.PromptHash, Invariant(v.Decisions), Invariant(v.Papers)]);
        }

        csv.Flush();
    }

    /// <summary>The generated methods paragraph: corpus, filters, models and backends, validation, counting rules.</summary>
    public async Task<string> MethodsAsync(AnalyticsQuery query, FigureSetResult set, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var filter = query.Filter;
        var total = await db.Papers.CountAsync(cancellationToken);
        var inYears = await db.Papers.CountAsync(p => p.Year >= filter.FromYear && p.Year <= filter.ToYear, cancellationToken);
        var firstYear = await db.Papers.MinAsync(p => p.Year, cancellationToken);
        var lastYear = await db.Papers.MaxAsync(p => p.Year, cancellationToken);
        var journals = await db.Papers.Where(p => p.Journal != null).Select(p => p.Journal).Distinct().CountAsync(cancellationToken);
        var formats = await db.Papers.GroupBy(p => p.SourceFormat).Select(g => new { Format = g.Key, Count = g.Count() }).ToListAsync(cancellationToken);
        var models = await db.Decisions.GroupBy(d => new { d.Backend, d.Model })
            .Select(g => new { g.Key.Backend, g.Key.Model, Papers = g.Select(d => d.PaperId).Distinct().Count(), Decisions = g.Count() })
            .ToListAsync(cancellationToken);
        var runs = await db.Runs.CountAsync(cancellationToken);
        var humanLabels = await db.HumanLabels.Where(CountingLabels.Predicate).CountAsync(cancellationToken);
        var reviewedPapers = await db.HumanLabels.Where(CountingLabels.Predicate).Select(l => l.PaperId).Distinct().CountAsync(cancellationToken);
        var samples = await db.ValidationSamples.AsNoTracking().OrderBy(s => s.Id)
            .Select(s => new { s.Name, s.Stage, s.Design, s.Seed, s.PopulationSize, Items = db.ValidationSampleItems.Count(i => i.SampleId == s.Id) })
            .ToListAsync(cancellationToken);

        var text = new System.Text.StringBuilder();
        text.AppendLine("# Methods (generated)").AppendLine();
        text.Append(CultureInfo.InvariantCulture, $"**Corpus.** The database held {total:N0} papers")
            .Append(firstYear is null ? "" : string.Create(CultureInfo.InvariantCulture, $" published {firstYear}–{lastYear}"))
            .Append(CultureInfo.InvariantCulture, $" from {journals:N0} journals ({string.Join(", ", formats.OrderByDescending(f => f.Count).ThenBy(f => f.Format).Select(f => string.Create(CultureInfo.InvariantCulture, $"{f.Count:N0} {f.Format}")))}); ")
            .AppendLine(CultureInfo.InvariantCulture, $"{inYears:N0} fall in the years analysed.").AppendLine();
        if (set.Source.FirstOrDefault(f => f.Kind == Analytics.Figures.FigureKind.Funnel) is { } funnel)
        {
            var steps = funnel.Series.FirstOrDefault()?.Points.Select(p => string.Create(CultureInfo.InvariantCulture, $"{p.X} {p.Y:#,0.##}")) ?? [];
            text.AppendLine(CultureInfo.InvariantCulture, $"**Pipeline.** {string.Join(" → ", steps)} (figure `{funnel.Id}`).").AppendLine();
        }

        text.AppendLine(CultureInfo.InvariantCulture, $"**Filters.** {Sentence(FigureCaptions.DescribeFilter(filter))}").AppendLine();
        text.Append("**Models.** ");
        if (models.Count == 0)
        {
            text.AppendLine("No machine decisions were recorded.");
        }
        else
        {
            var list = models.OrderByDescending(m => m.Papers).ThenBy(m => m.Backend).ThenBy(m => m.Model)
                .Select(m => string.Create(CultureInfo.InvariantCulture, $"backend `{m.Backend}` model `{(m.Model.Length == 0 ? "(default)" : m.Model)}` ({m.Papers:N0} papers, {m.Decisions:N0} stage decisions)"));
            text.AppendLine(CultureInfo.InvariantCulture, $"Papers were classified in {runs:N0} run(s) by {string.Join("; ", list)}. Prompt versions (hashes) per stage are listed in `runs/prompt-versions.csv` and each run's settings in `runs/runs.json`.");
        }

        text.AppendLine();
        text.Append(CultureInfo.InvariantCulture, $"**Review and validation.** {humanLabels:N0} current human labels on {reviewedPapers:N0} papers. ");
        var measured = new List<string>();
        foreach (var source in validation)
        {
            measured.AddRange(await source.DescribeAsync(query, cancellationToken));
        }

        if (measured.Count > 0)
        {
            text.AppendLine(string.Join(" ", measured));
        }
        else if (samples.Count > 0)
        {
            text.AppendLine("Validation samples: " + string.Join("; ", samples.Select(s => string.Create(CultureInfo.InvariantCulture,
                $"\"{s.Name}\" ({s.Stage}, {s.Design}, seed {s.Seed}, {s.Items:N0} of {s.PopulationSize:N0} decisions)"))) + ".");
        }
        else
        {
            text.AppendLine("No validation sample was recorded, so no measured accuracy is reported.");
        }

        text.AppendLine();
        text.AppendLine(CultureInfo.InvariantCulture, $"**Counting rules.** {Sentence(FigureCaptions.DescribeRules(query.Rules))}").AppendLine();
        text.AppendLine(CultureInfo.InvariantCulture, $"Figures: {string.Join(", ", set.Figures.Select(f => $"`{f.Id}`"))}. Generated by PtmReuse {AppVersion}; `manifest.json` lists the SHA-256 of every file.");
        return text.ToString();
    }

    private static string Sentence(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..] + ".";

    private static string Invariant(long value) => value.ToString(CultureInfo.InvariantCulture);

    private static object ParseOrText(string json)
    {
        try
        {
            return JsonDocument.Parse(json).RootElement.Clone();
        }
        catch (JsonException)
        {
            return json;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Wrote a reproducibility bundle of {Files} files with {Figures} figures")]
    private partial void LogBundle(int files, int figures);
}
