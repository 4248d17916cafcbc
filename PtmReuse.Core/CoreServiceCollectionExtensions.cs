using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Http;
using Microsoft.Extensions.Options;
using PtmReuse.Core.Classification;
using PtmReuse.Core.Classification.Llm;
using PtmReuse.Core.Classification.Runs;
using PtmReuse.Core.Export;
using PtmReuse.Core.Review;
using PtmReuse.Core.Review.Accounts;
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
        services.AddSingleton<Benchmark.SyntheticCorpus>();
        services.AddReviewerAccounts();

        services.AddOptions<Classification.Catalog.CatalogOptions>().BindConfiguration(Classification.Catalog.CatalogOptions.Section);
        services.AddSingleton<Classification.Catalog.PtmCatalogStore>();
        services.AddSingleton<Classification.IPtmCatalog>(sp => sp.GetRequiredService<Classification.Catalog.PtmCatalogStore>());
        services.AddSingleton<Classification.Catalog.IPtmCatalogSource>(sp => sp.GetRequiredService<Classification.Catalog.PtmCatalogStore>());
        services.AddSingleton<Classification.Embedded.EmbeddedBackend>();
        services.AddSingleton<Classification.IClassificationBackend>(sp => sp.GetRequiredService<Classification.Embedded.EmbeddedBackend>());

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
        services.AddLlmClassification();
        services.AddReview();
        return services;
    }

    /// <summary>The review workspace: queue, labelling, blind assignments, review views, reviewer settings.</summary>
    private static IServiceCollection AddReview(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<DecisionUncertainty>();
        services.AddSingleton<ReviewQueue>();
        services.AddSingleton<LabellingService>();
        services.AddSingleton<ReviewAssignments>();
        services.AddSingleton<ReviewViews>();
        services.AddSingleton<ReviewerSettingsStore>();
        return services;
    }

    /// <summary>LLM backends, the backend factory, runs, effective labels and the decisions export.</summary>
    private static IServiceCollection AddLlmClassification(this IServiceCollection services)
    {
        services.AddOptions<LlmOptions>()
            .BindConfiguration(LlmOptions.Section)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<LlmOptions>, LlmOptionsValidator>();
        services.AddHttpClient();
        services.AddSingleton<IConfigureOptions<HttpClientFactoryOptions>, LlmHttpClients>();
        services.AddSingleton<LlmApiKeys>();
        services.AddSingleton<IClassificationBackendFactory, ClassificationBackendFactory>();
        services.AddSingleton<ClassificationRunner>();
        services.AddSingleton<RunComparer>();
        services.AddSingleton<PaperDecisions>();
        services.AddSingleton<ClassificationRunCoordinator>();
        services.AddSingleton<EffectiveLabels>();
        services.AddSingleton<DecisionsExport>();
        return services;
    }
}
