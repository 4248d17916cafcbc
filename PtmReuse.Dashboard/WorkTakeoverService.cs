using Microsoft.Extensions.Options;
using PtmReuse.Core.Coordination;

namespace PtmReuse.Dashboard;

/// <summary>
/// Every <see cref="LeaseOptions.TakeoverInterval"/>, continues here the classification runs and harvests whose
/// instance died (left Running, lease expired): see <see cref="WorkTakeover"/>. A scan that fails (the database
/// briefly out of reach) is logged and retried at the next interval.
/// </summary>
internal sealed partial class WorkTakeoverService(WorkTakeover takeover, IOptions<LeaseOptions> options, TimeProvider clock, ILogger<WorkTakeoverService> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.TakeoverInterval, clock);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await takeover.ScanAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                LogScanFailed(ex);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Looking for work left by a stopped instance failed; trying again at the next interval")]
    private partial void LogScanFailed(Exception exception);
}
