using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using PtmReuse.Core.Classification;
using PtmReuse.Core.Review;
using PtmReuse.Core.Storage;

namespace PtmReuse.Core.Import;

/// <summary>A sheet row that could not be imported (whole or in part), and why.</summary>
public sealed record LabelImportProblem(int Row, string Doi, string Problem);

/// <summary>
/// What a sheet import did: rows read, papers matched, labels written and already present, the DOIs not in the store
/// (listed, so none is silently lost), and rows or cells that could not be imported.
/// </summary>
public sealed record LabelImportSummary(
    string File, string Reviewer, int Rows, int PapersMatched, int LabelsWritten, int LabelsUnchanged,
    IReadOnlyList<LabelImportProblem> NotInStore, IReadOnlyList<LabelImportProblem> Problems);

/// <summary>
/// Imports a label sheet (<see cref="LabelSheet"/>) as the named reviewer's labels through
/// <see cref="LabellingService.LabelPaperAsync"/>, so the labels are canonicalised through the catalog, checked and
/// cascaded exactly as labels given on the review page, and the effective-label rule and /agreement see them. Papers are
/// matched by DOI. Per row: uses_dl, uses_ptms, then the pairings as identify_ptms and ptm_reuse.
/// </summary>
public sealed partial class LabelSheetImporter(
    IDbContextFactory<PtmReuseDbContext> dbFactory, LabellingService labelling, ILogger<LabelSheetImporter> logger)
{
    public async Task<LabelImportSummary> ImportAsync(string path, string reviewer, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(reviewer))
        {
            throw new ArgumentException("A label sheet is imported as a named reviewer's labels: give --reviewer NAME.");
        }

        var rows = LabelSheet.Read(path);
        var dois = rows.Select(r => r.Doi).OfType<string>().Distinct().ToList();
        Dictionary<string, long> papers;
        await using (var db = await dbFactory.CreateDbContextAsync(cancellationToken))
        {
            papers = new Dictionary<string, long>(StringComparer.Ordinal);
            foreach (var batch in dois.Chunk(500))
            {
                foreach (var paper in await db.Papers.AsNoTracking().Where(p => p.Doi != null && batch.Contains(p.Doi)).Select(p => new { p.Id, p.Doi }).ToListAsync(cancellationToken))
                {
                    papers[paper.Doi!] = paper.Id;
                }
            }
        }

        var notInStore = new List<LabelImportProblem>();
        var problems = new List<LabelImportProblem>();
        var matched = new HashSet<long>();
        int written = 0, unchanged = 0;
        foreach (var row in rows)
        {
            cancellationToken.ThrowIfCancellationRequested();
            problems.AddRange(row.Problems.Select(p => new LabelImportProblem(row.Row, row.RawDoi, p)));
            if (row.Doi is null)
            {
                continue;
            }

            if (!papers.TryGetValue(row.Doi, out var paperId))
            {
                notInStore.Add(new LabelImportProblem(row.Row, row.Doi, "no paper with this DOI in the store"));
                continue;
            }

            matched.Add(paperId);
            foreach (var value in Values(row))
            {
                try
                {
                    var outcome = await labelling.LabelPaperAsync(reviewer, paperId, value, $"imported from {Path.GetFileName(path)} row {row.Row}", cancellationToken);
                    if (outcome is null)
                    {
                        unchanged++;
                    }
                    else
                    {
                        written++;
                    }
                }
                catch (Exception ex) when (ex is LabelSchemaException or ReviewNotFoundException)
                {
                    problems.Add(new LabelImportProblem(row.Row, row.Doi, $"{value.Stage.WireName()}: {ex.Message}"));
                }
            }
        }

        LogImported(Path.GetFileName(path), reviewer, rows.Count, matched.Count, written, unchanged, notInStore.Count, problems.Count);
        return new LabelImportSummary(path, reviewer, rows.Count, matched.Count, written, unchanged, notInStore, problems);
    }

    /// <summary>The stage answers a row carries, in cascade order. Rows with problems in a cell skip that cell only.</summary>
    private static IEnumerable<StageAnswer> Values(LabelSheetRow row)
    {
        if (row.UsesDl is { } dl)
        {
            yield return new UsesDlAnswer(dl, null);
        }

        var contradictory = row.Pairs is { Count: > 0 } && (row.UsesPtms == false || row.UsesDl == false);
        if (row.UsesPtms is { } ptms)
        {
            yield return new UsesPtmsAnswer(ptms, null);
        }
        else if (row.Pairs is { Count: > 0 } && !contradictory)
        {
            // Pairs name the PTMs used, which is a yes.
            yield return new UsesPtmsAnswer(true, null);
        }

        if (row.Pairs is { } pairs && !contradictory && row.UsesPtms != false && row.UsesDl != false)
        {
            var distinct = pairs.DistinctBy(p => p.Model.Trim().ToLowerInvariant()).ToList();
            yield return new IdentifyPtmsAnswer(distinct.Select(p => new PtmMention(p.Model, null, null)).ToList());
            yield return new PtmReuseAnswer(distinct.Select(p => new PtmReuseItem(p.Model, null, "", p.Pattern, null)).ToList());
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Label sheet {File} imported as {Reviewer}: {Rows} rows, {Papers} papers, {Written} labels written, {Unchanged} unchanged, {NotInStore} not in store, {Problems} problems")]
    private partial void LogImported(string file, string reviewer, int rows, int papers, int written, int unchanged, int notInStore, int problems);
}
