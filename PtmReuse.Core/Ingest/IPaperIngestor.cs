namespace PtmReuse.Core.Ingest;

/// <summary>A named input: a path on disk (file, folder or .zip), or an uploaded stream with its original file name.</summary>
public sealed record IngestInput(string Name, string? Path = null, Func<CancellationToken, Task<Stream>>? OpenStream = null)
{
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
}
