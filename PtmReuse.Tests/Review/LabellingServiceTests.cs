using Microsoft.EntityFrameworkCore;
using PtmReuse.Core.Classification;
using PtmReuse.Core.Review;
using PtmReuse.Tests.Infrastructure;
using static PtmReuse.Tests.Review.ReviewTestData;
using PtmReuse.Core.Storage;

namespace PtmReuse.Tests.Review;

public sealed class LabellingServiceTests
{
    private static readonly CancellationToken None = CancellationToken.None;

    private sealed record Paper5(long PaperId, long Dl, long Ptms, long Identify, long Reuse);

    private static async Task<Paper5> PaperWithAllStagesAsync(TestDatabase database)
    {
        var paper = await PaperAsync(database, "Cells");
        var run = await RunAsync(database);
        return new Paper5(paper,
            await DecisionAsync(database, run, paper, Dl(true)),
            await DecisionAsync(database, run, paper, Ptms(true)),
            await DecisionAsync(database, run, paper, Identify("ResNet-50")),
            await DecisionAsync(database, run, paper, Reuse(("ResNet-50", ReusePattern.Adaptation))));
    }

    private static async Task<IReadOnlyDictionary<Stage, EffectiveLabel>> EffectiveAsync(TestDatabase database, long paperId) =>
        (await database.Get<EffectiveLabels>().ForPapersAsync([paperId], MachineDecisionFilter.Latest, None))[paperId];

    [Theory, SqliteData, PostgresData]
    public async Task Correct_UsesDlNo_SettlesUsesPtmsAndRetiresPtmLabels_UndoRestoresThem(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var paper = await PaperWithAllStagesAsync(database);
        var labels = database.Get<LabellingService>();
        var reuse = await labels.ApplyAsync("ana", new LabelCommand(paper.Reuse, LabelAction.Correct, 0, Reuse(("ResNet-50", ReusePattern.Deployment))), None);

        var correction = await labels.ApplyAsync("ana", new LabelCommand(paper.Dl, LabelAction.Correct, 0, Dl(false), "only a cited model"), None);

        Assert.Single(correction.Cascaded);
        Assert.Equal([reuse.LabelId], correction.Retired);
        var effective = await EffectiveAsync(database, paper.PaperId);
        Assert.Equal(new UsesPtmsAnswer(false, null), effective[Stage.UsesPtms].Answer);
        Assert.Equal(LabelSource.Human, effective[Stage.UsesPtms].Source);
        Assert.Empty(((IdentifyPtmsAnswer)effective[Stage.IdentifyPtms].Answer!).Models);
        Assert.Empty(((PtmReuseAnswer)effective[Stage.PtmReuse].Answer!).Items);
        await using (var db = await database.OpenAsync())
        {
            // Retired, not deleted; and the machine decisions are all still there.
            Assert.True((await db.HumanLabels.SingleAsync(l => l.Id == reuse.LabelId)).Retired);
            Assert.Equal(4, await db.Decisions.CountAsync());
        }

        var undo = await labels.UndoAsync("ana", paper.Dl, correction.Version, null, None);

        Assert.Equal([reuse.LabelId], undo.Restored);
        Assert.Contains(correction.Cascaded[0], undo.Retired);
        effective = await EffectiveAsync(database, paper.PaperId);
        Assert.Equal("yes", AnswerKeys.For(effective[Stage.UsesDl].Answer));
        Assert.Equal(LabelSource.Machine, effective[Stage.UsesDl].Source);
        Assert.Equal(LabelSource.Machine, effective[Stage.UsesPtms].Source);
        Assert.Equal("resnet-50:deployment", AnswerKeys.For(effective[Stage.PtmReuse].Answer));
        Assert.Equal(LabelSource.Human, effective[Stage.PtmReuse].Source);
    }

    [Theory, SqliteData, PostgresData]
    public async Task Correct_PtmsOnPaperMarkedNotUsingPtms_IsRefusedWithAClearError(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var paper = await PaperWithAllStagesAsync(database);
        var labels = database.Get<LabellingService>();
        await labels.ApplyAsync("ana", new LabelCommand(paper.Ptms, LabelAction.Correct, 0, Ptms(false)), None);

        var error = await Assert.ThrowsAsync<LabelSchemaException>(() =>
            labels.ApplyAsync("ana", new LabelCommand(paper.Identify, LabelAction.Correct, 0, Identify("BERT")), None));

        Assert.Contains("not using pre-trained models", error.Message, StringComparison.Ordinal);
        var wrongStage = await Assert.ThrowsAsync<LabelSchemaException>(() =>
            labels.ApplyAsync("ana", new LabelCommand(paper.Reuse, LabelAction.Correct, 0, Dl(true)), None));
        Assert.Contains("ptm_reuse", wrongStage.Message, StringComparison.Ordinal);
        var badPattern = await Assert.ThrowsAsync<LabelSchemaException>(() =>
            labels.ApplyAsync("bo", new LabelCommand(paper.Reuse, LabelAction.Correct, 0, Reuse(("ResNet-50", (ReusePattern)7))), None));
        Assert.Contains("not one of conceptual, adaptation, deployment", badPattern.Message, StringComparison.Ordinal);
    }

    [Theory, SqliteData, PostgresData]
    public async Task Apply_SomeoneLabelledMeanwhile_ReportsAConflictAndSavesNothing(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var paper = await PaperWithAllStagesAsync(database);
        var labels = database.Get<LabellingService>();
        // Both loaded the item at version 0; bo saves first.
        await labels.ApplyAsync("bo", new LabelCommand(paper.Dl, LabelAction.Accept, 0), None);

        var conflict = await Assert.ThrowsAsync<LabelConflictException>(() =>
            labels.ApplyAsync("ana", new LabelCommand(paper.Dl, LabelAction.Correct, 0, Dl(false)), None));

        Assert.Equal(1, conflict.CurrentVersion);
        Assert.Contains("bo", conflict.Message, StringComparison.Ordinal);
        await using var db = await database.OpenAsync();
        Assert.Equal(["bo"], await db.HumanLabels.Select(l => l.Reviewer).ToListAsync());
        // With the version it now sees, ana's correction goes through.
        await labels.ApplyAsync("ana", new LabelCommand(paper.Dl, LabelAction.Correct, 1, Dl(false)), None);
    }

    [Theory, SqliteData, PostgresData]
    public async Task Undo_AnotherReviewersLabel_IsRefused(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var paper = await PaperWithAllStagesAsync(database);
        var labels = database.Get<LabellingService>();
        var bo = await labels.ApplyAsync("bo", new LabelCommand(paper.Dl, LabelAction.Correct, 0, Dl(false)), None);

        await Assert.ThrowsAsync<LabelPermissionException>(() => labels.UndoAsync("ana", paper.Dl, bo.Version, bo.LabelId, None));
        await Assert.ThrowsAsync<ReviewNotFoundException>(() => labels.UndoAsync("ana", paper.Dl, bo.Version, null, None));

        await using var db = await database.OpenAsync();
        Assert.False((await db.HumanLabels.SingleAsync(l => l.Id == bo.LabelId)).Retired);
    }

    [Theory, SqliteData, PostgresData]
    public async Task BlindPair_ConflictingLabels_AreHiddenFromEachOtherGoToAdjudicationAndTheAdjudicationCounts(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var paper = await PaperWithAllStagesAsync(database);
        var labels = database.Get<LabellingService>();
        var assignments = database.Get<ReviewAssignments>();
        Assert.Equal(2, await assignments.AssignAsync([paper.Reuse], "ana", "bo", "root", blind: true, None));

        await labels.ApplyAsync("ana", new LabelCommand(paper.Reuse, LabelAction.Correct, 0, Reuse(("ResNet-50", ReusePattern.Deployment))), None);
        // bo still sees version 0: ana's label is invisible to him, so it is no conflict.
        var boView = await database.Get<ReviewViews>().BuildAsync(paper.Reuse, "bo", None);
        Assert.Equal(0, boView!.Labels.Version);
        Assert.True(boView.Labels.Blind);
        Assert.DoesNotContain(boView.History, h => h.Reviewer == "ana");
        await labels.ApplyAsync("bo", new LabelCommand(paper.Reuse, LabelAction.Accept, 0), None);

        // Unresolved disagreement: the machine's answer counts, flagged as a human conflict.
        var effective = await EffectiveAsync(database, paper.PaperId);
        Assert.Equal(LabelSource.Machine, effective[Stage.PtmReuse].Source);
        Assert.True(effective[Stage.PtmReuse].HumanConflict);
        var conflict = Assert.Single(await assignments.ConflictsAsync(None));
        Assert.Equal((paper.PaperId, Stage.PtmReuse), (conflict.PaperId, conflict.Stage));
        Assert.Equal(["ana", "bo"], conflict.Answers.Select(a => a.Reviewer));

        var adjudication = await labels.AdjudicateAsync("root", paper.PaperId, Stage.PtmReuse, Reuse(("ResNet-50", ReusePattern.Deployment)), "weights reused as is", None);

        effective = await EffectiveAsync(database, paper.PaperId);
        Assert.Equal((LabelSource.Human, adjudication.LabelId), (effective[Stage.PtmReuse].Source, effective[Stage.PtmReuse].HumanLabelId));
        Assert.Equal("resnet-50:deployment", AnswerKeys.For(effective[Stage.PtmReuse].Answer));
        Assert.Empty(await assignments.ConflictsAsync(None));
    }

    [Theory, SqliteData, PostgresData]
    public async Task AgreeingReviewers_TheirLabelCounts_AndTheExportSaysHuman(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var paper = await PaperWithAllStagesAsync(database);
        var labels = database.Get<LabellingService>();
        await database.Get<ReviewAssignments>().AssignAsync([paper.Dl], "ana", "bo", "root", blind: true, None);
        await labels.ApplyAsync("ana", new LabelCommand(paper.Dl, LabelAction.Correct, 0, Dl(false)), None);
        await labels.ApplyAsync("bo", new LabelCommand(paper.Dl, LabelAction.Correct, 0, Dl(false)), None);

        var effective = await EffectiveAsync(database, paper.PaperId);

        Assert.Equal((LabelSource.Human, "no"), (effective[Stage.UsesDl].Source, AnswerKeys.For(effective[Stage.UsesDl].Answer)));
        var exported = await database.Get<PtmReuse.Core.Export.DecisionsExport>().PapersAsync(MachineDecisionFilter.Latest, None).SingleAsync();
        Assert.Equal(("human", (bool?)false, (bool?)false), (exported.LabelSource, exported.UsesDl, exported.UsesPtms));
        Assert.Empty(exported.Ptms);
    }

    [Theory, SqliteData, PostgresData]
    public async Task CorrectIdentify_AddedModel_IsPendingForPatternAndRemovedModelLeavesThePatternLabel(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var paper = await PaperWithAllStagesAsync(database);
        var labels = database.Get<LabellingService>();

        var outcome = await labels.ApplyAsync("ana", new LabelCommand(paper.Identify, LabelAction.Correct, 0, Identify("resnet50", "U-Net")), None);

        Assert.Empty(outcome.Cascaded);
        var view = await database.Get<ReviewViews>().BuildAsync(paper.Reuse, "ana", None);
        Assert.Equal(["U-Net"], view!.Labels.PendingModels);

        var removal = await labels.ApplyAsync("ana", new LabelCommand(paper.Identify, LabelAction.Correct, outcome.Version, Identify("U-Net")), None);
        Assert.Single(removal.Cascaded);
        var effective = await EffectiveAsync(database, paper.PaperId);
        Assert.Empty(((PtmReuseAnswer)effective[Stage.PtmReuse].Answer!).Items);
    }
}
