using System.ComponentModel.DataAnnotations;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using PtmReuse.Core.Classification.Runs;
using PtmReuse.Core.Ingest;
using PtmReuse.Core.Storage;

namespace PtmReuse.Dashboard.Ingest;

/// <summary>First-run demo data. Bound from the "Demo" configuration section.</summary>
public sealed class DemoOptions
{
    public const string Section = "Demo";

    /// <summary>Ingest <see cref="Folder"/> when the dashboard starts with an empty database.</summary>
    public bool SeedOnFirstRun { get; set; } = true;

    /// <summary>Folder of bundled papers; relative paths are resolved against the content root.</summary>
    [Required]
    public string Folder { get; set; } = "demo/papers";

    /// <summary>After seeding, classify the demo papers with the embedded backend so decisions are there to look at.</summary>
    public bool ClassifyAfterSeeding { get; set; } = true;
}

/// <summary>
/// On start, queues the bundled demo papers for ingest when the store is empty, so a fresh clone shows real papers.
/// Runs in the background: the dashboard is up before the ingest finishes.
/// </summary>
public sealed partial class DemoSeeder(
    IOptions<DemoOptions> options,
    IDbContextFactory<PtmReuseDbContext> factory,
    IngestJobQueue queue,
    ClassificationRunCoordinator runs,
    IHostEnvironment environment,
    IHostApplicationLifetime lifetime,
    ILogger<DemoSeeder> logger) : IHostedService
{
    private readonly System.Diagnostics.Stopwatch _clock = new();

    /// <summary>The job queued by this start, if any (tests wait on it).</summary>
    public IngestJob? Job { get; private set; }

    /// <summary>Completes with the id of the embedded run started on the seeded papers (null when none was started).</summary>
    public Task<long?> Classification { get; private set; } = Task.FromResult<long?>(null);

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (!options.Value.SeedOnFirstRun)
        {
            return;
        }

        await using (var db = await factory.CreateDbContextAsync(cancellationToken))
        {
            if (await db.Papers.AnyAsync(cancellationToken))
            {
                return;
            }
        }

        var folder = Path.GetFullPath(Path.Combine(environment.ContentRootPath, options.Value.Folder));
        if (!Directory.Exists(folder))
        {
            LogMissingFolder(folder);
            return;
        }

        if (!queue.IsAvailable)
        {
            LogNoIngestor(folder);
            return;
        }

        LogSeeding(folder);
        _clock.Start();
        Job = queue.Enqueue("Demo papers", "demo", [IngestInput.FromPath(folder)]);
        if (options.Value.ClassifyAfterSeeding)
        {
            Classification = ClassifyWhenSeededAsync(Job, lifetime.ApplicationStopping);
        }
    }

    private async Task<long?> ClassifyWhenSeededAsync(IngestJob job, CancellationToken cancellationToken)
    {
        try
        {
            await queue.WaitAsync(job, cancellationToken);
            if (job.Status != IngestJobStatus.Completed || job.Summary is not { Added: > 0 })
            {
                return null;
            }

            // The embedded backend is offline and deterministic: the first screen shows real decisions, not an empty table.
            var runId = await runs.StartAsync(
                new RunRequest("embedded", null, RunRequest.AllStages, PaperSelection.All),
                cancellationToken);
            var ingested = _clock.Elapsed;
            LogClassifying(runId);
            _ = ReportWhenClassifiedAsync(runId, job.Summary.Added, ingested, cancellationToken);
            return runId;
        }
        catch (OperationCanceledException)
        {
            return null;
        }
    }

    /// <summary>Prints how long the first start took to show classified demo papers (the target is under a minute).</summary>
    private async Task ReportWhenClassifiedAsync(long runId, int papers, TimeSpan ingested, CancellationToken cancellationToken)
    {
        try
        {
            while (runs.IsActive(runId))
            {
                await Task.Delay(TimeSpan.FromMilliseconds(200), cancellationToken);
            }

            LogReady(papers, _clock.Elapsed.TotalSeconds, ingested.TotalSeconds, (_clock.Elapsed - ingested).TotalSeconds);
        }
        catch (OperationCanceledException)
        {
            // Shutting down before the run finished: nothing to report.
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Information, Message = "Demo ready: {Papers} papers ingested and classified in {Seconds:F1} s (ingest {IngestSeconds:F1} s, classification {ClassifySeconds:F1} s)")]
    private partial void LogReady(int papers, double seconds, double ingestSeconds, double classifySeconds);

    [LoggerMessage(Level = LogLevel.Information, Message = "Empty database: ingesting the bundled demo papers from {Folder} in the background")]
    private partial void LogSeeding(string folder);

    [LoggerMessage(Level = LogLevel.Information, Message = "Demo papers ingested: classifying them with the embedded backend (run {RunId})")]
    private partial void LogClassifying(long runId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Demo seeding is on but the folder {Folder} does not exist")]
    private partial void LogMissingFolder(string folder);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Demo seeding skipped: no paper ingestor in this build ({Folder})")]
    private partial void LogNoIngestor(string folder);
}
