using System.ComponentModel.DataAnnotations;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
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
}

/// <summary>
/// On start, queues the bundled demo papers for ingest when the store is empty, so a fresh clone shows real papers.
/// Runs in the background: the dashboard is up before the ingest finishes.
/// </summary>
public sealed partial class DemoSeeder(
    IOptions<DemoOptions> options,
    IDbContextFactory<PtmReuseDbContext> factory,
    IngestJobQueue queue,
    IHostEnvironment environment,
    ILogger<DemoSeeder> logger) : IHostedService
{
    /// <summary>The job queued by this start, if any (tests wait on it).</summary>
    public IngestJob? Job { get; private set; }

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
        Job = queue.Enqueue("Demo papers", "demo", [IngestInput.FromPath(folder)]);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Information, Message = "Empty database: ingesting the bundled demo papers from {Folder} in the background")]
    private partial void LogSeeding(string folder);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Demo seeding is on but the folder {Folder} does not exist")]
    private partial void LogMissingFolder(string folder);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Demo seeding skipped: no paper ingestor in this build ({Folder})")]
    private partial void LogNoIngestor(string folder);
}
