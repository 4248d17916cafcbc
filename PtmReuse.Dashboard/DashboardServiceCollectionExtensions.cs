using Microsoft.AspNetCore.DataProtection;
using MudBlazor.Services;
using PtmReuse.Core.Storage;
using PtmReuse.Dashboard.Ingest;

namespace PtmReuse.Dashboard;

public static class DashboardServiceCollectionExtensions
{
    /// <summary>The dashboard's own services (UI, background ingest, first-run demo); Core's are added separately.</summary>
    public static IServiceCollection AddDashboardServices(this IServiceCollection services)
    {
        services.AddMudServices();
        services.AddRazorComponents().AddInteractiveServerComponents();

        services.AddOptions<DemoOptions>().BindConfiguration(DemoOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<UploadOptions>().BindConfiguration(UploadOptions.Section).ValidateDataAnnotations().ValidateOnStart();

        services.AddSingleton<IngestJobQueue>();
        services.AddHostedService(provider => provider.GetRequiredService<IngestJobQueue>());
        services.AddSingleton<Export.StaticHtmlReport>();
        services.AddSingleton<DemoSeeder>();
        services.AddHostedService(provider => provider.GetRequiredService<DemoSeeder>());
        services.AddSharedServerServices();
        return services;
    }

    /// <summary>
    /// What lets several instances share one database (issue 14): Data Protection keys in the database, so a sign-in
    /// cookie or antiforgery token made by one instance is read by every other; the /healthz database check for a
    /// proxy; and the takeover of work whose instance died.
    /// </summary>
    private static IServiceCollection AddSharedServerServices(this IServiceCollection services)
    {
        services.AddDataProtection()
            .SetApplicationName("PtmReuse")
            .PersistKeysToDbContext<PtmReuseDbContext>();
        services.AddHealthChecks().AddDbContextCheck<PtmReuseDbContext>("database");
        services.AddHostedService<WorkTakeoverService>();
        return services;
    }
}
