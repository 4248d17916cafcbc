using PtmReuse.Core.Analytics;
using PtmReuse.Core.Analytics.Figures;
using PtmReuse.Core.Classification;
using PtmReuse.Core.Review.Sampling;
using PtmReuse.Tests.Infrastructure;
using PtmReuse.Tests.Review;
using PtmReuse.Core.Storage;

namespace PtmReuse.Tests.Analytics;

/// <summary>
/// Error bars of the adoption share charts: the Rogan–Gladen corrected 95% interval from the stage's reviewed
/// validation sample, drawn around the observed share.
/// </summary>
public sealed class AdoptionErrorBarsTests
{
    private const string Field = AnalyticsTestData.Biochemistry;

    private static readonly AnalyticsQuery Query = new(
        AnalyticsFilter.Default with { NaturalScienceOnly = false },
        new CountingRules(CountingUnit.Paper, MultiFieldRule.PrimaryOnly, LabelBasis.Effective));

    /// <summary>
    /// 2020: 40 uses_dl decisions, all in a uniform validation sample: machine yes on 0–19, no on 20–39; the reviewer
    /// says no on 18–19 and yes on 20–21, so TP = 18, FN = 2, TN = 18, FP = 2: Se = Sp = 18/20 = 0.9 (n = 20 each).
    /// 2021 (added after the sample, so not in it): 100 papers, machine yes on 40.
    /// </summary>
    private static async Task<long> SeedAsync(TestDatabase database)
    {
        var data = new AgreementTestData(database);
        var run = await data.AddRunAsync();
        var sampled = await data.AddPapersWithDecisionsAsync(run, 40, Field, 2020, i => AgreementTestData.Dl(i < 20));
        var sample = await database.Get<ValidationSampler>().CreateAsync(
            new ValidationSampleRequest(Stage.UsesDl, SampleDesign.Uniform, 40, Seed: 3, CreatedBy: "admin"), CancellationToken.None);
        for (var i = 0; i < sampled.Count; i++)
        {
            await data.AddLabelAsync(sampled[i].PaperId, AgreementTestData.Dl(i is < 18 or 20 or 21), decisionId: sampled[i].DecisionId);
        }

        await data.AddPapersWithDecisionsAsync(run, 100, Field, 2021, i => AgreementTestData.Dl(i < 40));
        return sample.Id;
    }

    private static FigurePoint Point(Figure figure, string year) =>
        figure.Series.Single(s => s.Name == Field).Points.Single(p => p.X == year);

    [Theory, SqliteData, PostgresData]
    public async Task DlShare_ReviewedSample_ObservedShareWithCorrectedIntervalEnds(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var sampleId = await SeedAsync(database);

        var figure = await database.Get<AnalyticsFigures>().AdoptionAsync(Query, AdoptionMeasure.UsesDl, share: true, stacked: false, CancellationToken.None);

        var point = Point(figure, "2021");
        // Observed 40/100 = 40% stays the point. Rogan–Gladen: π = (0.4 + 0.9 − 1)/(0.9 + 0.9 − 1) = 0.3/0.8 = 0.375.
        // Var = [0.4·0.6/100 + 0.375²·0.9·0.1/20 + 0.625²·0.9·0.1/20]/0.8² = (0.0024 + 0.00063281 + 0.00175781)/0.64
        // = 0.00748535; half-width 1.959964·√0.00748535 = 1.959964·0.0865179 = 0.169572 → (0.205428, 0.544572), as %.
        Assert.Equal(40, point.Y, 4);
        Assert.Equal(100, point.Denominator);
        Assert.Equal(20.5428, point.ErrorLow!.Value, 3);
        Assert.Equal(54.4572, point.ErrorHigh!.Value, 3);
        // A year without papers has no share to correct.
        var empty = Point(figure, "2024");
        Assert.Null(empty.ErrorLow);
        Assert.Null(empty.ErrorHigh);
        Assert.Contains("Rogan–Gladen", figure.Caption, StringComparison.Ordinal);
        Assert.Contains($"validation sample #{sampleId}", figure.Caption, StringComparison.Ordinal);
    }

    [Theory, SqliteData, PostgresData]
    public async Task Shares_NoSampleForTheStage_NoErrorBarsAndCaptionSilent(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await SeedAsync(database); // a uses_dl sample only: uses_ptms has none
        var figures = database.Get<AnalyticsFigures>();

        var ptmsShare = await figures.AdoptionAsync(Query, AdoptionMeasure.UsesPtms, share: true, stacked: false, CancellationToken.None);
        var dlCounts = await figures.AdoptionAsync(Query, AdoptionMeasure.UsesDl, share: false, stacked: false, CancellationToken.None);

        foreach (var figure in new[] { ptmsShare, dlCounts })
        {
            Assert.All(figure.Series.SelectMany(s => s.Points), p => Assert.True(p.ErrorLow is null && p.ErrorHigh is null, figure.Id));
            Assert.DoesNotContain("error bars", figure.Caption, StringComparison.OrdinalIgnoreCase);
        }

        Assert.Equal(40, Point(dlCounts, "2021").Y); // the counts chart itself is populated
    }

    [Theory, SqliteData, PostgresData]
    public async Task DlShare_NoValidationSampleAtAll_NoErrorBars(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var data = new AgreementTestData(database);
        await data.AddPapersWithDecisionsAsync(await data.AddRunAsync(), 4, Field, 2021, i => AgreementTestData.Dl(i < 1));

        var figure = await database.Get<AnalyticsFigures>().AdoptionAsync(Query, AdoptionMeasure.UsesDl, share: true, stacked: false, CancellationToken.None);

        var point = Point(figure, "2021");
        Assert.Equal(25, point.Y, 4); // 1 of 4
        Assert.Null(point.ErrorLow);
        Assert.Null(point.ErrorHigh);
        Assert.DoesNotContain("error bars", figure.Caption, StringComparison.OrdinalIgnoreCase);
    }
}
