using Microsoft.AspNetCore.Components;
using MudBlazor;
using PtmReuse.Core.Classification.Runs;
using PtmReuse.Core.Papers;

namespace PtmReuse.Dashboard.Components.Pages.Papers;

public sealed partial class PaperDetail
{
    private Paper? _paper;
    private PaperDecisionSet? _decisions;
    private bool _loading = true;
    private List<BreadcrumbItem> _breadcrumbs = [];

    [Parameter] public long Id { get; set; }

    [Inject] private PaperQueries Queries { get; set; } = default!;

    [Inject] private PaperDecisions DecisionQueries { get; set; } = default!;

    protected override async Task OnParametersSetAsync()
    {
        _loading = true;
        _paper = await Queries.GetAsync(Id, ComponentToken);
        // Loaded here rather than in the list so the section text and the list share one set of highlights.
        _decisions = _paper is null ? null : await DecisionQueries.ForPaperAsync(Id, ComponentToken);
        _breadcrumbs =
        [
            new BreadcrumbItem("Papers", "papers"),
            new BreadcrumbItem(_paper?.Doi ?? $"#{Id}", href: null, disabled: true),
        ];
        _loading = false;
    }

    private static string SectionAnchor(PaperSection section) => $"section-{section.Ordinal}";

    /// <summary>DOIs are stored normalised; the resolver link escapes each path segment so a DOI cannot form another URL.</summary>
    private static string DoiUrl(string doi) =>
        "https://doi.org/" + string.Join('/', doi.Split('/').Select(Uri.EscapeDataString));
}
