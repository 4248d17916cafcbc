using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using MudBlazor;
using PtmReuse.Core.Analytics.Projection;
using PtmReuse.Core.Review;
using PtmReuse.Core.Classification.Runs;
using PtmReuse.Core.Papers;

namespace PtmReuse.Dashboard.Components.Pages.Papers;

public sealed partial class PaperDetail
{
    private Paper? _paper;
    private PaperDecisionSet? _decisions;
    private PaperLabelSummary? _labels;
    private bool _loading = true;
    private List<BreadcrumbItem> _breadcrumbs = [];

    [Parameter] public long Id { get; set; }

    [Inject] private PaperQueries Queries { get; set; } = default!;

    [Inject] private PaperDecisions DecisionQueries { get; set; } = default!;

    [Inject] private PaperLabels LabelQueries { get; set; } = default!;

    [CascadingParameter] private Task<AuthenticationState>? AuthenticationState { get; set; }

    protected override async Task OnParametersSetAsync()
    {
        _loading = true;
        _paper = await Queries.GetAsync(Id, ComponentToken);
        // Loaded here rather than in the list so the section text and the list share one set of highlights.
        _decisions = _paper is null ? null : await DecisionQueries.ForPaperAsync(Id, ComponentToken);
        var viewer = AuthenticationState is null ? "" : (await AuthenticationState).User.Identity?.Name ?? "";
        _labels = _paper is null ? null : await LabelQueries.ForPaperAsync(Id, viewer, ComponentToken);
        _breadcrumbs =
        [
            new BreadcrumbItem("Papers", "papers"),
            new BreadcrumbItem(_paper?.Doi ?? $"#{Id}", href: null, disabled: true),
        ];
        _loading = false;
    }

    private static string OutcomeText(LabelValue value) => value switch
    {
        LabelValue.Yes => "yes",
        LabelValue.No => "no",
        LabelValue.Unknown => "unknown (failed)",
        _ => "not classified",
    };

    private static string SectionAnchor(PaperSection section) => $"section-{section.Ordinal}";

    /// <summary>DOIs are stored normalised; the resolver link escapes each path segment so a DOI cannot form another URL.</summary>
    private static string DoiUrl(string doi) =>
        "https://doi.org/" + string.Join('/', doi.Split('/').Select(Uri.EscapeDataString));
}
