namespace PtmReuse.Core.Review;

/// <summary>
/// A machine decision given to a reviewer. Blind assignments come in pairs (two reviewers, same decision): neither
/// sees the other's label until an admin adjudicates a conflict.
/// </summary>
public sealed class ReviewAssignment
{
    public long Id { get; set; }
    public long DecisionId { get; set; }
    public long PaperId { get; set; }
    public string Stage { get; set; } = "";
    public string Reviewer { get; set; } = "";
    public bool Blind { get; set; }
    public string AssignedBy { get; set; } = "";
    public DateTime AssignedAt { get; set; }
}

/// <summary>A reviewer's own settings, keyed by user name: for now the keyboard shortcut map (JSON action → key).</summary>
public sealed class ReviewerSettings
{
    public string UserName { get; set; } = "";
    public string ShortcutsJson { get; set; } = "{}";
    public DateTime UpdatedAt { get; set; }
}
