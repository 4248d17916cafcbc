namespace PtmReuse.Core.Review;

/// <summary>
/// A reviewer's label for one paper × stage. Kept apart from machine decisions: a human label never
/// overwrites a machine decision; the effective label is computed from both.
/// </summary>
public sealed class HumanLabel
{
    public long Id { get; set; }
    public long PaperId { get; set; }
    public string Stage { get; set; } = "";
    public long? DecisionId { get; set; }
    public string Reviewer { get; set; } = "";
    public DateTime CreatedAt { get; set; }
    public string ValueJson { get; set; } = "";
    public string? PreviousValueJson { get; set; }
    public string? Note { get; set; }
    /// <summary>Retired labels (e.g. below a cascade correction) stay for history and can come back on undo.</summary>
    public bool Retired { get; set; }
    /// <summary>App-managed optimistic concurrency token (SQLite has no rowversion).</summary>
    public int Version { get; set; }
}
