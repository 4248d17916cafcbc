using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using PtmReuse.Core.Coordination;

namespace PtmReuse.Core.Acquire;

/// <summary>
/// Runs harvests and full-text fetches in the background, outside any page, so they go on when the user navigates
/// away. Holds their live progress and cancellation; disposing it (on shutdown) cancels them, and they resume from
/// what was stored. One fetch at a time (it works through "papers without text", which two fetches would share).
/// </summary>
public sealed partial class AcquireCoordinator(OpenAlexHarvester harvester, FullTextFetcher fetcher, IWorkLeases leases, ILogger<AcquireCoordinator> logger) : IAsyncDisposable
{
    private readonly ConcurrentDictionary<long, Active<HarvestProgress>> _harvests = new();
    private readonly CancellationTokenSource _shutdown = new();
    private readonly Lock _fetchLock = new();
    private Active<FetchProgress>? _fetch;

    /// <summary>Raised (from a background thread) on progress, start and end of a harvest or fetch.</summary>
    public event Action? Changed;

    public IReadOnlyCollection<HarvestProgress> ActiveHarvests => _harvests.Values.Select(a => a.Latest).ToList();

    public bool IsActive(long harvestId) => _harvests.ContainsKey(harvestId);

    public FetchProgress? ActiveFetch => _fetch?.Latest;

    /// <summary>The last fetch's outcome (or failure) in this process.</summary>
    public string? LastFetchMessage { get; private set; }

    public async Task<long> StartHarvestAsync(OpenAlexQuery query, string origin, CancellationToken cancellationToken)
    {
        var harvest = await harvester.CreateAsync(query, origin, cancellationToken);
        ResumeHarvest(harvest.Id);
        return harvest.Id;
    }

    /// <summary>Continues a harvest whose instance died (still Running, lease expired); false when another instance claimed it.</summary>
    public async Task<bool> TryTakeOverHarvestAsync(long harvestId, CancellationToken cancellationToken)
    {
        var lease = await leases.TryAcquireAsync(HarvestWork.Kind, harvestId, cancellationToken);
        if (lease is null)
        {
            return false;
        }

        try
        {
            ResumeHarvest(harvestId, lease);
            return true;
        }
        catch (InvalidOperationException)
        {
            await lease.DisposeAsync();
            return false;
        }
    }

    /// <summary>Continues a cancelled, interrupted or failed harvest from its saved cursor.</summary>
    public void ResumeHarvest(long harvestId) => ResumeHarvest(harvestId, null);

    private void ResumeHarvest(long harvestId, IWorkLease? claimed)
    {
        var cancellation = CancellationTokenSource.CreateLinkedTokenSource(_shutdown.Token);
        var active = new Active<HarvestProgress>(cancellation, new HarvestProgress(harvestId, HarvestStatus.Running, null, null, 0, 0, 0, 0, 0, TimeSpan.Zero));
        if (!_harvests.TryAdd(harvestId, active))
        {
            cancellation.Dispose();
            throw new InvalidOperationException($"Harvest {harvestId} is already running.");
        }

        var progress = new SyncProgress<HarvestProgress>(p =>
        {
            active.Latest = p;
            Changed?.Invoke();
        });
        active.Task = Task.Run(async () =>
        {
            try
            {
                await harvester.RunAsync(harvestId, progress, cancellation.Token, claimed);
            }
            catch (WorkClaimedException claimedElsewhere)
            {
                LogClaimedElsewhere(claimedElsewhere.Job, claimedElsewhere.Holder ?? "another process");
            }
            catch (Exception ex)
            {
                LogBackgroundFailed(ex, "harvest " + harvestId);
            }
            finally
            {
                _harvests.TryRemove(harvestId, out _);
                cancellation.Dispose();
                Changed?.Invoke();
            }
        });
        Changed?.Invoke();
    }

    public bool CancelHarvest(long harvestId)
    {
        if (!_harvests.TryGetValue(harvestId, out var active))
        {
            return false;
        }

        active.Cancellation.Cancel();
        return true;
    }

    public void StartFetch(FetchRequest request)
    {
        lock (_fetchLock)
        {
            if (_fetch is not null)
            {
                throw new InvalidOperationException("A full-text fetch is already running.");
            }

            var cancellation = CancellationTokenSource.CreateLinkedTokenSource(_shutdown.Token);
            var active = new Active<FetchProgress>(cancellation, new FetchProgress(0, 0, 0, 0, 0, null, TimeSpan.Zero));
            _fetch = active;
            LastFetchMessage = null;
            var progress = new SyncProgress<FetchProgress>(p =>
            {
                active.Latest = p;
                Changed?.Invoke();
            });
            active.Task = Task.Run(async () =>
            {
                try
                {
                    var summary = await fetcher.FetchAsync(request, progress, cancellation.Token);
                    LastFetchMessage = $"Fetched {summary.Fetched} of {summary.Total} papers; {summary.Failed} failed, {summary.NotOpen} not open.";
                }
                catch (WorkClaimedException claimedElsewhere)
                {
                    LastFetchMessage = $"A full-text fetch is already running ({claimedElsewhere.Holder ?? "another process"}); its papers are not fetched twice.";
                }
                catch (OperationCanceledException)
                {
                    LastFetchMessage = $"Cancelled after {active.Latest.Done} of {active.Latest.Total} papers; fetch again to go on.";
                }
                catch (Exception ex)
                {
                    LogBackgroundFailed(ex, "full-text fetch");
                    LastFetchMessage = "The fetch stopped: " + ex.Message;
                }
                finally
                {
                    lock (_fetchLock)
                    {
                        _fetch = null;
                    }

                    cancellation.Dispose();
                    Changed?.Invoke();
                }
            });
        }

        Changed?.Invoke();
    }

    public bool CancelFetch()
    {
        var active = _fetch;
        if (active is null)
        {
            return false;
        }

        active.Cancellation.Cancel();
        return true;
    }

    public async ValueTask DisposeAsync()
    {
        await _shutdown.CancelAsync();
        var tasks = _harvests.Values.Select(a => a.Task).ToList();
        if (_fetch is { } fetch)
        {
            tasks.Add(fetch.Task);
        }

        await Task.WhenAll(tasks);
        _shutdown.Dispose();
    }

    /// <summary>Synchronous IProgress: System.Progress would post to a captured context that a background task does not have.</summary>
    private sealed class SyncProgress<T>(Action<T> report) : IProgress<T>
    {
        public void Report(T value) => report(value);
    }

    private sealed class Active<T>(CancellationTokenSource cancellation, T latest)
    {
        public CancellationTokenSource Cancellation { get; } = cancellation;
        public T Latest { get; set; } = latest;
        public Task Task { get; set; } = Task.CompletedTask;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "{Job} is running on instance {Owner}, not here")]
    private partial void LogClaimedElsewhere(string job, string owner);

    [LoggerMessage(Level = LogLevel.Error, Message = "Background {Work} failed")]
    private partial void LogBackgroundFailed(Exception exception, string work);
}
