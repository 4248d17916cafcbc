namespace PtmReuse.Core.Classification.Embedded;

/// <summary>What the embedded pre-filter says of a paper before a paid backend sees it.</summary>
/// <param name="RuledOut">True when the paper cannot use deep learning and is not sent.</param>
/// <param name="Reason">Why: the rule that ruled it out, or what kept it in.</param>
/// <param name="Evidence">The sentence that kept it in, if any.</param>
public sealed record PrefilterVerdict(bool RuledOut, string Reason, Evidence? Evidence)
{
    /// <summary>The rule stored with a pre-filtered uses_dl decision.</summary>
    public const string RuledOutRule = "X0 pre-filter: no deep-learning vocabulary and no model name anywhere in the text";

    /// <summary>The backend name pre-filtered decisions are stored under (never mixed with the paid backend's cache).</summary>
    public const string BackendName = "embedded-prefilter";
}
