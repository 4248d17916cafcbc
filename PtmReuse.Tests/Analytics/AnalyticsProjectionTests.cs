using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PtmReuse.Core.Analytics;
using PtmReuse.Core.Analytics.Figures;
using PtmReuse.Core.Analytics.Projection;
using PtmReuse.Core.Classification;
using PtmReuse.Core.Classification.Runs;
using PtmReuse.Core.Papers;
using PtmReuse.Tests.Classification;
using PtmReuse.Tests.Infrastructure;
using static PtmReuse.Tests.Analytics.AnalyticsTestData;
using PtmReuse.Core.Storage;

namespace PtmReuse.Tests.Analytics;

public sealed class AnalyticsProjectionTests
{
    private static readonly AnalyticsQuery Everything = new(AnalyticsFilter.Default with { NaturalScienceOnly = false }, CountingRules.Default);

    /// <summary>The figures as a freshly started process sees them: a new projection instance over the same database.</summary>
    private static AnalyticsFigures FreshProcessFigures(TestDatabase database)
    {
        var projection = ActivatorUtilities.CreateInstance<AnalyticsProjection>(database.Services);
        var store = ActivatorUtilities.CreateInstance<AnalyticsStore>(database.Services, projection);
        return ActivatorUtilities.CreateInstance<AnalyticsFigures>(database.Services, store, ActivatorUtilities.CreateInstance<StudySummary>(database.Services, store));
    }

    private static double Outcome(Figure figure, string series, string year) =>
        figure.Series.Single(s => s.Name == series).Points.Single(p => p.X == year).Y;

    [Theory, SqliteData, PostgresData]
    public async Task Repair_DecisionRetriedInPlaceWithoutListener_IsFoundStaleAndRebuiltOnNextStart(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var data = new AnalyticsTestData(database);
        var run = await data.AddRunAsync();
        var paper = await data.AddPaperAsync("Retried", 2019, Chemistry);
        var failed = await data.AddDecisionAsync(run, paper, null, Stage.UsesDl);
        var before = await database.Get<AnalyticsFigures>().OutcomesByYearAsync(Everything, Stage.UsesDl, CancellationToken.None);
        Assert.Equal(1, Outcome(before, "unknown (failed)", "2019"));

        // A retry answered the failure in place (same decision id) and the process died before telling the projection.
        await using (var db = await database.OpenAsync())
        {
            await db.Decisions.Where(d => d.Id == failed).ExecuteUpdateAsync(s => s
                .SetProperty(d => d.ErrorKind, (string?)null)
                .SetProperty(d => d.ValueJson, StageJson.Serialize(Dl(true))));
        }

        var projection = database.Get<AnalyticsProjection>();
        Assert.Equal([paper], await projection.FindStalePapersAsync(CancellationToken.None));

        var after = await FreshProcessFigures(database).OutcomesByYearAsync(Everything, Stage.UsesDl, CancellationToken.None);

        Assert.Equal(0, Outcome(after, "unknown (failed)", "2019"));
        Assert.Equal(1, Outcome(after, "yes", "2019"));
        Assert.Empty(await projection.FindStalePapersAsync(CancellationToken.None));
    }

    [Theory, SqliteData, PostgresData]
    public async Task Repair_HumanLabelWrittenWithoutListener_IsAppliedBeforeTheNextQuery(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var data = new AnalyticsTestData(database);
        var run = await data.AddRunAsync();
        var paper = await data.AddPaperAsync("Relabelled", 2019, Chemistry);
        await data.AddDecisionAsync(run, paper, Dl(false));
        var figures = database.Get<AnalyticsFigures>();
        Assert.Equal(1, Outcome(await figures.OutcomesByYearAsync(Everything, Stage.UsesDl, CancellationToken.None), "no", "2019"));

        await data.AddHumanLabelAsync(paper, Dl(true));
        await Task.Delay(TimeSpan.FromSeconds(2.1)); // the freshness check runs at most every two seconds

        Assert.Equal(1, Outcome(await figures.OutcomesByYearAsync(Everything, Stage.UsesDl, CancellationToken.None), "yes", "2019"));
    }

    [Theory, SqliteData, PostgresData]
    public async Task Rebuild_ProjectionOfAnotherVersion_IsRebuiltWhole(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var data = new AnalyticsTestData(database);
        var run = await data.AddRunAsync();
        var paper = await data.AddPaperAsync("Versioned", 2019, Chemistry);
        await data.AddDecisionAsync(run, paper, Dl(true));
        await database.Get<AnalyticsFigures>().FunnelAsync(Everything, CancellationToken.None);
        await using (var db = await database.OpenAsync())
        {
            await db.AnalyticsScopeStates.ExecuteUpdateAsync(s => s.SetProperty(x => x.Signature, "v0:old"));
            await db.AnalyticsPaperLabels.ExecuteUpdateAsync(s => s.SetProperty(x => x.UsesDl, LabelValue.No)); // what an old version wrote
        }

        var funnel = await FreshProcessFigures(database).FunnelAsync(Everything, CancellationToken.None);

        Assert.Equal(1, funnel.Series[0].Points.Single(p => p.X == "Using deep learning").Y);
        var report = await database.Get<AnalyticsProjection>().RebuildAsync(CancellationToken.None);
        Assert.True(report.FullRebuild);
        Assert.Equal(1, report.PapersProjected);
    }

    [Theory, SqliteData, PostgresData]
    public async Task Runner_AfterEachPaperCommit_TellsTheProjection(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var papers = await TestPapers.AddAsync(database, new TestPaperBuilder("Segmentation with a pre-trained U-Net").Year(2021).Field(Chemistry)
            .Section(SectionKind.Methods, "Methods", "We fine-tuned a pre-trained U-Net on our micrographs."));
        var projection = database.Get<AnalyticsProjection>();
        await projection.RebuildAsync(CancellationToken.None);

        await database.Get<ClassificationRunner>().RunAsync(
            new RunRequest("embedded", null, RunRequest.AllStages, new PaperSelection { PaperIds = [papers[0].Id] }), null, CancellationToken.None);

        // Without the listener the paper would be stale (its decisions changed after the rebuild).
        Assert.Empty(await projection.FindStalePapersAsync(CancellationToken.None));
        await using var db = await database.OpenAsync();
        var label = await db.AnalyticsPaperLabels.SingleAsync(l => l.Scope == ProjectionScope.Effective && l.PaperId == papers[0].Id);
        Assert.NotEqual(LabelValue.NotRun, label.UsesDl);
    }
}

public sealed class PaperUnitCountingTests
{
    [Theory, SqliteData, PostgresData]
    public async Task Patterns_PaperUnit_CountsAPaperOncePerPatternWhateverItsModels(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var data = new AnalyticsTestData(database);
        var run = await data.AddRunAsync();
        var paper = await data.AddPaperAsync("Two models", 2020, Chemistry);
        await data.AddDecisionAsync(run, paper, Dl(true));
        await data.AddDecisionAsync(run, paper, Ptms(true));
        await data.AddDecisionAsync(run, paper, Models("AlexNet", "VGG16"));
        await data.AddDecisionAsync(run, paper, Reuse(("AlexNet", ReusePattern.Adaptation), ("VGG16", ReusePattern.Adaptation)));
        await data.AddDecisionAsync(run, paper, Impact(("AlexNet", ScienceStep.Test), ("VGG16", ScienceStep.Analysis)));
        var figures = database.Get<AnalyticsFigures>();
        AnalyticsQuery Query(CountingUnit unit) => new(AnalyticsFilter.Default, CountingRules.Default with { Unit = unit });

        var papers = await figures.CategoryAsync(Query(CountingUnit.Paper), AnalyticsFigures.CategoryKind.Pattern, AnalyticsFigures.CategoryAxis.Year, CancellationToken.None);
        var reuses = await figures.CategoryAsync(Query(CountingUnit.PaperModel), AnalyticsFigures.CategoryKind.Pattern, AnalyticsFigures.CategoryAxis.Year, CancellationToken.None);
        var steps = await figures.CategoryAsync(Query(CountingUnit.Paper), AnalyticsFigures.CategoryKind.Step, AnalyticsFigures.CategoryAxis.Overall, CancellationToken.None);

        Assert.Equal(1, papers.Series.Single(s => s.Name == "adaptation").Points.Single(p => p.X == "2020").Y);
        Assert.Equal(2, reuses.Series.Single(s => s.Name == "adaptation").Points.Single(p => p.X == "2020").Y);
        Assert.Equal(1, steps.Series.Single(s => s.Name == "Test").Points.Single().Y);
        Assert.Equal(1, steps.Series.Single(s => s.Name == "Analysis").Points.Single().Y);
    }
}
