using System.Globalization;
using PtmReuse.Core.Analytics;
using PtmReuse.Core.Classification;
using PtmReuse.Core.Export;

namespace PtmReuse.Core.Review.Agreement;

/// <summary>
/// The validation sentences of the bundle's methods paragraph: for each yes/no stage with a reviewed validation sample,
/// the classifier's accuracy, sensitivity and specificity with their 95% intervals.
/// </summary>
public sealed class ValidationSummary(ClassifierAccuracyService accuracy) : IValidationSummarySource
{
    public async Task<IReadOnlyList<string>> DescribeAsync(AnalyticsQuery query, CancellationToken cancellationToken)
    {
        var sentences = new List<string>();
        foreach (var stage in new[] { Stage.UsesDl, Stage.UsesPtms })
        {
            if (await accuracy.GetAsync(stage, cancellationToken) is not { } measured)
            {
                continue;
            }

            sentences.Add(string.Create(CultureInfo.InvariantCulture,
                $"For {stage.WireName()}, {measured.Reviewed} of the {measured.SampleSize} decisions in validation sample \"{measured.SampleName}\" (#{measured.SampleId}) were reviewed: " +
                $"accuracy {Format(measured.Accuracy)}, sensitivity {Format(measured.Sensitivity)}, specificity {Format(measured.Specificity)}."));
        }

        return sentences;
    }

    private static string Format(ProportionInterval? interval) =>
        interval is null
            ? "not measured"
            : string.Create(CultureInfo.InvariantCulture, $"{100 * interval.Estimate:0.0}% (95% CI {100 * interval.Lower:0.0}–{100 * interval.Upper:0.0}%)");
}
