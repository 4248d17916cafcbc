using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace PtmReuse.Core.Storage;

/// <summary>
/// One kind of long-running work stored with a "running" status: ingest batches, classification runs, harvests. The
/// process doing the work holds a <see cref="WorkLeases"/> lease under <see cref="LeaseKind"/> for the row's id while
/// it runs; <see cref="InterruptedWorkSweeper"/> marks the rows whose lease nobody holds. Register an implementation
/// with <c>services.AddSingleton&lt;IInterruptibleWork, ...&gt;()</c> to have a new kind swept.
/// </summary>
public interface IInterruptibleWork
{
    /// <summary>The lease kind, e.g. "ingest-batch"; also what the sweep reports.</summary>
    string LeaseKind { get; }

    /// <summary>Ids of the rows stored as running.</summary>
    Task<IReadOnlyList<long>> RunningAsync(PtmReuseDbContext db, CancellationToken cancellationToken);

    /// <summary>Marks these rows interrupted (only those still running: a late finisher's own status wins).</summary>
    Task MarkInterruptedAsync(PtmReuseDbContext db, IReadOnlyList<long> ids, CancellationToken cancellationToken);
}

/// <summary>Work rows found running with no live process behind them, and now marked interrupted.</summary>
public sealed record InterruptedWorkItem(string Kind, long Id);

/// <summary>
/// The start-up step that marks killed work "Interrupted" (the dashboard and every CLI verb run it after migrating;
/// the ingest and classify pages run it again when opened). Work whose process is alive, in this process or another,
/// is left alone.
/// </summary>
public sealed partial class InterruptedWorkSweeper(
    IEnumerable<IInterruptibleWork> kinds,
    Coordination.IWorkLeases leases,
    IDbContextFactory<PtmReuseDbContext> factory,
    ILogger<InterruptedWorkSweeper> logger)
{
    public async Task<IReadOnlyList<InterruptedWorkItem>> SweepAsync(CancellationToken cancellationToken)
    {
        var swept = new List<InterruptedWorkItem>();
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        foreach (var kind in kinds)
        {
            if (leases.SharedByInstances && Coordination.WorkTakeover.TakesOver(kind.LeaseKind))
            {
                // On a shared database a live instance continues these after their lease expires; they stay Running.
                continue;
            }

            var running = await kind.RunningAsync(db, cancellationToken);
            var dead = new List<long>();
            foreach (var id in running)
            {
                if (!await leases.IsHeldAsync(kind.LeaseKind, id, cancellationToken))
                {
                    dead.Add(id);
                }
            }

            if (dead.Count == 0)
            {
                continue;
            }

            await kind.MarkInterruptedAsync(db, dead, cancellationToken);
            foreach (var id in dead)
            {
                LogInterrupted(kind.LeaseKind, id);
                swept.Add(new InterruptedWorkItem(kind.LeaseKind, id));
            }
        }

        return swept;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Kind} {Id} was left running by a process that ended; marked interrupted")]
    private partial void LogInterrupted(string kind, long id);
}
