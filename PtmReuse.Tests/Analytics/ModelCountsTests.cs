using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PtmReuse.Core.Analytics;
using PtmReuse.Core.Analytics.Figures;
using PtmReuse.Core.Analytics.Projection;
using PtmReuse.Core.Classification;
using PtmReuse.Core.Review;
using PtmReuse.Core.Storage;
using PtmReuse.Tests.Infrastructure;
using static PtmReuse.Tests.Analytics.AnalyticsTestData;

namespace PtmReuse.Tests.Analytics;

/// <summary>
/// The paper × model charts read pre-aggregated counts (<see cref="ProjectionModel.ModelCountTable"/>) where they can:
/// their numbers must equal the same charts counted over the projection rows, for every mix of filters and counting
/// rules, after label corrections and after a rebuild; and the counts kept by incremental writes must equal the counts
/// recomputed from the rows.
/// </summary>
public sealed class ModelCountsTests
{
    private static readonly CancellationToken None = CancellationToken.None;
    private static readonly string[] ModelNames = ["AlexNet", "VGG16", "U-Net", "ResNet-50", "BERT", "AlphaFold"];
    private static readonly string[] Fields = [Biochemistry, Neuroscience, Chemistry, Medicine];

    private sealed record Seeded(long Run1, long Run2, IReadOnlyList<long> Papers);

    /// <summary>
    /// 48 papers, 2018–2022, four fields (Medicine outside the natural sciences), a third of them in a second field, two
    /// journals; two runs whose answers differ for some papers; one or two models per PTM paper, some without a pattern or
    /// a step label, some ungrounded, confidences from 0.3 to 0.95. Deterministic (fixed seed).
    /// </summary>
    private static async Task<Seeded> SeedAsync(TestDatabase database)
    {
        var data = new AnalyticsTestData(database);
        var run1 = await data.AddRunAsync("llm-a");
        var run2 = await data.AddRunAsync("llm-b");
        var random = new Random(14);
        var papers = new List<long>();
        for (var i = 0; i < 48; i++)
        {
            var field = Fields[i % Fields.Length];
            string[] others = i % 3 == 0 ? [Fields[(i + 1) % Fields.Length]] : [];
            var paper = await data.AddPaperAsync($"Paper {i}", 2018 + (i % 5), field, i % 2 == 0 ? "PLOS ONE" : "PLOS Biology", others);
            papers.Add(paper);
            foreach (var run in new[] { run1, run2 })
            {
                var grounded = random.NextDouble() > 0.2;
                var confidence = Math.Round(0.3 + (random.NextDouble() * 0.65), 2);
                await data.AddDecisionAsync(run, paper, Dl(true), grounded: grounded, confidence: confidence);
                var reuses = random.NextDouble() < 0.8;
                await data.AddDecisionAsync(run, paper, Ptms(reuses), grounded: grounded, confidence: confidence);
                if (!reuses)
                {
                    continue;
                }

                var models = ModelNames.OrderBy(_ => random.Next()).Take(1 + random.Next(2)).ToArray();
                await data.AddDecisionAsync(run, paper, Models(models), grounded: grounded, confidence: confidence);
                // The last model of a two-model paper sometimes lacks a pattern (or a step): it counts as "unknown".
                var patterned = models.Length == 2 && random.NextDouble() < 0.4 ? models[..1] : models;
                await data.AddDecisionAsync(run, paper, Reuse([.. patterned.Select(m => (m, (ReusePattern)random.Next(3)))]), grounded: grounded, confidence: confidence);
                var stepped = models.Length == 2 && random.NextDouble() < 0.4 ? models[1..] : models;
                await data.AddDecisionAsync(run, paper, Impact([.. stepped.Select(m => (m, Enum.GetValues<ScienceStep>()[random.Next(Enum.GetValues<ScienceStep>().Length)]))]),
                    grounded: grounded, confidence: confidence);
            }
        }

        return new Seeded(run1, run2, papers);
    }

    /// <summary>Filters and counting rules the charts offer, each alone and some mixed.</summary>
    private static IEnumerable<(string Name, AnalyticsQuery Query)> Queries(Seeded seeded)
    {
        var all = AnalyticsFilter.Default;
        var rules = CountingRules.Default;
        foreach (var unit in Enum.GetValues<CountingUnit>())
        {
            foreach (var multiField in Enum.GetValues<MultiFieldRule>())
            {
                var r = rules with { Unit = unit, MultiField = multiField };
                yield return ($"{unit}/{multiField}", new(all, r));
                yield return ($"{unit}/{multiField}/all fields", new(all with { NaturalScienceOnly = false }, r));
                yield return ($"{unit}/{multiField}/machine", new(all, r with { Basis = LabelBasis.MachineOnly }));
            }
        }

        yield return ("fields", new(all with { Fields = [Biochemistry, Neuroscience] }, rules));
        yield return ("fields, whole", new(all with { Fields = [Neuroscience] }, rules with { MultiField = MultiFieldRule.Whole }));
        yield return ("years", new(all with { FromYear = 2019, ToYear = 2021 }, rules));
        yield return ("grounded, fractional", new(all with { GroundedOnly = true }, rules with { MultiField = MultiFieldRule.Fractional }));
        yield return ("run 1", new(all with { RunId = seeded.Run1 }, rules));
        yield return ("run 2, paper x model, all fields", new(all with { RunId = seeded.Run2, NaturalScienceOnly = false }, rules with { Unit = CountingUnit.PaperModel }));
        yield return ("fields + years + grounded, machine", new(all with { Fields = [Chemistry, Biochemistry], FromYear = 2020, ToYear = 2022, GroundedOnly = true },
            rules with { Basis = LabelBasis.MachineOnly }));
        // Answered from the rows whatever the route (the counts keep neither journals nor confidences).
        yield return ("journal", new(all with { Journals = ["PLOS ONE"] }, rules));
        yield return ("min confidence", new(all with { MinConfidence = 0.6 }, rules));
    }

    /// <summary>Every figure and table that counts model rows.</summary>
    private static async Task<List<Figure>> ModelFiguresAsync(AnalyticsFigures figures, AnalyticsQuery query)
    {
        var list = new List<Figure>();
        foreach (var kind in Enum.GetValues<AnalyticsFigures.CategoryKind>())
        {
            foreach (var axis in Enum.GetValues<AnalyticsFigures.CategoryAxis>())
            {
                list.Add(await figures.CategoryAsync(query, kind, axis, None));
            }
        }

        list.Add(await figures.TopModelsAsync(query, 10, None));
        list.Add(await figures.TopModelsAsync(query, 2, None));
        list.Add(await figures.ModelTrendAsync(query, 5, None));
        list.Add(await figures.ModelTrendAsync(query, 2, None));
        list.Add(await figures.HeatmapAsync(query, None));
        list.Add(await figures.AdoptionAsync(query, AdoptionMeasure.UsesPtms, share: true, stacked: false, None));
        list.Add(TableAsFigure(await figures.TopModelsByFieldAsync(query, 5, None)));
        return list;
    }

    private static Figure TableAsFigure(FigureTable table) => new(table.Id, table.Title, FigureKind.Bar, "", "",
        [new FigureSeries("rows", "all", table.Rows.Select(r => new FigurePoint(string.Join(" | ", r), 0)).ToList())], table.Caption);

    /// <summary>
    /// The figures as a freshly started process reads them from the counts, and from the rows (a second store that never
    /// reads the model counts), over one new projection instance.
    /// </summary>
    private static (AnalyticsFigures Counts, AnalyticsFigures Rows) BothRoutes(TestDatabase database)
    {
        var projection = ActivatorUtilities.CreateInstance<AnalyticsProjection>(database.Services);
        AnalyticsFigures Figures(bool readModelCounts)
        {
            var store = ActivatorUtilities.CreateInstance<AnalyticsStore>(database.Services, projection);
            store.ReadModelCounts = readModelCounts;
            return ActivatorUtilities.CreateInstance<AnalyticsFigures>(database.Services, store, ActivatorUtilities.CreateInstance<StudySummary>(database.Services, store));
        }

        return (Figures(true), Figures(false));
    }

    private static async Task AssertRoutesAgreeAsync(TestDatabase database, Seeded seeded, string when)
    {
        var (counts, rows) = BothRoutes(database);
        foreach (var (name, query) in Queries(seeded))
        {
            var fromCounts = await ModelFiguresAsync(counts, query);
            var fromRows = await ModelFiguresAsync(rows, query);
            for (var i = 0; i < fromCounts.Count; i++)
            {
                AssertSameNumbers(fromRows[i], fromCounts[i], $"{when}, {name}, {fromRows[i].Id}");
            }
        }
    }

    private static void AssertSameNumbers(Figure expected, Figure actual, string context)
    {
        Assert.True(expected.Series.Select(s => s.Name).SequenceEqual(actual.Series.Select(s => s.Name)),
            $"{context}: series {string.Join(", ", expected.Series.Select(s => s.Name))} vs {string.Join(", ", actual.Series.Select(s => s.Name))}");
        foreach (var (e, a) in expected.Series.Zip(actual.Series))
        {
            Assert.True(e.Points.Select(p => p.X).SequenceEqual(a.Points.Select(p => p.X)), $"{context}, {e.Name}: x values differ");
            foreach (var (ep, ap) in e.Points.Zip(a.Points))
            {
                // Fractional weights are summed in another order by the counts: equal to rounding.
                Assert.True(Math.Abs(ep.Y - ap.Y) < 1e-9 && Math.Abs((ep.Denominator ?? 0) - (ap.Denominator ?? 0)) < 1e-9,
                    $"{context}, {e.Name}, {ep.X}: {ep.Y}/{ep.Denominator} from the rows, {ap.Y}/{ap.Denominator} from the counts");
            }
        }
    }

    [Theory, SqliteData, PostgresData]
    public async Task ModelCharts_FromCountsForEveryFilterMix_EqualTheChartsCountedOverTheRows(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var seeded = await SeedAsync(database);
        await database.Get<AnalyticsProjection>().RebuildAsync(None);

        await AssertRoutesAgreeAsync(database, seeded, "after a rebuild");

        // The counts route is the one taken for the default query (else the comparison above proves nothing), and the
        // seeded charts are not empty.
        var store = database.Get<AnalyticsStore>();
        Assert.Contains(ProjectionModel.ModelCountTable, store.BuildCountSql(AnalyticsQuery.Default, CountSpec.Models(["Model", "Year"]), out _));
        Assert.Contains(ProjectionModel.ModelCountTable, store.BuildCountSql(AnalyticsQuery.Default, CountSpec.Models(["Field", "Pattern"]), out _));
        Assert.DoesNotContain(ProjectionModel.ModelCountTable,
            store.BuildCountSql(AnalyticsQuery.Default with { Filter = AnalyticsFilter.Default with { MinConfidence = 0.5 } }, CountSpec.Models(["Model"]), out _));
        var top = await database.Get<AnalyticsFigures>().TopModelsAsync(AnalyticsQuery.Default, 10, None);
        Assert.True(top.Series[0].Points.Sum(p => p.Y) > 20, "the seeded store has PTM reuses to count");
    }

    [Theory, SqliteData, PostgresData]
    public async Task ModelCharts_AfterLabelCorrectionsAndARebuild_StillEqualTheRowsAndTheCountsDoNotDrift(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var seeded = await SeedAsync(database);
        var figures = database.Get<AnalyticsFigures>();
        var before = await figures.TopModelsAsync(AnalyticsQuery.Default, 10, None); // builds the projection and its counts

        // Reviewers correct models, patterns and steps, and say one paper reuses no PTM (the cascade retires its model
        // labels): each through the labelling service, whose listener rewrites the paper's rows and counts.
        var labelling = database.Get<LabellingService>();
        foreach (var paper in seeded.Papers.Where((_, i) => i % 4 == 1))
        {
            await labelling.LabelPaperAsync("ana", paper, Ptms(true), null, None);
            await labelling.LabelPaperAsync("ana", paper, Models("AlexNet", "AlphaFold"), null, None);
            await labelling.LabelPaperAsync("ana", paper, Reuse(("AlexNet", ReusePattern.Deployment), ("AlphaFold", ReusePattern.Conceptual)), null, None);
            await labelling.LabelPaperAsync("ana", paper, Impact(("AlexNet", ScienceStep.Analysis)), null, None);
        }

        await labelling.LabelPaperAsync("ana", seeded.Papers[2], Ptms(false), null, None);
        var after = await figures.TopModelsAsync(AnalyticsQuery.Default, 10, None);
        Assert.NotEqual(before.Series[0].Points.Select(p => p.Y), after.Series[0].Points.Select(p => p.Y));

        await AssertCountsEqualRecomputedAsync(database, "after label corrections");
        await AssertRoutesAgreeAsync(database, seeded, "after label corrections");

        await database.Get<AnalyticsProjection>().RebuildAsync(None);
        await AssertCountsEqualRecomputedAsync(database, "after a rebuild");
        await AssertRoutesAgreeAsync(database, seeded, "after label corrections and a rebuild");
    }

    [Theory, SqliteData, PostgresData]
    public async Task ModelCounts_OfAStoreMigratedWithoutThem_AreComputedFromTheRowsBeforeTheNextQuery(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var seeded = await SeedAsync(database);
        await database.Get<AnalyticsProjection>().RebuildAsync(None);
        // What a store built before the model counts holds: the paper counts' old marker and no model counts.
        await using (var db = await database.OpenAsync())
        {
            await db.AnalyticsModelCounts.ExecuteDeleteAsync();
            await db.AnalyticsScopeStates.Where(s => s.Scope == long.MinValue).ExecuteUpdateAsync(s => s.SetProperty(x => x.Signature, "counts"));
        }

        var (counts, rows) = BothRoutes(database);
        AssertSameNumbers(await rows.ModelTrendAsync(AnalyticsQuery.Default, 5, None), await counts.ModelTrendAsync(AnalyticsQuery.Default, 5, None), "migrated store");
        await AssertCountsEqualRecomputedAsync(database, "migrated store");
        await AssertRoutesAgreeAsync(database, seeded, "migrated store");
    }

    /// <summary>The non-zero model counts in the table equal the counts grouped from the rows now.</summary>
    private static async Task AssertCountsEqualRecomputedAsync(TestDatabase database, string when)
    {
        await using var db = await database.OpenAsync();
        var stored = (await db.AnalyticsModelCounts.Where(c => c.Items != 0).ToListAsync())
            .Select(c => (c.Scope, c.Dimension, c.IsPrimary, c.Year, c.Field, c.Grounded, c.Value, c.IsFirst, c.Items, Math.Round(c.WeightSum, 9)))
            .OrderBy(c => c.ToString(), StringComparer.Ordinal).ToList();
        var rows = await db.AnalyticsModelLabels.ToListAsync();
        var recomputed = ModelCountDimension.All.SelectMany(dimension => rows.GroupBy(r => (r.Scope, r.IsPrimary, Year: r.Year ?? -1, r.Field, r.Grounded,
                Value: dimension == ModelCountDimension.Model ? r.Model : (dimension == ModelCountDimension.Pattern ? r.Pattern : r.Step) ?? "",
                IsFirst: dimension == ModelCountDimension.Pattern ? r.PatternFirst : dimension == ModelCountDimension.Step && r.StepFirst))
            .Select(g => (g.Key.Scope, dimension, g.Key.IsPrimary, g.Key.Year, g.Key.Field, g.Key.Grounded, g.Key.Value, g.Key.IsFirst, (long)g.Count(), Math.Round(g.Sum(r => r.Weight), 9))))
            .OrderBy(c => c.ToString(), StringComparer.Ordinal).ToList();
        Assert.True(recomputed.Count > 0, when);
        Assert.Equal(recomputed, stored);
    }
}
