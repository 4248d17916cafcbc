using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using PtmReuse.Core.Coordination;

namespace PtmReuse.Core.Classification.Runs;

/// <summary>
/// Runs classification in the background, outside any page or request, so a run keeps going when the user
/// navigates away. Holds the live progress and the cancellation of each active run; disposing it (on shutdown)
/// cancels them, and they resume from their stored decisions next time. Each run holds its lease while it works, so
/// another instance on the same database neither starts it twice nor leaves it unfinished if this one dies.
/// </summary>
public sealed partial class ClassificationRunCoordinator(ClassificationRunner runner, IWorkLeases leases, ILogger<ClassificationRunCoordinator> logger) : IAsyncDisposable
{
    private readonly ConcurrentDictionary<long, ActiveRun> _active = new();
    private readonly CancellationTokenSource _shutdown = new();

    /// <summary>Raised (from a background thread) whenever a run reports progress, starts or ends.</summary>
    public event Action<RunProgress>? Changed;

    public IReadOnlyCollection<RunProgress> Active => _active.Values.Select(a => a.Latest).ToList();

    public bool IsActive(long runId) => _active.ContainsKey(runId);

    public RunProgress? Progress(long runId) => _active.TryGetValue(runId, out var run) ? run.Latest : null;

    /// <summary>Creates the run, starts it in the background and returns its id at once.</summary>
    public async Task<long> StartAsync(RunRequest request, CancellationToken cancellationToken)
    {
        var run = await runner.CreateRunAsync(request, cancellationToken);
        Launch(run.Id, run.PapersTotal, (progress, token) => runner.ExecuteAsync(run.Id, progress, token));
        return run.Id;
    }

    /// <summary>Continues a cancelled or interrupted run.</summary>
    public void Resume(long runId) => Launch(runId, 0, (progress, token) => runner.ExecuteAsync(runId, progress, token));

    /// <summary>
    /// Continues a run whose instance died (still Running, lease expired): claims its lease first, so of several
    /// instances trying at once only one gets it. False when another instance claimed it.
    /// </summary>
    public async Task<bool> TryTakeOverAsync(long runId, CancellationToken cancellationToken)
    {
        var lease = await leases.TryAcquireAsync(ClassificationRunWork.Kind, runId, cancellationToken);
        if (lease is null)
        {
            return false;
        }

        try
        {
            Launch(runId, 0, (progress, token) => runner.ExecuteAsync(runId, progress, token, lease));
            return true;
        }
        catch (InvalidOperationException)
        {
            await lease.DisposeAsync();
            return false;
        }
    }

    /// <summary>Re-requests the run's failed decisions.</summary>
    public void RetryFailed(long runId) => Launch(runId, 0, (progress, token) => runner.RetryFailedAsync(runId, progress, token));

    public bool Cancel(long runId)
    {
        if (!_active.TryGetValue(runId, out var run))
        {
            return false;
        }

        run.Cancellation.Cancel();
        return true;
    }

    public async ValueTask DisposeAsync()
    {
        await _shutdown.CancelAsync();
        await Task.WhenAll(_active.Values.Select(a => a.Task));
        _shutdown.Dispose();
    }

    private void Launch(long runId, int total, Func<IProgress<RunProgress>, CancellationToken, Task<ClassificationRun>> work)
    {
        var cancellation = CancellationTokenSource.CreateLinkedTokenSource(_shutdown.Token);
        var active = new ActiveRun(cancellation) { Latest = new RunProgress(runId, RunStatus.Running, 0, total, 0, 0, 0, 0, 0, null) };
        if (!_active.TryAdd(runId, active))
        {
            cancellation.Dispose();
            throw new InvalidOperationException($"Run {runId} is already running.");
        }

        var progress = new SyncProgress(p =>
        {
            active.Latest = p;
            Changed?.Invoke(p);
        });
        active.Task = Task.Run(async () =>
        {
            try
            {
                await work(progress, cancellation.Token);
            }
            catch (WorkClaimedException claimed)
            {
                // Another instance is running it: its progress shows there, not here.
                LogClaimedElsewhere(logger, runId, claimed.Holder ?? "another process");
            }
            catch (Exception ex)
            {
                LogBackgroundRunFailed(logger, ex, runId);
                active.Latest = active.Latest with { Status = RunStatus.Failed };
            }
            finally
            {
                _active.TryRemove(runId, out _);
                cancellation.Dispose();
                Changed?.Invoke(active.Latest);
            }
        });
    }

    /// <summary>Synchronous IProgress: System.Progress would post to a captured context that a background run does not have.</summary>
    private sealed class SyncProgress(Action<RunProgress> report) : IProgress<RunProgress>
    {
        public void Report(RunProgress value) => report(value);
    }

    private sealed class ActiveRun(CancellationTokenSource cancellation)
    {
        public CancellationTokenSource Cancellation { get; } = cancellation;
        public RunProgress Latest { get; set; } = null!;
        public Task Task { get; set; } = Task.CompletedTask;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Classification run {RunId} is running on instance {Owner}, not here")]
    private static partial void LogClaimedElsewhere(ILogger logger, long runId, string owner);

    [LoggerMessage(Level = LogLevel.Error, Message = "Background classification run {RunId} failed")]
    private static partial void LogBackgroundRunFailed(ILogger logger, Exception exception, long runId);
}
