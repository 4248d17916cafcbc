using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

namespace PtmReuse.Core.Coordination;

/// <summary>
/// How instances sharing one database claim background work (<c>Leases</c> section). A lease lasts
/// <see cref="Duration"/> and is renewed every <see cref="RenewInterval"/>; an instance that dies loses its work to
/// another after at most <see cref="Duration"/> plus one <see cref="TakeoverInterval"/>.
/// </summary>
public sealed class LeaseOptions
{
    public const string Section = "Leases";

    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan Duration { get; set; } = TimeSpan.FromSeconds(30);

    [Range(typeof(TimeSpan), "00:00:00.100", "00:30:00")]
    public TimeSpan RenewInterval { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How often an instance looks for work whose lease expired (runs and harvests left Running).</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "01:00:00")]
    public TimeSpan TakeoverInterval { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>Optional readable name of this instance in lease rows and logs (default: host name and process id).</summary>
    public string? InstanceName { get; set; }
}

/// <summary>A lease must be renewed well before it expires, or a slow renewal hands live work to another instance.</summary>
public sealed class LeaseOptionsValidator : IValidateOptions<LeaseOptions>
{
    public ValidateOptionsResult Validate(string? name, LeaseOptions options) =>
        options.RenewInterval * 2 > options.Duration
            ? ValidateOptionsResult.Fail(
                $"Leases:RenewInterval ({options.RenewInterval}) must be at most half of Leases:Duration ({options.Duration}), so a lease is renewed at least twice before it can expire.")
            : ValidateOptionsResult.Success;
}
