using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using PtmReuse.Core.Storage;

namespace PtmReuse.Core;

public static class CoreServiceCollectionExtensions
{
    /// <summary>Registers the paper store and every Core feature service. Both the CLI and the dashboard call this.</summary>
    public static IServiceCollection AddPtmReuseCore(this IServiceCollection services)
    {
        services.AddOptions<StorageOptions>()
            .BindConfiguration(StorageOptions.Section)
            .ValidateDataAnnotations()
            .ValidateOnStart();

        services.AddDbContextFactory<PtmReuseDbContext>((provider, db) =>
            db.UseSqlite(provider.GetRequiredService<IOptions<StorageOptions>>().Value.ConnectionString()));
        services.AddSingleton<DatabaseInitializer>();
        services.AddSingleton<Papers.PaperStatistics>();
        services.AddSingleton<Papers.PaperQueries>();
        services.AddSingleton<Ingest.IngestHistoryQueries>();

        services.AddOptions<Ingest.IngestOptions>()
            .BindConfiguration(Ingest.IngestOptions.Section)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddSingleton<Ingest.IPaperIngestor, Ingest.PaperIngestor>();

        services.AddOptions<Fields.FieldOptions>()
            .BindConfiguration(Fields.FieldOptions.Section)
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<Fields.FieldOptions>, Fields.FieldOptionsValidator>();

        // Feature registrations (Ingest, Classification, Review, Analytics, Export) are added here by each feature.
        return services;
    }
}
