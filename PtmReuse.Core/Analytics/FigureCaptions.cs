using System.Globalization;

namespace PtmReuse.Core.Analytics;

/// <summary>The sentence every figure and table ends its caption with: counting rules and filters, in words.</summary>
public static class FigureCaptions
{
    public static string Rules(AnalyticsQuery query, bool modelUnitApplies = true)
    {
        var rules = query.Rules;
        var filter = query.Filter;
        var parts = new List<string>
        {
            modelUnitApplies && rules.Unit == CountingUnit.PaperModel ? "Counted per paper × model" : "Counted per paper",
            rules.MultiField switch
            {
                MultiFieldRule.Whole => "a paper in several fields counts whole in each",
                MultiFieldRule.Fractional => "a paper in k fields counts 1/k in each",
                _ => "each paper counts in its primary field only",
            },
            filter.RunId is { } run ? $"labels: machine decisions of run {run} only"
                : rules.Basis == LabelBasis.MachineOnly ? "labels: machine decisions only"
                : "labels: effective (a reviewer's label wins over the machine's)",
            "failed or unknown decisions counted apart from \"no\"",
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

        return string.Join("; ", parts) + ".";
    }
}
