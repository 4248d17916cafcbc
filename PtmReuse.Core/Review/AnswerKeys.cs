using PtmReuse.Core.Classification;
using PtmReuse.Core.Storage;

namespace PtmReuse.Core.Review;

/// <summary>
/// An answer reduced to what counts when two answers are compared: "yes"/"no" for flags; for model lists the distinct
/// lower-case canonical (or written) names, each with ":pattern" or ":step", sorted ordinally and joined by "|".
/// Evidence and wording do not count. <see cref="SqlExpression"/> computes the same key inside the database (SQLite or PostgreSQL).
/// </summary>
public static class AnswerKeys
{
    public static string? For(StageAnswer? answer) => answer switch
    {
        null => null,
        FlagAnswer flag => flag.Result ? "yes" : "no",
        IdentifyPtmsAnswer identify => Join(identify.Models.Select(m => Name(m.Model, m.Canonical))),
        PtmReuseAnswer reuse => Join(reuse.Items.Select(i => Name(i.Model, i.Canonical) + ":" + StageDefinitions.Pattern(i.Pattern).WireName)),
        PtmImpactAnswer impact => Join(impact.Items.Select(i => Name(i.Model, i.Canonical) + ":" + i.Step)),
        _ => null,
    };

    /// <summary>
    /// A key as text for people: models by their catalog spelling (the key holds lower-case names), each with its pattern
    /// or step, "; "-separated: "resnet-50:adaptation|u-net:deployment" → "ResNet-50: adaptation; U-Net: deployment".
    /// Flags stay "yes"/"no"; an empty list is "(none)".
    /// </summary>
    public static string Describe(Stage stage, string? key, Func<string, string?> canonicalize)
    {
        if (key is null)
        {
            return "unknown";
        }

        if (key.Length == 0)
        {
            return "(none)";
        }

        if (key is "yes" or "no")
        {
            return key;
        }

        return string.Join("; ", key.Split('|').Select(part =>
        {
            // Model names may hold a colon; the pattern or step after the last one never does.
            var colon = stage is Stage.PtmReuse or Stage.PtmImpact ? part.LastIndexOf(':') : -1;
            var name = colon < 0 ? part : part[..colon];
            var readable = canonicalize(name) ?? name;
            return colon < 0 ? readable : $"{readable}: {part[(colon + 1)..].Replace('_', ' ')}";
        }));
    }

    private static string Name(string model, string? canonical) => (canonical ?? model.Trim()).ToLowerInvariant();

    private static string Join(IEnumerable<string> parts) => string.Join('|', parts.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal));

    /// <summary>The key of a Decisions row in SQL (columns Stage, ValueJson, ErrorKind of the current row), in the given dialect.</summary>
    public static string SqlExpression(SqlDialect sql)
    {
        string Name(string element) =>
            $"lower(coalesce({sql.JsonText(element, "canonical")}, trim({sql.JsonText(element, "model")})))";
        string Keys(string list, string? suffix) => $"""
            coalesce((SELECT {sql.OrdinalStringAggregate("k", "|")} FROM (SELECT DISTINCT
                  {Name("value")}{(suffix is null ? "" : $" || ':' || {sql.JsonText("value", suffix)}")} AS k
                  FROM {sql.JsonArrayElements("\"ValueJson\"", list)}) keys), '')
            """;
        return $"""
            CASE
              WHEN "ErrorKind" IS NOT NULL OR "ValueJson" IS NULL THEN NULL
              WHEN "Stage" IN ('uses_dl', 'uses_ptms') THEN CASE WHEN {sql.JsonIsTrue("\"ValueJson\"", "result")} THEN 'yes' ELSE 'no' END
              WHEN "Stage" = 'identify_ptms' THEN {Keys("models", null)}
              WHEN "Stage" = 'ptm_reuse' THEN {Keys("items", "pattern")}
              WHEN "Stage" = 'ptm_impact' THEN {Keys("items", "step")}
            END
            """;
    }
}
