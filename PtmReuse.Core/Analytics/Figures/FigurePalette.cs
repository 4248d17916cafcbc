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

    /// <summary>
    /// Fields drawn as their own series in one figure; the rest are summed as "Other fields". Eight is what a reader tells
    /// apart in print (Paul Tol's muted scheme has nine colour-blind-safe colours; grey is kept for "other").
    /// </summary>
    public const int MaxFieldSeries = 8;

    /// <summary>Colour key of the "Other fields" series.</summary>
    public const string OtherKey = "other";

    private const string FieldSlotPrefix = "field-slot:";

    /// <summary>Paul Tol's "muted" scheme without its grey: eight colours that stay distinct for colour-blind readers.</summary>
    private static readonly string[] FieldSlots = ["#CC6677", "#332288", "#DDCC77", "#117733", "#88CCEE", "#882255", "#44AA99", "#AA4499"];

    /// <summary>
    /// Colour keys for the series one figure draws (fields, or models), all distinct: each takes its usual slot (a field by
    /// its OpenAlex id, anything else by a stable hash of its name, so it keeps its colour across figures) unless a series
    /// listed before it took that slot, then the next free one.
    /// </summary>
    public static IReadOnlyList<string> DistinctColourKeys(IReadOnlyList<string> fields)
    {
        if (fields.Count > FieldSlots.Length)
        {
            throw new ArgumentException($"At most {FieldSlots.Length} fields get their own colour; group the rest as \"other\".", nameof(fields));
        }

        var taken = new bool[FieldSlots.Length];
        var keys = new List<string>(fields.Count);
        foreach (var field in fields)
        {
            var preferred = OpenAlexTaxonomy.FindField(field) is { } known ? known.Id % FieldSlots.Length : (int)(StableHash(field) % (uint)FieldSlots.Length);
            var slot = Enumerable.Range(0, FieldSlots.Length).Select(i => (preferred + i) % FieldSlots.Length).First(i => !taken[i]);
            taken[slot] = true;
            keys.Add(FieldSlotPrefix + slot.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        return keys;
    }

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
        [OtherKey] = "#BBBBBB",
        ["all"] = OkabeIto[7],
    };

    /// <summary>The colour for a key: a pattern or step name, a pipeline series, an OpenAlex field id or name, else a stable fallback.</summary>
    public static string ColourFor(string key)
    {
        if (Fixed.TryGetValue(key, out var colour))
        {
            return colour;
        }

        if (key.StartsWith(FieldSlotPrefix, StringComparison.Ordinal)
            && int.TryParse(key.AsSpan(FieldSlotPrefix.Length), System.Globalization.CultureInfo.InvariantCulture, out var slot) && slot >= 0 && slot < FieldSlots.Length)
        {
            return FieldSlots[slot];
        }

        if (int.TryParse(key, out var fieldId) || (OpenAlexTaxonomy.FindField(key) is { } field && (fieldId = field.Id) > 0))
        {
            return FieldColours[fieldId % FieldColours.Length];
        }

        return FieldColours[StableHash(key) % (uint)FieldColours.Length];
    }

    /// <summary>Stable across processes (string.GetHashCode is randomised per process).</summary>
    private static uint StableHash(string key)
    {
        var hash = 0u;
        foreach (var c in key)
        {
            hash = (hash * 31) + c;
        }

        return hash;
    }
}
