using MudBlazor.Services;
using PtmReuse.Core;
using PtmReuse.Core.Storage;
using PtmReuse.Dashboard.Components;

namespace PtmReuse.Dashboard;

/// <summary>Builds the Blazor Server app. Tests call this too, with their own database and a loopback port.</summary>
public static class DashboardHost
{
    public static WebApplication Build(string[] args, string? databasePath = null, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = args,
            ContentRootPath = AppPaths.ContentRoot(),
            WebRootPath = Path.Combine(AppPaths.ContentRoot(), "wwwroot"),
        });
        if (databasePath is not null)
        {
            builder.Configuration[$"{StorageOptions.Section}:{nameof(StorageOptions.DatabasePath)}"] = databasePath;
        }

        // LLM API keys may live in user-secrets in any environment, not only Development.
        builder.Configuration.AddUserSecrets(typeof(DashboardHost).Assembly, optional: true);
        builder.Services.AddPtmReuseCore();
        builder.Services.AddMudServices();
        builder.Services.AddRazorComponents().AddInteractiveServerComponents();
        configure?.Invoke(builder);

        var app = builder.Build();
        if (!app.Environment.IsDevelopment())
        {
            app.UseExceptionHandler("/error", createScopeForErrors: true);
        }

        app.UseAntiforgery();
        app.MapStaticAssets();
        app.UseStaticFiles();
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode();
        return app;
    }

    public static async Task InitializeAsync(WebApplication app, CancellationToken cancellationToken)
    {
        await app.Services.GetRequiredService<DatabaseInitializer>().InitializeAsync(cancellationToken);
    }
}
