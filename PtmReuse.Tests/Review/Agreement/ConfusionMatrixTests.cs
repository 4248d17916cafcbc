using PtmReuse.Core.Review.Agreement;

namespace PtmReuse.Tests.Review.Agreement;

public sealed class ConfusionMatrixTests
{
    private const int Precision = 4;

    /// <summary>A 2 × 2 table given as counts: (yes, yes), (yes, no), (no, yes), (no, no), reference first.</summary>
    private static ConfusionMatrix<string> Binary(int yesYes, int yesNo, int noYes, int noNo) =>
        ConfusionMatrix<string>.FromPairs(
            Enumerable.Repeat(("yes", "yes"), yesYes)
                .Concat(Enumerable.Repeat(("yes", "no"), yesNo))
                .Concat(Enumerable.Repeat(("no", "yes"), noYes))
                .Concat(Enumerable.Repeat(("no", "no"), noNo)),
            ["yes", "no"]);

    [Fact]
    public void CohensKappa_WikipediaFiftyProposals_IsPointFour()
    {
        // Wikipedia, "Cohen's kappa", simple worked example: 50 grant proposals, both readers yes 20, A yes/B no 5,
        // A no/B yes 10, both no 15. p_o = 35/50 = 0.7; A says yes 25/50 = 0.5, B 30/50 = 0.6;
        // p_e = 0.5·0.6 + 0.5·0.4 = 0.5; κ = (0.7 − 0.5)/(1 − 0.5) = 0.4.
        var matrix = Binary(yesYes: 20, yesNo: 5, noYes: 10, noNo: 15);

        Assert.Equal(50, matrix.Total);
        Assert.Equal(0.7, matrix.Accuracy!.Value, Precision);
        Assert.Equal(0.4, matrix.CohensKappa!.Value, Precision);
    }

    [Theory]
    // Wikipedia, "Cohen's kappa", "Same percentages but different numbers": both tables agree on 60 of 100.
    // 45/15/25/15: A yes 0.6, B yes 0.7, p_e = 0.42 + 0.12 = 0.54, κ = 0.06/0.46 = 0.1304.
    [InlineData(45, 15, 25, 15, 0.1304)]
    // 25/35/5/35: A yes 0.6, B yes 0.3, p_e = 0.18 + 0.28 = 0.46, κ = 0.14/0.54 = 0.2593.
    [InlineData(25, 35, 5, 35, 0.2593)]
    public void CohensKappa_SameAgreementDifferentMarginals_MatchesWikipedia(int yesYes, int yesNo, int noYes, int noNo, double kappa)
    {
        var matrix = Binary(yesYes, yesNo, noYes, noNo);

        Assert.Equal(0.6, matrix.Accuracy!.Value, Precision);
        Assert.Equal(kappa, matrix.CohensKappa!.Value, Precision);
    }

    [Fact]
    public void BinaryScores_OfThePositiveClass_MatchHandCount()
    {
        // Reference = human, compared = machine. TP 20, FN 5, FP 10, TN 15.
        // Precision 20/30, recall 20/25 = 0.8, F1 = 2·20/(2·20 + 10 + 5) = 40/55.
        var matrix = Binary(yesYes: 20, yesNo: 5, noYes: 10, noNo: 15);

        Assert.Equal(20.0 / 30, matrix.Precision("yes")!.Value, Precision);
        Assert.Equal(0.8, matrix.Recall("yes")!.Value, Precision);
        Assert.Equal(40.0 / 55, matrix.F1("yes")!.Value, Precision);
        Assert.Equal(5, matrix.Count("yes", "no"));
        Assert.Equal(10, matrix.Count("no", "yes"));
    }

    [Fact]
    public void ThreeCategories_ScoresAndKappa_MatchHandCount()
    {
        // Rows (reference) a: [1 1 0], b: [0 2 0], c: [1 0 1]. Diagonal 4 of 6.
        // Column sums 2, 3, 1; row sums 2, 2, 2. p_e = (2·2 + 2·3 + 2·1)/36 = 1/3; κ = (2/3 − 1/3)/(2/3) = 0.5.
        var matrix = ConfusionMatrix<string>.FromPairs(
            [("a", "a"), ("a", "b"), ("b", "b"), ("b", "b"), ("c", "c"), ("c", "a")]);

        Assert.Equal(["a", "b", "c"], matrix.Categories);
        Assert.Equal(4.0 / 6, matrix.Accuracy!.Value, Precision);
        Assert.Equal(0.5, matrix.CohensKappa!.Value, Precision);
        var scores = matrix.ScoresPerCategory();
        Assert.Equal(new CategoryScores<string>("a", 2, 0.5, 0.5, 0.5), Rounded(scores[0]));
        Assert.Equal(new CategoryScores<string>("b", 2, 0.6667, 1.0, 0.8), Rounded(scores[1]));
        Assert.Equal(new CategoryScores<string>("c", 2, 1.0, 0.5, 0.6667), Rounded(scores[2]));
    }

    [Fact]
    public void CohensKappa_PerfectAgreement_IsOne()
    {
        var matrix = Binary(yesYes: 7, yesNo: 0, noYes: 0, noNo: 3);

        Assert.Equal(1.0, matrix.CohensKappa!.Value, Precision);
        Assert.Equal(1.0, matrix.Accuracy!.Value, Precision);
    }

    [Fact]
    public void CohensKappa_IndependentRaters_IsZero()
    {
        // Each rater says yes half the time, independently: p_o = 0.5 = p_e.
        var matrix = Binary(yesYes: 25, yesNo: 25, noYes: 25, noNo: 25);

        Assert.Equal(0.0, matrix.CohensKappa!.Value, Precision);
    }

    [Fact]
    public void CohensKappa_SystematicDisagreement_IsMinusOne()
    {
        // p_o = 0, p_e = 0.5·0.5 + 0.5·0.5 = 0.5: κ = −0.5/0.5.
        var matrix = Binary(yesYes: 0, yesNo: 10, noYes: 10, noNo: 0);

        Assert.Equal(-1.0, matrix.CohensKappa!.Value, Precision);
    }

    [Fact]
    public void EmptyInput_HasNoRates()
    {
        var matrix = ConfusionMatrix<string>.FromPairs([], ["yes", "no"]);

        Assert.Equal(0, matrix.Total);
        Assert.Null(matrix.Accuracy);
        Assert.Null(matrix.CohensKappa);
        Assert.Null(matrix.Precision("yes"));
        Assert.Null(matrix.Recall("yes"));
        Assert.Null(matrix.F1("yes"));
    }

    [Fact]
    public void SingleCategory_KappaUndefined_AccuracyOne()
    {
        // p_e = 1: chance alone explains the agreement, so kappa is 0/0.
        var matrix = ConfusionMatrix<string>.FromPairs([("no", "no"), ("no", "no"), ("no", "no")]);

        Assert.Equal(1.0, matrix.Accuracy!.Value, Precision);
        Assert.Null(matrix.CohensKappa);
    }

    [Fact]
    public void CategoryNeverPredicted_PrecisionUndefinedRecallZero()
    {
        var matrix = ConfusionMatrix<string>.FromPairs([("yes", "no"), ("no", "no")], ["yes", "no"]);

        Assert.Null(matrix.Precision("yes"));
        Assert.Equal(0.0, matrix.Recall("yes")!.Value, Precision);
        Assert.Equal(0.0, matrix.F1("yes")!.Value, Precision);
    }

    [Fact]
    public void FromPairs_LabelOutsideGivenCategories_Throws()
    {
        var error = Assert.Throws<ArgumentException>(() => ConfusionMatrix<string>.FromPairs([("yes", "maybe")], ["yes", "no"]));

        Assert.Contains("'maybe'", error.Message, StringComparison.Ordinal);
    }

    private static CategoryScores<string> Rounded(CategoryScores<string> scores) => scores with
    {
        Precision = Round(scores.Precision),
        Recall = Round(scores.Recall),
        F1 = Round(scores.F1),
    };

    private static double? Round(double? value) => value is { } v ? Math.Round(v, Precision) : null;
}
