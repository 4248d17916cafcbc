using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Routing;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.JSInterop;
using MudBlazor;
using PtmReuse.Core.Review;

namespace PtmReuse.Dashboard.Components.Layout;

public sealed partial class MainLayout
{
    /// <summary>A navigation entry. Pages added later (Classify, Review, Trends, Export) add one line to <see cref="NavItems"/>.</summary>
    /// <param name="Policy">When set, the entry is shown only to users that satisfy this authorization policy.</param>
    public sealed record NavItem(string Href, string Title, string Icon, NavLinkMatch Match = NavLinkMatch.Prefix, string? Policy = null);

    /// <summary>
    /// The navigation, in order. Only pages that exist are listed. To add one, append e.g.
    /// <c>new("classify", "Classify", Icons.Material.Filled.Rule)</c>, <c>new("review", "Review", Icons.Material.Filled.FactCheck)</c>,
    /// <c>new("trends", "Trends", Icons.Material.Filled.ShowChart)</c>, <c>new("export", "Export", Icons.Material.Filled.Download)</c>.
    /// </summary>
    public static readonly IReadOnlyList<NavItem> NavItems =
    [
        new("", "Overview", Icons.Material.Filled.Dashboard, NavLinkMatch.All),
        new("ingest", "Ingest", Icons.Material.Filled.UploadFile, Policy: ReviewPolicies.CanLabel),
        new("acquire", "Acquire", Icons.Material.Filled.CloudDownload, Policy: ReviewPolicies.CanLabel),
        new("papers", "Papers", Icons.Material.Filled.Article),
        new("classify", "Classify", Icons.Material.Filled.PlaylistPlay, Policy: ReviewPolicies.CanLabel),
        new("catalog", "PTM catalog", Icons.Material.Filled.MenuBook),
        new("review", "Review", Icons.Material.Filled.FactCheck),
        new("review/adjudication", "Adjudication", Icons.Material.Filled.Gavel, Policy: ReviewPolicies.CanAdminister),
        new("trends", "Trends", Icons.Material.Filled.ShowChart),
        new("patterns", "Reuse patterns", Icons.Material.Filled.Category),
        new("impact", "Impact", Icons.Material.Filled.Science),
        new("models", "Top models", Icons.Material.Filled.Leaderboard),
        new("summary", "Study summary", Icons.Material.Filled.Summarize),
        new("agreement", "Agreement", Icons.Material.Filled.Insights),
        new("export", "Export", Icons.Material.Filled.Download),
        new("account/users", "Users", Icons.Material.Filled.ManageAccounts, Policy: ReviewPolicies.CanAdminister),
    ];

    private const string ThemeStorageKey = "ptmreuse.theme";

    /// <summary>The dashboard's theme; the static sign-in pages use it too.</summary>
    public static readonly MudTheme Theme = new()
    {
        PaletteLight = new PaletteLight { Primary = "#1565c0", AppbarBackground = "#1565c0", Secondary = "#00897b" },
        PaletteDark = new PaletteDark { Primary = "#64b5f6", Secondary = "#4db6ac" },
        LayoutProperties = new LayoutProperties { DrawerWidthLeft = "220px" },
    };

    private MudThemeProvider? _themeProvider;
    private ErrorBoundary? _errorBoundary;
    private bool _dark;
    private bool _ready;
    private bool _drawerOpen = true;

    [Inject]
    private IJSRuntime JS { get; set; } = default!;

    [Inject]
    private NavigationManager Navigation { get; set; } = default!;

    /// <summary>The skip link's target on this page (a plain fragment would resolve against the base URI, i.e. the overview).</summary>
    private string SkipHref => Navigation.ToBaseRelativePath(Navigation.Uri).Split('#')[0] + "#main-content";

    protected override void OnParametersSet()
    {
        // A page error should not stick to the next page the user navigates to.
        _errorBoundary?.Recover();
    }

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (!firstRender)
        {
            return;
        }

        // The choice is remembered per browser; without one, follow the system preference.
        var stored = await JS.InvokeAsync<string?>("localStorage.getItem", ThemeStorageKey);
        _dark = stored switch
        {
            "dark" => true,
            "light" => false,
            _ => _themeProvider is not null && await _themeProvider.GetSystemDarkModeAsync(),
        };
        _ready = true;
        StateHasChanged();

        // After the ready marker, so the skip links never delay a page becoming usable (a link still works unhandled).
        await using var module = await JS.InvokeAsync<IJSObjectReference>("import", "./Components/Layout/MainLayout.razor.js");
        await module.InvokeVoidAsync("attachSkipLinks");
    }

    /// <summary>The user's role as shown beside the name (the most privileged, if several).</summary>
    private static string RoleOf(System.Security.Claims.ClaimsPrincipal user) =>
        ReviewerRoles.All.FirstOrDefault(user.IsInRole) ?? "";

    private async Task ToggleThemeAsync()
    {
        _dark = !_dark;
        await JS.InvokeVoidAsync("localStorage.setItem", ThemeStorageKey, _dark ? "dark" : "light");
    }
}
