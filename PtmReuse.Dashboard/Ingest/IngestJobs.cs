using System.Collections.Concurrent;
using System.Threading.Channels;
using PtmReuse.Core.Ingest;

namespace PtmReuse.Dashboard.Ingest;

public enum IngestJobStatus
{
    Queued,
    Running,
    Completed,
    Failed,
    Cancelled,
}

/// <summary>One ingest the dashboard started (upload, server folder or demo seed), with its live progress.</summary>
public sealed class IngestJob
{
    internal IngestJob(long id, string name, string origin, IReadOnlyList<IngestInput> inputs, string? temporaryDirectory, long? resumeBatchId = null)
    {
        Id = id;
        Name = name;
        Origin = origin;
        Inputs = inputs;
        TemporaryDirectory = temporaryDirectory;
        ResumeBatchId = resumeBatchId;
        QueuedAt = DateTime.UtcNow;
    }

    /// <summary>The interrupted batch this job runs again (its stored inputs), instead of <see cref="Inputs"/>.</summary>
    public long? ResumeBatchId { get; }

    public long Id { get; }
    public string Name { get; }
    public string Origin { get; }
    public IReadOnlyList<IngestInput> Inputs { get; }
    public DateTime QueuedAt { get; }
    public IngestJobStatus Status { get; internal set; }
    public IngestProgress? Progress { get; internal set; }
    public IngestSummary? Summary { get; internal set; }

    /// <summary>Why the whole job failed (not per-file errors, which are in <see cref="Summary"/>).</summary>
    public string? Failure { get; internal set; }

    /// <summary>Uploaded files live here until the job ends; then the folder is deleted.</summary>
    internal string? TemporaryDirectory { get; }

    public bool IsActive => Status is IngestJobStatus.Queued or IngestJobStatus.Running;
}

/// <summary>
/// Runs ingests one after another in the background, so leaving the page does not cancel them, and tells
/// subscribed pages about progress. The ingest itself is Core's <see cref="IPaperIngestor"/>.
/// </summary>
public sealed partial class IngestJobQueue(IServiceProvider services, Microsoft.Extensions.Options.IOptions<UploadOptions> uploads, ILogger<IngestJobQueue> logger) : BackgroundService
{
    private static readonly TimeSpan ProgressInterval = TimeSpan.FromMilliseconds(250);
    private readonly Channel<IngestJob> _queue = Channel.CreateUnbounded<IngestJob>(new UnboundedChannelOptions { SingleReader = true });
    private readonly ConcurrentDictionary<long, IngestJob> _jobs = new();
    private long _nextId;
    private DateTime _lastProgressEvent;

    /// <summary>Raised (on a background thread) when a job is queued, progresses, or ends.</summary>
    public event Action? Changed;

    /// <summary>False until an <see cref="IPaperIngestor"/> implementation is registered.</summary>
    public bool IsAvailable => services.GetService<IPaperIngestor>() is not null;

    /// <summary>Jobs of this process, newest first.</summary>
    public IReadOnlyList<IngestJob> Jobs => _jobs.Values.OrderByDescending(j => j.Id).ToList();

    /// <summary>Queues <see cref="IPaperIngestor.ResumeAsync"/> of an interrupted batch.</summary>
    public IngestJob EnqueueResume(IngestBatch batch) =>
        Enqueue(new IngestJob(Interlocked.Increment(ref _nextId), $"Resume #{batch.Id}: {batch.Inputs}", batch.Origin, [], null, batch.Id));

    public IngestJob Enqueue(string name, string origin, IReadOnlyList<IngestInput> inputs, string? temporaryDirectory = null) =>
        Enqueue(new IngestJob(Interlocked.Increment(ref _nextId), name, origin, inputs, temporaryDirectory));

    private IngestJob Enqueue(IngestJob job)
    {
        var name = job.Name;
        var origin = job.Origin;
        _jobs[job.Id] = job;
        if (!_queue.Writer.TryWrite(job))
        {
            job.Status = IngestJobStatus.Cancelled;
            job.Failure = "The dashboard is shutting down.";
        }

        LogQueued(job.Id, name, origin);
        Changed?.Invoke();
        return job;
    }

    /// <summary>Completes when the job has ended (tests and the demo seed wait on this).</summary>
    public async Task WaitAsync(IngestJob job, CancellationToken cancellationToken)
    {
        while (job.IsActive)
        {
            await Task.Delay(50, cancellationToken);
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        DeleteLeftoverUploads();
        await foreach (var job in _queue.Reader.ReadAllAsync(stoppingToken))
        {
            await RunAsync(job, stoppingToken);
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        _queue.Writer.TryComplete();
        await base.StopAsync(cancellationToken);
    }

    private async Task RunAsync(IngestJob job, CancellationToken stoppingToken)
    {
        job.Status = IngestJobStatus.Running;
        Changed?.Invoke();
        try
        {
            var ingestor = services.GetService<IPaperIngestor>()
                ?? throw new InvalidOperationException("No paper ingestor is registered in this build.");
            var progress = new Progress<IngestProgress>(p =>
            {
                job.Progress = p;
                RaiseThrottled();
            });
            job.Summary = job.ResumeBatchId is { } batchId
                ? await ingestor.ResumeAsync(batchId, confine: true, progress, stoppingToken)
                : await ingestor.IngestAsync(job.Inputs, job.Origin, progress, stoppingToken);
            job.Status = IngestJobStatus.Completed;
            LogFinished(job.Id, job.Summary.Added, job.Summary.Updated, job.Summary.Unchanged, job.Summary.Failed, job.Summary.Elapsed.TotalSeconds);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            job.Status = IngestJobStatus.Cancelled;
        }
        catch (Exception ex)
        {
            // The ingestor records per-file errors itself; reaching here means the whole job broke. Keep the dashboard up.
            job.Status = IngestJobStatus.Failed;
            job.Failure = ex.Message;
            LogFailed(ex, job.Id, job.Name);
        }
        finally
        {
            DeleteTemporaryDirectory(job);
            Changed?.Invoke();
        }
    }

    private void RaiseThrottled()
    {
        var now = DateTime.UtcNow;
        if (now - _lastProgressEvent >= ProgressInterval)
        {
            _lastProgressEvent = now;
            Changed?.Invoke();
        }
    }

    /// <summary>
    /// Upload folders left by a process that was killed mid-ingest (their batches are marked interrupted; the user
    /// uploads again and unchanged files are skipped). Only folders untouched for a day go: another dashboard sharing
    /// the temporary folder may be using newer ones.
    /// </summary>
    private void DeleteLeftoverUploads()
    {
        var root = uploads.Value.ResolveTemporaryFolder();
        if (!Directory.Exists(root))
        {
            return;
        }

        foreach (var folder in Directory.EnumerateDirectories(root).Where(f => Directory.GetLastWriteTimeUtc(f) < DateTime.UtcNow.AddDays(-1)))
        {
            try
            {
                Directory.Delete(folder, recursive: true);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                LogCleanupFailed(ex, folder);
            }
        }
    }

    private void DeleteTemporaryDirectory(IngestJob job)
    {
        if (job.TemporaryDirectory is null)
        {
            return;
        }

        try
        {
            Directory.Delete(job.TemporaryDirectory, recursive: true);
        }
        catch (IOException ex)
        {
            LogCleanupFailed(ex, job.TemporaryDirectory);
        }
        catch (UnauthorizedAccessException ex)
        {
            LogCleanupFailed(ex, job.TemporaryDirectory);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Ingest job {JobId} queued: {Name} ({Origin})")]
    private partial void LogQueued(long jobId, string name, string origin);

    [LoggerMessage(Level = LogLevel.Information, Message = "Ingest job {JobId} finished: {Added} added, {Updated} updated, {Unchanged} unchanged, {Failed} failed in {Seconds:F1} s")]
    private partial void LogFinished(long jobId, int added, int updated, int unchanged, int failed, double seconds);

    [LoggerMessage(Level = LogLevel.Error, Message = "Ingest job {JobId} ({Name}) failed")]
    private partial void LogFailed(Exception exception, long jobId, string name);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not delete the upload folder {Folder}")]
    private partial void LogCleanupFailed(Exception exception, string folder);
}
