using PtmReuse.Core;
using PtmReuse.Core.Storage;
using PtmReuse.Dashboard.Accounts;
using PtmReuse.Dashboard.Components;
using PtmReuse.Dashboard.Security;

namespace PtmReuse.Dashboard;

/// <summary>Builds the Blazor Server app. Tests call this too, with their own database and a loopback port.</summary>
public static class DashboardHost
{
    public static WebApplication Build(string[] args, string? databasePath = null, Action<WebApplicationBuilder>? configure = null)
    {
        var contentRoot = AppPaths.ContentRoot();
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = args,
            // Fixed, so the static web assets manifest (ptmreuse.staticwebassets.*.json) is found even when a test host starts us.
            ApplicationName = typeof(DashboardHost).Assembly.GetName().Name,
            ContentRootPath = contentRoot,
            WebRootPath = Path.Combine(contentRoot, "wwwroot"),
        });
        if (databasePath is not null)
        {
            // A file selects SQLite; "Host=…;Database=…" (or any value with Storage:Provider=postgres) PostgreSQL.
            foreach (var (key, value) in StorageOptions.SettingsForDatabaseArgument(databasePath, builder.Configuration[$"{StorageOptions.Section}:{nameof(StorageOptions.Provider)}"]))
            {
                builder.Configuration[key] = value;
            }
        }

        // LLM API keys may live in user-secrets in any environment, not only Development.
        builder.Configuration.AddUserSecrets(typeof(DashboardHost).Assembly, optional: true);
        // Library assets (_content/MudBlazor/...) come from the build manifest when run from source, in any environment.
        builder.WebHost.UseStaticWebAssets();
        builder.Services.AddPtmReuseCore();
        builder.Services.AddDashboardServices();
        builder.Services.AddDashboardAuthentication();
        configure?.Invoke(builder);

        var app = builder.Build();
        if (!app.Environment.IsDevelopment())
        {
            app.UseExceptionHandler("/error", createScopeForErrors: true);
        }

        app.UseSecurityHeaders();
        // The root wwwroot/ (app.css) is not part of the project's static web assets (those come from
        // PtmReuse.Dashboard/wwwroot): serve it from the web root, before routing so MapStaticAssets never sees it.
        app.UseStaticFiles();
        app.UseRouting();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseAntiforgery();
        // Everything else needs a signed-in user (the fallback policy); the framework's and libraries' files do not.
        app.MapStaticAssets().AllowAnonymous();
        Export.ExportEndpoints.MapExportEndpoints(app).RequireAuthorization();
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode();
        app.MapAccountEndpoints();
        // For a proxy's health checks: 200 when this instance reaches its database, 503 otherwise; no sign-in.
        app.MapHealthChecks("/healthz").AllowAnonymous();
        Review.ReviewEndpoints.MapReviewEndpoints(app);
        return app;
    }

    public static async Task InitializeAsync(WebApplication app, CancellationToken cancellationToken)
    {
        await app.Services.GetRequiredService<DatabaseInitializer>().InitializeAsync(cancellationToken);
        // Work left "running" by a killed process is marked interrupted (and offered for resume) before anyone looks.
        await app.Services.GetRequiredService<InterruptedWorkSweeper>().SweepAsync(cancellationToken);
        await app.Services.GetRequiredService<InitialAdmin>().EnsureAsync(cancellationToken);
    }
}
