using PtmReuse.Core.Classification;
using PtmReuse.Core.Review;
using PtmReuse.Core.Review.Agreement;
using PtmReuse.Core.Review.Sampling;
using PtmReuse.Tests.Infrastructure;
using PtmReuse.Core.Storage;

namespace PtmReuse.Tests.Review.Agreement;

public sealed class ClassifierAccuracyServiceTests
{
    /// <summary>
    /// Ten uses_dl decisions, all sampled (uniform): machine yes on papers 0–4, no on 5–9; the reviewer says yes on 0–3
    /// and 5, no on the rest. So TP = 4, FP = 1 (paper 4), FN = 1 (paper 5), TN = 4.
    /// </summary>
    private static async Task<long> SeedCensusAsync(TestDatabase database)
    {
        var data = new AgreementTestData(database);
        var run = await data.AddRunAsync();
        var papers = await data.AddPapersWithDecisionsAsync(run, 10, "Biology", 2020, i => AgreementTestData.Dl(i < 5));
        var sample = await database.Get<ValidationSampler>().CreateAsync(
            new ValidationSampleRequest(Stage.UsesDl, SampleDesign.Uniform, 10, Seed: 5, CreatedBy: "admin"), CancellationToken.None);
        for (var i = 0; i < papers.Count; i++)
        {
            await data.AddLabelAsync(papers[i].PaperId, AgreementTestData.Dl(i is < 4 or 5), decisionId: papers[i].DecisionId);
        }

        return sample.Id;
    }

    [Theory, SqliteData, PostgresData]
    public async Task Get_UniformSample_WilsonSensitivityAndSpecificity(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var sampleId = await SeedCensusAsync(database);

        var accuracy = await database.Get<ClassifierAccuracyService>().GetAsync(Stage.UsesDl, CancellationToken.None);

        Assert.NotNull(accuracy);
        Assert.Equal((sampleId, 10, 10), (accuracy.SampleId, accuracy.SampleSize, accuracy.Reviewed));
        // Se = 4/5 and Sp = 4/5. Wilson 4/5 at 95% (formula in ProportionIntervals; z² = 3.841459): centre
        // (0.8 + 0.384146)/1.768292 = 0.669655, half-width 1.959964·√(0.032 + 0.038415)/1.768292 = 0.294121 → (0.3755, 0.9638).
        Assert.Equal(0.8, accuracy.Sensitivity!.Estimate, 12);
        Assert.Equal(0.3755, accuracy.Sensitivity.Lower, 4);
        Assert.Equal(0.9638, accuracy.Sensitivity.Upper, 4);
        Assert.Equal(0.8, accuracy.Specificity!.Estimate, 12);
        Assert.Equal(0.3755, accuracy.Specificity.Lower, 4);
        // Accuracy 8/10: Wilson (0.4902, 0.9433), same formula with n = 10.
        Assert.Equal(0.8, accuracy.Accuracy!.Estimate, 12);
        Assert.Equal(0.4902, accuracy.Accuracy.Lower, 4);
        Assert.Equal(0.9433, accuracy.Accuracy.Upper, 4);
    }

    [Theory, SqliteData, PostgresData]
    public async Task CorrectProportion_ObservedThirtyOfHundred_RoganGladenWithDeltaInterval(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await SeedCensusAsync(database);
        var accuracy = (await database.Get<ClassifierAccuracyService>().GetAsync(Stage.UsesDl, CancellationToken.None))!;

        var corrected = accuracy.CorrectProportion(30, 100)!;

        // π = (0.3 + 0.8 − 1)/0.6 = 0.166667. Var = [0.3·0.7/100 + π²·0.16/5 + (1 − π)²·0.16/5]/0.36
        // = (0.0021 + 0.000889 + 0.022222)/0.36 = 0.070031; ±1.959964·0.264634 = ±0.518673 → (0 after clamping, 0.68534).
        Assert.Equal(1.0 / 6, corrected.Estimate, 9);
        Assert.Equal(0.0, corrected.Lower);
        Assert.Equal(0.68534, corrected.Upper, 4);
    }

    [Theory, SqliteData, PostgresData]
    public async Task ValidationSummary_ReviewedSample_StatesAccuracyWithIntervalsForTheMethodsParagraph(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var sampleId = await SeedCensusAsync(database);

        var sentences = await new ValidationSummary(database.Get<ClassifierAccuracyService>())
            .DescribeAsync(Core.Analytics.AnalyticsQuery.Default, CancellationToken.None);

        // The Wilson bounds worked out by hand in Get_UniformSample_WilsonSensitivityAndSpecificity, as percentages.
        var sentence = Assert.Single(sentences);
        Assert.Contains($"(#{sampleId})", sentence, StringComparison.Ordinal);
        Assert.Contains("10 of the 10 decisions", sentence, StringComparison.Ordinal);
        Assert.Contains("accuracy 80.0% (95% CI 49.0–94.3%)", sentence, StringComparison.Ordinal);
        Assert.Contains("sensitivity 80.0% (95% CI 37.6–96.4%)", sentence, StringComparison.Ordinal);
    }

    [Theory, SqliteData, PostgresData]
    public async Task Get_NoSample_IsNull(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);

        Assert.Null(await database.Get<ClassifierAccuracyService>().GetAsync(Stage.UsesDl, CancellationToken.None));
    }

    [Theory, SqliteData, PostgresData]
    public async Task Get_NewerSampleWithoutReviews_FallsBackToTheLatestReviewedOne(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var reviewedSample = await SeedCensusAsync(database);
        var newer = await database.Get<ValidationSampler>().CreateAsync(
            new ValidationSampleRequest(Stage.UsesDl, SampleDesign.Uniform, 3, Seed: 9, CreatedBy: "admin"), CancellationToken.None);
        await using (var db = await database.OpenAsync())
        {
            // Make the newer sample's items papers without labels: point them at a fresh run's decisions.
            var data = new AgreementTestData(database);
            var run = await data.AddRunAsync();
            var unlabelled = await data.AddPapersWithDecisionsAsync(run, 3, "Physics", 2021, _ => AgreementTestData.Dl(true));
            var items = db.ValidationSampleItems.Where(i => i.SampleId == newer.Id).OrderBy(i => i.Position).ToList();
            for (var i = 0; i < items.Count; i++)
            {
                items[i].DecisionId = unlabelled[i].DecisionId;
            }

            await db.SaveChangesAsync();
        }

        var accuracy = await database.Get<ClassifierAccuracyService>().GetAsync(Stage.UsesDl, CancellationToken.None);

        Assert.Equal(reviewedSample, accuracy!.SampleId);
    }

    [Theory, SqliteData, PostgresData]
    public async Task Get_StratifiedSample_WeightsItemsByStratum(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var data = new AgreementTestData(database);
        var run = await data.AddRunAsync();
        // Stratum "yes" (machine yes): population 20, 4 sampled: reviewer yes, yes, yes, no.
        // Stratum "no" (machine no): population 180, 6 sampled: reviewer yes, no, no, no, no, no.
        var machineYes = await data.AddPapersWithDecisionsAsync(run, 4, "Biology", 2020, _ => AgreementTestData.Dl(true));
        var machineNo = await data.AddPapersWithDecisionsAsync(run, 6, "Biology", 2020, _ => AgreementTestData.Dl(false));
        long sampleId;
        await using (var db = await database.OpenAsync())
        {
            var sample = new ValidationSample
            {
                Name = "hand-made", Stage = "uses_dl", Design = "stratified", Seed = 1, PopulationSize = 200, CreatedBy = "admin",
                CreatedAt = DateTime.UtcNow,
                SettingsJson = """{"stratify_by":"machine label","requested_size":10,"strata":[{"stratum":"no","population":180,"sampled":6},{"stratum":"yes","population":20,"sampled":4}]}""",
            };
            db.ValidationSamples.Add(sample);
            await db.SaveChangesAsync();
            sampleId = sample.Id;
            var position = 0;
            db.ValidationSampleItems.AddRange(machineYes.Select(p => new ValidationSampleItem { SampleId = sampleId, DecisionId = p.DecisionId, Position = position++, Stratum = "yes", Weight = 5 }));
            db.ValidationSampleItems.AddRange(machineNo.Select(p => new ValidationSampleItem { SampleId = sampleId, DecisionId = p.DecisionId, Position = position++, Stratum = "no", Weight = 30 }));
            await db.SaveChangesAsync();
        }

        for (var i = 0; i < 4; i++)
        {
            await data.AddLabelAsync(machineYes[i].PaperId, AgreementTestData.Dl(i < 3));
        }

        for (var i = 0; i < 6; i++)
        {
            await data.AddLabelAsync(machineNo[i].PaperId, AgreementTestData.Dl(i == 0));
        }

        var accuracy = (await database.Get<ClassifierAccuracyService>().GetAsync(Stage.UsesDl, CancellationToken.None))!;
        var evaluation = (await database.Get<ValidationSampleEvaluator>().EvaluateAsync(sampleId, 0.95, CancellationToken.None))!;

        // Se: human-yes items are 3 of weight 5 (machine yes) and 1 of weight 30 (machine no): 15/45 = 1/3,
        // n_eff = 45²/(3·25 + 900) = 2.0769; Wilson there → (0.0466, 0.8364).
        Assert.Equal(1.0 / 3, accuracy.Sensitivity!.Estimate, 9);
        Assert.Equal(2.0769, accuracy.Sensitivity.SampleSize, 4);
        Assert.Equal(0.0466, accuracy.Sensitivity.Lower, 4);
        Assert.Equal(0.8364, accuracy.Sensitivity.Upper, 4);
        // Sp: human-no items are 1 of weight 5 (machine yes: wrong) and 5 of weight 30 (right): 150/155 = 0.967742,
        // n_eff = 155²/(25 + 5·900) = 5.3094 → (0.5441, 0.9987).
        Assert.Equal(150.0 / 155, accuracy.Specificity!.Estimate, 9);
        Assert.Equal(0.5441, accuracy.Specificity.Lower, 4);
        Assert.Equal(0.9987, accuracy.Specificity.Upper, 4);
        // Prevalence (human yes): 0.1·3/4 + 0.9·1/6 = 0.225; Var = 0.01·0.1875/4 + 0.81·0.138889/6 = 0.019219,
        // n_eff = 0.225·0.775/0.019219 = 9.0732 → Wilson (0.0648, 0.5488).
        Assert.Equal(0.225, evaluation.Prevalence!.Estimate, 9);
        Assert.Equal(0.0648, evaluation.Prevalence.Lower, 4);
        Assert.Equal(0.5488, evaluation.Prevalence.Upper, 4);
        // Accuracy: 0.1·3/4 + 0.9·5/6 = 0.825; same variance, n_eff = 0.825·0.175/0.019219 = 7.5122 → (0.4682, 0.9619).
        Assert.Equal(0.825, evaluation.Accuracy!.Estimate, 9);
        Assert.Equal(0.4682, evaluation.Accuracy.Lower, 4);
        Assert.Equal(0.9619, evaluation.Accuracy.Upper, 4);
    }

    [Theory, SqliteData, PostgresData]
    public async Task Get_PerModelStage_IsNull(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await SeedCensusAsync(database);

        Assert.Null(await database.Get<ClassifierAccuracyService>().GetAsync(Stage.IdentifyPtms, CancellationToken.None));
    }
}
