using Microsoft.Extensions.Configuration;
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
            .PostConfigure<IConfiguration>((storage, configuration) =>
                storage.ConnectionString ??= configuration.GetConnectionString(StorageOptions.ConnectionStringName))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<StorageOptions>, StorageOptionsValidator>();

        services.AddDbContextFactory<PtmReuseDbContext>((provider, db) =>
            StorageProviders.Configure(db, provider.GetRequiredService<IOptions<StorageOptions>>().Value));
        services.AddSingleton<DatabaseInitializer>();
        services.AddSingleton<DatabaseCopier>();
        services.AddCoordination();
        services.AddSingleton<InterruptedWorkSweeper>();
        services.AddSingleton<IInterruptibleWork, Ingest.IngestBatchWork>();
        services.AddSingleton<IInterruptibleWork, ClassificationRunWork>();
        services.AddSingleton<IInterruptibleWork, Acquire.HarvestWork>();
        services.AddSingleton<Papers.PaperStatistics>();
        services.AddSingleton<Papers.PaperQueries>();
        services.AddSingleton<Ingest.IngestHistoryQueries>();
        services.AddSingleton<Benchmark.SyntheticCorpus>();
        services.AddReviewerAccounts();

        services.AddOptions<Classification.Catalog.CatalogOptions>().BindConfiguration(Classification.Catalog.CatalogOptions.Section);
        services.AddSingleton<Classification.Catalog.PtmCatalogStore>();
        services.AddSingleton<Classification.IPtmCatalog>(sp => sp.GetRequiredService<Classification.Catalog.PtmCatalogStore>());
        services.AddSingleton<Classification.Catalog.IPtmCatalogSource>(sp => sp.GetRequiredService<Classification.Catalog.PtmCatalogStore>());
        services.AddSingleton<Classification.Catalog.ICatalogHistory>(sp => sp.GetRequiredService<Classification.Catalog.PtmCatalogStore>());
        services.AddSingleton<Classification.Catalog.ModelProposals>();
        services.AddSingleton<Classification.Embedded.EmbeddedBackend>();
        services.AddSingleton<Classification.IClassificationBackend>(sp => sp.GetRequiredService<Classification.Embedded.EmbeddedBackend>());

        services.AddOptions<Ingest.IngestOptions>()
            .BindConfiguration(Ingest.IngestOptions.Section)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<Ingest.IngestOptions>, Ingest.IngestOptionsValidator>();
        services.AddSingleton<Ingest.IngestPathPolicy>();
        services.AddSingleton<Ingest.IPaperIngestor, Ingest.PaperIngestor>();

        services.AddOptions<Fields.FieldOptions>()
            .BindConfiguration(Fields.FieldOptions.Section)
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<Fields.FieldOptions>, Fields.FieldOptionsValidator>();

        // Feature registrations (Ingest, Classification, Review, Analytics, Export) are added here by each feature.
        services.AddLlmClassification();
        services.AddAnalytics();
        services.AddPublicationExport();
        services.AddAgreement();
        services.AddReview();
        services.AddAcquire();
        return services;
    }

    /// <summary>Leases through which instances sharing one database claim background work (issue 14).</summary>
    private static IServiceCollection AddCoordination(this IServiceCollection services)
    {
        services.AddOptions<Coordination.LeaseOptions>()
            .BindConfiguration(Coordination.LeaseOptions.Section)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<Coordination.LeaseOptions>, Coordination.LeaseOptionsValidator>();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<Coordination.InstanceIdentity>();
        // One lease concept, one implementation per store: file locks beside a SQLite file, expiring rows in PostgreSQL.
        services.AddSingleton<Coordination.FileWorkLeases>();
        services.AddSingleton<Coordination.DatabaseWorkLeases>();
        services.AddSingleton<Coordination.IWorkLeases>(provider =>
            provider.GetRequiredService<IOptions<StorageOptions>>().Value.Kind == DatabaseProvider.Postgres
                ? provider.GetRequiredService<Coordination.DatabaseWorkLeases>()
                : provider.GetRequiredService<Coordination.FileWorkLeases>());
        services.AddSingleton<Coordination.WorkTakeover>();
        return services;
    }

    /// <summary>Harvest from OpenAlex, open full-text fetching, and the imports of the study's artefacts (issue 13).</summary>
    private static IServiceCollection AddAcquire(this IServiceCollection services)
    {
        services.AddOptions<Acquire.AcquireOptions>()
            .BindConfiguration(Acquire.AcquireOptions.Section)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<Acquire.AcquireOptions>, Acquire.AcquireOptionsValidator>();
        services.AddHttpClient();
        services.AddSingleton<Acquire.AcquireHttpClients>();
        services.AddSingleton<IConfigureOptions<HttpClientFactoryOptions>>(sp => sp.GetRequiredService<Acquire.AcquireHttpClients>());
        services.AddSingleton<Acquire.AcquireFolder>();
        services.AddSingleton<Acquire.OpenAlexHarvester>();
        services.AddSingleton<Acquire.FullTextFetcher>();
        services.AddSingleton<Acquire.AcquireCoordinator>();
        services.AddSingleton<Import.AiusImporter>();
        services.AddSingleton<Import.LabelSheetImporter>();
        return services;
    }

    /// <summary>The analytics projection (kept current as labels change), its queries, figures and the study summary.</summary>
    private static IServiceCollection AddAnalytics(this IServiceCollection services)
    {
        services.AddSingleton<Analytics.Projection.AnalyticsProjection>();
        services.AddSingleton<ILabelsChangedListener>(sp => sp.GetRequiredService<Analytics.Projection.AnalyticsProjection>());
        services.AddSingleton<Analytics.AnalyticsStore>();
        services.AddSingleton<Analytics.AnalyticsFigures>();
        services.AddSingleton<Analytics.Figures.IFigureSource>(sp => sp.GetRequiredService<Analytics.AnalyticsFigures>());
        services.AddSingleton<Analytics.StudySummary>();
        return services;
    }

    /// <summary>Figure rendering, the figure-set export and the reproducibility bundle (figures come from an <see cref="Analytics.Figures.IFigureSource"/>).</summary>
    private static IServiceCollection AddPublicationExport(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddOptions<Export.Figures.FigureRenderOptions>()
            .BindConfiguration(Export.Figures.FigureRenderOptions.Section)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddSingleton<Export.Figures.FigureRenderGate>();
        services.AddSingleton<Export.Figures.FigureRenderer>();
        services.AddSingleton<Export.Figures.FigureExporter>();
        services.AddSingleton<Export.ReproducibilityBundle>();
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
        services.AddSingleton<PaperLabels>();
        services.AddSingleton<DecisionsExport>();
        services.AddSingleton<Classification.Evaluation.EvaluationRunner>();
        return services;
    }

    /// <summary>Validation samples and the agreement and accuracy statistics (issue 5 §1 and §5).</summary>
    private static IServiceCollection AddAgreement(this IServiceCollection services)
    {
        services.AddSingleton<Review.Sampling.ValidationSampler>();
        services.AddSingleton<Review.Agreement.ValidationSampleEvaluator>();
        services.AddSingleton<Review.Agreement.ClassifierAccuracyService>();
        services.AddSingleton<Review.Agreement.AgreementReportService>();
        services.AddSingleton<Export.IValidationSummarySource, Review.Agreement.ValidationSummary>();
        return services;
    }
}
