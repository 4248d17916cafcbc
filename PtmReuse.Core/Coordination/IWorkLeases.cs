namespace PtmReuse.Core.Coordination;

/// <summary>
/// "This work is alive" marks on long-running work (an ingest batch, a classification run, a harvest, the full-text
/// fetch, a projection rebuild), one concept with one implementation per store, chosen by provider:
/// <see cref="FileWorkLeases"/> for SQLite (an OS file lock beside the database, dropped by the operating system
/// however the process ends) and <see cref="DatabaseWorkLeases"/> for PostgreSQL (a lease row with an expiry the
/// holder renews, shared by every instance on the database). Work stored as running with no live lease was
/// interrupted (<see cref="Storage.InterruptedWorkSweeper"/>) or, on a shared database, is taken over by a live
/// instance (<see cref="WorkTakeover"/>).
/// </summary>
public interface IWorkLeases
{
    /// <summary>
    /// True when leases live in a database shared by several instances and expire unless renewed: a live instance then
    /// takes over a dead one's runs and harvests instead of leaving them to be marked interrupted.
    /// </summary>
    bool SharedByInstances { get; }

    /// <summary>Claims the work when nobody (this process included) holds it; null otherwise.</summary>
    Task<IWorkLease?> TryAcquireAsync(string kind, long id, CancellationToken cancellationToken);

    /// <summary>Whether some process or instance (this one included) holds the work's lease now.</summary>
    Task<bool> IsHeldAsync(string kind, long id, CancellationToken cancellationToken);

    /// <summary>Who holds the work, for messages: an instance id, or null when unknown or free.</summary>
    Task<string?> HolderAsync(string kind, long id, CancellationToken cancellationToken);
}

/// <summary>A held lease. Disposing releases it.</summary>
public interface IWorkLease : IAsyncDisposable, IDisposable
{
    /// <summary>"kind:id", as stored.</summary>
    string Job { get; }

    /// <summary>Cancelled when this process no longer holds the lease (it could not be renewed before it expired).</summary>
    CancellationToken Lost { get; }
}

/// <summary>The kinds of work without a row of their own (id 0); rows' kinds live beside their <see cref="Storage.IInterruptibleWork"/>.</summary>
public static class WorkKinds
{
    /// <summary>The full-text fetch works through every paper still without text: one at a time, whichever instance.</summary>
    public const string FullTextFetch = "fulltext-fetch";

    /// <summary>Rebuilds and repairs of the analytics projection (its incremental updates serialise in the database).</summary>
    public const string AnalyticsProjection = "analytics-projection";

    public static string Job(string kind, long id) => $"{kind}:{id.ToString(System.Globalization.CultureInfo.InvariantCulture)}";
}

/// <summary>The work is held by another process or instance.</summary>
public sealed class WorkClaimedException(string job, string? holder)
    : InvalidOperationException(holder is null ? $"{job} is already running in another process." : $"{job} is already running on instance {holder}.")
{
    public string Job { get; } = job;

    public string? Holder { get; } = holder;
}

public static class WorkLeasesExtensions
{
    /// <summary>Claims the work or throws <see cref="WorkClaimedException"/> naming who holds it.</summary>
    public static async Task<IWorkLease> AcquireOrThrowAsync(this IWorkLeases leases, string kind, long id, CancellationToken cancellationToken) =>
        await leases.TryAcquireAsync(kind, id, cancellationToken)
        ?? throw new WorkClaimedException(WorkKinds.Job(kind, id), await leases.HolderAsync(kind, id, cancellationToken));

    /// <summary>Waits (polling) until the work is free, then claims it.</summary>
    public static async Task<IWorkLease> AcquireAsync(this IWorkLeases leases, string kind, long id, CancellationToken cancellationToken)
    {
        while (true)
        {
            if (await leases.TryAcquireAsync(kind, id, cancellationToken) is { } lease)
            {
                return lease;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(200), cancellationToken);
        }
    }
}
