using Microsoft.EntityFrameworkCore;
using PtmReuse.Core.Storage;

namespace PtmReuse.Core.Papers;

public sealed record CountBy<TKey>(TKey Key, int Count);

public sealed record StoreStatistics(
    int Papers,
    int PapersWithoutDoi,
    int IngestErrors,
    IReadOnlyList<CountBy<int?>> ByYear,
    IReadOnlyList<CountBy<string?>> ByField)
{
    /// <summary>
    /// <see cref="ByYear"/> with every year from the first to the last that has papers, those without any as 0 (so a
    /// gap in the record shows as a gap, not as two neighbouring years), then the papers without a year.
    /// </summary>
    public IReadOnlyList<CountBy<int?>> ByYearWithEmptyYears
    {
        get
        {
            var dated = ByYear.Where(y => y.Key is not null).ToDictionary(y => y.Key!.Value, y => y.Count);
            var years = dated.Count == 0
                ? []
                : Enumerable.Range(dated.Keys.Min(), dated.Keys.Max() - dated.Keys.Min() + 1).Select(y => new CountBy<int?>(y, dated.GetValueOrDefault(y))).ToList();
            return [.. years, .. ByYear.Where(y => y.Key is null)];
        }
    }
}

/// <summary>Counts over the paper store, computed in SQL (GROUP BY), for `stats` and the overview page.</summary>
public sealed class PaperStatistics(IDbContextFactory<PtmReuseDbContext> factory)
{
    public async Task<StoreStatistics> GetAsync(CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var papers = await db.Papers.CountAsync(cancellationToken);
        var withoutDoi = await db.Papers.CountAsync(p => p.Doi == null, cancellationToken);
        var errors = await db.IngestErrors.CountAsync(cancellationToken);
        var byYear = await db.Papers.GroupBy(p => p.Year)
            .Select(g => new CountBy<int?>(g.Key, g.Count()))
            .ToListAsync(cancellationToken);
        var byField = await db.Papers.GroupBy(p => p.PrimaryField)
            .Select(g => new CountBy<string?>(g.Key, g.Count()))
            .ToListAsync(cancellationToken);
        return new StoreStatistics(
            papers,
            withoutDoi,
            errors,
            byYear.OrderBy(c => c.Key ?? int.MaxValue).ToList(),
            byField.OrderByDescending(c => c.Count).ThenBy(c => c.Key).ToList());
    }
}
