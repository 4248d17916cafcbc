using System.Globalization;
using Microsoft.AspNetCore.Components;
using PtmReuse.Core.Classification;
using PtmReuse.Core.Classification.Runs;

namespace PtmReuse.Dashboard.Components.Pages.Classify;

/// <summary>
/// Starts runs (handed to the background <see cref="ClassificationRunCoordinator"/>, so they outlive the page), shows live
/// progress, the run list, failures by kind with raw answers, and compares two runs.
/// </summary>
public sealed partial class Classify
{
    private const int RunsShown = 50;
    private readonly CancellationTokenSource _disposed = new();
    private readonly HashSet<Stage> _stages = [.. RunRequest.AllStages];
    private IReadOnlyList<BackendDescription> _backends = [];
    private IReadOnlyList<ClassificationRun> _runs = [];
    private string? _backend = ClassificationBackendNames.Embedded;
    private string? _model;
    private int _concurrency = Math.Max(1, Environment.ProcessorCount);
    private bool _cascade = true;
    private bool _prefilter;
    private string? _field;
    private int? _yearFrom;
    private int? _yearTo;
    private string? _paperIds;
    private bool _unclassified;
    private bool _busy;
    private string? _startError;
    private RunFailureSummary? _failures;
    private long _failuresRun;
    private long? _compareA;
    private long? _compareB;
    private RunComparison? _comparison;
    private DateTime _lastRefresh = DateTime.MinValue;
    private DateTime _lastListLoad = DateTime.MinValue;

    [Inject] private ClassificationRunCoordinator Coordinator { get; set; } = null!;

    [Inject] private ClassificationRunner Runner { get; set; } = null!;

    [Inject] private RunComparer Comparer { get; set; } = null!;

    [Inject] private IClassificationBackendFactory Backends { get; set; } = null!;

    [Inject] private PtmReuse.Core.Ingest.IngestHistoryQueries IngestHistory { get; set; } = null!;

    /// <summary>An ingest batch (from /ingest's "Classify these papers"): its added and updated papers are preselected.</summary>
    [SupplyParameterFromQuery(Name = "batch")] private long? Batch { get; set; }

    private string? _batchNote;

    [Inject] private PtmReuse.Core.Storage.InterruptedWorkSweeper Sweeper { get; set; } = null!;

    protected override async Task OnInitializedAsync()
    {
        _backends = Backends.Describe();
        _backend = _backends.FirstOrDefault(b => b.Name == ClassificationBackendNames.Embedded)?.Name ?? _backends.FirstOrDefault()?.Name;
        if (Batch is { } batch)
        {
            var ids = await IngestHistory.PapersOfBatchAsync(batch, _disposed.Token);
            _paperIds = ids.Count == 0 ? null : string.Join(", ", ids);
            _batchNote = ids.Count == 0
                ? $"Ingest {batch} added or changed no papers (or has not finished): nothing is preselected."
                : $"The {(ids.Count == 1 ? "paper" : $"{ids.Count} papers")} of ingest {batch} {(ids.Count == 1 ? "is" : "are")} selected below; start the run to classify only {(ids.Count == 1 ? "it" : "them")}.";
        }

        // A run whose process was killed (a CLI classify, say) shows as interrupted, with Resume, not as running.
        await Sweeper.SweepAsync(_disposed.Token);
        await LoadRunsAsync();
        Coordinator.Changed += OnRunChanged;
    }

    private async Task LoadRunsAsync() => _runs = await Runner.ListRunsAsync(RunsShown, _disposed.Token);

    private void ToggleStage(Stage stage, bool on)
    {
        if (on)
        {
            _stages.Add(stage);
        }
        else
        {
            _stages.Remove(stage);
        }
    }

    private async Task StartAsync()
    {
        _busy = true;
        _startError = null;
        try
        {
            var ids = ParseIds(_paperIds);
            var selection = new PaperSelection { Field = string.IsNullOrWhiteSpace(_field) ? null : _field.Trim(), YearFrom = _yearFrom, YearTo = _yearTo, UnclassifiedOnly = _unclassified, PaperIds = ids };
            var request = new RunRequest(_backend!, string.IsNullOrWhiteSpace(_model) ? null : _model.Trim(), [.. _stages.Order()], selection, _concurrency, _cascade, _prefilter);
            await Coordinator.StartAsync(request, _disposed.Token);
            await LoadRunsAsync();
        }
        catch (Exception ex) when (ex is ArgumentException or FormatException or InvalidOperationException)
        {
            _startError = ex.Message;
        }
        finally
        {
            _busy = false;
        }
    }

    private static List<long>? ParseIds(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        return text.Split([',', ' ', ';', '\n'], StringSplitOptions.RemoveEmptyEntries)
            .Select(t => long.TryParse(t, NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : throw new FormatException($"'{t}' is not a paper id."))
            .ToList();
    }

    private void Resume(long runId) => Guard(() => Coordinator.Resume(runId));

    private void RetryFailed(long runId)
    {
        Guard(() => Coordinator.RetryFailed(runId));
        _failures = null;
    }

    private void Guard(Action action)
    {
        try
        {
            action();
        }
        catch (InvalidOperationException ex)
        {
            _startError = ex.Message;
        }
    }

    private async Task ShowFailuresAsync(long runId)
    {
        _failuresRun = runId;
        _failures = await Runner.GetFailuresAsync(runId, 200, _disposed.Token);
    }

    private async Task CompareAsync()
    {
        _comparison = await Comparer.CompareAsync(_compareA!.Value, _compareB!.Value, 500, _disposed.Token);
    }

    /// <summary>Progress arrives from the run's thread; redraw at most a few times a second, and reload the list when a run ends.</summary>
    private void OnRunChanged(RunProgress progress)
    {
        var finished = progress.Status != RunStatus.Running;
        if (!finished && DateTime.UtcNow - _lastRefresh < TimeSpan.FromMilliseconds(250))
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

            // The run list's persisted counters only need an occasional reload; live figures come from the progress.
            if (finished || DateTime.UtcNow - _lastListLoad > TimeSpan.FromSeconds(5))
            {
                _lastListLoad = DateTime.UtcNow;
                await LoadRunsAsync();
            }

            StateHasChanged();
        });
    }

    public void Dispose()
    {
        Coordinator.Changed -= OnRunChanged;
        _disposed.Cancel();
        _disposed.Dispose();
    }
}
