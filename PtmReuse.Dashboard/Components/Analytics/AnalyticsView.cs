using System.Globalization;
using Microsoft.AspNetCore.WebUtilities;
using PtmReuse.Core.Analytics;

namespace PtmReuse.Dashboard.Components.Analytics;

/// <summary>
/// What an analytics page shows, as kept in the URL query string: the shared filters and counting rules plus the
/// view options (measure, share, stacked, log scale, top N). Every address reproduces its view.
/// </summary>
public sealed record AnalyticsView(
    AnalyticsQuery Query,
    AdoptionMeasure Measure = AdoptionMeasure.UsesPtms,
    bool Share = false,
    bool Stacked = false,
    bool LogY = false,
    int Top = 10,
    long? CompareRunA = null,
    long? CompareRunB = null)
{
    public static AnalyticsView Default { get; } = new(AnalyticsQuery.Default);

    public static AnalyticsView Parse(string uri)
    {
        var queryStart = uri.IndexOf('?', StringComparison.Ordinal);
        var values = queryStart < 0 ? [] : QueryHelpers.ParseQuery(uri[queryStart..]);
        string? One(string key) => values.TryGetValue(key, out var value) && value.Count > 0 ? value[^1] : null;
        int Int(string key, int fallback) => int.TryParse(One(key), NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) ? v : fallback;
        long? Long(string key) => long.TryParse(One(key), NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) ? v : null;
        bool Flag(string key, bool fallback) => One(key) is { } text ? text is "1" or "true" : fallback;
        IReadOnlyList<string>? Many(string key) => values.TryGetValue(key, out var value) && value.Count > 0 ? value.Where(v => !string.IsNullOrEmpty(v)).Select(v => v!).ToList() : null;

        var defaults = AnalyticsFilter.Default;
        var filter = new AnalyticsFilter(
            Math.Clamp(Int("from", defaults.FromYear), 1900, 2100),
            Math.Clamp(Int("to", defaults.ToYear), 1900, 2100),
            Many("field"),
            Many("journal"),
            Flag("ns", defaults.NaturalScienceOnly),
            Flag("grounded", false),
            double.TryParse(One("minconf"), NumberStyles.Float, CultureInfo.InvariantCulture, out var confidence) ? Math.Clamp(confidence, 0, 1) : null,
            Long("run"));
        var rules = new CountingRules(
            One("unit") == "model" ? CountingUnit.PaperModel : CountingUnit.Paper,
            One("multi") switch { "whole" => MultiFieldRule.Whole, "fractional" => MultiFieldRule.Fractional, _ => MultiFieldRule.PrimaryOnly },
            One("basis") == "machine" ? LabelBasis.MachineOnly : LabelBasis.Effective);
        var measure = One("measure") switch { "ingested" => AdoptionMeasure.Ingested, "dl" => AdoptionMeasure.UsesDl, _ => AdoptionMeasure.UsesPtms };
        return new AnalyticsView(new AnalyticsQuery(filter with { ToYear = Math.Max(filter.FromYear, filter.ToYear) }, rules), measure,
            Flag("share", false), Flag("stacked", false), Flag("log", false), Math.Clamp(Int("top", 10), 1, 50), Long("runa"), Long("runb"));
    }

    /// <summary>The query-string values that differ from the defaults (so default views keep short addresses).</summary>
    public IReadOnlyDictionary<string, object?> ToQueryParameters()
    {
        var filter = Query.Filter;
        var rules = Query.Rules;
        var defaults = AnalyticsFilter.Default;
        return new Dictionary<string, object?>
        {
            ["from"] = filter.FromYear == defaults.FromYear ? null : filter.FromYear.ToString(CultureInfo.InvariantCulture),
            ["to"] = filter.ToYear == defaults.ToYear ? null : filter.ToYear.ToString(CultureInfo.InvariantCulture),
            ["field"] = filter.Fields is { Count: > 0 } fields ? fields.ToArray() : null,
            ["journal"] = filter.Journals is { Count: > 0 } journals ? journals.ToArray() : null,
            ["ns"] = filter.NaturalScienceOnly == defaults.NaturalScienceOnly ? null : (filter.NaturalScienceOnly ? "1" : "0"),
            ["grounded"] = filter.GroundedOnly ? "1" : null,
            ["minconf"] = filter.MinConfidence?.ToString(CultureInfo.InvariantCulture),
            ["run"] = filter.RunId?.ToString(CultureInfo.InvariantCulture),
            ["unit"] = rules.Unit == CountingUnit.PaperModel ? "model" : null,
            ["multi"] = rules.MultiField switch { MultiFieldRule.Whole => "whole", MultiFieldRule.Fractional => "fractional", _ => null },
            ["basis"] = rules.Basis == LabelBasis.MachineOnly ? "machine" : null,
            ["measure"] = Measure switch { AdoptionMeasure.Ingested => "ingested", AdoptionMeasure.UsesDl => "dl", _ => null },
            ["share"] = Share ? "1" : null,
            ["stacked"] = Stacked ? "1" : null,
            ["log"] = LogY ? "1" : null,
            ["top"] = Top == 10 ? null : Top.ToString(CultureInfo.InvariantCulture),
            ["runa"] = CompareRunA?.ToString(CultureInfo.InvariantCulture),
            ["runb"] = CompareRunB?.ToString(CultureInfo.InvariantCulture),
        };
    }

    public AnalyticsView WithFilter(Func<AnalyticsFilter, AnalyticsFilter> change) => this with { Query = Query with { Filter = change(Query.Filter) } };

    public AnalyticsView WithRules(Func<CountingRules, CountingRules> change) => this with { Query = Query with { Rules = change(Query.Rules) } };
}
