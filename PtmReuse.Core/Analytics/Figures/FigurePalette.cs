using PtmReuse.Core.Fields;

namespace PtmReuse.Core.Analytics.Figures;

/// <summary>
/// Colourblind-safe colours, fixed per key so a field, pattern or step has the same colour in every figure, on screen
/// and in exports. Patterns and steps use Okabe–Ito (Okabe &amp; Ito 2008); fields use Paul Tol's "muted" and "light"
/// schemes by OpenAlex field id, so the mapping never depends on which fields a chart happens to show.
/// </summary>
public static class FigurePalette
{
    private static readonly string[] OkabeIto = ["#E69F00", "#56B4E9", "#009E73", "#F0E442", "#0072B2", "#D55E00", "#CC79A7", "#000000"];

    private static readonly string[] FieldColours =
    [
        "#CC6677", "#332288", "#DDCC77", "#117733", "#88CCEE", "#882255", "#44AA99", "#999933", "#AA4499",
        "#77AADD", "#EE8866", "#EEDD88", "#FFAABB", "#99DDFF", "#44BB99", "#BBCC33", "#AAAA00",
    ];

    private static readonly Dictionary<string, string> Fixed = new(StringComparer.OrdinalIgnoreCase)
    {
        // Reuse patterns.
        ["conceptual"] = OkabeIto[4],
        ["adaptation"] = OkabeIto[5],
        ["deployment"] = OkabeIto[2],
        // Scientific-process steps.
        ["Observation"] = OkabeIto[1],
        ["Background"] = OkabeIto[6],
        ["Hypothesis"] = OkabeIto[3],
        ["Test"] = OkabeIto[5],
        ["Analysis"] = OkabeIto[4],
        ["Conclusion"] = OkabeIto[0],
        // Pipeline series.
        ["ingested"] = "#BBBBBB",
        ["uses_dl"] = OkabeIto[1],
        ["uses_ptms"] = OkabeIto[5],
        ["unknown"] = "#DDDDDD",
        ["all"] = OkabeIto[7],
    };

    /// <summary>The colour for a key: a pattern or step name, a pipeline series, an OpenAlex field id or name, else a stable fallback.</summary>
    public static string ColourFor(string key)
    {
        if (Fixed.TryGetValue(key, out var colour))
        {
            return colour;
        }

        if (int.TryParse(key, out var fieldId) || (OpenAlexTaxonomy.FindField(key) is { } field && (fieldId = field.Id) > 0))
        {
            return FieldColours[fieldId % FieldColours.Length];
        }

        // Stable across processes (string.GetHashCode is randomised per process).
        var hash = 0u;
        foreach (var c in key)
        {
            hash = (hash * 31) + c;
        }

        return FieldColours[hash % (uint)FieldColours.Length];
    }
}
