namespace PtmReuse.Core.Review.Agreement;

/// <summary>Precision, recall and F1 of one category; null where the denominator is zero (undefined, not zero).</summary>
public sealed record CategoryScores<TCategory>(TCategory Category, int Support, double? Precision, double? Recall, double? F1);

/// <summary>
/// A k × k confusion matrix built from pairs of labels. Rows are the reference (the effective human label, or rater A),
/// columns the compared label (the machine's, or rater B). Every rate is null when it is undefined (no items, or a zero
/// denominator) so that callers show "n/a" instead of a misleading 0.
/// </summary>
public sealed class ConfusionMatrix<TCategory>
    where TCategory : notnull
{
    private readonly int[,] _counts;
    private readonly Dictionary<TCategory, int> _index;

    private ConfusionMatrix(IReadOnlyList<TCategory> categories, Dictionary<TCategory, int> index, int[,] counts)
    {
        Categories = categories;
        _index = index;
        _counts = counts;
        for (var row = 0; row < categories.Count; row++)
        {
            for (var column = 0; column < categories.Count; column++)
            {
                Total += counts[row, column];
            }
        }
    }

    /// <summary>The categories in row/column order.</summary>
    public IReadOnlyList<TCategory> Categories { get; }

    public int Total { get; }

    /// <summary>
    /// Builds the matrix. <paramref name="categories"/> fixes the order and lets a category that never occurs still
    /// appear (with zero counts); without it the order is that of first appearance. A label outside a given
    /// category list is an error.
    /// </summary>
    public static ConfusionMatrix<TCategory> FromPairs(
        IEnumerable<(TCategory Reference, TCategory Compared)> pairs, IEnumerable<TCategory>? categories = null)
    {
        ArgumentNullException.ThrowIfNull(pairs);
        var pairList = pairs.ToList();
        var fixedCategories = categories is not null;
        var order = categories?.Distinct().ToList() ?? [];
        if (!fixedCategories)
        {
            foreach (var (reference, compared) in pairList)
            {
                if (!order.Contains(reference))
                {
                    order.Add(reference);
                }

                if (!order.Contains(compared))
                {
                    order.Add(compared);
                }
            }
        }

        var index = order.Select((category, i) => (category, i)).ToDictionary(x => x.category, x => x.i);
        var counts = new int[order.Count, order.Count];
        foreach (var (reference, compared) in pairList)
        {
            counts[IndexOf(index, reference), IndexOf(index, compared)]++;
        }

        return new ConfusionMatrix<TCategory>(order, index, counts);
    }

    /// <summary>How many items the reference put in <paramref name="reference"/> and the comparison in <paramref name="compared"/>.</summary>
    public int Count(TCategory reference, TCategory compared) => _counts[IndexOf(_index, reference), IndexOf(_index, compared)];

    /// <summary>Share of items on the diagonal (observed agreement p_o).</summary>
    public double? Accuracy => Total == 0 ? null : (double)Diagonal() / Total;

    /// <summary>
    /// Cohen's kappa, κ = (p_o − p_e)/(1 − p_e), with p_e = Σ_i row_i · col_i / N². Null when there are no items or
    /// p_e = 1 (both labellings use one and the same category: agreement beyond chance is not defined).
    /// </summary>
    public double? CohensKappa
    {
        get
        {
            if (Total == 0)
            {
                return null;
            }

            double total = Total;
            var observed = Diagonal() / total;
            var expected = 0.0;
            for (var i = 0; i < Categories.Count; i++)
            {
                expected += RowSum(i) / total * (ColumnSum(i) / total);
            }

            // p_e is 1 only when all mass sits in one row and the same column; a tolerance guards rounding.
            return 1 - expected < 1e-12 ? null : (observed - expected) / (1 - expected);
        }
    }

    /// <summary>Of the items the comparison put in <paramref name="category"/>, the share the reference agrees with.</summary>
    public double? Precision(TCategory category)
    {
        var i = IndexOf(_index, category);
        return Ratio(_counts[i, i], ColumnSum(i));
    }

    /// <summary>Of the items the reference put in <paramref name="category"/>, the share the comparison found.</summary>
    public double? Recall(TCategory category)
    {
        var i = IndexOf(_index, category);
        return Ratio(_counts[i, i], RowSum(i));
    }

    /// <summary>Harmonic mean of precision and recall, 2·TP/(2·TP + FP + FN); for a binary matrix pass the positive class.</summary>
    public double? F1(TCategory category)
    {
        var i = IndexOf(_index, category);
        var truePositives = _counts[i, i];
        return Ratio(2 * truePositives, RowSum(i) + ColumnSum(i));
    }

    /// <summary>Scores for every category in <see cref="Categories"/> order; support is the reference count.</summary>
    public IReadOnlyList<CategoryScores<TCategory>> ScoresPerCategory() =>
        Categories.Select((category, i) => new CategoryScores<TCategory>(
            category, RowSum(i), Precision(category), Recall(category), F1(category))).ToList();

    private static int IndexOf(Dictionary<TCategory, int> index, TCategory category) =>
        index.TryGetValue(category, out var i)
            ? i
            : throw new ArgumentException($"The label '{category}' is not one of the matrix's categories.", nameof(category));

    private static double? Ratio(int numerator, int denominator) => denominator == 0 ? null : (double)numerator / denominator;

    private int Diagonal()
    {
        var sum = 0;
        for (var i = 0; i < Categories.Count; i++)
        {
            sum += _counts[i, i];
        }

        return sum;
    }

    private int RowSum(int row)
    {
        var sum = 0;
        for (var column = 0; column < Categories.Count; column++)
        {
            sum += _counts[row, column];
        }

        return sum;
    }

    private int ColumnSum(int column)
    {
        var sum = 0;
        for (var row = 0; row < Categories.Count; row++)
        {
            sum += _counts[row, column];
        }

        return sum;
    }
}
