namespace PtmReuse.Core.Review.Agreement;

/// <summary>
/// Prevalence corrected for a classifier's measured error (Rogan and Gladen 1978):
/// π = (p_obs + Sp − 1)/(Se + Sp − 1), clamped to [0, 1]. The denominator is Youden's J; when J ≤ 0 the classifier
/// is no better than chance (or inverted) and the true prevalence is not identifiable, so the result is null.
/// </summary>
public static class RoganGladen
{
    public static double? CorrectedPrevalence(double observedPrevalence, double sensitivity, double specificity)
    {
        RequireProbability(observedPrevalence, nameof(observedPrevalence));
        RequireProbability(sensitivity, nameof(sensitivity));
        RequireProbability(specificity, nameof(specificity));
        var youden = sensitivity + specificity - 1;
        if (youden <= 0)
        {
            return null;
        }

        return Math.Clamp((observedPrevalence + specificity - 1) / youden, 0, 1);
    }

    /// <summary>
    /// Corrects an observed prevalence and its interval bound by bound. The map is increasing when J > 0, so the
    /// corrected bounds enclose the corrected estimate; they carry only the sampling error of the observed prevalence,
    /// not the uncertainty in sensitivity and specificity, and are therefore narrower than a full interval.
    /// </summary>
    public static ProportionInterval? Correct(ProportionInterval observed, double sensitivity, double specificity)
    {
        ArgumentNullException.ThrowIfNull(observed);
        if (CorrectedPrevalence(observed.Estimate, sensitivity, specificity) is not { } estimate)
        {
            return null;
        }

        return observed with
        {
            Estimate = estimate,
            Lower = CorrectedPrevalence(observed.Lower, sensitivity, specificity)!.Value,
            Upper = CorrectedPrevalence(observed.Upper, sensitivity, specificity)!.Value,
        };
    }

    /// <summary>
    /// The corrected prevalence with an interval that also carries the uncertainty of the measured sensitivity and
    /// specificity, by the delta method (Rogan and Gladen 1978; Reiczigel, Földi and Ózsvári 2010, eq. 2):
    /// Var(π̂) = [Var(p_obs) + π̂²·Var(Se) + (1 − π̂)²·Var(Sp)]/J², with Var(Se) = Se(1 − Se)/n_Se and
    /// Var(Sp) = Sp(1 − Sp)/n_Sp (n the interval's <see cref="ProportionInterval.SampleSize"/>, so Kish's effective size
    /// for a weighted sample), and Var(p_obs) = p(1 − p)/<paramref name="observedSampleSize"/> — pass
    /// <see cref="double.PositiveInfinity"/> when the observed share is a census of machine labels (no sampling error).
    /// Interval π̂ ± z·√Var clamped to [0, 1]; its <see cref="ProportionInterval.SampleSize"/> is the effective size
    /// π̂(1 − π̂)/Var (infinite when Var = 0). Null when J ≤ 0 (not identifiable).
    /// </summary>
    public static ProportionInterval? Interval(
        double observedPrevalence, double observedSampleSize, ProportionInterval sensitivity, ProportionInterval specificity, double confidence = 0.95)
    {
        ArgumentNullException.ThrowIfNull(sensitivity);
        ArgumentNullException.ThrowIfNull(specificity);
        if (!(observedSampleSize > 0))
        {
            throw new ArgumentOutOfRangeException(nameof(observedSampleSize), observedSampleSize, "The observed share needs a positive sample size.");
        }

        if (CorrectedPrevalence(observedPrevalence, sensitivity.Estimate, specificity.Estimate) is not { } estimate)
        {
            return null;
        }

        var youden = sensitivity.Estimate + specificity.Estimate - 1;
        var observedVariance = observedPrevalence * (1 - observedPrevalence) / observedSampleSize;
        var sensitivityVariance = sensitivity.Estimate * (1 - sensitivity.Estimate) / sensitivity.SampleSize;
        var specificityVariance = specificity.Estimate * (1 - specificity.Estimate) / specificity.SampleSize;
        var variance = (observedVariance + estimate * estimate * sensitivityVariance + (1 - estimate) * (1 - estimate) * specificityVariance)
                       / (youden * youden);
        var halfWidth = ProportionIntervals.NormalQuantile(confidence) * Math.Sqrt(variance);
        var effectiveSize = variance > 0 ? estimate * (1 - estimate) / variance : double.PositiveInfinity;
        return new ProportionInterval(estimate, Math.Max(0, estimate - halfWidth), Math.Min(1, estimate + halfWidth), confidence, effectiveSize);
    }

    private static void RequireProbability(double value, string name)
    {
        if (!(value >= 0 && value <= 1))
        {
            throw new ArgumentOutOfRangeException(name, value, "A probability must lie in [0, 1].");
        }
    }
}
