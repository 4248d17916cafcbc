using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using PtmReuse.Core.Classification;
using PtmReuse.Core.Classification.Catalog;
using PtmReuse.Core.Review;

namespace PtmReuse.Dashboard.Components.Pages.Catalog;

/// <summary>
/// The proposed-models list of /catalog: names runs found that the catalog does not know (<see cref="ModelProposals"/>),
/// each accepted as a new model or as an alias, or rejected, by reviewers and admins. Viewers see the list only.
/// </summary>
public sealed partial class ProposedModels : IDisposable
{
    private const int DecidedShown = 20;
    private readonly CancellationTokenSource _disposed = new();
    private IReadOnlyList<ModelProposal>? _proposals;
    private IReadOnlyList<ModelProposalVerdict> _decided = [];
    private bool _canDecide;
    private string _reviewer = "";
    private ModelProposal? _open;
    private bool _asAlias;
    private string? _aliasOf;
    private PtmKind _kind = PtmKind.TrainedModel;
    private string? _family;
    private string? _modality;
    private string? _message;
    private bool _failed;
    private bool _busy;

    /// <summary>Raised after the catalog changed (a name accepted), so the page can refresh its table and counts.</summary>
    [Parameter] public EventCallback CatalogChanged { get; set; }

    [Inject] private ModelProposals Proposals { get; set; } = default!;

    [Inject] private PtmCatalogStore Catalog { get; set; } = default!;

    [Inject] private IAuthorizationService Authorization { get; set; } = default!;

    [CascadingParameter] private Task<AuthenticationState>? AuthenticationState { get; set; }

    protected override async Task OnInitializedAsync()
    {
        _canDecide = await CanDecideAsync();
        await LoadAsync();
    }

    private async Task LoadAsync()
    {
        _proposals = await Proposals.ListAsync(_disposed.Token);
        _decided = await Proposals.DecidedAsync(DecidedShown, _disposed.Token);
    }

    private async Task<bool> CanDecideAsync()
    {
        if (AuthenticationState is null)
        {
            return false;
        }

        var user = (await AuthenticationState).User;
        _reviewer = user.Identity?.IsAuthenticated == true ? user.Identity.Name ?? "" : "";
        return _reviewer.Length > 0 && (await Authorization.AuthorizeAsync(user, ReviewPolicies.CanLabel)).Succeeded;
    }

    private void Open(ModelProposal proposal)
    {
        _open = proposal;
        _asAlias = false;
        _aliasOf = null;
        _kind = PtmKind.TrainedModel;
        _family = null;
        _modality = null;
        _message = null;
    }

    private Task AcceptAsync() => DecideAsync(_open, async proposal =>
    {
        if (_asAlias)
        {
            await Proposals.AcceptAsAliasAsync(_reviewer, proposal.Name, _aliasOf ?? "", _disposed.Token);
            return $"Accepted: '{proposal.Name}' is now another name of {Catalog.Canonicalize(proposal.Name)}; its {Papers(proposal)} count from now on.";
        }

        await Proposals.AcceptAsModelAsync(_reviewer, proposal.Name, _kind, _family, _modality, _disposed.Token);
        return $"Accepted: '{proposal.Name}' is a new catalog model; its {Papers(proposal)} count from now on.";
    });

    private Task RejectAsync(ModelProposal proposal) => DecideAsync(proposal, async p =>
    {
        await Proposals.RejectAsync(_reviewer, p.Name, null, _disposed.Token);
        return $"Rejected: '{p.Name}' will not be proposed again.";
    });

    /// <summary>Runs a decision for a reviewer (checked again here: a viewer's crafted event changes nothing) and reloads the list.</summary>
    private async Task DecideAsync(ModelProposal? proposal, Func<ModelProposal, Task<string>> decide)
    {
        if (proposal is null)
        {
            return;
        }

        if (!await CanDecideAsync())
        {
            (_message, _failed) = ("Only reviewers and admins can accept or reject proposed models.", true);
            return;
        }

        _busy = true;
        try
        {
            (_message, _failed) = (await decide(proposal), false);
            _open = null;
            await LoadAsync();
            await CatalogChanged.InvokeAsync();
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

    private static string Papers(ModelProposal proposal) => proposal.Papers == 1 ? "paper" : $"{proposal.Papers} papers";

    private Task<IEnumerable<string>> SearchModelsAsync(string? text, CancellationToken cancellationToken) =>
        Task.FromResult(Suggest(Catalog.Current.Entries.Where(e => e.Kind != PtmKind.Framework).SelectMany(e => e.AllNames().Select(n => (Name: n, Value: e.Canonical))), text));

    private Task<IEnumerable<string>> SearchFamiliesAsync(string? text, CancellationToken cancellationToken) =>
        Task.FromResult(Suggest(Catalog.Current.Entries.Select(e => (Name: e.Family, Value: e.Family)), text, keepTyped: true));

    private Task<IEnumerable<string>> SearchModalitiesAsync(string? text, CancellationToken cancellationToken) =>
        Task.FromResult(Suggest(Catalog.Current.Entries.Select(e => (Name: e.Modality, Value: e.Modality)), text, keepTyped: true));

    /// <summary>Up to 20 values whose name contains the typed text; the typed text itself is kept as a choice where new values are allowed.</summary>
    private static IEnumerable<string> Suggest(IEnumerable<(string Name, string Value)> candidates, string? text, bool keepTyped = false)
    {
        var term = text?.Trim() ?? "";
        var values = candidates.Where(c => !string.IsNullOrWhiteSpace(c.Value) && (term.Length == 0 || c.Name.Contains(term, StringComparison.OrdinalIgnoreCase)))
            .Select(c => c.Value).Distinct(StringComparer.OrdinalIgnoreCase).Order(StringComparer.OrdinalIgnoreCase).Take(20).ToList();
        if (keepTyped && term.Length > 0 && !values.Contains(term, StringComparer.OrdinalIgnoreCase))
        {
            values.Insert(0, term);
        }

        return values;
    }

    public void Dispose()
    {
        _disposed.Cancel();
        _disposed.Dispose();
    }
}
