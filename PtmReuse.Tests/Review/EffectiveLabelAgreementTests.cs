using Microsoft.EntityFrameworkCore;
using PtmReuse.Core.Analytics;
using PtmReuse.Core.Analytics.Figures;
using PtmReuse.Core.Analytics.Projection;
using PtmReuse.Core.Classification;
using PtmReuse.Core.Export;
using PtmReuse.Core.Review;
using PtmReuse.Tests.Analytics;
using PtmReuse.Tests.Infrastructure;

namespace PtmReuse.Tests.Review;

/// <summary>
/// Property-style: random label histories (accept, correct, skip, note, undo, two reviewers agreeing or not, an admin's
/// adjudication) written through the real labelling service on a real SQLite file; afterwards the chart data, the
/// decisions export, the paper page and the review view must say the same for every paper and stage.
/// </summary>
public sealed class EffectiveLabelAgreementTests
{
    private const string Admin = "carol";
    private static readonly string[] Reviewers = ["alice", "bob"];
    private static readonly string[] ModelPool = ["ResNet-50", "AlphaFold 2", "BERT", "U-Net"];
    private static readonly AnalyticsQuery Everything = new(AnalyticsFilter.Default with { NaturalScienceOnly = false }, CountingRules.Default);

    [Theory]
    [InlineData(11)]
    [InlineData(23)]
    [InlineData(42)]
    public async Task RandomLabelHistories_EveryView_AgreesOnEveryPaperAndStage(int seed)
    {
        await using var database = await TestDatabase.CreateAsync();
        var random = new Random(seed);
        var data = new AnalyticsTestData(database);
        var run = await data.AddRunAsync();
        // One paper per year, so a year's bar in the outcome charts is exactly one paper's label.
        var papers = new List<long>();
        for (var i = 0; i < 24; i++)
        {
            var paper = await data.AddPaperAsync($"Paper {seed}-{i}", 2000 + i, AnalyticsTestData.Chemistry);
            papers.Add(paper);
            await AddGatedDecisionsAsync(data, run, paper, random);
        }

        var labelling = database.Get<LabellingService>();
        var views = database.Get<ReviewViews>();
        var actions = new Dictionary<string, int>();
        foreach (var paper in papers)
        {
            var steps = random.Next(0, 9);
            for (var step = 0; step < steps; step++)
            {
                var done = await RandomActionAsync(database, labelling, views, paper, random);
                if (done is not null)
                {
                    actions[done] = actions.GetValueOrDefault(done) + 1;
                }
            }
        }

        // The histories must exercise every kind of action, or the property says little.
        Assert.All(new[] { "accept", "correct", "skip", "note", "undo", "adjudicate" }, kind => Assert.True(actions.GetValueOrDefault(kind) > 0, $"no {kind} in seed {seed}"));

        var figures = database.Get<AnalyticsFigures>();
        var usesDlChart = await figures.OutcomesByYearAsync(Everything, Stage.UsesDl, CancellationToken.None);
        var usesPtmsChart = await figures.OutcomesByYearAsync(Everything, Stage.UsesPtms, CancellationToken.None);
        List<PaperModelLabel> modelRows;
        await using (var db = await database.OpenAsync())
        {
            modelRows = await db.Set<PaperModelLabel>().AsNoTracking().Where(r => r.Scope == ProjectionScope.Effective && r.IsPrimary).ToListAsync();
        }

        var exported = new Dictionary<string, ExportedPaper>();
        await foreach (var paper in database.Get<DecisionsExport>().PapersAsync(MachineDecisionFilter.Latest, CancellationToken.None))
        {
            exported[paper.Title] = paper;
        }

        var paperLabels = database.Get<PaperLabels>();
        for (var i = 0; i < papers.Count; i++)
        {
            var paperId = papers[i];
            var year = (2000 + i).ToString(System.Globalization.CultureInfo.InvariantCulture);
            var page = await paperLabels.ForPaperAsync(paperId, "observer", CancellationToken.None);
            var export = exported[$"Paper {seed}-{i}"];
            var context = $"seed {seed}, paper {i} (id {paperId})";

            // uses_dl and uses_ptms: chart bar = export = paper page.
            Assert.True(ChartValue(usesDlChart, year) == page.Outcome.UsesDl, $"{context}: uses_dl chart {ChartValue(usesDlChart, year)} vs page {page.Outcome.UsesDl}");
            Assert.True(ChartValue(usesPtmsChart, year) == page.Outcome.UsesPtms, $"{context}: uses_ptms chart {ChartValue(usesPtmsChart, year)} vs page {page.Outcome.UsesPtms}");
            Assert.True(export.UsesDl == PaperOutcome.AsBoolean(page.Outcome.UsesDl), $"{context}: uses_dl export {export.UsesDl} vs page {page.Outcome.UsesDl}");
            Assert.True(export.UsesPtms == PaperOutcome.AsBoolean(page.Outcome.UsesPtms), $"{context}: uses_ptms export {export.UsesPtms} vs page {page.Outcome.UsesPtms}");

            // Models with their pattern and step: chart rows = export = paper page.
            var chartModels = modelRows.Where(r => r.PaperId == paperId).Select(r => Key(r.Model, r.Pattern, r.Step)).Order().ToList();
            var exportModels = export.Ptms.Select(p => Key(p.Canonical ?? p.Name, p.Pattern, p.Step)).Order().ToList();
            var pageModels = page.Ptms.Select(p => Key(p.CountedName, p.Pattern, p.Step)).Order().ToList();
            Assert.True(chartModels.SequenceEqual(exportModels), $"{context}: models chart [{string.Join(", ", chartModels)}] vs export [{string.Join(", ", exportModels)}]");
            Assert.True(pageModels.SequenceEqual(exportModels), $"{context}: models page [{string.Join(", ", pageModels)}] vs export [{string.Join(", ", exportModels)}]");

            // Every stage: the review view's "counts now" = the paper page's label, whoever set it.
            foreach (var stage in page.Stages)
            {
                if (stage.ReviewDecisionId is null)
                {
                    // Only a cascade settles a stage the machine never answered (uses_dl = no settles uses_ptms): nothing to review.
                    Assert.Equal(LabelSource.Human, stage.Source);
                    continue;
                }

                var view = await views.BuildAsync(stage.ReviewDecisionId!.Value, "observer", CancellationToken.None);
                Assert.NotNull(view);
                Assert.True(AnswerKeys.For(view!.Labels.Current) == AnswerKeys.For(stage.Answer),
                    $"{context}, {stage.Stage.WireName()}: review view {AnswerKeys.For(view.Labels.Current)} vs page {AnswerKeys.For(stage.Answer)}");
                Assert.True(view.Labels.CurrentSource == stage.Source, $"{context}, {stage.Stage.WireName()}: review view source {view.Labels.CurrentSource} vs page {stage.Source}");
                Assert.Equal(stage.Conflict, view.Labels.Conflict);
            }

            var humanStages = page.Stages.Any(s => s.Source == LabelSource.Human);
            Assert.Equal(humanStages ? "human" : "machine", export.LabelSource);
        }
    }

    private static LabelValue ChartValue(Figure chart, string year)
    {
        var values = new[] { ("yes", LabelValue.Yes), ("no", LabelValue.No), ("unknown (failed)", LabelValue.Unknown), ("not classified", LabelValue.NotRun) }
            .Where(s => chart.Series.Single(series => series.Name == s.Item1).Points.Single(p => p.X == year).Y == 1).Select(s => s.Item2).ToList();
        Assert.Single(values); // one paper per year: exactly one outcome holds it
        return values[0];
    }

    private static string Key(string model, string? pattern, string? step) => $"{model.ToLowerInvariant()}:{pattern ?? "-"}:{step ?? "-"}";

    /// <summary>Decisions as a run writes them: each stage only after a "yes" above it; any stage may fail.</summary>
    private static async Task AddGatedDecisionsAsync(AnalyticsTestData data, long run, long paper, Random random)
    {
        async Task<bool> FlagAsync(Func<bool, StageAnswer> answer, Stage stage, double yesShare)
        {
            if (random.NextDouble() < 0.12)
            {
                await data.AddDecisionAsync(run, paper, null, stage);
                return false;
            }

            var yes = random.NextDouble() < yesShare;
            await data.AddDecisionAsync(run, paper, answer(yes));
            return yes;
        }

        if (!await FlagAsync(yes => new UsesDlAnswer(yes, null), Stage.UsesDl, 0.7) || !await FlagAsync(yes => new UsesPtmsAnswer(yes, null), Stage.UsesPtms, 0.7))
        {
            return;
        }

        var models = RandomModels(random, 1);
        await data.AddDecisionAsync(run, paper, new IdentifyPtmsAnswer(models.Select(m => new PtmMention(m, m, null)).ToList()));
        await data.AddDecisionAsync(run, paper, RandomReuse(random, models));
        await data.AddDecisionAsync(run, paper, RandomImpact(random, models));
    }

    private static List<string> RandomModels(Random random, int minimum) =>
        ModelPool.Where(_ => random.NextDouble() < 0.4).Concat(ModelPool.OrderBy(_ => random.Next()).Take(minimum)).Distinct().ToList();

    private static PtmReuseAnswer RandomReuse(Random random, IEnumerable<string> models) =>
        new(models.Select(m => new PtmReuseItem(m, m, "fine-tuned", (ReusePattern)random.Next(3), null)).ToList());

    private static PtmImpactAnswer RandomImpact(Random random, IEnumerable<string> models) =>
        new(models.Select(m => new PtmImpactItem(m, m, Enum.GetValues<ScienceStep>()[random.Next(Enum.GetValues<ScienceStep>().Length)], null)).ToList());

    private static StageAnswer RandomValue(Random random, Stage stage) => stage switch
    {
        Stage.UsesDl => new UsesDlAnswer(random.Next(2) == 0, null),
        Stage.UsesPtms => new UsesPtmsAnswer(random.Next(2) == 0, null),
        Stage.IdentifyPtms => new IdentifyPtmsAnswer(RandomModels(random, 0).Select(m => new PtmMention(m, null, null)).ToList()),
        Stage.PtmReuse => RandomReuse(random, RandomModels(random, 0)),
        _ => RandomImpact(random, RandomModels(random, 0)),
    };

    /// <summary>One random action on a random stage of the paper; returns its kind, or null when the service refused it.</summary>
    private static async Task<string?> RandomActionAsync(TestDatabase database, LabellingService labelling, ReviewViews views, long paper, Random random)
    {
        List<long> decisions;
        await using (var db = await database.OpenAsync())
        {
            decisions = await db.Decisions.Where(d => d.PaperId == paper).OrderBy(d => d.Id).Select(d => d.Id).ToListAsync();
        }

        var decisionId = decisions[random.Next(decisions.Count)];
        var reviewer = Reviewers[random.Next(Reviewers.Length)];
        var view = (await views.BuildAsync(decisionId, reviewer, CancellationToken.None))!;
        var roll = random.NextDouble();
        try
        {
            switch (roll)
            {
                case < 0.25:
                    await labelling.ApplyAsync(reviewer, new LabelCommand(decisionId, LabelAction.Accept, view.Labels.Version), CancellationToken.None);
                    return "accept";
                case < 0.55:
                    await labelling.ApplyAsync(reviewer, new LabelCommand(decisionId, LabelAction.Correct, view.Labels.Version, RandomValue(random, view.Decision.Stage)), CancellationToken.None);
                    return "correct";
                case < 0.65:
                    await labelling.ApplyAsync(reviewer, new LabelCommand(decisionId, LabelAction.Skip, view.Labels.Version), CancellationToken.None);
                    return "skip";
                case < 0.75:
                    await labelling.ApplyAsync(reviewer, new LabelCommand(decisionId, LabelAction.Note, view.Labels.Version, Note: "checked the methods"), CancellationToken.None);
                    return "note";
                case < 0.92:
                    await labelling.ApplyAsync(reviewer, new LabelCommand(decisionId, LabelAction.Undo, view.Labels.Version), CancellationToken.None);
                    return "undo";
                default:
                    await labelling.AdjudicateAsync(Admin, paper, view.Decision.Stage, RandomValue(random, view.Decision.Stage), "decided", CancellationToken.None);
                    return "adjudicate";
            }
        }
        catch (Exception refused) when (refused is LabelSchemaException or ReviewNotFoundException)
        {
            return null; // a correction the schema refuses, or an undo with nothing to undo: the history goes on
        }
    }
}
