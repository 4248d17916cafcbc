namespace PtmReuse.Core.Coordination;

/// <summary>
/// A claim on one piece of background work (a classification run, a harvest, a projection rebuild…) by one
/// instance of the app, valid until <see cref="ExpiresAt"/>. The holder renews it while it works; an instance that
/// dies stops renewing, and after expiry another instance may claim the work and take it over.
/// </summary>
public sealed class WorkLease
{
    /// <summary>What is claimed, e.g. "classification-run:12" (<see cref="WorkJobs"/>).</summary>
    public string Job { get; set; } = "";

    /// <summary>The holding instance (<see cref="InstanceIdentity.Id"/>).</summary>
    public string Owner { get; set; } = "";

    public DateTime AcquiredAt { get; set; }
    public DateTime RenewedAt { get; set; }
    public DateTime ExpiresAt { get; set; }
}

/// <summary>The names of the jobs instances claim, one definition each.</summary>
public static class WorkJobs
{
    public static string ClassificationRun(long runId) => $"classification-run:{runId}";

    public static string Harvest(long harvestId) => $"harvest:{harvestId}";

    /// <summary>The full-text fetch works through every paper still without text: one at a time across instances.</summary>
    public const string FullTextFetch = "fulltext-fetch";

    /// <summary>Rebuilds and repairs of the analytics projection (its incremental updates serialise in the database).</summary>
    public const string AnalyticsProjection = "analytics-projection";

    /// <summary>First-run demo seeding: only one instance ingests and classifies the demo papers.</summary>
    public const string DemoSeed = "demo-seed";

    /// <summary>An ingest of the same inputs (the same server folder, say) runs on one instance at a time.</summary>
    public static string Ingest(string inputsFingerprint) => $"ingest:{inputsFingerprint}";
}

/// <summary>The work is claimed by another live instance.</summary>
public sealed class WorkClaimedException(string job, string owner, DateTime expiresAt)
    : InvalidOperationException($"{job} is being worked on by instance {owner} (its claim runs until {expiresAt:u} unless renewed).")
{
    public string Job { get; } = job;
    public string Owner { get; } = owner;
}
