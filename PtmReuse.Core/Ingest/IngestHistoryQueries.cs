using Microsoft.EntityFrameworkCore;
using PtmReuse.Core.Storage;

namespace PtmReuse.Core.Ingest;

public sealed record IngestErrorPage(IReadOnlyList<IngestError> Items, int TotalCount);

/// <summary>Read-only views of past ingests (batches) and their stored errors, newest first, paged in SQL.</summary>
public sealed class IngestHistoryQueries(IDbContextFactory<PtmReuseDbContext> factory)
{
    public async Task<IReadOnlyList<IngestBatch>> GetRecentBatchesAsync(int count, CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        return await db.IngestBatches.AsNoTracking()
            .OrderByDescending(b => b.Id)
            .Take(Math.Clamp(count, 1, 500))
            .ToListAsync(cancellationToken);
    }

    /// <summary>Stored errors, newest first; only those of <paramref name="batchId"/> when given.</summary>
    public async Task<IngestErrorPage> GetErrorsAsync(long? batchId, int skip, int take, CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var errors = db.IngestErrors.AsNoTracking();
        if (batchId is { } id)
        {
            errors = errors.Where(e => e.BatchId == id);
        }

        var total = await errors.CountAsync(cancellationToken);
        var items = await errors.OrderByDescending(e => e.Id)
            .Skip(Math.Max(0, skip))
            .Take(Math.Clamp(take, 1, 500))
            .ToListAsync(cancellationToken);
        return new IngestErrorPage(items, total);
    }

    /// <summary>
    /// The papers a batch added or updated (unchanged ones are left out): those whose ingest or update time falls within
    /// the batch's run. Batches from the dashboard run one at a time, so the window holds that batch's papers only.
    /// </summary>
    public async Task<IReadOnlyList<long>> PapersOfBatchAsync(long batchId, CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var batch = await db.IngestBatches.AsNoTracking().FirstOrDefaultAsync(b => b.Id == batchId, cancellationToken);
        if (batch?.FinishedAt is not { } end)
        {
            return [];
        }

        var start = batch.StartedAt;
        return await db.Papers.AsNoTracking()
            .Where(p => (p.IngestedAt >= start && p.IngestedAt <= end) || (p.UpdatedAt >= start && p.UpdatedAt <= end))
            .OrderBy(p => p.Id).Select(p => p.Id).ToListAsync(cancellationToken);
    }
}
