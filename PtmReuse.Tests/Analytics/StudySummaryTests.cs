using PtmReuse.Core.Analytics;
using PtmReuse.Core.Classification;
using PtmReuse.Tests.Infrastructure;
using static PtmReuse.Tests.Analytics.AnalyticsTestData;

namespace PtmReuse.Tests.Analytics;

/// <summary>
/// Two runs over three papers. Run A: X1 (Biochemistry) AlexNet adaptation/Test; X2 (Biochemistry) AlphaFold2
/// adaptation/Test; X3 (Chemistry) DL yes, PTMs no. Run B (later, so its answers are the latest): X1 AlexNet
/// deployment/Analysis; X2 DL no; X3 ResNet50 deployment/Analysis.
/// </summary>
public sealed class StudySummaryTests
{
    private static readonly AnalyticsQuery Query = AnalyticsQuery.Default;

    private static async Task<(TestDatabase Database, long RunA, long RunB)> BuildAsync()
    {
        var database = await TestDatabase.CreateAsync();
        var data = new AnalyticsTestData(database);
        var runA = await data.AddRunAsync("fake", "a");
        var runB = await data.AddRunAsync("fake", "b");
        var x1 = await data.AddPaperAsync("X1", 2020, Biochemistry);
        var x2 = await data.AddPaperAsync("X2", 2021, Biochemistry);
        var x3 = await data.AddPaperAsync("X3", 2021, Chemistry);
        await data.AddPtmPaperDecisionsAsync(runA, x1, "AlexNet", ReusePattern.Adaptation, ScienceStep.Test);
        await data.AddPtmPaperDecisionsAsync(runA, x2, "AlphaFold2", ReusePattern.Adaptation, ScienceStep.Test);
        await data.AddDecisionAsync(runA, x3, Dl(true));
        await data.AddDecisionAsync(runA, x3, Ptms(false));
        await data.AddPtmPaperDecisionsAsync(runB, x1, "AlexNet", ReusePattern.Deployment, ScienceStep.Analysis);
        await data.AddDecisionAsync(runB, x2, Dl(false));
        await data.AddPtmPaperDecisionsAsync(runB, x3, "ResNet50", ReusePattern.Deployment, ScienceStep.Analysis);
        return (database, runA, runB);
    }

    [Fact]
    public async Task Summary_RecomputesHeadlinesBesideThePublishedOnes()
    {
        var (database, _, _) = await BuildAsync();
        await using var _ = database;

        var report = await database.Get<StudySummary>().BuildAsync(Query, CancellationToken.None);

        var rows = report.Rows.ToDictionary(r => r.Result);
        Assert.Equal("3", rows["Papers analysed (classified)"].Current);
        Assert.Equal("17511", rows["Papers analysed (classified)"].Reference);
        Assert.Equal("-17508 (-100.0%)", rows["Papers analysed (classified)"].Difference);
        Assert.Equal("2", rows["Papers reusing PTMs"].Current); // X1 and X3; X2's later "no DL" settles it
        Assert.Equal("Biochemistry, Genetics and Molecular Biology", rows["Field with most PTM reuse"].Current); // tie 1–1, by name
        Assert.False(rows["Field with most PTM reuse"].Differs);
        Assert.Equal("0.00%", rows["Adaptation share of PTM reuses"].Current);
        Assert.Equal("-70.29 points", rows["Adaptation share of PTM reuses"].Difference);
        Assert.Equal("0", rows["PTM reuses serving the Test step"].Current);
        Assert.Equal("AlexNet 1, ResNet-50 1", rows["Top five models"].Current);
        Assert.Contains("−AlphaFold 2", rows["Top five models"].Difference);
        Assert.Contains("ResNet-50 -17", rows["Top five models"].Difference); // the published "ResNet 50" is the same model
        Assert.Contains("AlexNet -24", rows["Top five models"].Difference);
    }

    [Fact]
    public async Task CompareRuns_ShowsHowEachHeadlineChangesAndTheRunsAgreement()
    {
        var (database, runA, runB) = await BuildAsync();
        await using var _ = database;

        var report = await database.Get<StudySummary>().CompareRunsAsync(Query, runA, runB, CancellationToken.None);

        var rows = report.Rows.ToDictionary(r => r.Result);
        Assert.Equal(("adaptation", "deployment"), (rows["Dominant reuse pattern"].Reference, rows["Dominant reuse pattern"].Current));
        Assert.Equal(("Test", "Analysis"), (rows["Most-affected step"].Reference, rows["Most-affected step"].Current));
        Assert.Equal(("2", "2"), (rows["Papers reusing PTMs"].Reference, rows["Papers reusing PTMs"].Current));
        Assert.Equal("AlexNet 1, AlphaFold 2 1", rows["Top five models"].Reference);
        var usesDl = report.Agreement.Stages.Single(s => s.Stage == Stage.UsesDl);
        Assert.Equal((3, 2), (usesDl.Compared, usesDl.Agreed)); // X2 differs
    }
}
