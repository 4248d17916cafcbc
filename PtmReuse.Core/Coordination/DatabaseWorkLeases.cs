using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PtmReuse.Core.Storage;

namespace PtmReuse.Core.Coordination;

/// <summary>
/// Leases for PostgreSQL (<see cref="IWorkLeases"/>): <see cref="WorkLease"/> rows, so several instances on one database
/// never run the same job and a dead instance's job can be taken over once its lease expires. A claim is one INSERT … ON CONFLICT
/// DO UPDATE … WHERE the old lease expired: atomic on both SQLite and PostgreSQL, whoever races for it. Times come
/// from each instance's clock, so instances need synchronised clocks (NTP); a lease is far longer than their drift.
/// </summary>
public sealed partial class DatabaseWorkLeases(
    IDbContextFactory<PtmReuseDbContext> dbFactory,
    InstanceIdentity instance,
    IOptions<LeaseOptions> options,
    TimeProvider clock,
    ILogger<DatabaseWorkLeases> logger) : IWorkLeases
{
    public bool SharedByInstances => true;

    public string InstanceId => instance.Id;

    public LeaseOptions Options => options.Value;

    /// <summary>Claims the work when nobody holds a live lease on it (not even this instance); null otherwise.</summary>
    public async Task<IWorkLease?> TryAcquireAsync(string kind, long id, CancellationToken cancellationToken)
    {
        var job = WorkKinds.Job(kind, id);
        var now = clock.GetUtcNow().UtcDateTime;
        var expires = now + options.Value.Duration;
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var claimed = await db.Database.ExecuteSqlAsync($"""
            INSERT INTO "WorkLeases" ("Job", "Owner", "AcquiredAt", "RenewedAt", "ExpiresAt")
            VALUES ({job}, {instance.Id}, {now}, {now}, {expires})
            ON CONFLICT ("Job") DO UPDATE SET "Owner" = excluded."Owner", "AcquiredAt" = excluded."AcquiredAt",
                "RenewedAt" = excluded."RenewedAt", "ExpiresAt" = excluded."ExpiresAt"
            WHERE "WorkLeases"."ExpiresAt" < excluded."AcquiredAt"
            """, cancellationToken);
        if (claimed == 0)
        {
            return null;
        }

        LogAcquired(job, instance.Id);
        return new HeldLease(this, job, expires, logger);
    }

    public async Task<bool> IsHeldAsync(string kind, long id, CancellationToken cancellationToken) =>
        await LiveLeaseAsync(WorkKinds.Job(kind, id), cancellationToken) is not null;

    public async Task<string?> HolderAsync(string kind, long id, CancellationToken cancellationToken) =>
        (await LiveLeaseAsync(WorkKinds.Job(kind, id), cancellationToken))?.Owner;

    /// <summary>The live lease on <paramref name="job"/>, whoever holds it; null when free or expired.</summary>
    private async Task<WorkLease?> LiveLeaseAsync(string job, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.WorkLeases.AsNoTracking().FirstOrDefaultAsync(l => l.Job == job && l.ExpiresAt > now, cancellationToken);
    }

    /// <summary>Every live lease (for the health endpoint and tests).</summary>
    public async Task<IReadOnlyList<WorkLease>> LiveAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.WorkLeases.AsNoTracking().Where(l => l.ExpiresAt > now).OrderBy(l => l.Job).ToListAsync(cancellationToken);
    }

    /// <summary>Extends this instance's lease; false when it is no longer ours (it expired and another instance took it).</summary>
    internal async Task<(bool Renewed, DateTime ExpiresAt)> RenewAsync(string job, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var expires = now + options.Value.Duration;
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var renewed = await db.Database.ExecuteSqlAsync(
            $"""UPDATE "WorkLeases" SET "RenewedAt" = {now}, "ExpiresAt" = {expires} WHERE "Job" = {job} AND "Owner" = {instance.Id}""",
            cancellationToken);
        return (renewed == 1, expires);
    }

    internal async Task ReleaseAsync(string job)
    {
        await using var db = await dbFactory.CreateDbContextAsync(CancellationToken.None);
        await db.Database.ExecuteSqlAsync($"""DELETE FROM "WorkLeases" WHERE "Job" = {job} AND "Owner" = {instance.Id}""", CancellationToken.None);
        LogReleased(job, instance.Id);
    }

    internal DateTime UtcNow => clock.GetUtcNow().UtcDateTime;

    internal TimeProvider Clock => clock;

    [LoggerMessage(Level = LogLevel.Debug, Message = "Lease {Job} claimed by {Owner}")]
    private partial void LogAcquired(string job, string owner);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Lease {Job} released by {Owner}")]
    private partial void LogReleased(string job, string owner);
}

/// <summary>
/// A claimed job. Renews itself in the background until disposed (which releases it); <see cref="Lost"/> is
/// cancelled when the lease could not be kept (another instance took it after it expired, or the database stayed
/// out of reach until it expired), and the work must then stop, since another instance may be doing it.
/// </summary>
internal sealed partial class HeldLease : IWorkLease
{
    private readonly DatabaseWorkLeases _leases;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _lost = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _renewals;
    private DateTime _expiresAt;
    private int _disposed;

    internal HeldLease(DatabaseWorkLeases leases, string job, DateTime expiresAt, ILogger logger)
    {
        _leases = leases;
        _logger = logger;
        Job = job;
        _expiresAt = expiresAt;
        _renewals = Task.Run(RenewLoopAsync);
    }

    public string Job { get; }

    /// <summary>Cancelled when this instance no longer holds the lease.</summary>
    public CancellationToken Lost => _lost.Token;

    private async Task RenewLoopAsync()
    {
        var interval = _leases.Options.RenewInterval;
        while (!_stop.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(interval, _leases.Clock, _stop.Token);
                var (renewed, expiresAt) = await _leases.RenewAsync(Job, _stop.Token);
                if (!renewed)
                {
                    LogLost(_logger, Job);
                    await _lost.CancelAsync();
                    return;
                }

                _expiresAt = expiresAt;
            }
            catch (OperationCanceledException) when (_stop.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                // A database hiccup: keep trying while the lease is still ours; past its expiry it may be someone else's.
                LogRenewFailed(_logger, ex, Job);
                if (_leases.UtcNow >= _expiresAt)
                {
                    await _lost.CancelAsync();
                    return;
                }
            }
        }
    }

    public void Dispose() => DisposeAsync().AsTask().GetAwaiter().GetResult();

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        await _stop.CancelAsync();
        await _renewals;
        if (!_lost.IsCancellationRequested)
        {
            try
            {
                await _leases.ReleaseAsync(Job);
            }
            catch (Exception ex)
            {
                // Not released: it simply expires, and the work is taken over after that.
                LogRenewFailed(_logger, ex, Job);
            }
        }

        // _lost stays undisposed: work may still hold tokens linked to it (a CancellationTokenSource without a timer needs no disposal).
        _stop.Dispose();
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Lease {Job} was lost to another instance; its work stops here")]
    private static partial void LogLost(ILogger logger, string job);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Lease {Job} could not be renewed or released")]
    private static partial void LogRenewFailed(ILogger logger, Exception exception, string job);
}
