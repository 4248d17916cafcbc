using Microsoft.EntityFrameworkCore;
using PtmReuse.Core.Classification;
using PtmReuse.Core.Storage;

namespace PtmReuse.Core.Review.Agreement;

/// <summary>
/// A yes/no stage's measured error, from the latest validation sample of the stage that has reviewed items.
/// <see cref="Sensitivity"/> and <see cref="Specificity"/> carry 95% intervals (design-weighted when the sample is stratified).
/// </summary>
public sealed record ClassifierAccuracy(
    Stage Stage,
    long SampleId,
    string SampleName,
    int SampleSize,
    int Reviewed,
    ProportionInterval? Sensitivity,
    ProportionInterval? Specificity,
    ProportionInterval? Accuracy)
{
    /// <summary>
    /// Rogan–Gladen correction of an observed share <paramref name="positives"/>/<paramref name="total"/> (e.g. the
    /// machine-labelled share of papers using PTMs in one year), with an interval carrying both the share's binomial
    /// error and the uncertainty of sensitivity and specificity (<see cref="RoganGladen.Interval"/>). Null when
    /// <paramref name="total"/> is 0, sensitivity or specificity is not yet measured, or Se + Sp ≤ 1.
    /// </summary>
    public ProportionInterval? CorrectProportion(int positives, int total, double confidence = 0.95)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(positives);
        ArgumentOutOfRangeException.ThrowIfLessThan(total, positives);
        return total == 0 ? null : CorrectProportion((double)positives / total, total, confidence);
    }

    /// <summary>As <see cref="CorrectProportion(int, int, double)"/> for a share and its (effective) sample size; pass
    /// <see cref="double.PositiveInfinity"/> for a census.</summary>
    public ProportionInterval? CorrectProportion(double observedShare, double observedSampleSize, double confidence = 0.95) =>
        Sensitivity is null || Specificity is null
            ? null
            : RoganGladen.Interval(observedShare, observedSampleSize, Sensitivity, Specificity, confidence);
}

/// <summary>For analytics error bars: the classifier's measured sensitivity and specificity per yes/no stage.</summary>
public sealed class ClassifierAccuracyService(IDbContextFactory<PtmReuseDbContext> dbFactory, ValidationSampleEvaluator evaluator)
{
    /// <summary>
    /// The accuracy measured by the newest sample of <paramref name="stage"/> with at least one reviewed item; null when
    /// there is none, or for the per-model stages (sensitivity and specificity are defined for uses_dl and uses_ptms only).
    /// </summary>
    public async Task<ClassifierAccuracy?> GetAsync(Stage stage, CancellationToken ct)
    {
        if (stage is not (Stage.UsesDl or Stage.UsesPtms))
        {
            return null;
        }

        List<long> sampleIds;
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            var wire = stage.WireName();
            sampleIds = await db.ValidationSamples.AsNoTracking()
                .Where(s => s.Stage == wire)
                .OrderByDescending(s => s.CreatedAt).ThenByDescending(s => s.Id)
                .Select(s => s.Id)
                .ToListAsync(ct);
        }

        foreach (var sampleId in sampleIds)
        {
            if (await evaluator.EvaluateAsync(sampleId, 0.95, ct) is { Reviewed: > 0 } evaluation)
            {
                return new ClassifierAccuracy(stage, evaluation.SampleId, evaluation.SampleName, evaluation.Items, evaluation.Reviewed,
                    evaluation.Sensitivity, evaluation.Specificity, evaluation.Accuracy);
            }
        }

        return null;
    }
}
