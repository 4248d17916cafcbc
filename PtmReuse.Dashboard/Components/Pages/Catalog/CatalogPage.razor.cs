using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using PtmReuse.Core.Review;
using PtmReuse.Core.Classification.Catalog;

namespace PtmReuse.Dashboard.Components.Pages.Catalog;

/// <summary>Browse the PTM catalog and edit it (add alias, merge, split) through <see cref="PtmCatalogStore"/>.</summary>
public sealed partial class CatalogPage : IDisposable
{
    private readonly CancellationTokenSource _cancellation = new();
    private string _search = "";
    private string _editKind = "alias";
    private string _canonical = "";
    private string _argument = "";
    private string _movedAliases = "";
    private string? _message;
    private bool _failed;
    private bool _busy;

    [Inject]
    private PtmCatalogStore Store { get; set; } = default!;

    [Inject]
    private IAuthorizationService Authorization { get; set; } = default!;

    [Inject]
    private PtmReuse.Core.Papers.PaperQueries Papers { get; set; } = default!;

    private IReadOnlyDictionary<string, int> _papersPerModel = new Dictionary<string, int>();

    protected override async Task OnInitializedAsync() => await LoadCountsAsync();

    private async Task LoadCountsAsync() => _papersPerModel = await Papers.PapersPerModelAsync(_cancellation.Token);

    /// <summary>Papers reusing the model (0 when none): the count /papers?model= lists.</summary>
    private int PapersOf(CatalogEntry entry) => _papersPerModel.GetValueOrDefault(entry.Canonical);

    private async Task OnCatalogChangedAsync() => await LoadCountsAsync();

    [CascadingParameter]
    private Task<AuthenticationState>? AuthenticationState { get; set; }

    private IReadOnlyList<CatalogEntry> Rows => Store.Current.Entries;

    private string ArgumentLabel => _editKind switch
    {
        "merge" => "Into (canonical)",
        "split" => "New canonical name",
        _ => "New alias",
    };

    private bool Matches(CatalogEntry entry) =>
        string.IsNullOrWhiteSpace(_search)
        || entry.AllNames().Any(n => n.Contains(_search.Trim(), StringComparison.OrdinalIgnoreCase))
        || entry.Family.Contains(_search.Trim(), StringComparison.OrdinalIgnoreCase)
        || (entry.Organisation?.Contains(_search.Trim(), StringComparison.OrdinalIgnoreCase) ?? false)
        || (entry.Provenance?.Source.Contains(_search.Trim(), StringComparison.OrdinalIgnoreCase) ?? false);

    private async Task ApplyAsync()
    {
        // The editor is hidden from viewers; checking again here keeps a crafted event from a viewer's circuit out too.
        if (AuthenticationState is null
            || !(await Authorization.AuthorizeAsync((await AuthenticationState).User, ReviewPolicies.CanLabel)).Succeeded)
        {
            (_message, _failed) = ("Only reviewers and admins can edit the catalog.", true);
            return;
        }

        _busy = true;
        try
        {
            var canonical = _canonical.Trim();
            var argument = _argument.Trim();
            switch (_editKind)
            {
                case "merge":
                    await Store.MergeAsync(canonical, argument, _cancellation.Token);
                    break;
                case "split":
                    var moved = _movedAliases.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
                    await Store.SplitAsync(canonical, argument, moved, null, _cancellation.Token);
                    break;
                default:
                    await Store.AddAliasAsync(canonical, argument, _cancellation.Token);
                    break;
            }

            (_message, _failed) = ($"Saved: {_editKind} {canonical} {argument}", false);
            await LoadCountsAsync();
        }
        catch (Exception e) when (e is InvalidOperationException or InvalidDataException)
        {
            (_message, _failed) = (e.Message, true);
        }
        finally
        {
            _busy = false;
        }
    }

    public void Dispose()
    {
        _cancellation.Cancel();
        _cancellation.Dispose();
    }
}
