namespace PtmReuse.Core.Classification.Llm;

/// <summary>The error kinds a stage outcome can carry (stored in MachineDecision.ErrorKind).</summary>
public static class StageErrorKinds
{
    public const string Empty = "empty";
    public const string Unparseable = "unparseable";
    public const string SchemaInvalid = "schema_invalid";
    public const string Truncated = "truncated";
    public const string OutOfSet = "out_of_set";
    public const string Refusal = "refusal";
    public const string Http = "http";
    public const string Timeout = "timeout";

    /// <summary>The backend threw instead of answering (a bug or an unexpected input); the run goes on.</summary>
    public const string BackendError = "backend_error";

    public static IReadOnlyList<string> All { get; } = [Empty, Unparseable, SchemaInvalid, Truncated, OutOfSet, Refusal, Http, Timeout, BackendError];
}
