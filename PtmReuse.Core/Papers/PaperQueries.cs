using Microsoft.EntityFrameworkCore;
using PtmReuse.Core.Analytics.Projection;
using PtmReuse.Core.Classification;
using PtmReuse.Core.Storage;

namespace PtmReuse.Core.Papers;

/// <summary>Search and filter criteria for the papers list; every filter is optional.</summary>
public sealed record PaperSearch
{
    /// <summary>Matches the title (substring) or the DOI (substring, resolver prefix ignored).</summary>
    public string? Text { get; init; }
    public int? Year { get; init; }
    public string? Field { get; init; }
    public string? Journal { get; init; }
    public PaperSortKey SortBy { get; init; } = PaperSortKey.Year;
    public bool Descending { get; init; } = true;
    /// <summary>The paper's effective uses_dl / uses_ptms (the label every chart counts).</summary>
    public LabelValue? UsesDl { get; init; }
    public LabelValue? UsesPtms { get; init; }
    /// <summary>A PTM the paper reuses, by any name the catalog knows (canonicalised), else as written.</summary>
    public string? Model { get; init; }
    /// <summary>Reuse pattern (conceptual, adaptation, deployment) or step (Observation ... Conclusion) of any of its PTMs.</summary>
    public string? Pattern { get; init; }
    public string? Step { get; init; }
    /// <summary>Whether a reviewer's label counts for the paper.</summary>
    public bool? Reviewed { get; init; }
    public int Skip { get; init; }
    public int Take { get; init; } = 50;
}

public enum PaperSortKey
{
    Year,
    Title,
    Doi,
    Journal,
    Field,
    Sections,
}

/// <summary>One row of the papers list.</summary>
public sealed record PaperListItem(
    long Id,
    string? Doi,
    string Title,
    string? Journal,
    int? Year,
    string? Field,
    bool FieldInferred,
    int SectionCount)
{
    /// <summary>Effective labels, as the charts count them (filled after the page is chosen).</summary>
    public LabelValue UsesDl { get; init; }
    public LabelValue UsesPtms { get; init; }
    public IReadOnlyList<string> Models { get; init; } = [];
    public bool Reviewed { get; init; }
}

public sealed record PaperPage(IReadOnlyList<PaperListItem> Items, int TotalCount);

/// <summary>
/// How many papers use deep learning and reuse PTMs by their effective labels (the charts' count), with shares of the
/// classified papers (a paper whose uses_dl ran, failed ones included as unknown).
/// </summary>
public sealed record LabelShares(int Papers, int Classified, int UsesDl, int UsesPtms, int Unknown)
{
    public double? UsesDlShare => Classified == 0 ? null : (double)UsesDl / Classified;
    public double? UsesPtmsShare => Classified == 0 ? null : (double)UsesPtms / Classified;
}

/// <summary>Distinct values for the list's filter drop-downs.</summary>
public sealed record PaperFilterOptions(IReadOnlyList<int> Years, IReadOnlyList<string> Fields, IReadOnlyList<string> Journals);

/// <summary>
/// Read-only paper queries for the dashboard, paged and filtered in SQL (never the whole table). Label filters and columns
/// read the analytics projection (the effective labels, through the one rule), so the list agrees with the charts.
/// </summary>
public sealed class PaperQueries(IDbContextFactory<PtmReuseDbContext> factory, AnalyticsProjection projection, IPtmCatalog catalog)
{
    public const int MaxPageSize = 500;

    public async Task<PaperPage> SearchAsync(PaperSearch search, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(search);
        await projection.EnsureFreshAsync(cancellationToken);
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var query = Filter(db, db.Papers.AsNoTracking(), search);
        var total = await query.CountAsync(cancellationToken);
        var items = await Sort(query, search.SortBy, search.Descending)
            .Skip(Math.Max(0, search.Skip))
            .Take(Math.Clamp(search.Take, 1, MaxPageSize))
            .Select(p => new PaperListItem(p.Id, p.Doi, p.Title, p.Journal, p.Year, p.PrimaryField, p.FieldInferred, p.Sections.Count))
            .ToListAsync(cancellationToken);

        // The page's labels and models in two lookups (at most a page of ids).
        var ids = items.Select(i => i.Id).ToList();
        var labels = await db.Set<PaperLabel>().AsNoTracking().Where(l => l.Scope == ProjectionScope.Effective && l.IsPrimary && ids.Contains(l.PaperId))
            .Select(l => new { l.PaperId, l.UsesDl, l.UsesPtms, l.Reviewed }).ToDictionaryAsync(l => l.PaperId, cancellationToken);
        var models = (await db.Set<PaperModelLabel>().AsNoTracking().Where(m => m.Scope == ProjectionScope.Effective && m.IsPrimary && ids.Contains(m.PaperId))
            .Select(m => new { m.PaperId, m.Model }).ToListAsync(cancellationToken)).ToLookup(m => m.PaperId, m => m.Model);
        items = items.Select(i => labels.TryGetValue(i.Id, out var l)
            ? i with { UsesDl = l.UsesDl, UsesPtms = l.UsesPtms, Reviewed = l.Reviewed, Models = models[i.Id].Distinct().ToList() }
            : i).ToList();
        return new PaperPage(items, total);
    }

    /// <summary>Papers using DL and reusing PTMs over every paper (all fields and years), from the projection the charts read.</summary>
    public async Task<LabelShares> LabelSharesAsync(CancellationToken cancellationToken)
    {
        await projection.EnsureFreshAsync(cancellationToken);
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var counts = await db.Set<PaperLabel>().AsNoTracking().Where(l => l.Scope == ProjectionScope.Effective && l.IsPrimary)
            .GroupBy(l => new { l.UsesDl, l.UsesPtms }).Select(g => new { g.Key.UsesDl, g.Key.UsesPtms, Count = g.Count() }).ToListAsync(cancellationToken);
        return new LabelShares(
            await db.Papers.CountAsync(cancellationToken),
            counts.Where(c => c.UsesDl != LabelValue.NotRun).Sum(c => c.Count),
            counts.Where(c => c.UsesDl == LabelValue.Yes).Sum(c => c.Count),
            counts.Where(c => c.UsesPtms == LabelValue.Yes).Sum(c => c.Count),
            counts.Where(c => c.UsesDl == LabelValue.Unknown).Sum(c => c.Count));
    }

    /// <summary>
    /// Papers per counted model name (canonical through the catalog, else as written), case-insensitive: the number of
    /// papers <c>/papers?model=NAME</c> lists for each.
    /// </summary>
    public async Task<IReadOnlyDictionary<string, int>> PapersPerModelAsync(CancellationToken cancellationToken)
    {
        await projection.EnsureFreshAsync(cancellationToken);
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var rows = await db.Set<PaperModelLabel>().AsNoTracking().Where(m => m.Scope == ProjectionScope.Effective && m.IsPrimary)
            .GroupBy(m => m.Model.ToLower()).Select(g => new { Model = g.Key, Papers = g.Select(m => m.PaperId).Distinct().Count() })
            .ToListAsync(cancellationToken);
        return rows.ToDictionary(r => r.Model, r => r.Papers, StringComparer.OrdinalIgnoreCase);
    }

    public async Task<PaperFilterOptions> GetFilterOptionsAsync(CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var years = await db.Papers.Where(p => p.Year != null).Select(p => p.Year!.Value).Distinct()
            .OrderByDescending(y => y).ToListAsync(cancellationToken);
        var fields = await db.Papers.Where(p => p.PrimaryField != null).Select(p => p.PrimaryField!).Distinct()
            .OrderBy(f => f).ToListAsync(cancellationToken);
        var journals = await db.Papers.Where(p => p.Journal != null).Select(p => p.Journal!).Distinct()
            .OrderBy(j => j).ToListAsync(cancellationToken);
        return new PaperFilterOptions(years, fields, journals);
    }

    /// <summary>One paper with its sections, captions and sources in reading order, or null when it does not exist.</summary>
    public async Task<Paper?> GetAsync(long id, CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var paper = await db.Papers.AsNoTracking().AsSplitQuery()
            .Include(p => p.Sections.OrderBy(s => s.Ordinal))
            .Include(p => p.Captions.OrderBy(c => c.Ordinal))
            .Include(p => p.Sources)
            .SingleOrDefaultAsync(p => p.Id == id, cancellationToken);
        return paper;
    }

    private IQueryable<Paper> Filter(PtmReuseDbContext db, IQueryable<Paper> papers, PaperSearch search)
    {
        var labels = db.Set<PaperLabel>().Where(l => l.Scope == ProjectionScope.Effective && l.IsPrimary);
        var models = db.Set<PaperModelLabel>().Where(m => m.Scope == ProjectionScope.Effective && m.IsPrimary);
        if (!string.IsNullOrWhiteSpace(search.Text))
        {
            var text = search.Text.Trim();
            var titlePattern = "%" + EscapeLike(text) + "%";
            var doiPattern = "%" + EscapeLike(NormalizeDoiFragment(text)) + "%";
            // "AlphaFold" also finds the papers that reuse it (any spelling the catalog knows).
            var model = (catalog.Canonicalize(text) ?? text).ToLowerInvariant();
            papers = papers.Where(p => EF.Functions.Like(p.Title, titlePattern, "\\")
                                       || (p.Doi != null && EF.Functions.Like(p.Doi, doiPattern, "\\"))
                                       || models.Any(m => m.PaperId == p.Id && m.Model.ToLower() == model));
        }

        if (search.UsesDl is { } usesDl)
        {
            papers = papers.Where(p => labels.Any(l => l.PaperId == p.Id && l.UsesDl == usesDl));
        }

        if (search.UsesPtms is { } usesPtms)
        {
            papers = papers.Where(p => labels.Any(l => l.PaperId == p.Id && l.UsesPtms == usesPtms));
        }

        if (search.Reviewed is { } reviewed)
        {
            papers = papers.Where(p => labels.Any(l => l.PaperId == p.Id && l.Reviewed == reviewed));
        }

        if (!string.IsNullOrWhiteSpace(search.Model))
        {
            var model = (catalog.Canonicalize(search.Model.Trim()) ?? search.Model.Trim()).ToLowerInvariant();
            papers = papers.Where(p => models.Any(m => m.PaperId == p.Id && m.Model.ToLower() == model));
        }

        if (!string.IsNullOrWhiteSpace(search.Pattern))
        {
            var pattern = search.Pattern.Trim().ToLowerInvariant();
            papers = papers.Where(p => models.Any(m => m.PaperId == p.Id && m.Pattern == pattern));
        }

        if (!string.IsNullOrWhiteSpace(search.Step))
        {
            var step = search.Step.Trim();
            papers = papers.Where(p => models.Any(m => m.PaperId == p.Id && m.Step == step));
        }

        if (search.Year is { } year)
        {
            papers = papers.Where(p => p.Year == year);
        }

        if (!string.IsNullOrEmpty(search.Field))
        {
            papers = papers.Where(p => p.PrimaryField == search.Field);
        }

        if (!string.IsNullOrEmpty(search.Journal))
        {
            papers = papers.Where(p => p.Journal == search.Journal);
        }

        return papers;
    }

    private static IQueryable<Paper> Sort(IQueryable<Paper> papers, PaperSortKey key, bool descending)
    {
        IOrderedQueryable<Paper> ordered = key switch
        {
            PaperSortKey.Title => descending ? papers.OrderByDescending(p => p.Title) : papers.OrderBy(p => p.Title),
            PaperSortKey.Doi => descending ? papers.OrderByDescending(p => p.Doi) : papers.OrderBy(p => p.Doi),
            PaperSortKey.Journal => descending ? papers.OrderByDescending(p => p.Journal) : papers.OrderBy(p => p.Journal),
            PaperSortKey.Field => descending ? papers.OrderByDescending(p => p.PrimaryField) : papers.OrderBy(p => p.PrimaryField),
            PaperSortKey.Sections => descending ? papers.OrderByDescending(p => p.Sections.Count) : papers.OrderBy(p => p.Sections.Count),
            _ => descending ? papers.OrderByDescending(p => p.Year) : papers.OrderBy(p => p.Year),
        };
        // A stable tie-break keeps pages from overlapping.
        return ordered.ThenBy(p => p.Id);
    }

    private static string NormalizeDoiFragment(string text)
    {
        var lower = text.ToLowerInvariant();
        foreach (var prefix in new[] { "https://doi.org/", "http://doi.org/", "https://dx.doi.org/", "http://dx.doi.org/", "doi:" })
        {
            if (lower.StartsWith(prefix, StringComparison.Ordinal))
            {
                return lower[prefix.Length..];
            }
        }

        return lower;
    }

    private static string EscapeLike(string text) =>
        text.Replace("\\", "\\\\", StringComparison.Ordinal)
            .Replace("%", "\\%", StringComparison.Ordinal)
            .Replace("_", "\\_", StringComparison.Ordinal);
}
