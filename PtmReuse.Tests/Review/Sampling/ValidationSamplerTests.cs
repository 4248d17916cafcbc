using Microsoft.EntityFrameworkCore;
using PtmReuse.Core.Classification;
using PtmReuse.Core.Review.Sampling;
using PtmReuse.Tests.Infrastructure;
using PtmReuse.Core.Storage;

namespace PtmReuse.Tests.Review.Sampling;

public sealed class ValidationSamplerTests
{
    /// <summary>
    /// 200 uses_dl decisions: Biology 2020 has 100 (30 yes, 70 no), Physics 2021 has 100 (10 yes, 90 no).
    /// </summary>
    private static async Task<long> SeedAsync(TestDatabase database)
    {
        var data = new AgreementTestData(database);
        var run = await data.AddRunAsync();
        await data.AddPapersWithDecisionsAsync(run, 100, "Biology", 2020, i => AgreementTestData.Dl(i < 30));
        await data.AddPapersWithDecisionsAsync(run, 100, "Physics", 2021, i => AgreementTestData.Dl(i < 10));
        return run;
    }

    private static async Task<List<(long DecisionId, int Position, string Stratum, double Weight)>> ItemsAsync(TestDatabase database, long sampleId)
    {
        await using var db = await database.OpenAsync();
        var items = await db.ValidationSampleItems.Where(i => i.SampleId == sampleId).OrderBy(i => i.Position).ToListAsync();
        return items.Select(i => (i.DecisionId, i.Position, i.Stratum, i.Weight)).ToList();
    }

    [Theory, SqliteData, PostgresData]
    public async Task Create_SameSeedTwice_DrawsTheSameItemsInTheSameOrder(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await SeedAsync(database);
        var sampler = database.Get<ValidationSampler>();
        var request = new ValidationSampleRequest(Stage.UsesDl, SampleDesign.Uniform, 25, Seed: 42, CreatedBy: "admin");

        var first = await ItemsAsync(database, (await sampler.CreateAsync(request, CancellationToken.None)).Id);
        var second = await ItemsAsync(database, (await sampler.CreateAsync(request, CancellationToken.None)).Id);
        var otherSeed = await ItemsAsync(database, (await sampler.CreateAsync(request with { Seed = 7 }, CancellationToken.None)).Id);

        Assert.Equal(25, first.Count);
        Assert.Equal(first.Count, first.Select(i => i.DecisionId).Distinct().Count());
        Assert.Equal(first, second);
        Assert.NotEqual(first.Select(i => i.DecisionId).Order(), otherSeed.Select(i => i.DecisionId).Order());
    }

    [Theory, SqliteData, PostgresData]
    public async Task Create_Uniform_RecordsDesignSeedPopulationAndEqualWeights(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await SeedAsync(database);

        var sample = await database.Get<ValidationSampler>().CreateAsync(
            new ValidationSampleRequest(Stage.UsesDl, SampleDesign.Uniform, 40, Seed: 3, CreatedBy: "admin", TargetWidth: 0.1, Confidence: 0.95),
            CancellationToken.None);
        var items = await ItemsAsync(database, sample.Id);

        Assert.Equal(("uniform", 3, 200, "uses_dl", "admin"), (sample.Design, sample.Seed, sample.PopulationSize, sample.Stage, sample.CreatedBy));
        Assert.Contains("\"target_width\":0.1", sample.SettingsJson, StringComparison.Ordinal);
        // One stratum: every item stands for 200/40 = 5 decisions.
        Assert.All(items, i => Assert.Equal(("all", 5.0), (i.Stratum, i.Weight)));
        Assert.Equal(Enumerable.Range(0, 40), items.Select(i => i.Position));
    }

    [Theory, SqliteData, PostgresData]
    public async Task Create_Stratified_AllocatesProportionallyWithPopulationOverSampleWeights(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await SeedAsync(database);

        var sample = await database.Get<ValidationSampler>().CreateAsync(
            new ValidationSampleRequest(Stage.UsesDl, SampleDesign.Stratified, 20, Seed: 11, CreatedBy: "admin"), CancellationToken.None);
        var strata = (await ItemsAsync(database, sample.Id)).GroupBy(i => i.Stratum).ToDictionary(g => g.Key, g => (Count: g.Count(), g.First().Weight));

        // Populations 30/70/10/90 of 200; 20 items proportionally = 3/7/1/9, weights N_h/n_h = 10 in every stratum.
        Assert.Equal((3, 10.0), strata["Biology × 2020 × yes"]);
        Assert.Equal((7, 10.0), strata["Biology × 2020 × no"]);
        Assert.Equal((1, 10.0), strata["Physics × 2021 × yes"]);
        Assert.Equal((9, 10.0), strata["Physics × 2021 × no"]);
        Assert.Equal("stratified", sample.Design);
    }

    [Theory, SqliteData, PostgresData]
    public async Task Create_StratifiedByLabelOnly_WeightsDifferByStratum(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await SeedAsync(database);

        var sample = await database.Get<ValidationSampler>().CreateAsync(
            new ValidationSampleRequest(Stage.UsesDl, SampleDesign.Stratified, 5, Seed: 1, CreatedBy: "admin", Dimensions: StratumDimensions.MachineLabel),
            CancellationToken.None);
        var strata = (await ItemsAsync(database, sample.Id)).GroupBy(i => i.Stratum).ToDictionary(g => g.Key, g => (Count: g.Count(), g.First().Weight));

        // 40 yes / 160 no; 5 items: one each first, then 160/2 = 80 > 40/2 = 20 so the next three go to "no" (80, 53.3, 40 ≥ 20):
        // yes 1 (weight 40), no 4 (weight 160/4 = 40).
        Assert.Equal((1, 40.0), strata["yes"]);
        Assert.Equal((4, 40.0), strata["no"]);
    }

    [Theory, SqliteData, PostgresData]
    public async Task Create_OneRun_SamplesOnlyThatRunsLatestDecisionPerPaper(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var data = new AgreementTestData(database);
        var firstRun = await data.AddRunAsync();
        var papers = await data.AddPapersWithDecisionsAsync(firstRun, 6, "Biology", 2020, _ => AgreementTestData.Dl(false));
        var secondRun = await data.AddRunAsync();
        var secondRunDecision = await data.AddDecisionAsync(secondRun, papers[0].PaperId, AgreementTestData.Dl(true));
        var sampler = database.Get<ValidationSampler>();

        var wholeStage = await sampler.CreateAsync(new ValidationSampleRequest(Stage.UsesDl, SampleDesign.Uniform, 100, 1, "admin"), CancellationToken.None);
        var oneRun = await sampler.CreateAsync(new ValidationSampleRequest(Stage.UsesDl, SampleDesign.Uniform, 100, 1, "admin", RunId: secondRun), CancellationToken.None);

        // Six papers, the first re-classified: the stage's population is six decisions, the second run's is one.
        var all = (await ItemsAsync(database, wholeStage.Id)).Select(i => i.DecisionId).ToList();
        Assert.Equal(6, all.Count);
        Assert.Contains(secondRunDecision, all);
        Assert.DoesNotContain(papers[0].DecisionId, all);
        Assert.Equal([secondRunDecision], (await ItemsAsync(database, oneRun.Id)).Select(i => i.DecisionId));
        Assert.Equal(secondRun, oneRun.RunId);
    }

    [Theory, SqliteData, PostgresData]
    public async Task Create_NoDecisions_ThrowsNamingTheStage(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => database.Get<ValidationSampler>().CreateAsync(
            new ValidationSampleRequest(Stage.UsesPtms, SampleDesign.Uniform, 10, 1, "admin"), CancellationToken.None));
        Assert.Contains("uses_ptms", error.Message, StringComparison.Ordinal);
    }

    [Theory, SqliteData, PostgresData]
    public async Task List_CountsReviewedItems(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var data = new AgreementTestData(database);
        var run = await data.AddRunAsync();
        var papers = await data.AddPapersWithDecisionsAsync(run, 4, "Biology", 2020, _ => AgreementTestData.Dl(true));
        var sampler = database.Get<ValidationSampler>();
        await sampler.CreateAsync(new ValidationSampleRequest(Stage.UsesDl, SampleDesign.Uniform, 4, 1, "admin"), CancellationToken.None);
        await data.AddLabelAsync(papers[0].PaperId, AgreementTestData.Dl(true));
        await data.AddLabelAsync(papers[1].PaperId, AgreementTestData.Dl(false), retired: true);

        var summary = Assert.Single(await sampler.ListAsync(Stage.UsesDl, CancellationToken.None));

        Assert.Equal((4, 1), (summary.Items, summary.Reviewed));
    }
}
