namespace PtmReuse.Core.Ingest;

/// <summary>A named input: a path on disk (file, folder or .zip), or an uploaded stream with its original file name.</summary>
public sealed record IngestInput(string Name, string? Path = null, Func<CancellationToken, Task<Stream>>? OpenStream = null)
{
    /// <summary>
    /// When set, every file read for this input must resolve (links followed) under one of these real folders; others
    /// are recorded as errors and not read. Set by <see cref="IngestPathPolicy"/> for the dashboard's server paths.
    /// </summary>
    public IReadOnlyList<string>? AllowedRoots { get; init; }

    public static IngestInput FromPath(string path) => new(System.IO.Path.GetFileName(path.TrimEnd('/', '\\')), path);
}

public sealed record IngestProgress(
    int ItemsDone,
    int? ItemsTotal,
    long BytesDone,
    long? BytesTotal,
    int Added,
    int Updated,
    int Unchanged,
    int Failed,
    string? Current,
    TimeSpan Elapsed);

public sealed record IngestSummary(
    long BatchId,
    int Added,
    int Updated,
    int Unchanged,
    int Failed,
    long BytesRead,
    TimeSpan Elapsed,
    IReadOnlyList<IngestError> Errors)
{
    public int Total => Added + Updated + Unchanged + Failed;
}

/// <summary>
/// Reads papers from files, folders and .zip archives (entry by entry, never unpacked to disk) into the store.
/// Bad inputs become <see cref="IngestError"/> records; the batch goes on and stored papers are never damaged.
/// </summary>
public interface IPaperIngestor
{
    Task<IngestSummary> IngestAsync(
        IReadOnlyList<IngestInput> inputs,
        string origin,
        IProgress<IngestProgress>? progress,
        CancellationToken cancellationToken);

    /// <summary>
    /// Runs an interrupted (or cancelled) batch again in place, over the same stored inputs: papers already stored are
    /// skipped as unchanged, the batch's old errors are replaced by this run's. Throws <see cref="InvalidOperationException"/>
    /// when the batch is running, finished, has no stored paths (an upload), or (with <paramref name="confine"/>, as the
    /// dashboard asks) a path is outside <see cref="IngestOptions.AllowedRoots"/>. Inputs that were confined when the
    /// batch started are confined again in any case.
    /// </summary>
    Task<IngestSummary> ResumeAsync(long batchId, bool confine, IProgress<IngestProgress>? progress, CancellationToken cancellationToken);
}
