namespace PtmReuse.Core.Analytics;

/// <summary>Which labels the figures count: the effective label (human wins) or the machine's alone.</summary>
public enum LabelBasis
{
    Effective,
    MachineOnly,
}

/// <summary>What one counted item is.</summary>
public enum CountingUnit
{
    Paper,
    PaperModel,
}

/// <summary>How a paper that belongs to k fields is counted in each.</summary>
public enum MultiFieldRule
{
    /// <summary>Counted whole (1) in each of its fields.</summary>
    Whole,
    /// <summary>Counted 1/k in each of its k fields.</summary>
    Fractional,
    /// <summary>Counted only in its primary field.</summary>
    PrimaryOnly,
}

/// <summary>
/// The counting rules every figure states in its caption. Failed or unknown decisions are always counted apart from
/// "no" (their own series or funnel step), never folded into it nor silently dropped, so there is no rule to choose.
/// </summary>
public sealed record CountingRules(
    CountingUnit Unit = CountingUnit.Paper,
    MultiFieldRule MultiField = MultiFieldRule.PrimaryOnly,
    LabelBasis Basis = LabelBasis.Effective)
{
    public static CountingRules Default { get; } = new();
}

/// <summary>Filters shared by every chart and export.</summary>
public sealed record AnalyticsFilter(
    int FromYear = 2000,
    int ToYear = 2025,
    IReadOnlyList<string>? Fields = null,
    IReadOnlyList<string>? Journals = null,
    bool NaturalScienceOnly = true,
    bool GroundedOnly = false,
    double? MinConfidence = null,
    long? RunId = null)
{
    public static AnalyticsFilter Default { get; } = new();
}

/// <summary>One request for figures or tables: filters plus counting rules.</summary>
public sealed record AnalyticsQuery(AnalyticsFilter Filter, CountingRules Rules)
{
    public static AnalyticsQuery Default { get; } = new(AnalyticsFilter.Default, CountingRules.Default);
}
