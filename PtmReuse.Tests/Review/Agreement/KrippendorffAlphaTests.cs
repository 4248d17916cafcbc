using PtmReuse.Core.Review.Agreement;

namespace PtmReuse.Tests.Review.Agreement;

public sealed class KrippendorffAlphaTests
{
    /// <summary>Turns a raters × units table (null = missing) into the values of each unit.</summary>
    private static List<IReadOnlyCollection<int>> Units(params int?[][] raters) =>
        Enumerable.Range(0, raters[0].Length)
            .Select(unit => (IReadOnlyCollection<int>)raters.Select(rater => rater[unit]).OfType<int>().ToList())
            .ToList();

    [Fact]
    public void Nominal_KrippendorffWorkedExample_IsPoint743()
    {
        // Krippendorff (2011), "Computing Krippendorff's Alpha-Reliability", section C: 4 observers, 12 units, missing
        // values; nominal α = 0.743. By hand: unit 12 has one value and is dropped. Coincidence marginals over the
        // remaining 40 values: n_1 = 9, n_2 = 13, n_3 = 10, n_4 = 5, n_5 = 3, so Σ_{c≠k} n_c·n_k = 40² − (81 + 169 + 100
        // + 25 + 9) = 1216. Disagreeing coincidences: unit 2 {2,2,3,2}: 6 ordered pairs/3 = 2; unit 6 {1,2,3,4}: 12/3 = 4;
        // unit 8 {1,1,2,1}: 6/3 = 2; total 8. α = 1 − 39·8/1216 = 1 − 312/1216 = 0.74342.
        var units = Units(
            [1, 2, 3, 3, 2, 1, 4, 1, 2, null, null, null],
            [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, null, 3],
            [null, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, null],
            [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, null]);

        Assert.Equal(1 - 312.0 / 1216, KrippendorffAlpha.Nominal(units)!.Value, 10);
        Assert.Equal(0.743, KrippendorffAlpha.Nominal(units)!.Value, 3);
    }

    [Fact]
    public void Nominal_TwoRatersTwoCategories_MatchesHandCoincidences()
    {
        // Units {a,a}, {a,b}, {b,b}, {b,b}: values n_a = 3, n_b = 5, n = 8; Σ_{c≠k} n_c·n_k = 2·3·5 = 30.
        // Only unit 2 disagrees: 2 ordered pairs/(2 − 1) = 2. α = 1 − 7·2/30 = 0.5333.
        List<IReadOnlyCollection<string>> units = [["a", "a"], ["a", "b"], ["b", "b"], ["b", "b"]];

        Assert.Equal(1 - 14.0 / 30, KrippendorffAlpha.Nominal(units)!.Value, 10);
    }

    [Fact]
    public void Nominal_UnitsWithOneValue_AreIgnored()
    {
        List<IReadOnlyCollection<string>> units = [["a", "a"], ["a", "b"], ["b", "b"], ["b", "b"]];
        List<IReadOnlyCollection<string>> withLoneValues = [.. units, ["a"], ["b"], []];

        Assert.Equal(KrippendorffAlpha.Nominal(units)!.Value, KrippendorffAlpha.Nominal(withLoneValues)!.Value, 12);
    }

    [Fact]
    public void Nominal_PerfectAgreement_IsOne()
    {
        List<IReadOnlyCollection<string>> units = [["yes", "yes", "yes"], ["no", "no"], ["yes", "yes"]];

        Assert.Equal(1.0, KrippendorffAlpha.Nominal(units)!.Value, 12);
    }

    [Fact]
    public void Nominal_EmptyOrSingleCategory_IsUndefined()
    {
        Assert.Null(KrippendorffAlpha.Nominal(new List<IReadOnlyCollection<string>>()));
        Assert.Null(KrippendorffAlpha.Nominal(new List<IReadOnlyCollection<string>> { new[] { "yes" } }));
        // No variation at all: expected disagreement is 0, alpha is 0/0.
        Assert.Null(KrippendorffAlpha.Nominal(new List<IReadOnlyCollection<string>> { new[] { "no", "no" }, new[] { "no", "no", "no" } }));
    }
}
