using Microsoft.EntityFrameworkCore;
using PtmReuse.Core.Storage;

namespace PtmReuse.Core.Acquire;

/// <summary>Harvests as interruptible work: <see cref="OpenAlexHarvester"/> holds the "harvest" lease while one runs.</summary>
public sealed class HarvestWork : IInterruptibleWork
{
    public const string Kind = "harvest";

    public string LeaseKind => Kind;

    public async Task<IReadOnlyList<long>> RunningAsync(PtmReuseDbContext db, CancellationToken cancellationToken) =>
        await db.Harvests.Where(h => h.Status == HarvestStatus.Running).Select(h => h.Id).ToListAsync(cancellationToken);

    public Task MarkInterruptedAsync(PtmReuseDbContext db, IReadOnlyList<long> ids, CancellationToken cancellationToken) =>
        db.Harvests.Where(h => ids.Contains(h.Id) && h.Status == HarvestStatus.Running)
            .ExecuteUpdateAsync(set => set.SetProperty(h => h.Status, HarvestStatus.Interrupted), cancellationToken);
}
