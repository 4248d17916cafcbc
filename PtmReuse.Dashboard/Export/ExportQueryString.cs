using System.Globalization;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Primitives;
using PtmReuse.Core.Analytics;
using PtmReuse.Core.Export.Figures;

namespace PtmReuse.Dashboard.Export;

/// <summary>
/// The export endpoints' query string, both ways: components build download links from an <see cref="AnalyticsQuery"/>
/// and a print size; endpoints read them back. Names match the CLI options (from_year, to_year, field, journal,
/// natural_science, grounded_only, min_confidence, run, basis, unit, multi_field, width_mm, height_mm, dpi, format, figure).
/// </summary>
public static class ExportQueryString
{
    public static string Build(string path, AnalyticsQuery query, FigureExportOptions? size = null, IEnumerable<FigureFormat>? formats = null, IEnumerable<string>? figureIds = null)
    {
        var pairs = new List<KeyValuePair<string, string?>>
        {
            new("from_year", Invariant(query.Filter.FromYear)),
            new("to_year", Invariant(query.Filter.ToYear)),
            new("natural_science", query.Filter.NaturalScienceOnly ? "true" : "false"),
            new("basis", query.Rules.Basis == LabelBasis.MachineOnly ? "machine" : "effective"),
            new("unit", query.Rules.Unit == CountingUnit.PaperModel ? "paper-model" : "paper"),
            new("multi_field", query.Rules.MultiField switch { MultiFieldRule.Whole => "whole", MultiFieldRule.Fractional => "fractional", _ => "primary" }),
        };
        pairs.AddRange((query.Filter.Fields ?? []).Select(f => new KeyValuePair<string, string?>("field", f)));
        pairs.AddRange((query.Filter.Journals ?? []).Select(j => new KeyValuePair<string, string?>("journal", j)));
        if (query.Filter.GroundedOnly)
        {
            pairs.Add(new("grounded_only", "true"));
        }

        if (query.Filter.MinConfidence is { } confidence)
        {
            pairs.Add(new("min_confidence", confidence.ToString("R", CultureInfo.InvariantCulture)));
        }

        if (query.Filter.RunId is { } run)
        {
            pairs.Add(new("run", Invariant(run)));
        }

        if (size is not null)
        {
            pairs.Add(new("width_mm", size.WidthMm.ToString("R", CultureInfo.InvariantCulture)));
            pairs.Add(new("dpi", Invariant(size.Dpi)));
            if (size.HeightMm is { } height)
            {
                pairs.Add(new("height_mm", height.ToString("R", CultureInfo.InvariantCulture)));
            }
        }

        if (formats is not null)
        {
            pairs.Add(new("format", string.Join(',', formats.Select(FigureExportOptions.Extension))));
        }

        pairs.AddRange((figureIds ?? []).Select(id => new KeyValuePair<string, string?>("figure", id)));
        return QueryHelpers.AddQueryString(path, pairs);
    }

    /// <summary>Reads the filters and counting rules; missing values take the defaults. Throws <see cref="ArgumentException"/> naming a bad value.</summary>
    public static AnalyticsQuery ReadQuery(IQueryCollection query)
    {
        var defaults = AnalyticsFilter.Default;
        var fromYear = (int?)Int(query, "from_year") ?? defaults.FromYear;
        var toYear = (int?)Int(query, "to_year") ?? defaults.ToYear;
        if (fromYear > toYear)
        {
            throw new ArgumentException($"from_year ({fromYear}) is after to_year ({toYear}).");
        }

        var minConfidence = Double(query, "min_confidence");
        if (minConfidence is < 0 or > 1)
        {
            throw new ArgumentException($"min_confidence must be between 0 and 1 (got {minConfidence}).");
        }

        var filter = new AnalyticsFilter(
            fromYear,
            toYear,
            List(query["field"]),
            List(query["journal"]),
            Bool(query, "natural_science") ?? defaults.NaturalScienceOnly,
            Bool(query, "grounded_only") ?? false,
            minConfidence,
            Int(query, "run"));
        var rules = new CountingRules(
            Choice(query, "unit", "paper", ("paper", CountingUnit.Paper), ("paper-model", CountingUnit.PaperModel)),
            Choice(query, "multi_field", "primary", ("primary", MultiFieldRule.PrimaryOnly), ("whole", MultiFieldRule.Whole), ("fractional", MultiFieldRule.Fractional)),
            Choice(query, "basis", "effective", ("effective", LabelBasis.Effective), ("machine", LabelBasis.MachineOnly)));
        return new AnalyticsQuery(filter, rules);
    }

    /// <summary>Print size: width_mm (a number, or single/double), height_mm, dpi; validated.</summary>
    public static FigureExportOptions ReadSize(IQueryCollection query)
    {
        var width = FigureExportOptions.ParseWidth(query["width_mm"].FirstOrDefault());
        return new FigureExportOptions(width, (int?)Int(query, "dpi") ?? FigureExportOptions.DefaultDpi, Double(query, "height_mm")).Validate();
    }

    public static IReadOnlyList<FigureFormat> ReadFormats(IQueryCollection query) =>
        FigureExportOptions.ParseFormats(query["format"].FirstOrDefault() is { Length: > 0 } formats ? formats : "svg,png,pdf");

    public static IReadOnlyList<string>? ReadFigureIds(IQueryCollection query) => List(query["figure"]);

    private static IReadOnlyList<string>? List(StringValues values)
    {
        var items = values.SelectMany(v => (v ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).ToList();
        return items.Count == 0 ? null : items;
    }

    private static long? Int(IQueryCollection query, string name) => query[name].FirstOrDefault() is { Length: > 0 } text
        ? long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) && value is >= int.MinValue and <= int.MaxValue
            ? value
            : throw new ArgumentException($"{name} must be a whole number (got '{text}').")
        : null;

    private static double? Double(IQueryCollection query, string name) => query[name].FirstOrDefault() is { Length: > 0 } text
        ? double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && double.IsFinite(value)
            ? value
            : throw new ArgumentException($"{name} must be a number (got '{text}').")
        : null;

    private static bool? Bool(IQueryCollection query, string name) => query[name].FirstOrDefault() is { Length: > 0 } text
        ? bool.TryParse(text, out var value) ? value : throw new ArgumentException($"{name} must be true or false (got '{text}').")
        : null;

    private static T Choice<T>(IQueryCollection query, string name, string fallback, params (string Name, T Value)[] choices)
    {
        var text = query[name].FirstOrDefault() is { Length: > 0 } given ? given : fallback;
        foreach (var (choiceName, value) in choices)
        {
            if (string.Equals(choiceName, text, StringComparison.OrdinalIgnoreCase))
            {
                return value;
            }
        }

        throw new ArgumentException($"{name} must be one of {string.Join(", ", choices.Select(c => c.Name))} (got '{text}').");
    }

    private static string Invariant(long value) => value.ToString(CultureInfo.InvariantCulture);
}
