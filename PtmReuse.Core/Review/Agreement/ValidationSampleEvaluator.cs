using Microsoft.EntityFrameworkCore;
using PtmReuse.Core.Classification;
using PtmReuse.Core.Review.Sampling;
using PtmReuse.Core.Storage;

namespace PtmReuse.Core.Review.Agreement;

/// <summary>
/// What a validation sample says about the classifier, from the items reviewed so far. Accuracy and prevalence are
/// stratum-weighted (<see cref="ProportionIntervals.Stratified"/>; a uniform sample is one stratum, so plain Wilson);
/// sensitivity and specificity are ratio estimates over the human-positive (negative) items with their design weights
/// (<see cref="ProportionIntervals.Weighted"/>). Strata with no reviewed item yet are left out and the weights of the
/// others renormalised (<see cref="StrataWithoutReviews"/> says how many). Prevalence, sensitivity and specificity exist
/// only for the yes/no stages; for the others accuracy is "the answers agree on every model".
/// </summary>
public sealed record SampleEvaluation(
    long SampleId,
    string SampleName,
    string Design,
    int Seed,
    long PopulationSize,
    int Items,
    int Reviewed,
    int StrataWithoutReviews,
    ProportionInterval? Accuracy,
    ProportionInterval? Prevalence,
    ProportionInterval? Sensitivity,
    ProportionInterval? Specificity,
    double? MachinePrevalence,
    ProportionInterval? CorrectedPrevalence);

/// <summary>Evaluates a validation sample against the effective human labels (shared by the agreement report and <see cref="ClassifierAccuracyService"/>).</summary>
public sealed class ValidationSampleEvaluator(IDbContextFactory<PtmReuseDbContext> dbFactory, EffectiveLabels effectiveLabels, IPtmCatalog catalog)
{
    public async Task<SampleEvaluation?> EvaluateAsync(long sampleId, double confidence, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var sample = await db.ValidationSamples.AsNoTracking().SingleOrDefaultAsync(s => s.Id == sampleId, cancellationToken);
        if (sample is null || !StageNames.TryParse(sample.Stage, out var stage))
        {
            return null;
        }

        var items = await db.ValidationSampleItems.AsNoTracking()
            .Where(i => i.SampleId == sampleId)
            .Join(db.Decisions, i => i.DecisionId, d => d.Id, (i, d) => new { i.Stratum, i.Weight, d.PaperId, d.ValueJson })
            .ToListAsync(cancellationToken);
        var labels = await effectiveLabels.ForPapersAsync(items.Select(i => i.PaperId).Distinct().ToList(), MachineDecisionFilter.Latest, cancellationToken);

        // Stratum population: recorded at draw time; older rows fall back to weight × items drawn.
        var settings = ValidationSampleSettings.Read(sample.SettingsJson);
        var recorded = settings?.Strata.ToDictionary(s => s.Stratum, s => s.Population, StringComparer.Ordinal);
        var strataPopulation = items.GroupBy(i => i.Stratum, StringComparer.Ordinal).ToDictionary(
            g => g.Key,
            g => recorded?.GetValueOrDefault(g.Key) is > 0 and var n ? n : (long)Math.Round(g.First().Weight * g.Count()),
            StringComparer.Ordinal);

        var reviewed = new List<ReviewedItem>();
        foreach (var item in items)
        {
            if (labels.GetValueOrDefault(item.PaperId)?.GetValueOrDefault(stage) is { Source: LabelSource.Human, Answer: { } human }
                && StageJson.Deserialize(item.ValueJson) is { } machine)
            {
                reviewed.Add(new ReviewedItem(item.Stratum, machine, human));
            }
        }

        var byStratum = reviewed.GroupBy(r => r.Stratum, StringComparer.Ordinal).ToList();
        // Design weight of a reviewed item: its stratum's population over the items reviewed in it so far.
        var weightByStratum = byStratum.ToDictionary(g => g.Key, g => (double)strataPopulation[g.Key] / g.Count(), StringComparer.Ordinal);
        var accuracy = ProportionIntervals.Stratified(
            byStratum.Select(g => new StratumSample(strataPopulation[g.Key], g.Count(), g.Count(r => StageComparison.Agree(stage, r.Human, r.Machine, Canonicalize)))).ToList(),
            confidence);

        ProportionInterval? prevalence = null, sensitivity = null, specificity = null, corrected = null;
        double? machinePrevalence = null;
        if (stage is Stage.UsesDl or Stage.UsesPtms)
        {
            prevalence = ProportionIntervals.Stratified(
                byStratum.Select(g => new StratumSample(strataPopulation[g.Key], g.Count(), g.Count(r => IsYes(r.Human)))).ToList(), confidence);
            sensitivity = ProportionIntervals.Weighted(
                reviewed.Where(r => IsYes(r.Human)).Select(r => (weightByStratum[r.Stratum], IsYes(r.Machine))), confidence);
            specificity = ProportionIntervals.Weighted(
                reviewed.Where(r => !IsYes(r.Human)).Select(r => (weightByStratum[r.Stratum], !IsYes(r.Machine))), confidence);
            // The machine's share in the population the sample was drawn from, counted at draw time; samples recorded
            // without it fall back to counting the current population.
            var (population, machinePositive) = settings?.MachinePositive is { } counted
                ? (sample.PopulationSize, counted)
                : await DecisionPopulation.CensusAsync(db, stage, sample.RunId, cancellationToken);
            if (population > 0)
            {
                machinePrevalence = (double)machinePositive / population;
                // The machine's share is a census of the population, so it carries no sampling error of its own.
                corrected = sensitivity is null || specificity is null
                    ? null
                    : RoganGladen.Interval(machinePrevalence.Value, double.PositiveInfinity, sensitivity, specificity, confidence);
            }
        }

        return new SampleEvaluation(
            sample.Id, sample.Name, sample.Design, sample.Seed, sample.PopulationSize, items.Count, reviewed.Count,
            strataPopulation.Count - byStratum.Count, accuracy, prevalence, sensitivity, specificity, machinePrevalence, corrected);
    }

    private static bool IsYes(StageAnswer answer) => answer is FlagAnswer { Result: true };

    private string? Canonicalize(string model) => catalog.Canonicalize(model);

    private sealed record ReviewedItem(string Stratum, StageAnswer Machine, StageAnswer Human);
}
