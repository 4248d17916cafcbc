using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using PtmReuse.Core.Analytics;

namespace PtmReuse.Core.Export;

/// <summary>JSON and plain-English forms of an export's query, shared by the figure set, the bundle and the methods text.</summary>
public static class ExportJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        WriteIndented = true,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower) },
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static async Task WriteAsync<T>(ExportTarget target, string path, T value, CancellationToken cancellationToken)
    {
        await using var stream = target.Create(path);
        await JsonSerializer.SerializeAsync(stream, value, Options, cancellationToken);
    }

    /// <summary>The filters in words, e.g. "years 2000–2025; natural-science fields only; fields: Physics and Astronomy".</summary>
    public static string DescribeFilter(AnalyticsFilter filter)
    {
        var parts = new List<string>
        {
            string.Create(CultureInfo.InvariantCulture, $"publication years {filter.FromYear}–{filter.ToYear}"),
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
            parts.Add("only decisions whose evidence quote was found in the paper");
        }

        if (filter.MinConfidence is { } confidence)
        {
            parts.Add(string.Create(CultureInfo.InvariantCulture, $"machine confidence at least {confidence:0.##}"));
        }

        if (filter.RunId is { } run)
        {
            parts.Add(string.Create(CultureInfo.InvariantCulture, $"machine decisions of run {run} only"));
        }

        return string.Join("; ", parts);
    }

    /// <summary>The counting rules in words, as every figure states them.</summary>
    public static string DescribeRules(CountingRules rules)
    {
        var unit = rules.Unit == CountingUnit.Paper ? "one count per paper" : "one count per paper × model pair";
        var multiField = rules.MultiField switch
        {
            MultiFieldRule.Whole => "a paper in k fields counts whole in each",
            MultiFieldRule.Fractional => "a paper in k fields counts 1/k in each",
            _ => "a paper counts in its primary field only",
        };
        var basis = rules.Basis == LabelBasis.Effective
            ? "effective labels (a reviewer's label replaces the machine decision)"
            : "machine decisions only (reviewers' labels ignored)";
        var unknown = rules.UnknownApart ? "unknown or failed decisions are shown apart, never counted as no" : "unknown or failed decisions are left out";
        return $"{unit}; {multiField}; {basis}; {unknown}";
    }
}
