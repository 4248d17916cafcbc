using PtmReuse.Core.Classification;
using PtmReuse.Core.Review.Agreement;
using PtmReuse.Core.Review.Sampling;
using PtmReuse.Tests.Infrastructure;
using PtmReuse.Core.Storage;

namespace PtmReuse.Tests.Review.Agreement;

public sealed class AgreementReportServiceTests
{
    /// <summary>
    /// uses_dl. Papers 0–9 have a machine decision (yes on 0–5, no on 6–9) and ana's label (yes on 0–4 and 6, no on
    /// 5 and 7–9): TP 5, FN 1 (paper 6), FP 1 (paper 5), TN 3. Ben also labels paper 0 (yes, agreeing).
    /// Papers 10–13 have no machine decision; ana says yes, yes, no, no and ben yes, no, no, no.
    /// All ten machine decisions are then sampled (a uniform census).
    /// </summary>
    internal static async Task<(List<(long PaperId, long DecisionId)> Machine, List<(long PaperId, long DecisionId)> HumanOnly)> SeedUsesDlAsync(
        TestDatabase database, bool withSample = true)
    {
        var data = new AgreementTestData(database);
        var run = await data.AddRunAsync();
        var machine = await data.AddPapersWithDecisionsAsync(run, 10, "Biology", 2020, i => AgreementTestData.Dl(i < 6));
        var humanOnly = await data.AddPapersWithDecisionsAsync(run, 4, "Physics", 2021, _ => new UsesPtmsAnswer(false, null));
        for (var i = 0; i < 10; i++)
        {
            await data.AddLabelAsync(machine[i].PaperId, AgreementTestData.Dl(i is < 5 or 6), "ana", machine[i].DecisionId);
        }

        await data.AddLabelAsync(machine[0].PaperId, AgreementTestData.Dl(true), "ben", machine[0].DecisionId);
        bool[] ana = [true, true, false, false], ben = [true, false, false, false];
        for (var i = 0; i < 4; i++)
        {
            await data.AddLabelAsync(humanOnly[i].PaperId, AgreementTestData.Dl(ana[i]), "ana");
            await data.AddLabelAsync(humanOnly[i].PaperId, AgreementTestData.Dl(ben[i]), "ben");
        }

        if (withSample)
        {
            await database.Get<ValidationSampler>().CreateAsync(
                new ValidationSampleRequest(Stage.UsesDl, SampleDesign.Uniform, 10, Seed: 1, CreatedBy: "admin"), CancellationToken.None);
        }

        return (machine, humanOnly);
    }

    [Theory, SqliteData, PostgresData]
    public async Task Get_UsesDl_MachineVsHumanMatchesHandCounts(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await SeedUsesDlAsync(database);

        var report = await database.Get<AgreementReportService>().GetAsync(Stage.UsesDl, null, CancellationToken.None);
        var machine = report.MachineVsHuman;

        Assert.Equal(10, machine.Papers);
        Assert.Equal((5, 1, 1, 3), (machine.Matrix.Count("yes", "yes"), machine.Matrix.Count("yes", "no"), machine.Matrix.Count("no", "yes"), machine.Matrix.Count("no", "no")));
        Assert.Equal(5.0 / 6, machine.Precision!.Value, 9);
        Assert.Equal(5.0 / 6, machine.Recall!.Value, 9);
        Assert.Equal(5.0 / 6, machine.F1!.Value, 9);
        // p_o = 0.8, p_e = (6·6 + 4·4)/100 = 0.52, κ = 0.28/0.48.
        Assert.Equal(0.28 / 0.48, machine.Kappa!.Value, 9);
        Assert.Equal(0.8, machine.ExactMatch!.Value, 9);
    }

    [Theory, SqliteData, PostgresData]
    public async Task Get_UsesDl_HumanVsHumanKappaAndAlpha(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await SeedUsesDlAsync(database);

        var humans = (await database.Get<AgreementReportService>().GetAsync(Stage.UsesDl, null, CancellationToken.None)).HumanVsHuman;

        // Five doubly-labelled papers (0, 10–13): (y,y) (y,y) (y,n) (n,n) (n,n).
        Assert.Equal(5, humans.Papers);
        Assert.Equal(["ana", "ben"], humans.Reviewers);
        // Cohen: ana yes 3 / no 2, ben yes 2 / no 3; p_o = 4/5, p_e = (3·2 + 2·3)/25 = 0.48, κ = 0.32/0.52.
        Assert.Equal(0.32 / 0.52, humans.CohensKappa!.Value, 9);
        // Krippendorff: n_yes = n_no = 5, n = 10; one disagreeing unit gives o_yn = o_ny = 1;
        // α = 1 − (n − 1)·2/(2·5·5) = 1 − 18/50 = 0.64.
        Assert.Equal(0.64, humans.KrippendorffAlpha!.Value, 9);
    }

    [Theory, SqliteData, PostgresData]
    public async Task Get_ThirdReviewer_NoCohenButAlpha(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var (machine, _) = await SeedUsesDlAsync(database);
        await new AgreementTestData(database).AddLabelAsync(machine[1].PaperId, AgreementTestData.Dl(true), "cy");

        var humans = (await database.Get<AgreementReportService>().GetAsync(Stage.UsesDl, null, CancellationToken.None)).HumanVsHuman;

        Assert.Equal(3, humans.Reviewers.Count);
        Assert.Null(humans.CohensKappa);
        // One more agreeing (y,y) unit: n_yes = 7, n_no = 5, n = 12; α = 1 − 11·2/(2·7·5) = 1 − 22/70.
        Assert.Equal(1 - 22.0 / 70, humans.KrippendorffAlpha!.Value, 9);
    }

    [Theory, SqliteData, PostgresData]
    public async Task Get_LatestLabelIsANote_ReviewerKeepsTheirValueLabel(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var (_, humanOnly) = await SeedUsesDlAsync(database);
        // Ben adds a note (no value) after labelling paper 11: his "no" still counts, and the note adds no rater.
        await new AgreementTestData(database).AddNoteAsync(humanOnly[1].PaperId, "uses_dl", "ben");
        await new AgreementTestData(database).AddNoteAsync(humanOnly[2].PaperId, "uses_dl", "cy");

        var humans = (await database.Get<AgreementReportService>().GetAsync(Stage.UsesDl, null, CancellationToken.None)).HumanVsHuman;

        Assert.Equal(["ana", "ben"], humans.Reviewers);
        Assert.Equal(0.32 / 0.52, humans.CohensKappa!.Value, 9);
    }

    [Theory, SqliteData, PostgresData]
    public async Task Get_UsesDl_ListsDisagreementsWithReviewLinks(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var (machine, humanOnly) = await SeedUsesDlAsync(database);

        var report = await database.Get<AgreementReportService>().GetAsync(Stage.UsesDl, null, CancellationToken.None);

        Assert.Equal(3, report.DisagreementsTotal);
        var machineRows = report.Disagreements.Where(d => d.Kind == DisagreementKind.MachineVsHuman).ToList();
        Assert.Equal([machine[5].DecisionId, machine[6].DecisionId], machineRows.Select(d => d.DecisionId));
        Assert.Equal(("yes", "no"), (machineRows[0].LeftValue, machineRows[0].RightValue));
        var human = Assert.Single(report.Disagreements, d => d.Kind == DisagreementKind.HumanVsHuman);
        Assert.Equal((humanOnly[1].PaperId, "ana", "yes", "ben", "no"), (human.PaperId, human.LeftName, human.LeftValue, human.RightName, human.RightValue));
        Assert.StartsWith("Paper", human.PaperTitle, StringComparison.Ordinal);
    }

    [Theory, SqliteData, PostgresData]
    public async Task Get_UsesDl_SampleEstimatesAndCorrectedPrevalence(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await SeedUsesDlAsync(database);

        var sample = (await database.Get<AgreementReportService>().GetAsync(Stage.UsesDl, null, CancellationToken.None)).Sample!;

        Assert.Equal((10, 10, 0), (sample.Items, sample.Reviewed, sample.StrataWithoutReviews));
        // Accuracy 8/10 and prevalence 6/10 with Wilson 95%: (0.4902, 0.9433) and (0.3127, 0.8318).
        Assert.Equal(0.4902, sample.Accuracy!.Lower, 4);
        Assert.Equal(0.9433, sample.Accuracy.Upper, 4);
        Assert.Equal(0.6, sample.Prevalence!.Estimate, 9);
        Assert.Equal(0.3127, sample.Prevalence.Lower, 4);
        Assert.Equal(0.8318, sample.Prevalence.Upper, 4);
        Assert.Equal(5.0 / 6, sample.Sensitivity!.Estimate, 9);
        Assert.Equal(0.75, sample.Specificity!.Estimate, 9);
        // Machine census 6/10. J = 5/6 + 3/4 − 1 = 0.583333, π = (0.6 + 0.75 − 1)/J = 0.6.
        // Var = [0.36·(5/6·1/6)/6 + 0.16·(0.75·0.25)/4]/J² = (0.008333 + 0.0075)/0.340278 = 0.046531;
        // 0.6 ± 1.959964·0.215709 = (0.17722, 1.02278 → 1).
        Assert.Equal(0.6, sample.MachinePrevalence!.Value, 9);
        Assert.Equal(0.6, sample.CorrectedPrevalence!.Estimate, 9);
        Assert.Equal(0.17722, sample.CorrectedPrevalence.Lower, 4);
        Assert.Equal(1.0, sample.CorrectedPrevalence.Upper);
    }

    [Theory, SqliteData, PostgresData]
    public async Task Get_Identification_SetMatchOverCanonicalModels(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var data = new AgreementTestData(database);
        var run = await data.AddRunAsync();
        static IdentifyPtmsAnswer Models(params string[] names) => new(names.Select(n => new PtmMention(n, null, null)).ToList());
        var papers = await data.AddPapersWithDecisionsAsync(run, 2, "Biology", 2020, i => i == 0 ? Models("ResNet50", "BERT") : Models());
        // "ResNet-50" and "ResNet50" are one catalog model. Paper 0: TP ResNet-50, FP BERT, FN ViT; paper 1: FN U-Net.
        await data.AddLabelAsync(papers[0].PaperId, Models("ResNet-50", "Vision Transformer"));
        await data.AddLabelAsync(papers[1].PaperId, Models("UNet"));

        var machine = (await database.Get<AgreementReportService>().GetAsync(Stage.IdentifyPtms, null, CancellationToken.None)).MachineVsHuman;

        Assert.Equal(0.5, machine.Precision!.Value, 9);     // 1 of the machine's 2 models
        Assert.Equal(1.0 / 3, machine.Recall!.Value, 9);    // 1 of the reviewers' 3 models
        Assert.Equal(0.4, machine.F1!.Value, 9);            // 2·1/(2·1 + 1 + 2)
        Assert.Null(machine.Kappa);
        Assert.Equal(0.0, machine.ExactMatch!.Value);
    }

    [Theory, SqliteData, PostgresData]
    public async Task Get_Pattern_ConfusionOverModelsBothSidesName(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var data = new AgreementTestData(database);
        var run = await data.AddRunAsync();
        static PtmReuseAnswer Items(params (string Model, ReusePattern Pattern)[] items) =>
            new(items.Select(i => new PtmReuseItem(i.Model, null, "fine-tuned", i.Pattern, null)).ToList());
        var papers = await data.AddPapersWithDecisionsAsync(run, 2, "Biology", 2020, i => i == 0
            ? Items(("ResNet-50", ReusePattern.Adaptation), ("BERT", ReusePattern.Deployment))
            : Items(("U-Net", ReusePattern.Deployment)));
        await data.AddLabelAsync(papers[0].PaperId, Items(("ResNet-50", ReusePattern.Adaptation), ("BERT", ReusePattern.Conceptual), ("ViT", ReusePattern.Deployment)));
        await data.AddLabelAsync(papers[1].PaperId, Items(("U-Net", ReusePattern.Deployment)));

        var machine = (await database.Get<AgreementReportService>().GetAsync(Stage.PtmReuse, null, CancellationToken.None)).MachineVsHuman;

        // Pairs (human, machine): (adaptation, adaptation), (conceptual, deployment), (deployment, deployment); ViT is
        // named by the reviewer only. p_o = 2/3; rows 1/1/1, columns 0/1/2: p_e = (0 + 1 + 2)/9 = 1/3; κ = (1/3)/(2/3) = 0.5.
        Assert.Equal(3, machine.Matrix.Total);
        Assert.Equal(2.0 / 3, machine.Matrix.Accuracy!.Value, 9);
        Assert.Equal(0.5, machine.Kappa!.Value, 9);
        Assert.Equal((0, 1), (machine.ModelsOnlyMachine, machine.ModelsOnlyHuman));
        Assert.Equal(0.5, machine.ExactMatch!.Value, 9);
        Assert.Null(machine.Precision);
    }
}
