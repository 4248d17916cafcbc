using Microsoft.AspNetCore.Components;
using PtmReuse.Core.Acquire;

namespace PtmReuse.Dashboard.Components.Pages.Acquire;

/// <summary>
/// The acquire route in the dashboard: a harvest's filters and OpenAlex's expected count, live progress, cancel and
/// resume, the history of harvests, and the open full-text fetch. Work runs in Core's <see cref="AcquireCoordinator"/>,
/// so it outlives the page.
/// </summary>
public sealed partial class Acquire
{
    private const int HarvestsShown = 50;
    private readonly CancellationTokenSource _disposed = new();
    private IReadOnlyList<Harvest> _harvests = [];
    private IReadOnlyDictionary<FullTextStatus, int> _fullTextCounts = new Dictionary<FullTextStatus, int>();
    private int _pending;
    private int? _fromYear;
    private int? _toYear;
    private string? _fields;
    private string? _sources;
    private string? _search;
    private int? _limit;
    private bool _openAccessOnly;
    private int? _expected;
    private int? _fetchLimit;
    private bool _includeNonOpen;
    private bool _retryFailed;
    private bool _busy;
    private string? _error;
    private DateTime _lastRefresh = DateTime.MinValue;

    [Inject] private AcquireCoordinator Coordinator { get; set; } = null!;

    [Inject] private OpenAlexHarvester Harvester { get; set; } = null!;

    [Inject] private FullTextFetcher Fetcher { get; set; } = null!;

    protected override async Task OnInitializedAsync()
    {
        await LoadAsync();
        Coordinator.Changed += OnChanged;
    }

    private async Task LoadAsync()
    {
        _harvests = await Harvester.ListAsync(HarvestsShown, _disposed.Token);
        _fullTextCounts = await Fetcher.CountsAsync(_disposed.Token);
        _pending = await Fetcher.CountPendingAsync(new FetchRequest(), _disposed.Token);
    }

    private int Count(FullTextStatus status) => _fullTextCounts.GetValueOrDefault(status);

    private static int? Target(HarvestProgress progress) =>
        progress.Limit is { } limit && (progress.Expected is null || limit < progress.Expected) ? limit : progress.Expected;

    private OpenAlexQuery Query() => new()
    {
        FromYear = _fromYear,
        ToYear = _toYear,
        Fields = Split(_fields),
        OpenAccessOnly = _openAccessOnly,
        Sources = Split(_sources),
        Search = string.IsNullOrWhiteSpace(_search) ? null : _search.Trim(),
        Limit = _limit,
    };

    private static List<string> Split(string? text) =>
        string.IsNullOrWhiteSpace(text) ? [] : text.Split([',', ';', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();

    private Task CountAsync() => GuardAsync(async () => _expected = await Harvester.CountAsync(Query(), _disposed.Token));

    private Task StartAsync() => GuardAsync(async () =>
    {
        var query = Query();
        _expected ??= await Harvester.CountAsync(query, _disposed.Token);
        await Coordinator.StartHarvestAsync(query, "dashboard", _disposed.Token);
        await LoadAsync();
    });

    private void Resume(long harvestId) => Guard(() => Coordinator.ResumeHarvest(harvestId));

    private void StartFetch() => Guard(() => Coordinator.StartFetch(new FetchRequest(_fetchLimit, _includeNonOpen, _retryFailed)));

    private async Task GuardAsync(Func<Task> action)
    {
        _busy = true;
        _error = null;
        try
        {
            await action();
        }
        catch (Exception ex) when (ex is ArgumentException or HarvestException or HttpRequestException or InvalidOperationException or Polly.Timeout.TimeoutRejectedException)
        {
            _error = ex.Message;
        }
        finally
        {
            _busy = false;
        }
    }

    private void Guard(Action action)
    {
        _error = null;
        try
        {
            action();
        }
        catch (InvalidOperationException ex)
        {
            _error = ex.Message;
        }
    }

    /// <summary>Progress arrives from background threads; redraw a few times a second and reload the tables as work ends.</summary>
    private void OnChanged()
    {
        var idle = Coordinator.ActiveHarvests.Count == 0 && Coordinator.ActiveFetch is null;
        if (!idle && DateTime.UtcNow - _lastRefresh < TimeSpan.FromMilliseconds(250))
        {
            return;
        }

        _lastRefresh = DateTime.UtcNow;
        _ = InvokeAsync(async () =>
        {
            if (_disposed.IsCancellationRequested)
            {
                return;
            }

            try
            {
                await LoadAsync();
                StateHasChanged();
            }
            catch (OperationCanceledException)
            {
                // The page went away while loading.
            }
        });
    }

    public void Dispose()
    {
        Coordinator.Changed -= OnChanged;
        _disposed.Cancel();
        _disposed.Dispose();
    }
}
