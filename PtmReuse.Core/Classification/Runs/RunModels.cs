using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace PtmReuse.Core.Classification.Runs;

/// <summary>Which papers a run classifies. Filters combine (AND); <see cref="PaperIds"/> names an explicit sample.</summary>
public sealed record PaperSelection
{
    public string? Field { get; init; }
    public int? YearFrom { get; init; }
    public int? YearTo { get; init; }

    /// <summary>Only papers no other run has decided for the run's first stage.</summary>
    public bool UnclassifiedOnly { get; init; }

    /// <summary>An explicit list (e.g. a review sample); null means every paper that passes the filters.</summary>
    public IReadOnlyList<long>? PaperIds { get; init; }

    public static PaperSelection All { get; } = new();

    public string Describe()
    {
        var parts = new List<string>();
        if (PaperIds is not null)
        {
            parts.Add($"{PaperIds.Count} listed papers");
        }

        if (!string.IsNullOrEmpty(Field))
        {
            parts.Add($"field {Field}");
        }

        if (YearFrom is not null || YearTo is not null)
        {
            parts.Add($"years {YearFrom?.ToString() ?? "…"}–{YearTo?.ToString() ?? "…"}");
        }

        if (UnclassifiedOnly)
        {
            parts.Add("unclassified");
        }

        return parts.Count == 0 ? "all papers" : string.Join(", ", parts);
    }
}

/// <summary>What to run: one backend and model, the stages, the papers, how many at once.</summary>
/// <param name="Prefilter">Before a paid backend sees a paper, the embedded pre-filter may rule it out (no deep-learning
/// vocabulary, no model name): its uses_dl "no" is stored under <see cref="Embedded.PrefilterVerdict.BackendName"/> with
/// the reason, and nothing is sent.</param>
public sealed record RunRequest(string Backend, string? Model, IReadOnlyList<Stage> Stages, PaperSelection Selection, int Concurrency = 4, bool Cascade = true, bool Prefilter = false)
{
    public static IReadOnlyList<Stage> AllStages { get; } = Enum.GetValues<Stage>();
}

/// <summary>The settings stored with a run (no secrets); a resumed run reads them back.</summary>
public sealed record RunSettings(IReadOnlyList<Stage> Stages, PaperSelection Selection, int Concurrency, bool Cascade, IReadOnlyDictionary<Stage, string> PromptHashes, bool Prefilter = false)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull };

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    public static RunSettings FromJson(string json) =>
        JsonSerializer.Deserialize<RunSettings>(json, Json) ?? throw new InvalidOperationException("Run settings are empty.");
}

/// <summary>A progress report: counters, rate and estimated time left.</summary>
public sealed record RunProgress(
    long RunId,
    RunStatus Status,
    int Done,
    int Total,
    int Errors,
    long PromptTokens,
    long CompletionTokens,
    double Cost,
    double PapersPerSecond,
    TimeSpan? Eta);

/// <summary>Error decisions of a run by kind.</summary>
public sealed record RunFailureSummary(IReadOnlyDictionary<string, int> CountsByKind, IReadOnlyList<RunFailure> Failures);

public sealed record RunFailure(long DecisionId, long PaperId, string Title, string Stage, string Kind, string? Message, string? RawResponse);

/// <summary>Stage-by-stage agreement of two runs over the papers both decided.</summary>
public sealed record RunComparison(long RunA, long RunB, int PapersCompared, IReadOnlyList<StageAgreement> Stages, IReadOnlyList<Disagreement> Disagreements);

public sealed record StageAgreement(Stage Stage, int Compared, int Agreed);

/// <summary>One paper × stage where the runs differ; "unknown" marks an error decision (never read as "no").</summary>
public sealed record Disagreement(long PaperId, string Title, Stage Stage, string AnswerA, string AnswerB);

/// <summary>
/// The idempotency key of a decision: SHA-256 of paper content hash, stage, prompt hash and backend/model. A key
/// with a stored answer is never requested again. Error decisions carry <see cref="ForError"/> instead, so a
/// failure is kept and visible but never blocks a later successful answer under the real key.
/// </summary>
public static class DecisionKeys
{
    public static string For(string contentHash, Stage stage, string promptHash, string backend, string model) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{contentHash}\n{stage.WireName()}\n{promptHash}\n{backend}/{model}")));

    public static string ForError(string key, long runId) => $"{key}!error!{runId}";
}
