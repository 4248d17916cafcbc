using PtmReuse.Core.Classification;

namespace PtmReuse.Core.Review;

/// <summary>
/// An answer reduced to what counts when two answers are compared: "yes"/"no" for flags; for model lists the distinct
/// lower-case canonical (or written) names, each with ":pattern" or ":step", sorted ordinally and joined by "|".
/// Evidence and wording do not count. <see cref="SqlExpression"/> computes the same key inside SQLite.
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

    /// <summary>The key of a Decisions row in SQL (columns Stage, ValueJson, ErrorKind of the current row).</summary>
    public const string SqlExpression = """
        CASE
          WHEN "ErrorKind" IS NOT NULL OR "ValueJson" IS NULL THEN NULL
          WHEN "Stage" IN ('uses_dl', 'uses_ptms') THEN CASE WHEN json_extract("ValueJson", '$.result') THEN 'yes' ELSE 'no' END
          WHEN "Stage" = 'identify_ptms' THEN coalesce((SELECT group_concat(k, '|' ORDER BY k) FROM (SELECT DISTINCT
              lower(coalesce(json_extract(value, '$.canonical'), trim(json_extract(value, '$.model')))) AS k
              FROM json_each("ValueJson", '$.models'))), '')
          WHEN "Stage" = 'ptm_reuse' THEN coalesce((SELECT group_concat(k, '|' ORDER BY k) FROM (SELECT DISTINCT
              lower(coalesce(json_extract(value, '$.canonical'), trim(json_extract(value, '$.model')))) || ':' || json_extract(value, '$.pattern') AS k
              FROM json_each("ValueJson", '$.items'))), '')
          WHEN "Stage" = 'ptm_impact' THEN coalesce((SELECT group_concat(k, '|' ORDER BY k) FROM (SELECT DISTINCT
              lower(coalesce(json_extract(value, '$.canonical'), trim(json_extract(value, '$.model')))) || ':' || json_extract(value, '$.step') AS k
              FROM json_each("ValueJson", '$.items'))), '')
        END
        """;
}
