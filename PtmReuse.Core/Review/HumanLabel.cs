namespace PtmReuse.Core.Review;

/// <summary>What a reviewer did. Stored as text; new rows from older databases read as <see cref="Correct"/>.</summary>
public enum LabelAction
{
    /// <summary>A value set by the reviewer (a flipped flag, an edited PTM list, a changed pattern or step).</summary>
    Correct,

    /// <summary>The machine's answer confirmed as it is.</summary>
    Accept,

    /// <summary>A value settled by another label (uses_dl = no settles uses_ptms = no; a PTM renamed or removed below).</summary>
    Cascade,

    /// <summary>An admin's decision between conflicting reviewers.</summary>
    Adjudicate,

    /// <summary>A note only; carries no value.</summary>
    Note,

    /// <summary>Passed over without a value.</summary>
    Skip,

    /// <summary>Took back the reviewer's previous action (<see cref="HumanLabel.ParentLabelId"/> names it).</summary>
    Undo,
}

/// <summary>
/// A reviewer's action on one paper × stage. Kept apart from machine decisions: a human label never overwrites a
/// machine decision; the effective label is computed from both (<see cref="EffectiveLabels"/>). Rows are only ever
/// added or retired, never deleted, so they are the paper's full label history.
/// </summary>
public sealed class HumanLabel
{
    public long Id { get; set; }
    public long PaperId { get; set; }
    public string Stage { get; set; } = "";
    public long? DecisionId { get; set; }
    public string Reviewer { get; set; } = "";
    public DateTime CreatedAt { get; set; }

    /// <summary>The stage answer (StageJson); empty for actions without a value (note, skip, undo).</summary>
    public string ValueJson { get; set; } = "";

    /// <summary>What the reviewer saw before acting (their own label or the machine's answer).</summary>
    public string? PreviousValueJson { get; set; }

    public string? Note { get; set; }

    /// <summary>Retired labels (undone, or below a cascade correction) stay for history and can come back on undo.</summary>
    public bool Retired { get; set; }

    /// <summary>
    /// Position in the paper × stage's label sequence (1, 2, ...): a reviewer acts on the version they saw, and a label
    /// written meanwhile by someone they can see is reported as a conflict instead of being silently overridden.
    /// </summary>
    public int Version { get; set; }

    public LabelAction Action { get; set; }

    /// <summary>True for an admin's adjudication: it wins over every reviewer's label.</summary>
    public bool Adjudicated { get; set; }

    /// <summary>The blind assignment this label answers, if any.</summary>
    public long? AssignmentId { get; set; }

    /// <summary>For a cascade label, the correction that caused it; for an undo, the action it took back.</summary>
    public long? ParentLabelId { get; set; }

    /// <summary>The label (a correction or an undo) that retired this one; undoing that label restores this one.</summary>
    public long? RetiredByLabelId { get; set; }

    /// <summary>True when the action carries a value that can count as the paper × stage's label (see <see cref="CountingLabels"/>).</summary>
    public bool CarriesValue => CountingLabels.ValueActions.Contains(Action);
}
