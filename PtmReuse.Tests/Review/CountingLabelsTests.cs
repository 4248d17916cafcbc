using Microsoft.EntityFrameworkCore;
using PtmReuse.Core.Analytics;
using PtmReuse.Core.Analytics.Figures;
using PtmReuse.Core.Classification;
using PtmReuse.Core.Review;
using PtmReuse.Tests.Analytics;
using PtmReuse.Tests.Infrastructure;
using PtmReuse.Core.Storage;

namespace PtmReuse.Tests.Review;

public sealed class CountingLabelsTests
{
    private static readonly AnalyticsQuery Everything = new(AnalyticsFilter.Default with { NaturalScienceOnly = false }, CountingRules.Default);

    [Theory, SqliteData, PostgresData]
    public async Task Predicate_EveryActionRetiredOrNot_SelectsInSqlWhatIsCountingSaysInMemory(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var data = new AnalyticsTestData(database);
        var paper = await data.AddPaperAsync("All actions", 2020, AnalyticsTestData.Chemistry);
        var labels = (from action in Enum.GetValues<LabelAction>()
                      from retired in new[] { false, true }
                      select new HumanLabel { PaperId = paper, Stage = "uses_dl", Reviewer = "ana", Action = action, Retired = retired, CreatedAt = DateTime.UtcNow }).ToList();
        await using (var db = await database.OpenAsync())
        {
            db.HumanLabels.AddRange(labels);
            await db.SaveChangesAsync();
        }

        await using var read = await database.OpenAsync();
        var inSql = await read.HumanLabels.Where(CountingLabels.Predicate).Select(l => l.Id).OrderBy(id => id).ToListAsync();

        Assert.Equal(labels.Where(CountingLabels.IsCounting).Select(l => l.Id).Order(), inSql);
        // Four value-bearing actions, live only: correct, accept, cascade, adjudicate.
        Assert.Equal(4, inSql.Count);
    }

    public static TheoryData<string> NonCountingActions => new() { "skip", "note" };

    [Theory]
    [MemberData(nameof(NonCountingActions))]
    public async Task Chart_SkipOrNoteAfterAMachineAnswer_KeepsTheMachineAnswer(string action)
    {
        // The browser finding: after a Skip, outcomes-uses_dl for the year moved from no=1 to unknown=1.
        await using var database = await TestDatabase.CreateAsync();
        var data = new AnalyticsTestData(database);
        var run = await data.AddRunAsync();
        var paper = await data.AddPaperAsync("Skipped", 2022, AnalyticsTestData.Chemistry);
        var decision = await data.AddDecisionAsync(run, paper, AnalyticsTestData.Dl(false));
        var figures = database.Get<AnalyticsFigures>();
        Assert.Equal(1, Count(await figures.OutcomesByYearAsync(Everything, Stage.UsesDl, CancellationToken.None), "no", "2022"));

        await database.Get<LabellingService>().ApplyAsync("ana",
            new LabelCommand(decision, action == "skip" ? LabelAction.Skip : LabelAction.Note, 0, Note: "looked at it"), CancellationToken.None);

        var after = await figures.OutcomesByYearAsync(Everything, Stage.UsesDl, CancellationToken.None);
        Assert.Equal(1, Count(after, "no", "2022"));
        Assert.Equal(0, Count(after, "unknown (failed)", "2022"));
    }

    [Theory, SqliteData, PostgresData]
    public async Task Chart_NoteAfterACorrection_KeepsTheCorrection(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var data = new AnalyticsTestData(database);
        var run = await data.AddRunAsync();
        var paper = await data.AddPaperAsync("Corrected", 2021, AnalyticsTestData.Chemistry);
        var decision = await data.AddDecisionAsync(run, paper, AnalyticsTestData.Dl(true));
        var labelling = database.Get<LabellingService>();
        var corrected = await labelling.ApplyAsync("ana", new LabelCommand(decision, LabelAction.Correct, 0, AnalyticsTestData.Dl(false)), CancellationToken.None);
        await labelling.ApplyAsync("ana", new LabelCommand(decision, LabelAction.Note, corrected.Version, Note: "methods are statistics only"), CancellationToken.None);

        var chart = await database.Get<AnalyticsFigures>().OutcomesByYearAsync(Everything, Stage.UsesDl, CancellationToken.None);

        Assert.Equal(1, Count(chart, "no", "2021"));
        Assert.Equal(0, Count(chart, "unknown (failed)", "2021"));
    }

    [Theory, SqliteData, PostgresData]
    public async Task Chart_TwoReviewersDisagree_CountsTheMachineAnswerAsTheExportDoes(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var data = new AnalyticsTestData(database);
        var run = await data.AddRunAsync();
        var paper = await data.AddPaperAsync("Disputed", 2020, AnalyticsTestData.Chemistry);
        var decision = await data.AddDecisionAsync(run, paper, AnalyticsTestData.Dl(false));
        var labelling = database.Get<LabellingService>();
        var first = await labelling.ApplyAsync("ana", new LabelCommand(decision, LabelAction.Accept, 0), CancellationToken.None);
        await labelling.ApplyAsync("ben", new LabelCommand(decision, LabelAction.Correct, first.Version, AnalyticsTestData.Dl(true)), CancellationToken.None);

        var chart = await database.Get<AnalyticsFigures>().OutcomesByYearAsync(Everything, Stage.UsesDl, CancellationToken.None);
        var page = await database.Get<PaperLabels>().ForPaperAsync(paper, "observer", CancellationToken.None);

        Assert.Equal(1, Count(chart, "no", "2020"));
        Assert.Equal(0, Count(chart, "yes", "2020"));
        Assert.True(page.Stages.Single(s => s.Stage == Stage.UsesDl).Conflict);
    }

    private static double Count(Figure figure, string series, string year) =>
        figure.Series.Single(s => s.Name == series).Points.Single(p => p.X == year).Y;
}
