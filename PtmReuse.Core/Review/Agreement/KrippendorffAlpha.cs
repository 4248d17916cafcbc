namespace PtmReuse.Core.Review.Agreement;

/// <summary>
/// Krippendorff's alpha for nominal data, any number of raters, missing values allowed, through the coincidence
/// matrix (Krippendorff 2011, "Computing Krippendorff's Alpha-Reliability"):
/// α = 1 − D_o/D_e = 1 − (n − 1) · Σ_{c≠k} o_ck / Σ_{c≠k} n_c·n_k, where a unit with m_u ≥ 2 values adds
/// (number of ordered c-k value pairs in it)/(m_u − 1) to o_ck, n_c are the coincidence-matrix marginals and n their sum.
/// </summary>
public static class KrippendorffAlpha
{
    /// <summary>
    /// Each unit lists the values its raters gave; a rater who did not label the unit is simply absent. Units with fewer
    /// than two values cannot be paired and are ignored. Null when fewer than two pairable values remain or every
    /// pairable value is the same category (D_e = 0: alpha is undefined, no variation to agree on).
    /// </summary>
    public static double? Nominal<TCategory>(IEnumerable<IReadOnlyCollection<TCategory>> units)
        where TCategory : notnull
    {
        ArgumentNullException.ThrowIfNull(units);
        var marginals = new Dictionary<TCategory, double>();
        var disagreeingCoincidences = 0.0;
        foreach (var unit in units)
        {
            var values = unit.Count;
            if (values < 2)
            {
                continue;
            }

            var countsInUnit = unit.GroupBy(value => value).Select(group => group.Count()).ToList();
            // Ordered pairs of different values: m(m − 1) pairs in all, minus those within one category.
            var differentPairs = (double)values * (values - 1) - countsInUnit.Sum(count => (double)count * (count - 1));
            disagreeingCoincidences += differentPairs / (values - 1);
            foreach (var value in unit)
            {
                marginals[value] = marginals.GetValueOrDefault(value) + 1;
            }
        }

        var total = marginals.Values.Sum();
        var expectedDisagreement = total * total - marginals.Values.Sum(count => count * count);
        if (total < 2 || expectedDisagreement <= 0)
        {
            return null;
        }

        return 1 - (total - 1) * disagreeingCoincidences / expectedDisagreement;
    }
}
