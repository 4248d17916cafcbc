using PtmReuse.Core.Review.Agreement;

namespace PtmReuse.Tests.Review.Agreement;

public sealed class SampleSizeCalculatorTests
{
    [Fact]
    public void ForProportion_InfinitePopulationPlusMinusFivePoints_Is385()
    {
        // Cochran (1977) eq. 4.2: n₀ = z²·p(1 − p)/d² = 1.95996²·0.25/0.05² = 384.15, rounded up to 385.
        Assert.Equal(385, SampleSizeCalculator.ForProportion(0.10));
    }

    [Theory]
    // Krejcie & Morgan (1970), "Determining sample size for research activities", Educ. Psychol. Meas. 30:607–610,
    // Table 1 (p = 0.5, d = 0.05, 95%): N = 100 → 80, 1000 → 278, 10000 → 370. Their formula
    // s = χ²NP(1 − P)/(d²(N − 1) + χ²P(1 − P)) is algebraically n₀/(1 + (n₀ − 1)/N).
    [InlineData(100, 80)]
    [InlineData(1000, 278)]
    [InlineData(10000, 370)]
    public void ForProportion_FinitePopulation_MatchesKrejcieMorganTable(long population, int expected) =>
        Assert.Equal(expected, SampleSizeCalculator.ForProportion(0.10, populationSize: population));

    [Fact]
    public void ForProportion_ExpectedTenPercentPlusMinusTwoAndAHalf_HandComputed()
    {
        // n₀ = 3.84146·0.1·0.9/0.025² = 0.345731/0.000625 = 553.17 → 554.
        Assert.Equal(554, SampleSizeCalculator.ForProportion(0.05, expectedProportion: 0.1));
    }

    [Fact]
    public void ForProportion_TinyPopulation_NeverMoreThanThePopulation() =>
        Assert.Equal(5, SampleSizeCalculator.ForProportion(0.01, populationSize: 5));

    [Theory]
    [InlineData(0.0)]
    [InlineData(1.0)]
    [InlineData(-0.1)]
    public void ForProportion_WidthOutsideZeroOne_Throws(double width) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => SampleSizeCalculator.ForProportion(width));

    [Fact]
    public void Allocate_ExactProportions_AreKept() =>
        // 10 items over 500/300/200: exactly 5/3/2.
        Assert.Equal([5, 3, 2], SampleSizeCalculator.Allocate([500, 300, 200], 10));

    [Fact]
    public void Allocate_SmallStrata_GetTheirMinimumAndTheRestGoesToTheLargest()
    {
        // 10 over 970/20/10: each gets 1 first; the 7 left go by the largest N_h/(n_h + 1): 970/2 ... 970/8 = 121 all
        // exceed 20/2 = 10, so the large stratum takes all seven: 8/1/1.
        Assert.Equal([8, 1, 1], SampleSizeCalculator.Allocate([970, 20, 10], 10));
    }

    [Fact]
    public void Allocate_MoreThanThePopulation_IsACensus() =>
        Assert.Equal([3, 2, 0], SampleSizeCalculator.Allocate([3, 2, 0], 50));

    [Fact]
    public void Allocate_FewerItemsThanStrata_ThrowsNamingTheMinimum()
    {
        var error = Assert.Throws<ArgumentException>(() => SampleSizeCalculator.Allocate([10, 10, 10], 2));
        Assert.Contains("at least 3", error.Message, StringComparison.Ordinal);
    }
}
