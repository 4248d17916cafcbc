namespace PtmReuse.Core.Classification;

/// <summary>A classification run: one backend and model over a selection of papers.</summary>
public sealed class ClassificationRun
{
    public long Id { get; set; }
    public string Backend { get; set; } = "embedded";
    public string Model { get; set; } = "";
    public string PromptVersion { get; set; } = "";
    /// <summary>Settings as JSON (stages, selection, concurrency, budget). Never contains secrets.</summary>
    public string SettingsJson { get; set; } = "{}";
    public string Selection { get; set; } = "";
    public DateTime StartedAt { get; set; }
    public DateTime? FinishedAt { get; set; }
    public RunStatus Status { get; set; }
    public int PapersTotal { get; set; }
    public int PapersDone { get; set; }
    public int Errors { get; set; }
    public long PromptTokens { get; set; }
    public long CompletionTokens { get; set; }
    public double Cost { get; set; }
}

public enum RunStatus
{
    Pending,
    Running,
    Completed,
    CompletedWithErrors,
    Cancelled,
    Failed,

    /// <summary>Its process ended while it ran (killed, crashed); found at the next start-up. It can be resumed.</summary>
    Interrupted,
}

/// <summary>
/// What a backend answered for one paper × stage × run. Never modified by reviewers: human labels live apart.
/// <see cref="DecisionKey"/> (paper content hash, stage, prompt hash, backend+model) makes a request idempotent.
/// </summary>
public sealed class MachineDecision
{
    public long Id { get; set; }
    public long RunId { get; set; }
    public long PaperId { get; set; }
    public string Stage { get; set; } = "";
    public string DecisionKey { get; set; } = "";
    public string PromptHash { get; set; } = "";
    public string Backend { get; set; } = "";
    public string Model { get; set; } = "";

    /// <summary>The stage's typed answer as JSON; null when the request failed.</summary>
    public string? ValueJson { get; set; }

    public string? Evidence { get; set; }
    public int? EvidenceStart { get; set; }
    public int? EvidenceLength { get; set; }
    public bool? EvidenceGrounded { get; set; }

    public string? RawResponse { get; set; }
    public string? Reasoning { get; set; }
    /// <summary>Exactly what was sent to the backend (section headings and character budget), for audit.</summary>
    public string? SentText { get; set; }
    public int LatencyMs { get; set; }
    public int PromptTokens { get; set; }
    public int CompletionTokens { get; set; }
    public double? Confidence { get; set; }

    /// <summary>Error kind (empty, unparseable, schema_invalid, truncated, out_of_set, refusal, http, timeout) or null.</summary>
    public string? ErrorKind { get; set; }
    public string? ErrorMessage { get; set; }
    public DateTime CreatedAt { get; set; }

    /// <summary>
    /// The answer reduced to what counts when two answers are compared ("yes", or sorted "model:pattern" items), so
    /// disagreement between runs is one SQL comparison. Derived, set by <see cref="Review.DecisionUncertainty"/>.
    /// </summary>
    public string? ValueKey { get; set; }

    /// <summary>
    /// How much a reviewer should look at this decision first (disagreement, ungrounded evidence, failure, hedged
    /// language, low confidence); null until <see cref="Review.DecisionUncertainty"/> has scored it. Indexed for the queue.
    /// </summary>
    public double? UncertaintyScore { get; set; }
}
