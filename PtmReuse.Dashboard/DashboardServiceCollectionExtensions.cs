using MudBlazor.Services;
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
        return services;
    }
}
