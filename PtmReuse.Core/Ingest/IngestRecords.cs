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

    /// <summary>
    /// The inputs as JSON ([{"name","path","confined"}]) so the batch can be resumed after an interruption; null for
    /// batches older than this column. Stream inputs (uploads) carry no path and cannot be resumed from here.
    /// </summary>
    public string? InputsJson { get; set; }

    /// <summary>Whether <see cref="IPaperIngestor.ResumeAsync"/> can run it again: interrupted or cancelled, with server paths stored.</summary>
    public bool CanResume() => StoredInputs.CanResume(this);
}

public enum IngestBatchStatus
{
    Running,
    Completed,
    CompletedWithErrors,
    Cancelled,
    Failed,

    /// <summary>Its process ended while it ran (killed, crashed); found at the next start-up. It can be resumed.</summary>
    Interrupted,
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

/// <summary>
/// The inputs of a batch as stored in <see cref="IngestBatch.InputsJson"/>: name, path and whether the path was
/// confined to the allowed folders (a confined input is confined again, against today's roots, when resumed).
/// </summary>
internal static class StoredInputs
{
    /// <summary>Whether the batch can be run again from here: interrupted or cancelled, with server paths stored.</summary>
    public static bool CanResume(IngestBatch batch) =>
        batch.Status is IngestBatchStatus.Interrupted or IngestBatchStatus.Cancelled && Read(batch.InputsJson) is not null;

    private sealed record Stored(string Name, string? Path, bool Confined);

    public static string Write(IReadOnlyList<IngestInput> inputs) =>
        System.Text.Json.JsonSerializer.Serialize(inputs.Select(i => new Stored(i.Name, i.Path, i.AllowedRoots is not null)), Json);

    /// <summary>The stored inputs, or null when some input had no path (an upload) or nothing was stored.</summary>
    public static IReadOnlyList<IngestInput>? Read(string? json)
    {
        var stored = json is null ? null : System.Text.Json.JsonSerializer.Deserialize<List<Stored>>(json, Json);
        if (stored is null || stored.Count == 0 || stored.Any(s => s.Path is null))
        {
            return null;
        }

        return stored.Select(s => new IngestInput(s.Name, s.Path)).ToList();
    }

    /// <summary>Whether the stored inputs were confined (server paths from the dashboard).</summary>
    public static bool Confined(string? json) =>
        json is not null && (System.Text.Json.JsonSerializer.Deserialize<List<Stored>>(json, Json)?.Any(s => s.Confined) ?? false);

    private static readonly System.Text.Json.JsonSerializerOptions Json = new(System.Text.Json.JsonSerializerDefaults.Web);
}
