using Microsoft.EntityFrameworkCore;
using PtmReuse.Core.Storage;

namespace PtmReuse.Core.Classification.Runs;

/// <summary>Classification runs as interruptible work: the runner holds the "classification-run" lease while a run executes.</summary>
public sealed class ClassificationRunWork : IInterruptibleWork
{
    public const string Kind = "classification-run";

    public string LeaseKind => Kind;

    public async Task<IReadOnlyList<long>> RunningAsync(PtmReuseDbContext db, CancellationToken cancellationToken) =>
        await db.Runs.Where(r => r.Status == RunStatus.Running).Select(r => r.Id).ToListAsync(cancellationToken);

    public Task MarkInterruptedAsync(PtmReuseDbContext db, IReadOnlyList<long> ids, CancellationToken cancellationToken) =>
        db.Runs.Where(r => ids.Contains(r.Id) && r.Status == RunStatus.Running)
            .ExecuteUpdateAsync(set => set.SetProperty(r => r.Status, RunStatus.Interrupted), cancellationToken);
}
