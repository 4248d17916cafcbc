namespace PtmReuse.Core.Classification.Runs;

public static class ClassificationBackendNames
{
    /// <summary>The built-in, offline backend; the default for runs.</summary>
    public const string Embedded = "embedded";
}
