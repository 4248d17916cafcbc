using MathNet.Numerics.Distributions;

namespace PtmReuse.Core.Review.Agreement;

/// <summary>
/// An estimated proportion with its two-sided confidence interval. <see cref="SampleSize"/> is the number of items
/// behind it: the plain n for a simple sample, Kish's effective sample size for a stratified one.
/// </summary>
public sealed record ProportionInterval(double Estimate, double Lower, double Upper, double Confidence, double SampleSize);

/// <summary>One stratum of a validation sample: its size in the population, and the items sampled and found positive.</summary>
public sealed record StratumSample(long PopulationSize, int Sampled, int Positive);

/// <summary>Confidence intervals for proportions: the Wilson score interval and its stratified counterpart.</summary>
public static class ProportionIntervals
{
    /// <summary>
    /// Wilson score interval for <paramref name="successes"/> of <paramref name="trials"/>: centre (p + z²/2n)/(1 + z²/n),
    /// half-width z·√(p(1 − p)/n + z²/4n²)/(1 + z²/n), with z the standard normal quantile at 1 − (1 − level)/2
    /// (Wilson 1927; Newcombe 1998, method 3). Null when <paramref name="trials"/> is 0: nothing was measured.
    /// </summary>
    public static ProportionInterval? Wilson(int successes, int trials, double confidence = 0.95)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(trials);
        ArgumentOutOfRangeException.ThrowIfNegative(successes);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(successes, trials);
        return trials == 0 ? null : WilsonAround((double)successes / trials, trials, confidence);
    }

    /// <summary>
    /// A proportion estimated from a stratified sample. Estimate: p̂ = Σ_h W_h·p_h with W_h = N_h/N (strata weighted by
    /// population size, not by how many were sampled). Variance: Σ_h W_h²·p_h(1 − p_h)/n_h (without finite-population
    /// correction, so slightly conservative when a stratum is sampled heavily). Interval: Wilson's formula at
    /// p̂ with Kish's effective sample size n_eff = p̂(1 − p̂)/Var(p̂) in place of n, which keeps the interval inside
    /// [0, 1] and behaves like Wilson's near 0 and 1 (the "Wilson with design effect" interval; Kish 1965; Dean and
    /// Pagano 2015). When the variance is 0 (every sampled stratum all-positive or all-negative) n_eff is the plain
    /// sample size. Strata with a population but no sample are an error: their share cannot be estimated.
    /// Null when nothing was sampled.
    /// </summary>
    public static ProportionInterval? Stratified(IReadOnlyCollection<StratumSample> strata, double confidence = 0.95)
    {
        ArgumentNullException.ThrowIfNull(strata);
        foreach (var stratum in strata)
        {
            ArgumentOutOfRangeException.ThrowIfNegative(stratum.PopulationSize, nameof(strata));
            ArgumentOutOfRangeException.ThrowIfNegative(stratum.Sampled, nameof(strata));
            ArgumentOutOfRangeException.ThrowIfNegative(stratum.Positive, nameof(strata));
            if (stratum.Positive > stratum.Sampled)
            {
                throw new ArgumentException($"A stratum has {stratum.Positive} positives of {stratum.Sampled} sampled.", nameof(strata));
            }

            if (stratum.PopulationSize > 0 && stratum.Sampled == 0)
            {
                throw new ArgumentException(
                    $"A stratum of {stratum.PopulationSize} items has no sampled item, so the proportion cannot be estimated.",
                    nameof(strata));
            }
        }

        double population = strata.Sum(stratum => stratum.PopulationSize);
        var sampled = strata.Sum(stratum => stratum.Sampled);
        if (sampled == 0 || population == 0)
        {
            return null;
        }

        var estimate = 0.0;
        var variance = 0.0;
        foreach (var stratum in strata.Where(stratum => stratum.PopulationSize > 0))
        {
            var weight = stratum.PopulationSize / population;
            var share = (double)stratum.Positive / stratum.Sampled;
            estimate += weight * share;
            variance += weight * weight * share * (1 - share) / stratum.Sampled;
        }

        var effectiveSize = variance > 0 ? estimate * (1 - estimate) / variance : sampled;
        return WilsonAround(estimate, effectiveSize, confidence);
    }

    /// <summary>
    /// A proportion over items that carry design weights (a ratio estimate, e.g. sensitivity over the human-positive items
    /// of a stratified sample): p̂ = Σ w_i·y_i / Σ w_i, with Wilson's formula at p̂ and Kish's effective sample size
    /// n_eff = (Σ w_i)²/Σ w_i² in place of n (Kish 1965, design effect of unequal weighting). With equal weights this is
    /// exactly <see cref="Wilson"/>. Null when there are no items.
    /// </summary>
    public static ProportionInterval? Weighted(IEnumerable<(double Weight, bool Positive)> items, double confidence = 0.95)
    {
        ArgumentNullException.ThrowIfNull(items);
        double weightSum = 0, squaredWeightSum = 0, positiveWeight = 0;
        foreach (var (weight, positive) in items)
        {
            if (!(weight > 0 && double.IsFinite(weight)))
            {
                throw new ArgumentException($"A design weight must be a positive number, not {weight}.", nameof(items));
            }

            weightSum += weight;
            squaredWeightSum += weight * weight;
            positiveWeight += positive ? weight : 0;
        }

        return weightSum == 0
            ? null
            : WilsonAround(positiveWeight / weightSum, weightSum * weightSum / squaredWeightSum, confidence);
    }

    /// <summary>The two-sided standard normal quantile for a confidence level, e.g. 1.95996 for 0.95.</summary>
    public static double NormalQuantile(double confidence)
    {
        if (!(confidence > 0 && confidence < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(confidence), confidence, "The confidence level must lie strictly between 0 and 1.");
        }

        return Normal.InvCDF(0, 1, 1 - (1 - confidence) / 2);
    }

    private static ProportionInterval WilsonAround(double share, double size, double confidence)
    {
        var z = NormalQuantile(confidence);
        var zSquaredOverN = z * z / size;
        var centre = (share + zSquaredOverN / 2) / (1 + zSquaredOverN);
        var halfWidth = z * Math.Sqrt(share * (1 - share) / size + zSquaredOverN / (4 * size)) / (1 + zSquaredOverN);
        // At p = 0 (or 1) the bound is 0 (or 1) exactly; the subtraction leaves ~1e-17, so pin it.
        var lower = share <= 0 ? 0 : Math.Max(0, centre - halfWidth);
        var upper = share >= 1 ? 1 : Math.Min(1, centre + halfWidth);
        return new ProportionInterval(share, lower, upper, confidence, size);
    }
}
