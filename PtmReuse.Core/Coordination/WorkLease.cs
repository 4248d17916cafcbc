namespace PtmReuse.Core.Coordination;

/// <summary>
/// A claim on one piece of background work (a classification run, a harvest, a projection rebuild…) by one
/// instance of the app, valid until <see cref="ExpiresAt"/>. The holder renews it while it works; an instance that
/// dies stops renewing, and after expiry another instance may claim the work and take it over.
/// </summary>
public sealed class WorkLease
{
    /// <summary>What is claimed, "kind:id", e.g. "classification-run:12" (<see cref="WorkKinds.Job"/>).</summary>
    public string Job { get; set; } = "";

    /// <summary>The holding instance (<see cref="InstanceIdentity.Id"/>).</summary>
    public string Owner { get; set; } = "";

    public DateTime AcquiredAt { get; set; }
    public DateTime RenewedAt { get; set; }
    public DateTime ExpiresAt { get; set; }
}
