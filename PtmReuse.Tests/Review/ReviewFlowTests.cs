using Microsoft.EntityFrameworkCore;
using PtmReuse.Core.Classification;
using PtmReuse.Core.Review;
using PtmReuse.Tests.Infrastructure;
using static PtmReuse.Tests.Review.ReviewTestData;

namespace PtmReuse.Tests.Review;

/// <summary>What keeps a review session moving: queue progress and marks, readable keys, the undo stack, cascade-settled stages.</summary>
public sealed class ReviewFlowTests
{
    private static readonly CancellationToken None = CancellationToken.None;

    [Fact]
    public async Task ProgressAsync_SomeItemsLabelled_CountsReviewedAndLeftInTheFilter_SkipsDoNotCount()
    {
        await using var database = await TestDatabase.CreateAsync();
        var run = await RunAsync(database);
        var decisions = new List<long>();
        foreach (var title in new[] { "A", "B", "C", "D" })
        {
            decisions.Add(await DecisionAsync(database, run, await PaperAsync(database, title), Dl(true)));
        }

        var labels = database.Get<LabellingService>();
        await labels.ApplyAsync("ana", new LabelCommand(decisions[0], LabelAction.Accept, 0), None);
        await labels.ApplyAsync("ben", new LabelCommand(decisions[1], LabelAction.Accept, 0), None);
        // A skip leaves the item to be reviewed.
        await labels.ApplyAsync("ana", new LabelCommand(decisions[2], LabelAction.Skip, 0), None);
        var queue = database.Get<ReviewQueue>();

        var progress = await queue.ProgressAsync(ReviewQueueFilter.All, "ana", None);
        // The filter's own "reviewed" criterion is ignored: progress is about the same items either way.
        var notReviewed = await queue.ProgressAsync(ReviewQueueFilter.All with { Reviewed = ReviewedState.NotReviewed }, "ana", None);
        var marks = await queue.ReviewedAsync(decisions, "ana", None);

        Assert.Equal((4, 2, 2), (progress.Items, progress.Reviewed, progress.Left));
        Assert.Equal("2 of 4 reviewed; 2 left in this filter", progress.ToString());
        Assert.Equal(progress, notReviewed);
        Assert.Equal(new Dictionary<long, ReviewedState> { [decisions[0]] = ReviewedState.ReviewedByMe, [decisions[1]] = ReviewedState.ReviewedByOthers }, marks);
    }

    [Theory]
    [InlineData(Stage.PtmReuse, "resnet-50:adaptation|u-net:deployment", "ResNet-50: adaptation; U-Net: deployment")]
    [InlineData(Stage.PtmImpact, "alphafold 2:Observation", "AlphaFold 2: Observation")]
    [InlineData(Stage.IdentifyPtms, "esm-2|some:unknown net", "ESM-2; some:unknown net")]
    [InlineData(Stage.UsesDl, "yes", "yes")]
    [InlineData(Stage.IdentifyPtms, "", "(none)")]
    [InlineData(Stage.IdentifyPtms, null, "unknown")]
    public async Task Describe_Key_ReadsAsCatalogNamesWithPatternOrStep(Stage stage, string? key, string expected)
    {
        await using var database = await TestDatabase.CreateAsync();

        Assert.Equal(expected, AnswerKeys.Describe(stage, key, database.Get<IPtmCatalog>().Canonicalize));
    }

    [Fact]
    public async Task UndoLatestAsync_AfterTheQueueMovedOn_TakesBackTheReviewersActionsNewestFirst_NotOthers()
    {
        await using var database = await TestDatabase.CreateAsync();
        var run = await RunAsync(database);
        var first = await DecisionAsync(database, run, await PaperAsync(database, "First"), Dl(true));
        var second = await DecisionAsync(database, run, await PaperAsync(database, "Second"), Dl(false));
        var labels = database.Get<LabellingService>();
        await labels.ApplyAsync("ana", new LabelCommand(first, LabelAction.Accept, 0), None);
        await labels.ApplyAsync("ana", new LabelCommand(second, LabelAction.Accept, 0), None);
        // Another reviewer's later action is not on ana's stack.
        await labels.ApplyAsync("ben", new LabelCommand(first, LabelAction.Skip, 1), None);

        var top = await labels.UndoLatestAsync("ana", None);
        var next = await labels.UndoLatestAsync("ana", None);
        var none = await labels.UndoLatestAsync("ana", None);

        Assert.Equal((second, LabelAction.Accept), (top!.Value.Action.DecisionId, top.Value.Action.Action));
        Assert.Equal(first, next!.Value.Action.DecisionId);
        Assert.Null(none);
        await using var db = await database.OpenAsync();
        var standing = await db.HumanLabels.Where(l => !l.Retired && l.Action != LabelAction.Undo).Select(l => new { l.Reviewer, l.Action }).ToListAsync();
        // ana's two accepts and the cascade of her uses_dl = no are retired; ben's skip stands.
        Assert.Equal([new { Reviewer = "ben", Action = LabelAction.Skip }], standing);
    }

    [Fact]
    public async Task ReviewView_UsesPtmsAfterAReviewersUsesDlNo_IsSettledByTheCascade()
    {
        await using var database = await TestDatabase.CreateAsync();
        var run = await RunAsync(database);
        var paper = await PaperAsync(database, "Cascade");
        var dl = await DecisionAsync(database, run, paper, Dl(true));
        var ptms = await DecisionAsync(database, run, paper, Ptms(true));
        var reuse = await DecisionAsync(database, run, paper, Reuse(("ResNet-50", ReusePattern.Adaptation)));
        var views = database.Get<ReviewViews>();
        Assert.Null((await views.BuildAsync(ptms, "ana", None))!.Labels.SettledBy);

        await database.Get<LabellingService>().ApplyAsync("ana", new LabelCommand(dl, LabelAction.Correct, 0, Dl(false)), None);

        Assert.Equal("uses_dl = no", (await views.BuildAsync(ptms, "ana", None))!.Labels.SettledBy);
        Assert.Equal("uses_dl = no", (await views.BuildAsync(reuse, "ana", None))!.Labels.SettledBy);
        Assert.Null((await views.BuildAsync(dl, "ana", None))!.Labels.SettledBy);
    }
}
