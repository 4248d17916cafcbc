using Microsoft.AspNetCore.Components;
using PtmReuse.Core.Ingest;
using PtmReuse.Core.Papers;
using PtmReuse.Dashboard.Ingest;

namespace PtmReuse.Dashboard.Components.Pages.Home;

public sealed partial class Home
{
    private StoreStatistics? _stats;
    private LabelShares? _shares;
    private IReadOnlyList<IngestBatch> _batches = [];
    private IngestJob? _seedJob;

    [Inject] private PaperStatistics Statistics { get; set; } = default!;
    [Inject] private PaperQueries Papers { get; set; } = default!;
    [Inject] private IngestHistoryQueries History { get; set; } = default!;
    [Inject] private IngestJobQueue Jobs { get; set; } = default!;
    [Inject] private DemoSeeder Seeder { get; set; } = default!;

    protected override async Task OnInitializedAsync()
    {
        _seedJob = Seeder.Job;
        Jobs.Changed += OnJobsChanged;
        await LoadAsync();
    }

    private async Task LoadAsync()
    {
        _stats = await Statistics.GetAsync(ComponentToken);
        _shares = await Papers.LabelSharesAsync(ComponentToken);
        _batches = await History.GetRecentBatchesAsync(5, ComponentToken);
    }

    private static string Share(double? share) => share is { } value ? $"({Percent0(value)})" : "";

    private static string Percent0(double share) => Math.Round(100 * share).ToString("0", System.Globalization.CultureInfo.InvariantCulture) + "%";

    private double Percent(int count) =>
        _stats is null || _stats.ByYear.Count == 0 ? 0 : 100.0 * count / _stats.ByYear.Max(y => y.Count);

    /// <summary>Refreshes the counts when a background ingest (e.g. the demo seed) ends.</summary>
    private void OnJobsChanged()
    {
        _ = InvokeAsync(async () =>
        {
            if (ComponentToken.IsCancellationRequested)
            {
                return;
            }

            if (!Jobs.Jobs.Any(j => j.IsActive))
            {
                await LoadAsync();
            }

            StateHasChanged();
        });
    }

    protected override void Dispose(bool disposing)
    {
        Jobs.Changed -= OnJobsChanged;
        base.Dispose(disposing);
    }
}
