using PtmReuse.Core.Review.Agreement;

namespace PtmReuse.Tests.Review.Agreement;

public sealed class ProportionIntervalsTests
{
    [Theory]
    // Newcombe (1998), "Two-sided confidence intervals for the single proportion", Stat Med 17:857–872, Table II,
    // method 3 (score interval without continuity correction).
    [InlineData(81, 263, 0.2553, 0.3662)]
    [InlineData(15, 148, 0.0624, 0.1605)]
    [InlineData(0, 20, 0.0000, 0.1611)]
    [InlineData(1, 29, 0.0061, 0.1718)]
    public void Wilson_NewcombeExamples_MatchPublishedBounds(int successes, int trials, double lower, double upper)
    {
        var interval = ProportionIntervals.Wilson(successes, trials)!;

        Assert.Equal((double)successes / trials, interval.Estimate, 12);
        Assert.Equal(lower, interval.Lower, 4);
        Assert.Equal(upper, interval.Upper, 4);
        Assert.Equal(trials, interval.SampleSize);
    }

    [Fact]
    public void Wilson_NoneOfTen_HandComputedUpperBound()
    {
        // p = 0, n = 10, z² = 3.8415: centre = (z²/20)/(1 + z²/10) = 0.19207/1.38415 = 0.13877; half-width
        // = z·√(z²/400)/(1 + z²/10) = (z²/20)/1.38415, the same, so the bounds are 0 and 2·0.13877 = 0.2775.
        var interval = ProportionIntervals.Wilson(0, 10)!;

        Assert.Equal(0.0, interval.Lower);
        Assert.Equal(0.2775, interval.Upper, 4);
    }

    [Fact]
    public void Wilson_AllSuccesses_MirrorsNone()
    {
        var interval = ProportionIntervals.Wilson(10, 10)!;

        Assert.Equal(1.0, interval.Upper);
        Assert.Equal(1 - 0.2775, interval.Lower, 4);
    }

    [Fact]
    public void Wilson_NoTrials_IsNull() => Assert.Null(ProportionIntervals.Wilson(0, 0));

    [Fact]
    public void Wilson_MoreSuccessesThanTrials_Throws() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => ProportionIntervals.Wilson(5, 4));

    [Fact]
    public void Wilson_HigherConfidence_IsWider()
    {
        var at95 = ProportionIntervals.Wilson(81, 263)!;
        var at99 = ProportionIntervals.Wilson(81, 263, 0.99)!;

        Assert.True(at99.Lower < at95.Lower && at99.Upper > at95.Upper, $"99% {at99} should contain 95% {at95}");
        Assert.Equal(0.99, at99.Confidence);
    }

    [Theory]
    // Standard normal table: z_0.975 = 1.95996, z_0.995 = 2.57583, z_0.95 = 1.64485.
    [InlineData(0.95, 1.95996)]
    [InlineData(0.99, 2.57583)]
    [InlineData(0.90, 1.64485)]
    public void NormalQuantile_TwoSided_MatchesTable(double confidence, double z) =>
        Assert.Equal(z, ProportionIntervals.NormalQuantile(confidence), 5);

    [Theory]
    [InlineData(0.0)]
    [InlineData(1.0)]
    [InlineData(double.NaN)]
    public void NormalQuantile_LevelOutsideOpenUnitInterval_Throws(double confidence) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => ProportionIntervals.NormalQuantile(confidence));

    [Fact]
    public void Stratified_TwoStrata_MatchesHandCalculation()
    {
        // Strata of 800 and 200 papers; 10 of 40 and 15 of 20 sampled are positive. W = 0.8, 0.2; p_h = 0.25, 0.75.
        // p̂ = 0.8·0.25 + 0.2·0.75 = 0.35. Var = 0.64·0.1875/40 + 0.04·0.1875/20 = 0.003 + 0.000375 = 0.003375.
        // n_eff = 0.35·0.65/0.003375 = 67.407. Wilson at p = 0.35, n = 67.407, z = 1.95996: z²/n = 0.056989,
        // centre = (0.35 + 0.028494)/1.056989 = 0.35809, half-width = 1.95996·√(0.0033750 + 0.00021136)/1.056989
        // = 0.11104, so (0.2470, 0.4691).
        var interval = ProportionIntervals.Stratified([new StratumSample(800, 40, 10), new StratumSample(200, 20, 15)])!;

        Assert.Equal(0.35, interval.Estimate, 10);
        Assert.Equal(0.2275 / 0.003375, interval.SampleSize, 6);
        Assert.Equal(0.2470, interval.Lower, 4);
        Assert.Equal(0.4691, interval.Upper, 4);
    }

    [Fact]
    public void Stratified_WeightsByPopulationNotBySample()
    {
        // The same sample counts as above, but the strata are equally large: p̂ = (0.25 + 0.75)/2 = 0.5.
        var interval = ProportionIntervals.Stratified([new StratumSample(500, 40, 10), new StratumSample(500, 20, 15)])!;

        Assert.Equal(0.5, interval.Estimate, 10);
    }

    [Fact]
    public void Stratified_OneStratum_EqualsPlainWilson()
    {
        // With one stratum Var = p(1 − p)/n, so n_eff = n and the interval is Wilson's.
        var stratified = ProportionIntervals.Stratified([new StratumSample(10_000, 263, 81)])!;
        var plain = ProportionIntervals.Wilson(81, 263)!;

        Assert.Equal(plain.Lower, stratified.Lower, 10);
        Assert.Equal(plain.Upper, stratified.Upper, 10);
        Assert.Equal(263, stratified.SampleSize, 6);
    }

    [Fact]
    public void Stratified_NoVariance_FallsBackToSampleSize()
    {
        // Every sampled item positive: n_eff is the 30 items sampled, and the interval is Wilson's for 30 of 30.
        var interval = ProportionIntervals.Stratified([new StratumSample(100, 10, 10), new StratumSample(300, 20, 20)])!;
        var plain = ProportionIntervals.Wilson(30, 30)!;

        Assert.Equal(1.0, interval.Estimate);
        Assert.Equal(30, interval.SampleSize);
        Assert.Equal(plain.Lower, interval.Lower, 10);
    }

    [Fact]
    public void Stratified_NothingSampled_IsNull()
    {
        Assert.Null(ProportionIntervals.Stratified([]));
        Assert.Null(ProportionIntervals.Stratified([new StratumSample(0, 0, 0)]));
    }

    [Fact]
    public void Stratified_PopulatedStratumWithoutSample_Throws()
    {
        var error = Assert.Throws<ArgumentException>(() =>
            ProportionIntervals.Stratified([new StratumSample(100, 10, 3), new StratumSample(50, 0, 0)]));

        Assert.Contains("no sampled item", error.Message, StringComparison.Ordinal);
    }
}

public sealed class WeightedProportionTests
{
    [Fact]
    public void Weighted_EqualWeights_IsTheWilsonInterval()
    {
        // 81 positives among 263 items of weight 4: Newcombe (1998) Table II, 81/263 → (0.2553, 0.3662).
        var items = Enumerable.Range(0, 263).Select(i => (4.0, i < 81));

        var interval = ProportionIntervals.Weighted(items)!;

        Assert.Equal(0.2553, interval.Lower, 4);
        Assert.Equal(0.3662, interval.Upper, 4);
        Assert.Equal(263, interval.SampleSize, 9);
    }

    [Fact]
    public void Weighted_UnequalWeights_UsesKishEffectiveSize()
    {
        // Weights 3, 3 (positive) and 1, 1 (negative): p = 6/8 = 0.75, n_eff = 8²/(9 + 9 + 1 + 1) = 3.2.
        // Wilson at p = 0.75, n = 3.2, z² = 3.841459: z²/n = 1.200456; centre = (0.75 + 0.600228)/2.200456 = 0.613613;
        // half-width = 1.959964·√(0.1875/3.2 + 3.841459/40.96)/2.200456 = 1.959964·0.390358/2.200456 = 0.347694.
        var interval = ProportionIntervals.Weighted([(3.0, true), (3.0, true), (1.0, false), (1.0, false)])!;

        Assert.Equal(0.75, interval.Estimate, 12);
        Assert.Equal(3.2, interval.SampleSize, 12);
        Assert.Equal(0.26592, interval.Lower, 4);
        Assert.Equal(0.96131, interval.Upper, 4);
    }

    [Fact]
    public void Weighted_NoItems_IsNull() => Assert.Null(ProportionIntervals.Weighted([]));

    [Fact]
    public void Weighted_ZeroWeight_Throws() =>
        Assert.Throws<ArgumentException>(() => ProportionIntervals.Weighted([(0.0, true)]));
}
