using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using PtmReuse.Core.Acquire;
using PtmReuse.Core.Classification;
using PtmReuse.Core.Classification.Runs;
using PtmReuse.Core.Storage;

namespace PtmReuse.Core.Coordination;

/// <summary>
/// Finds work that a dead instance left behind and continues it here: classification runs and harvests still marked
/// Running whose lease expired (an instance that stops cleanly marks its work Cancelled or Interrupted and releases
/// the lease; one that is killed leaves both behind). The dashboard calls <see cref="ScanAsync"/> every
/// <see cref="LeaseOptions.TakeoverInterval"/>; each run or harvest claims its own lease when it starts, so two
/// instances scanning at once still take a job over only once.
/// </summary>
public sealed partial class WorkTakeover(
    IDbContextFactory<PtmReuseDbContext> dbFactory,
    IWorkLeases leases,
    ClassificationRunCoordinator runs,
    AcquireCoordinator acquire,
    ILogger<WorkTakeover> logger)
{
    /// <summary>Whether work of this lease kind is taken over here (rather than marked interrupted) on a shared database.</summary>
    public static bool TakesOver(string kind) => kind is ClassificationRunWork.Kind or HarvestWork.Kind;

    /// <summary>Starts every orphaned run and harvest here (on a shared database only); returns how many were taken over.</summary>
    public async Task<int> ScanAsync(CancellationToken cancellationToken)
    {
        if (!leases.SharedByInstances)
        {
            // One process per SQLite file: the start-up sweep marks a killed process's work Interrupted instead.
            return 0;
        }

        List<long> runIds;
        List<long> harvestIds;
        await using (var db = await dbFactory.CreateDbContextAsync(cancellationToken))
        {
            runIds = await db.Runs.Where(r => r.Status == RunStatus.Running).OrderBy(r => r.Id).Select(r => r.Id).ToListAsync(cancellationToken);
            harvestIds = await db.Harvests.Where(h => h.Status == HarvestStatus.Running).OrderBy(h => h.Id).Select(h => h.Id).ToListAsync(cancellationToken);
        }

        var taken = 0;
        foreach (var runId in runIds)
        {
            if (runs.IsActive(runId) || await leases.IsHeldAsync(ClassificationRunWork.Kind, runId, cancellationToken))
            {
                continue;
            }

            if (await runs.TryTakeOverAsync(runId, cancellationToken))
            {
                LogTakenOver("classification run", runId);
                taken++;
            }
        }

        foreach (var harvestId in harvestIds)
        {
            if (acquire.IsActive(harvestId) || await leases.IsHeldAsync(HarvestWork.Kind, harvestId, cancellationToken))
            {
                continue;
            }

            if (await acquire.TryTakeOverHarvestAsync(harvestId, cancellationToken))
            {
                LogTakenOver("harvest", harvestId);
                taken++;
            }
        }

        return taken;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Took over {Work} {Id}: its instance stopped renewing the lease")]
    private partial void LogTakenOver(string work, long id);
}
