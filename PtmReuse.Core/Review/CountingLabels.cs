using System.Linq.Expressions;

namespace PtmReuse.Core.Review;

/// <summary>
/// The one rule for which human labels count: a label counts when it carries a value (a correction, an acceptance, a
/// cascade or an adjudication) and is not retired. Notes, skips and undos never count, and a retired label (undone, or
/// settled below a cascade) stays only as history. Everything that reads human labels as labels (effective labels, the
/// analytics projection, the review queue's "reviewed" filters, agreement, validation samples, exports) goes through
/// <see cref="Predicate"/> (LINQ, translated to SQL by EF) or <see cref="IsCounting"/> (in memory), both built from
/// <see cref="ValueActions"/>; no hand-written SQL reads human labels as labels.
/// </summary>
public static class CountingLabels
{
    /// <summary>The actions that carry a value.</summary>
    public static IReadOnlyList<LabelAction> ValueActions { get; } = [LabelAction.Correct, LabelAction.Accept, LabelAction.Cascade, LabelAction.Adjudicate];

    /// <summary>For EF queries: <c>db.HumanLabels.Where(CountingLabels.Predicate)</c>.</summary>
    public static Expression<Func<HumanLabel, bool>> Predicate { get; } = BuildPredicate();

    /// <summary>A paper × stage is reviewed when at least one label counts for it.</summary>
    public static bool IsCounting(HumanLabel label) => !label.Retired && label.CarriesValue;

    private static Expression<Func<HumanLabel, bool>> BuildPredicate()
    {
        var label = Expression.Parameter(typeof(HumanLabel), "l");
        var action = Expression.Property(label, nameof(HumanLabel.Action));
        var carries = ValueActions.Select(a => (Expression)Expression.Equal(action, Expression.Constant(a))).Aggregate(Expression.OrElse);
        var live = Expression.Not(Expression.Property(label, nameof(HumanLabel.Retired)));
        return Expression.Lambda<Func<HumanLabel, bool>>(Expression.AndAlso(live, carries), label);
    }
}
