using Microsoft.Extensions.Options;

namespace PtmReuse.Core.Coordination;

/// <summary>
/// This process among the instances sharing a database: host name, process id and a random suffix, so a restarted
/// process (same host and maybe the same pid) never mistakes its predecessor's leases for its own.
/// </summary>
public sealed class InstanceIdentity(IOptions<LeaseOptions> options)
{
    public string Id { get; } =
        $"{(string.IsNullOrWhiteSpace(options.Value.InstanceName) ? Environment.MachineName : options.Value.InstanceName.Trim())}:{Environment.ProcessId}:{Guid.NewGuid().ToString("N")[..8]}";
}
