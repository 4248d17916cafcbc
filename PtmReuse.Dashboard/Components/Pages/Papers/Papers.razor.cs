using Microsoft.AspNetCore.Components;
using MudBlazor;
using PtmReuse.Core.Analytics.Projection;
using PtmReuse.Core.Papers;

namespace PtmReuse.Dashboard.Components.Pages.Papers;

public sealed partial class Papers
{
    private MudDataGrid<PaperListItem>? _grid;
    private PaperSearch _search = new();
    private PaperFilterOptions _options = new([], [], []);

    [Inject] private PaperQueries Queries { get; set; } = default!;

    /// <summary>Pre-selects a field, e.g. from the overview's "by field" links (/papers?field=Neuroscience).</summary>
    [SupplyParameterFromQuery(Name = "field")]
    public string? FieldFromQuery { get; set; }

    /// <summary>Pre-selects a model, e.g. from the catalog's paper counts or a paper page (/papers?model=AlphaFold).</summary>
    [SupplyParameterFromQuery(Name = "model")]
    public string? ModelFromQuery { get; set; }

    private static readonly LabelValue?[] LabelValues = [LabelValue.Yes, LabelValue.No, LabelValue.Unknown, LabelValue.NotRun];

    private static string ValueText(LabelValue? value) => value switch
    {
        LabelValue.Yes => "yes",
        LabelValue.No => "no",
        LabelValue.Unknown => "unknown",
        LabelValue.NotRun => "not classified",
        _ => "",
    };

    /// <summary>Pre-selects uses_dl / uses_ptms, e.g. from the overview's counts (/papers?uses_dl=yes).</summary>
    [SupplyParameterFromQuery(Name = "uses_dl")]
    public string? UsesDlFromQuery { get; set; }

    [SupplyParameterFromQuery(Name = "uses_ptms")]
    public string? UsesPtmsFromQuery { get; set; }

    private static LabelValue? ParseValue(string? text) => text?.Trim().ToLowerInvariant() switch
    {
        "yes" => LabelValue.Yes,
        "no" => LabelValue.No,
        "unknown" => LabelValue.Unknown,
        "not-run" or "not classified" => LabelValue.NotRun,
        _ => null,
    };

    /// <summary>A column the reader can hide; journal and section count start hidden so the label columns have room.</summary>
    private sealed class ColumnChoice(string key, string title, bool shown)
    {
        public string Key { get; } = key;
        public string Title { get; } = title;
        public bool Shown { get; set; } = shown;
    }

    private readonly List<ColumnChoice> _columns =
    [
        new("doi", "DOI", true), new("journal", "Journal", false), new("field", "Field", true), new("labels", "Uses DL / PTMs", true),
        new("models", "Models", true), new("reviewed", "Reviewed", true), new("sections", "Sections", false),
    ];

    private bool _compact;

    private bool Shown(string key) => _columns.First(c => c.Key == key).Shown;

    /// <summary>Pre-fills the search box (/papers?q=...).</summary>
    [SupplyParameterFromQuery(Name = "q")]
    public string? TextFromQuery { get; set; }

    protected override async Task OnInitializedAsync()
    {
        _search = _search with { Field = FieldFromQuery, Text = TextFromQuery, Model = ModelFromQuery, UsesDl = ParseValue(UsesDlFromQuery), UsesPtms = ParseValue(UsesPtmsFromQuery) };
        _options = await Queries.GetFilterOptionsAsync(ComponentToken);
    }

    /// <summary>The grid's server callback: one page, filtered and sorted in SQL. Its token cancels superseded loads.</summary>
    private async Task<GridData<PaperListItem>> LoadPageAsync(GridState<PaperListItem> state, CancellationToken cancellationToken)
    {
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, ComponentToken);
        var sort = state.SortDefinitions.FirstOrDefault();
        var search = _search with
        {
            SortBy = sort is null ? PaperSortKey.Year : SortKey(sort.SortBy),
            Descending = sort?.Descending ?? true,
            Skip = state.Page * state.PageSize,
            Take = state.PageSize,
        };
        var page = await Queries.SearchAsync(search, linked.Token);
        return new GridData<PaperListItem> { Items = page.Items, TotalItems = page.TotalCount };
    }

    private static PaperSortKey SortKey(string column) => column switch
    {
        nameof(PaperListItem.Title) => PaperSortKey.Title,
        nameof(PaperListItem.Doi) => PaperSortKey.Doi,
        nameof(PaperListItem.Journal) => PaperSortKey.Journal,
        nameof(PaperListItem.Field) => PaperSortKey.Field,
        nameof(PaperListItem.SectionCount) => PaperSortKey.Sections,
        _ => PaperSortKey.Year,
    };

    private Task OnSearchChanged(string? text) => ApplyAsync(_search with { Text = text });

    private Task OnYearChanged(int? year) => ApplyAsync(_search with { Year = year });

    private Task OnFieldChanged(string? field) => ApplyAsync(_search with { Field = field });

    private Task OnJournalChanged(string? journal) => ApplyAsync(_search with { Journal = journal });

    private async Task ApplyAsync(PaperSearch search)
    {
        _search = search;
        if (_grid is not null)
        {
            await _grid.ReloadServerData();
        }
    }
}
