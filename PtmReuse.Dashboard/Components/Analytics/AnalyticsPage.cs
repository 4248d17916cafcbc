using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Routing;
using PtmReuse.Dashboard.Components.Shared;

namespace PtmReuse.Dashboard.Components.Analytics;

/// <summary>
/// Base of the analytics pages: reads the view from the URL, reloads when the URL changes (filter bar, back/forward),
/// and writes changes back to the URL so every view has an address.
/// </summary>
public abstract class AnalyticsPage : CancellableComponent
{
    private CancellationTokenSource? _load;
    private string _path = "";

    [Inject] protected NavigationManager Navigation { get; set; } = default!;

    protected AnalyticsView View { get; private set; } = AnalyticsView.Default;

    protected bool Loading { get; private set; } = true;

    protected string? Error { get; private set; }

    protected override async Task OnInitializedAsync()
    {
        Navigation.LocationChanged += OnLocationChanged;
        _path = PathOf(Navigation.Uri);
        View = AnalyticsView.Parse(Navigation.Uri);
        await ReloadAsync();
    }

    /// <summary>Loads the page's figures for <see cref="View"/>.</summary>
    protected abstract Task LoadAsync(CancellationToken cancellationToken);

    protected void Show(AnalyticsView view) =>
        Navigation.NavigateTo(Navigation.GetUriWithQueryParameters(view.ToQueryParameters()), replace: false);

    private async Task ReloadAsync()
    {
        if (_load is not null)
        {
            await _load.CancelAsync();
            _load.Dispose();
        }

        _load = CancellationTokenSource.CreateLinkedTokenSource(ComponentToken);
        var token = _load.Token;
        Loading = true;
        Error = null;
        try
        {
            await LoadAsync(token);
        }
        catch (OperationCanceledException) when (token.IsCancellationRequested)
        {
            return;
        }
        catch (Exception ex) when (ex is ArgumentException or InvalidOperationException or FormatException)
        {
            Error = ex.Message;
        }

        Loading = false;
    }

    private void OnLocationChanged(object? sender, LocationChangedEventArgs e) => _ = InvokeAsync(async () =>
    {
        // Leaving for another page also raises this: only this page's own address changes reload it.
        if (ComponentToken.IsCancellationRequested || PathOf(e.Location) != _path)
        {
            return;
        }

        View = AnalyticsView.Parse(e.Location);
        await ReloadAsync();
        StateHasChanged();
    });

    private string PathOf(string uri)
    {
        var relative = Navigation.ToBaseRelativePath(uri);
        var end = relative.IndexOfAny(['?', '#']);
        return end < 0 ? relative : relative[..end];
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            Navigation.LocationChanged -= OnLocationChanged;
            _load?.Cancel();
            _load?.Dispose();
        }

        base.Dispose(disposing);
    }
}
