using Microsoft.EntityFrameworkCore;
using PtmReuse.Core.Storage;

namespace PtmReuse.Core.Ingest;

/// <summary>Ingest batches as interruptible work: the ingestor holds the "ingest-batch" lease while a batch runs.</summary>
public sealed class IngestBatchWork : IInterruptibleWork
{
    public const string Kind = "ingest-batch";

    public string LeaseKind => Kind;

    public async Task<IReadOnlyList<long>> RunningAsync(PtmReuseDbContext db, CancellationToken cancellationToken) =>
        await db.IngestBatches.Where(b => b.Status == IngestBatchStatus.Running).Select(b => b.Id).ToListAsync(cancellationToken);

    public Task MarkInterruptedAsync(PtmReuseDbContext db, IReadOnlyList<long> ids, CancellationToken cancellationToken) =>
        db.IngestBatches.Where(b => ids.Contains(b.Id) && b.Status == IngestBatchStatus.Running)
            .ExecuteUpdateAsync(set => set.SetProperty(b => b.Status, IngestBatchStatus.Interrupted), cancellationToken);
}
