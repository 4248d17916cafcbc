using PtmReuse.Core.Review.Agreement;

namespace PtmReuse.Tests.Review.Agreement;

public sealed class RoganGladenTests
{
    [Fact]
    public void CorrectedPrevalence_HandCalculation()
    {
        // Rogan and Gladen (1978): (0.30 + 0.95 − 1)/(0.90 + 0.95 − 1) = 0.25/0.85 = 0.294118.
        Assert.Equal(0.25 / 0.85, RoganGladen.CorrectedPrevalence(0.30, sensitivity: 0.90, specificity: 0.95)!.Value, 10);
    }

    [Fact]
    public void CorrectedPrevalence_PerfectClassifier_IsUnchanged() =>
        Assert.Equal(0.42, RoganGladen.CorrectedPrevalence(0.42, 1, 1)!.Value, 12);

    [Fact]
    public void CorrectedPrevalence_BelowFalsePositiveRate_ClampsToZero()
    {
        // (0.02 + 0.95 − 1)/0.85 = −0.035: fewer positives than false positives alone would give.
        Assert.Equal(0.0, RoganGladen.CorrectedPrevalence(0.02, 0.90, 0.95));
        // (0.99 + 0.95 − 1)/0.85 = 1.106.
        Assert.Equal(1.0, RoganGladen.CorrectedPrevalence(0.99, 0.90, 0.95));
    }

    [Theory]
    [InlineData(0.5, 0.5)]
    [InlineData(0.3, 0.6)]
    [InlineData(0.0, 0.0)]
    public void CorrectedPrevalence_NoBetterThanChance_IsNotIdentifiable(double sensitivity, double specificity) =>
        Assert.Null(RoganGladen.CorrectedPrevalence(0.4, sensitivity, specificity));

    [Fact]
    public void CorrectedPrevalence_ProbabilityOutOfRange_Throws() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => RoganGladen.CorrectedPrevalence(0.4, 1.2, 0.9));

    [Fact]
    public void Correct_Interval_MapsEachBound()
    {
        // Bounds 0.25 and 0.35 map to 0.20/0.85 = 0.235294 and 0.30/0.85 = 0.352941.
        var observed = new ProportionInterval(0.30, 0.25, 0.35, 0.95, 200);

        var corrected = RoganGladen.Correct(observed, 0.90, 0.95)!;

        Assert.Equal(0.25 / 0.85, corrected.Estimate, 10);
        Assert.Equal(0.20 / 0.85, corrected.Lower, 10);
        Assert.Equal(0.30 / 0.85, corrected.Upper, 10);
        Assert.Equal(200, corrected.SampleSize);
    }

    [Fact]
    public void Correct_UselessClassifier_IsNull() =>
        Assert.Null(RoganGladen.Correct(new ProportionInterval(0.3, 0.2, 0.4, 0.95, 50), 0.5, 0.5));
}

public sealed class RoganGladenIntervalTests
{
    [Fact]
    public void Interval_CensusObservedShare_CarriesOnlySensitivityAndSpecificityError()
    {
        // p_obs = 0.30 (census: no variance), Se = 0.90 of n = 100, Sp = 0.95 of n = 200. J = 0.85,
        // π = (0.30 + 0.95 − 1)/0.85 = 0.294118. Var = [π²·0.9·0.1/100 + (1 − π)²·0.95·0.05/200]/J²
        // = (0.086505·0.0009 + 0.498270·0.0002375)/0.7225 = 0.000271548; ±1.959964·0.016479 = ±0.032298.
        var sensitivity = new ProportionInterval(0.90, 0.8, 0.95, 0.95, 100);
        var specificity = new ProportionInterval(0.95, 0.9, 0.98, 0.95, 200);

        var interval = RoganGladen.Interval(0.30, double.PositiveInfinity, sensitivity, specificity)!;

        Assert.Equal(0.294118, interval.Estimate, 6);
        Assert.Equal(0.26182, interval.Lower, 4);
        Assert.Equal(0.32642, interval.Upper, 4);
    }

    [Fact]
    public void Interval_SampledObservedShare_AddsItsBinomialVariance()
    {
        // As above plus Var(p_obs) = 0.3·0.7/1000 = 0.00021: Var = (0.00021 + 0.000196194)/0.7225 = 0.000562206,
        // ±1.959964·0.023711 = ±0.046465 → (0.24765, 0.34059).
        var sensitivity = new ProportionInterval(0.90, 0.8, 0.95, 0.95, 100);
        var specificity = new ProportionInterval(0.95, 0.9, 0.98, 0.95, 200);

        var interval = RoganGladen.Interval(0.30, 1000, sensitivity, specificity)!;

        Assert.Equal(0.24765, interval.Lower, 4);
        Assert.Equal(0.34059, interval.Upper, 4);
    }

    [Fact]
    public void Interval_ChanceClassifier_IsNull()
    {
        var half = new ProportionInterval(0.5, 0.4, 0.6, 0.95, 100);
        Assert.Null(RoganGladen.Interval(0.3, 100, half, half));
    }
}
