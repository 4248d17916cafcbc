namespace PtmReuse.Core.Ingest;

/// <summary>One ingest invocation (CLI, upload or folder): its inputs and outcome, shown as history.</summary>
public sealed class IngestBatch
{
    public long Id { get; set; }
    public string Inputs { get; set; } = "";
    public string Origin { get; set; } = "cli";
    public DateTime StartedAt { get; set; }
    public DateTime? FinishedAt { get; set; }
    public IngestBatchStatus Status { get; set; }
    public int Added { get; set; }
    public int Updated { get; set; }
    public int Unchanged { get; set; }
    public int Failed { get; set; }
    public long BytesRead { get; set; }
}

public enum IngestBatchStatus
{
    Running,
    Completed,
    CompletedWithErrors,
    Cancelled,
    Failed,
}

/// <summary>A file or archive entry that could not be ingested, and why. Kept so the user sees it later.</summary>
public sealed class IngestError
{
    public long Id { get; set; }
    public long? BatchId { get; set; }
    public string File { get; set; } = "";
    public string? Entry { get; set; }
    public string Reason { get; set; } = "";
    public DateTime At { get; set; }
}
