using Microsoft.AspNetCore.Components;
using PtmReuse.Core.Classification;
using PtmReuse.Core.Review.Agreement;
using PtmReuse.Core.Review.Sampling;

namespace PtmReuse.Dashboard.Components.Pages.Agreement;

/// <summary>One stage's agreement report, sample estimates, samples and disagreements.</summary>
public sealed partial class StageAgreement
{
    private AgreementReport? _report;
    private IReadOnlyList<ValidationSampleSummary> _samples = [];
    private long? _sampleId;
    private string? _error;

    [Parameter, EditorRequired]
    public Stage Stage { get; set; }

    [Inject]
    private AgreementReportService Reports { get; set; } = default!;

    [Inject]
    private ValidationSampler Sampler { get; set; } = default!;

    protected override Task OnInitializedAsync() => LoadAsync();

    private async Task SelectSampleAsync(long? sampleId)
    {
        _sampleId = sampleId;
        await LoadAsync();
    }

    private async Task SampleCreatedAsync(long sampleId)
    {
        _sampleId = sampleId;
        await LoadAsync();
    }

    private async Task LoadAsync()
    {
        try
        {
            _samples = await Sampler.ListAsync(Stage, ComponentToken);
            _sampleId ??= _samples.FirstOrDefault()?.Sample.Id;
            _report = await Reports.GetAsync(Stage, _sampleId, ComponentToken);
            _error = null;
        }
        catch (OperationCanceledException) when (ComponentToken.IsCancellationRequested)
        {
            // The page went away; nothing to show.
        }
        catch (Exception e) when (e is InvalidOperationException or System.Text.Json.JsonException)
        {
            _error = $"The agreement report could not be computed: {e.Message}";
        }
    }
}
