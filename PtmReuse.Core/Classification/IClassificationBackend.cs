namespace PtmReuse.Core.Classification;

/// <summary>What a backend is asked: one stage for one paper, with the answers of the stages before it.</summary>
public sealed record StageRequest(Stage Stage, PaperDocument Paper, IReadOnlyDictionary<Stage, StageAnswer> EarlierAnswers);

/// <summary>
/// What a backend returned for one stage: an answer, or an error kind that is stored and shown (never dropped,
/// never counted as "no"). Error kinds: empty, unparseable, schema_invalid, truncated, out_of_set, refusal, http, timeout.
/// </summary>
public sealed record StageOutcome
{
    public StageAnswer? Answer { get; init; }
    public string? ErrorKind { get; init; }
    public string? ErrorMessage { get; init; }
    public string? RawResponse { get; init; }
    public string? Reasoning { get; init; }
    public string? SentText { get; init; }
    public double? Confidence { get; init; }
    public int PromptTokens { get; init; }
    public int CompletionTokens { get; init; }
    public TimeSpan Latency { get; init; }

    public static StageOutcome Failed(string kind, string message, string? raw = null) =>
        new() { ErrorKind = kind, ErrorMessage = message, RawResponse = raw };
}

/// <summary>
/// One classification backend (embedded rules, an OpenAI-compatible LLM, ...). Every stage goes through this single
/// method; stage-specific behaviour comes from the stage definitions, not from per-stage backend methods.
/// </summary>
public interface IClassificationBackend
{
    /// <summary>Configured backend name, e.g. "embedded" or "local-ollama".</summary>
    string Name { get; }

    /// <summary>Model identifier (for the embedded backend, its rules version).</summary>
    string Model { get; }

    /// <summary>Hash of the prompt/rules that answer this stage; part of the decision key, stored on every decision.</summary>
    string PromptHash(Stage stage);

    Task<StageOutcome> ClassifyAsync(StageRequest request, CancellationToken cancellationToken);
}
