using System.Text;
using System.Text.Json;
using CsvHelper;
using Microsoft.EntityFrameworkCore;
using PtmReuse.Core.Classification;
using PtmReuse.Core.Review;
using PtmReuse.Core.Storage;

namespace PtmReuse.Core.Export;

public enum DecisionsFormat
{
    Jsonl,
    Csv,
}

/// <summary>One PTM of a paper in the export: merged from identify_ptms, ptm_reuse (pattern) and ptm_impact (step).</summary>
public sealed record ExportedPtm(string Name, string? Canonical, string? Pattern, string? Step, string? Evidence);

/// <summary>One paper in the decisions export; field names are a stable contract other tools read.</summary>
public sealed record ExportedPaper(string? Doi, string Title, int? Year, string? Field, bool? UsesDl, bool? UsesPtms, IReadOnlyList<ExportedPtm> Ptms, string LabelSource)
{
    /// <summary>The name of the file the paper was read from (no folder), so records can be matched to files without a DOI.</summary>
    public string? SourceFile { get; init; }
}

/// <summary>
/// Writes the effective label of every paper: JSONL {"doi","title","year","field","uses_dl","uses_ptms",
/// "ptms":[{"name","canonical","pattern","step","evidence"}],"label_source","source_file"} or a flat CSV, read through the same
/// <see cref="EffectiveLabels.Outcome"/> as the charts: booleans are null where the stage did not run or failed, uses_ptms
/// is false when uses_dl is false (whoever said it), and PTMs are listed only when uses_ptms is true; human labels
/// override machine decisions (<see cref="EffectiveLabels"/>).
/// </summary>
public sealed class DecisionsExport(IDbContextFactory<PtmReuseDbContext> dbFactory, EffectiveLabels effectiveLabels, IPtmCatalog catalog)
{
    private const int PageSize = 500;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>Writes the export to a file and returns the number of papers written.</summary>
    public async Task<int> WriteFileAsync(string path, DecisionsFormat format, MachineDecisionFilter filter, CancellationToken cancellationToken)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(path));
        if (!string.IsNullOrEmpty(directory))
        {
            Directory.CreateDirectory(directory);
        }

        // Write beside the target and move at the end, so a failed export never leaves a half-written file.
        var temporary = path + ".partial";
        int count;
        await using (var writer = new StreamWriter(temporary, append: false, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false)))
        {
            count = await WriteAsync(writer, format, filter, cancellationToken);
        }

        File.Move(temporary, path, overwrite: true);
        return count;
    }

    public async Task<int> WriteAsync(TextWriter writer, DecisionsFormat format, MachineDecisionFilter filter, CancellationToken cancellationToken)
    {
        using var csv = format == DecisionsFormat.Csv ? CsvWriter.Create(writer, new CsvWriterOptions { Injection = CsvInjection.Escape }, leaveOpen: true) : null;
        if (csv is not null)
        {
            csv.WriteRecord(["doi", "title", "year", "field", "uses_dl", "uses_ptms", "ptm_names", "ptm_canonical", "patterns", "steps", "label_source"]);
        }

        var count = 0;
        await foreach (var paper in PapersAsync(filter, cancellationToken))
        {
            if (csv is null)
            {
                await writer.WriteLineAsync(JsonSerializer.Serialize(paper, Json).AsMemory(), cancellationToken);
            }
            else
            {
                static string Join(IEnumerable<string?> values) => string.Join("; ", values.Select(v => v ?? ""));
                csv.WriteRecord([
                    paper.Doi ?? "", paper.Title, paper.Year?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "", paper.Field ?? "",
                    Flag(paper.UsesDl), Flag(paper.UsesPtms),
                    Join(paper.Ptms.Select(p => p.Name)), Join(paper.Ptms.Select(p => p.Canonical)),
                    Join(paper.Ptms.Select(p => p.Pattern)), Join(paper.Ptms.Select(p => p.Step)), paper.LabelSource,
                ]);
            }

            count++;
        }

        csv?.Flush();
        await writer.FlushAsync(cancellationToken);
        return count;
    }

    /// <summary>Every paper with its effective labels, by keyset pages.</summary>
    public async IAsyncEnumerable<ExportedPaper> PapersAsync(MachineDecisionFilter filter, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        long after = 0;
        while (true)
        {
            await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
            var page = await db.Papers.AsNoTracking().Where(p => p.Id > after).OrderBy(p => p.Id).Take(PageSize)
                .Select(p => new { p.Id, p.Doi, p.Title, p.Year, p.PrimaryField, p.SourceFile })
                .ToListAsync(cancellationToken);
            if (page.Count == 0)
            {
                yield break;
            }

            var labels = await effectiveLabels.ForPapersAsync(page.Select(p => p.Id).ToList(), filter, cancellationToken);
            foreach (var paper in page)
            {
                yield return Build(paper.Doi, paper.Title, paper.Year, paper.PrimaryField, labels[paper.Id], catalog.Canonicalize) with
                {
                    SourceFile = FileName(paper.SourceFile),
                };
            }

            after = page[^1].Id;
        }
    }

    /// <param name="canonicalize">The current catalog: canonical names are resolved at export time, so a merge or split
    /// made in the catalog after classification is followed by every export. The stored canonical is the fallback.</param>
    internal static ExportedPaper Build(string? doi, string title, int? year, string? field, IReadOnlyDictionary<Stage, EffectiveLabel> labels, Func<string, string?>? canonicalize = null)
    {
        var outcome = EffectiveLabels.Outcome(labels);
        var ptms = EffectiveLabels.Ptms(labels, canonicalize).Select(p => new ExportedPtm(p.Name, p.Canonical, p.Pattern, p.Step, p.Evidence)).ToList();
        var source = labels.Values.Any(l => l.Source == LabelSource.Human) ? "human" : "machine";
        return new ExportedPaper(doi, title, year, field, PaperOutcome.AsBoolean(outcome.UsesDl), PaperOutcome.AsBoolean(outcome.UsesPtms), ptms, source);
    }

    private static string? FileName(string? source) =>
        string.IsNullOrEmpty(source) ? null : Path.GetFileName(source.Replace('\\', '/').Split('!')[^1]);

    private static string Flag(bool? value) => value switch { true => "true", false => "false", null => "" };
}
