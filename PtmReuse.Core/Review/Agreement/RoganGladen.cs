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

    private static void RequireProbability(double value, string name)
    {
        if (!(value >= 0 && value <= 1))
        {
            throw new ArgumentOutOfRangeException(name, value, "A probability must lie in [0, 1].");
        }
    }
}
