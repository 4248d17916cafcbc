using PtmReuse.Core.Classification;

namespace PtmReuse.Core.Review.Agreement;

/// <summary>
/// How two answers for the same paper and stage are compared item by item. An answer is split into units, each with a
/// category:
/// <list type="bullet">
/// <item>uses_dl, uses_ptms: one unit per paper, category yes/no.</item>
/// <item>identify_ptms: one unit per model named by either side (keyed by its catalog canonical name, case-insensitive),
/// category "named" or "not named". The confusion matrix then has no true negatives (a model neither side named is not
/// a unit), so precision, recall and F1 of "named" are the set-match scores over models and kappa is not reported.</item>
/// <item>ptm_reuse, ptm_impact: one unit per model both sides name, category its pattern (or step). A model only one side
/// names is counted apart (<see cref="UnitPair.Reference"/> or <see cref="UnitPair.Compared"/> null) and is left to the
/// identification stage; when a side lists one model twice, its first item counts.</item>
/// </list>
/// </summary>
public static class StageComparison
{
    public const string Yes = "yes";
    public const string No = "no";
    public const string Named = "named";
    public const string NotNamed = "not named";

    /// <summary>The categories of a stage's units in display order.</summary>
    public static IReadOnlyList<string> Categories(Stage stage) => stage switch
    {
        Stage.UsesDl or Stage.UsesPtms => [Yes, No],
        Stage.IdentifyPtms => [Named, NotNamed],
        Stage.PtmReuse => Enum.GetValues<ReusePattern>().Select(WireName).ToList(),
        _ => Enum.GetValues<ScienceStep>().Select(WireName).ToList(),
    };

    /// <summary>The class precision, recall and F1 are reported for; null for the multi-class stages (per-category scores instead).</summary>
    public static string? PositiveCategory(Stage stage) => stage switch
    {
        Stage.UsesDl or Stage.UsesPtms => Yes,
        Stage.IdentifyPtms => Named,
        _ => null,
    };

    /// <summary>True when Cohen's kappa is meaningful for the stage (every stage but identification, which has no true negatives).</summary>
    public static bool HasKappa(Stage stage) => stage != Stage.IdentifyPtms;

    /// <summary>An answer's units: key → category. <paramref name="canonicalize"/> maps a model as written to its canonical name.</summary>
    public static IReadOnlyDictionary<string, string> Units(StageAnswer answer, Func<string, string?> canonicalize)
    {
        ArgumentNullException.ThrowIfNull(answer);
        ArgumentNullException.ThrowIfNull(canonicalize);
        var units = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        switch (answer)
        {
            case FlagAnswer flag:
                units[""] = flag.Result ? Yes : No;
                break;
            case IdentifyPtmsAnswer identify:
                foreach (var mention in identify.Models)
                {
                    units.TryAdd(ModelKey(mention.Model, mention.Canonical, canonicalize), Named);
                }

                break;
            case PtmReuseAnswer reuse:
                foreach (var item in reuse.Items)
                {
                    units.TryAdd(ModelKey(item.Model, item.Canonical, canonicalize), WireName(item.Pattern));
                }

                break;
            case PtmImpactAnswer impact:
                foreach (var item in impact.Items)
                {
                    units.TryAdd(ModelKey(item.Model, item.Canonical, canonicalize), WireName(item.Step));
                }

                break;
        }

        return units;
    }

    /// <summary>
    /// Pairs the units of a reference answer and a compared one (see the type's remarks for each stage). Pairs with both
    /// categories go into a confusion matrix; pairs with one side null are models only one side named.
    /// </summary>
    public static IReadOnlyList<UnitPair> Pair(Stage stage, StageAnswer reference, StageAnswer compared, Func<string, string?> canonicalize)
    {
        var left = Units(reference, canonicalize);
        var right = Units(compared, canonicalize);
        var absent = stage == Stage.IdentifyPtms ? NotNamed : null;
        return left.Keys.Union(right.Keys, StringComparer.OrdinalIgnoreCase)
            .Order(StringComparer.OrdinalIgnoreCase)
            .Select(key => new UnitPair(key, left.GetValueOrDefault(key) ?? absent, right.GetValueOrDefault(key) ?? absent))
            .ToList();
    }

    /// <summary>True when two answers agree on every unit (same flag; same models; same pattern or step for the same models).</summary>
    public static bool Agree(Stage stage, StageAnswer reference, StageAnswer compared, Func<string, string?> canonicalize) =>
        Pair(stage, reference, compared, canonicalize).All(p => p.Reference == p.Compared);

    /// <summary>A short human-readable summary of an answer, e.g. "yes", "ResNet-50, BERT", "BERT: adaptation".</summary>
    public static string Summary(StageAnswer? answer, Func<string, string?> canonicalize)
    {
        if (answer is null)
        {
            return "—";
        }

        var units = Units(answer, canonicalize);
        return answer switch
        {
            FlagAnswer flag => flag.Result ? Yes : No,
            IdentifyPtmsAnswer => units.Count == 0 ? "no models" : string.Join(", ", units.Keys),
            _ => units.Count == 0 ? "no models" : string.Join("; ", units.Select(u => $"{u.Key}: {u.Value}")),
        };
    }

    private static string ModelKey(string model, string? canonical, Func<string, string?> canonicalize) =>
        (canonicalize(model) ?? canonical ?? model).Trim();

    private static string WireName<TEnum>(TEnum value)
        where TEnum : struct, Enum =>
        System.Text.Json.JsonSerializer.Serialize(value, StageJson.Options).Trim('"');
}

/// <summary>One unit of a comparison: its key (a model, or "" for a flag stage) and each side's category (null = not named).</summary>
public sealed record UnitPair(string Key, string? Reference, string? Compared);
