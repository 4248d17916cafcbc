namespace PtmReuse.Core.Review.Agreement;

/// <summary>
/// How many items a validation sample needs for a target confidence-interval width, and how to split them across
/// strata. Cochran (1977), <i>Sampling Techniques</i>, §4.4 and §5.5.
/// </summary>
public static class SampleSizeCalculator
{
    /// <summary>
    /// The sample size for estimating a proportion to a full interval width <paramref name="targetWidth"/> (e.g. 0.10
    /// for ±5 points): n₀ = z²·p(1 − p)/(w/2)², then with a finite population of N items n = n₀/(1 + (n₀ − 1)/N),
    /// rounded up and never more than N. <paramref name="expectedProportion"/> = 0.5 is the worst case (widest interval),
    /// the safe choice when nothing is known. Proportional stratification does not need more items than this (its
    /// variance is at most the simple random sample's to first order), so the same n serves both designs.
    /// </summary>
    public static int ForProportion(double targetWidth, double confidence = 0.95, double expectedProportion = 0.5, long? populationSize = null)
    {
        if (!(targetWidth > 0 && targetWidth < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(targetWidth), targetWidth, "The interval width must lie strictly between 0 and 1.");
        }

        if (!(expectedProportion > 0 && expectedProportion < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(expectedProportion), expectedProportion, "The expected proportion must lie strictly between 0 and 1.");
        }

        if (populationSize is < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(populationSize), populationSize, "The population size cannot be negative.");
        }

        var z = ProportionIntervals.NormalQuantile(confidence);
        var margin = targetWidth / 2;
        var infinite = z * z * expectedProportion * (1 - expectedProportion) / (margin * margin);
        if (populationSize is not { } population)
        {
            return (int)Math.Ceiling(infinite);
        }

        var finite = infinite / (1 + (infinite - 1) / population);
        return (int)Math.Min(population, Math.Ceiling(finite));
    }

    /// <summary>
    /// Splits <paramref name="total"/> items over strata in proportion to their population sizes, giving every non-empty
    /// stratum at least <paramref name="minimumPerStratum"/> (or all its items, if fewer) so that its share can be
    /// estimated, and never more than it holds. The remainder goes by the D'Hondt highest-averages rule
    /// (next item to the stratum with the largest N_h/(n_h + 1)), which reproduces exact proportions when they are whole
    /// numbers and breaks ties towards the earlier stratum. A total above the population is a census.
    /// </summary>
    public static IReadOnlyList<int> Allocate(IReadOnlyList<long> stratumPopulations, int total, int minimumPerStratum = 1)
    {
        ArgumentNullException.ThrowIfNull(stratumPopulations);
        ArgumentOutOfRangeException.ThrowIfNegative(total);
        ArgumentOutOfRangeException.ThrowIfLessThan(minimumPerStratum, 1);
        if (stratumPopulations.Any(size => size < 0))
        {
            throw new ArgumentException("A stratum cannot have a negative population.", nameof(stratumPopulations));
        }

        var allocation = stratumPopulations.Select(size => (int)Math.Min(size, minimumPerStratum)).ToArray();
        var floor = allocation.Sum();
        if (total < floor)
        {
            throw new ArgumentException(
                $"{total} items cannot give each of the {stratumPopulations.Count(size => size > 0)} non-empty strata {minimumPerStratum} item(s); "
                + $"sample at least {floor} or stratify by fewer dimensions.",
                nameof(total));
        }

        var queue = new PriorityQueue<int, (double Quotient, int Index)>(
            Comparer<(double Quotient, int Index)>.Create((a, b) => a.Quotient != b.Quotient ? b.Quotient.CompareTo(a.Quotient) : a.Index.CompareTo(b.Index)));
        for (var i = 0; i < allocation.Length; i++)
        {
            if (allocation[i] < stratumPopulations[i])
            {
                queue.Enqueue(i, ((double)stratumPopulations[i] / (allocation[i] + 1), i));
            }
        }

        for (var remaining = total - floor; remaining > 0 && queue.TryDequeue(out var next, out _); remaining--)
        {
            allocation[next]++;
            if (allocation[next] < stratumPopulations[next])
            {
                queue.Enqueue(next, ((double)stratumPopulations[next] / (allocation[next] + 1), next));
            }
        }

        return allocation;
    }
}
