using System.Globalization;

namespace PtmReuse.Core.Analytics;

/// <summary>The sentence every figure and table ends its caption with: counting rules and filters, in words.</summary>
public static class FigureCaptions
{
    /// <summary>The caption sentence: counting rules, then filters.</summary>
    public static string Rules(AnalyticsQuery query, bool modelUnitApplies = true) =>
        string.Join("; ", RuleParts(query.Rules, query.Filter.RunId, modelUnitApplies).Concat(FilterParts(query.Filter))) + ".";

    /// <summary>The counting rules in words (the bundle's methods paragraph and figures.json).</summary>
    public static string DescribeRules(CountingRules rules) => string.Join("; ", RuleParts(rules, runId: null, modelUnitApplies: true));

    /// <summary>The filters in words, e.g. "years 2000–2025 (papers without a year left out); natural-science fields only".</summary>
    public static string DescribeFilter(AnalyticsFilter filter)
    {
        var parts = FilterParts(filter);
        if (filter.RunId is { } run)
        {
            parts.Add(string.Create(CultureInfo.InvariantCulture, $"machine decisions of run {run} only"));
        }

        return string.Join("; ", parts);
    }

    private static List<string> RuleParts(CountingRules rules, long? runId, bool modelUnitApplies) =>
    [
        modelUnitApplies && rules.Unit == CountingUnit.PaperModel ? "Counted per paper × model" : "Counted per paper",
        rules.MultiField switch
        {
            MultiFieldRule.Whole => "a paper in k fields counts whole in each",
            MultiFieldRule.Fractional => "a paper in k fields counts 1/k in each",
            _ => "a paper counts in its primary field only",
        },
        runId is { } run ? string.Create(CultureInfo.InvariantCulture, $"labels: machine decisions of run {run} only")
            : rules.Basis == LabelBasis.MachineOnly ? "labels: machine decisions only (reviewers' labels ignored)"
            : "labels: effective (a reviewer's label wins over the machine's)",
        "failed or unknown decisions counted apart from \"no\"",
    ];

    private static List<string> FilterParts(AnalyticsFilter filter)
    {
        var parts = new List<string>
        {
            string.Create(CultureInfo.InvariantCulture, $"years {filter.FromYear}–{filter.ToYear} (papers without a year left out)"),
            filter.NaturalScienceOnly ? "natural-science fields only" : "all fields",
        };
        if (filter.Fields is { Count: > 0 } fields)
        {
            parts.Add("fields: " + string.Join(", ", fields));
        }

        if (filter.Journals is { Count: > 0 } journals)
        {
            parts.Add("journals: " + string.Join(", ", journals));
        }

        if (filter.GroundedOnly)
        {
            parts.Add("only papers whose evidence was found in the text");
        }

        if (filter.MinConfidence is { } confidence)
        {
            parts.Add(string.Create(CultureInfo.InvariantCulture, $"machine confidence ≥ {confidence:0.##} (labels without a confidence kept)"));
        }

        return parts;
    }
}
