using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using PtmReuse.Core.Benchmark;
using PtmReuse.Core.Classification;
using PtmReuse.Core.Review;
using PtmReuse.Tests.Infrastructure;
using static PtmReuse.Tests.Review.ReviewTestData;
using PtmReuse.Core.Storage;

namespace PtmReuse.Tests.Review;

public sealed class ReviewQueueTests
{
    private static readonly CancellationToken None = CancellationToken.None;

    /// <summary>
    /// Five decisions whose scores follow from DecisionUncertainty's weights: d1 and d4 disagree (4 each), d2 is
    /// ungrounded (2), d5's reasoning hedges ("may", 1), d3 has confidence 0.25 (1 − 0.25 = 0.75).
    /// </summary>
    private sealed record Queue5(long D1, long D2, long D3, long D4, long D5, long RunA, long RunB, long Paper1, long Paper3);

    private static async Task<Queue5> BuildAsync(TestDatabase database)
    {
        var paper1 = await PaperAsync(database, "Alpha", 2019, "Medicine");
        var paper2 = await PaperAsync(database, "Beta", 2021, "Physics and Astronomy");
        var paper3 = await PaperAsync(database, "Gamma", 2023, "Medicine");
        var runA = await RunAsync(database, "embedded", "rules");
        var runB = await RunAsync(database, "llm-a", "qwen");
        var d1 = await DecisionAsync(database, runA, paper1, Dl(true));
        var d2 = await DecisionAsync(database, runA, paper2, Dl(false), grounded: false);
        var d3 = await DecisionAsync(database, runA, paper3, Dl(true), confidence: 0.25);
        var d4 = await DecisionAsync(database, runB, paper1, Dl(false));
        var d5 = await DecisionAsync(database, runA, paper3, Reuse(("ResNet-50", ReusePattern.Adaptation)), reasoning: "The weights may be fine-tuned.");
        return new Queue5(d1, d2, d3, d4, d5, runA, runB, paper1, paper3);
    }

    private static async Task<List<long>> IdsAsync(ReviewQueue queue, ReviewQueueFilter filter, ReviewOrder order = ReviewOrder.MostUncertain, string reviewer = "ana") =>
        (await queue.PageAsync(filter, order, reviewer, null, 50, None)).Select(i => i.DecisionId).ToList();

    [Theory, SqliteData, PostgresData]
    public async Task Queue_Orders_FollowScoresIdsAndPapers_AndKeysetStepsBothWays(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var q = await BuildAsync(database);
        var queue = database.Get<ReviewQueue>();

        Assert.Equal([q.D1, q.D4, q.D2, q.D5, q.D3], await IdsAsync(queue, ReviewQueueFilter.All));
        Assert.Equal([4, 4, 2, 1, 0.75], (await queue.PageAsync(ReviewQueueFilter.All, ReviewOrder.MostUncertain, "ana", null, 10, None)).Select(i => i.Score));
        Assert.Equal([q.D5, q.D4, q.D3, q.D2, q.D1], await IdsAsync(queue, ReviewQueueFilter.All, ReviewOrder.Newest));
        Assert.Equal([q.D1, q.D4, q.D2, q.D3, q.D5], await IdsAsync(queue, ReviewQueueFilter.All, ReviewOrder.Paper));

        Assert.Equal(q.D2, (await queue.NextAsync(ReviewQueueFilter.All, ReviewOrder.MostUncertain, "ana", q.D4, forward: true, None))!.DecisionId);
        Assert.Equal(q.D4, (await queue.NextAsync(ReviewQueueFilter.All, ReviewOrder.MostUncertain, "ana", q.D2, forward: false, None))!.DecisionId);
        Assert.Null(await queue.NextAsync(ReviewQueueFilter.All, ReviewOrder.MostUncertain, "ana", q.D3, forward: true, None));
        Assert.Equal([q.D2, q.D5], (await queue.PageAsync(ReviewQueueFilter.All, ReviewOrder.MostUncertain, "ana", q.D4, 2, None)).Select(i => i.DecisionId));
    }

    [Theory, SqliteData, PostgresData]
    public async Task Queue_MostUncertain_DecisionsWithDifferentConfidences_LowestConfidenceFirst(DatabaseProvider provider)
    {
        // The stored confidence alone orders decisions that agree, are grounded and do not hedge: 1 − confidence.
        await using var database = await TestDatabase.CreateAsync(provider);
        var run = await RunAsync(database);
        var sure = await DecisionAsync(database, run, await PaperAsync(database, "Sure"), Dl(true), confidence: 0.95);
        var unsure = await DecisionAsync(database, run, await PaperAsync(database, "Unsure"), Dl(true), confidence: 0.30);
        var middling = await DecisionAsync(database, run, await PaperAsync(database, "Middling"), Dl(false), confidence: 0.60);
        var unreported = await DecisionAsync(database, run, await PaperAsync(database, "Unreported"), Dl(false));
        var queue = database.Get<ReviewQueue>();

        var page = await queue.PageAsync(ReviewQueueFilter.All, ReviewOrder.MostUncertain, "ana", null, 10, None);

        Assert.Equal([unsure, middling, sure, unreported], page.Select(i => i.DecisionId));
        Assert.Equal([0.70, 0.40, 0.05, 0], page.Select(i => Math.Round(i.Score, 9)));
    }

    [Theory, SqliteData, PostgresData]
    public async Task Queue_SkipOrNoteOnly_LeavesTheItemNotReviewed(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var q = await BuildAsync(database);
        var labelling = database.Get<LabellingService>();
        var skipped = await labelling.ApplyAsync("ana", new LabelCommand(q.D2, LabelAction.Skip, 0), None);
        await labelling.ApplyAsync("ana", new LabelCommand(q.D2, LabelAction.Note, skipped.Version, Note: "come back to this"), None);
        var queue = database.Get<ReviewQueue>();

        Assert.Contains(q.D2, await IdsAsync(queue, new ReviewQueueFilter(Reviewed: ReviewedState.NotReviewed)));
        Assert.DoesNotContain(q.D2, await IdsAsync(queue, new ReviewQueueFilter(Reviewed: ReviewedState.ReviewedByMe)));
    }

    /// <summary>
    /// Stepping with NextAsync walks a filtered queue in exactly its order, forwards and backwards, for every order: the
    /// query is rewritten per order (which index drives it, seekable keyset bounds, paper filters as lookups).
    /// </summary>
    [Theory, SqliteData, PostgresData]
    public async Task Queue_SteppingFilteredQueues_VisitsEveryItemInOrderBothWays(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var q = await BuildAsync(database);
        var queue = database.Get<ReviewQueue>();
        var usesDl = new ReviewQueueFilter(Stage: Stage.UsesDl);
        var medicineSince2019 = new ReviewQueueFilter(Field: "Medicine", YearFrom: 2019, YearTo: 2023);
        (ReviewQueueFilter Filter, ReviewOrder Order, long[] Expected)[] cases =
        [
            (usesDl, ReviewOrder.MostUncertain, [q.D1, q.D4, q.D2, q.D3]),
            (usesDl, ReviewOrder.Newest, [q.D4, q.D3, q.D2, q.D1]),
            (usesDl, ReviewOrder.Paper, [q.D1, q.D4, q.D2, q.D3]),
            (new ReviewQueueFilter(RunId: q.RunA), ReviewOrder.Newest, [q.D5, q.D3, q.D2, q.D1]),
            (new ReviewQueueFilter(RunId: q.RunA), ReviewOrder.MostUncertain, [q.D1, q.D2, q.D5, q.D3]),
            (new ReviewQueueFilter(Flag: true), ReviewOrder.Newest, [q.D3, q.D1]),
            (medicineSince2019, ReviewOrder.Paper, [q.D1, q.D4, q.D3, q.D5]),
            (medicineSince2019, ReviewOrder.MostUncertain, [q.D1, q.D4, q.D5, q.D3]),
        ];

        foreach (var (filter, order, expected) in cases)
        {
            var forward = new List<long>();
            for (var item = await queue.NextAsync(filter, order, "ana", null, forward: true, None); item is not null;
                 item = await queue.NextAsync(filter, order, "ana", item.DecisionId, forward: true, None))
            {
                forward.Add(item.DecisionId);
            }

            var backward = new List<long> { expected[^1] };
            for (var item = await queue.NextAsync(filter, order, "ana", expected[^1], forward: false, None); item is not null;
                 item = await queue.NextAsync(filter, order, "ana", item.DecisionId, forward: false, None))
            {
                backward.Add(item.DecisionId);
            }

            Assert.Equal(expected, forward);
            Assert.Equal(expected.Reverse(), backward);
        }
    }

    /// <summary>
    /// SQLite's planner is steered by hand (filter columns hidden from index choice, papers looked up one by one);
    /// PostgreSQL plans by its statistics, which those expressions would hide (it then guessed each keeps 0.5% of the
    /// decisions and started parallel workers for a ten-row step). Both give the same items.
    /// </summary>
    [Theory, SqliteData, PostgresData]
    public async Task Queue_PlannerHints_OnlyInSqlitesSql_SameItemsOnBothProviders(DatabaseProvider provider)
    {
        var logs = new CapturedLogs();
        await using var database = await TestDatabase.CreateAsync(provider, services => services.AddLogging(logging => logging.AddProvider(logs)));
        var q = await BuildAsync(database);
        var queue = database.Get<ReviewQueue>();
        var filter = new ReviewQueueFilter(Stage: Stage.UsesDl, Field: "Medicine", YearFrom: 2019, YearTo: 2023, Flag: true);

        var before = logs.Lines.Count;
        var items = await IdsAsync(queue, filter, ReviewOrder.Newest);
        var sql = string.Join("\n", logs.Lines.Skip(before).Where(line => line.Contains("FROM \"Decisions\" AS ", StringComparison.Ordinal) && line.Contains("ORDER BY", StringComparison.Ordinal)));

        Assert.Equal([q.D3, q.D1], items);
        Assert.NotEmpty(sql);
        Assert.Equal(provider == DatabaseProvider.Sqlite, sql.Contains("|| ''", StringComparison.Ordinal));
        Assert.Equal(provider == DatabaseProvider.Postgres, sql.Contains("EXISTS (", StringComparison.Ordinal));
        Assert.Equal(provider == DatabaseProvider.Sqlite, SqlDialect.For(provider).NeedsIndexHints);
    }

    [Theory, SqliteData, PostgresData]
    public async Task Queue_Filters_SelectExactlyTheMatchingDecisions(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var q = await BuildAsync(database);
        var queue = database.Get<ReviewQueue>();

        Assert.Equal([q.D1, q.D4, q.D2, q.D3], await IdsAsync(queue, new ReviewQueueFilter(Stage: Stage.UsesDl)));
        Assert.Equal([q.D4], await IdsAsync(queue, new ReviewQueueFilter(RunId: q.RunB)));
        Assert.Equal([q.D4], await IdsAsync(queue, new ReviewQueueFilter(Backend: "llm-a", Model: "qwen")));
        Assert.Equal([q.D2], await IdsAsync(queue, new ReviewQueueFilter(Field: "Physics and Astronomy")));
        Assert.Equal([q.D2, q.D5, q.D3], await IdsAsync(queue, new ReviewQueueFilter(YearFrom: 2021)));
        Assert.Equal([q.D1, q.D4], await IdsAsync(queue, new ReviewQueueFilter(YearTo: 2019)));
        Assert.Equal([q.D1, q.D3], await IdsAsync(queue, new ReviewQueueFilter(Flag: true)));
        Assert.Equal([q.D5], await IdsAsync(queue, new ReviewQueueFilter(Pattern: ReusePattern.Adaptation)));
        Assert.Empty(await IdsAsync(queue, new ReviewQueueFilter(Pattern: ReusePattern.Deployment)));
        Assert.Equal([q.D5], await IdsAsync(queue, new ReviewQueueFilter(PtmModel: "ResNet-50")));
        Assert.Empty(await IdsAsync(queue, new ReviewQueueFilter(PtmModel: "ResNet")));
        Assert.Equal([q.D2], await IdsAsync(queue, new ReviewQueueFilter(UngroundedOnly: true)));
        Assert.Equal([q.D1], await IdsAsync(queue, new ReviewQueueFilter(RunId: q.RunA, CompareRunId: q.RunB)));
        Assert.Equal(5, await queue.CountAsync(ReviewQueueFilter.All, "ana", None));
    }

    [Theory, SqliteData, PostgresData]
    public async Task Queue_ReviewStateAssignmentAndSample_FilterAndOrderByReviewer(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var q = await BuildAsync(database);
        var queue = database.Get<ReviewQueue>();
        await database.Get<LabellingService>().ApplyAsync("ana", new LabelCommand(q.D1, LabelAction.Accept, 0), None);
        await database.Get<ReviewAssignments>().AssignAsync([q.D3], "ana", "bo", "root", blind: true, None);
        await using (var db = await database.OpenAsync())
        {
            var sample = new ValidationSample { Name = "s", Stage = "uses_dl", CreatedBy = "root", CreatedAt = DateTime.UtcNow };
            db.ValidationSamples.Add(sample);
            await db.SaveChangesAsync();
            db.ValidationSampleItems.AddRange(new ValidationSampleItem { SampleId = sample.Id, DecisionId = q.D3, Position = 1 }, new ValidationSampleItem { SampleId = sample.Id, DecisionId = q.D2, Position = 2 });
            await db.SaveChangesAsync();
        }

        // A label is on the paper × stage, so run B's decision on the same paper and stage counts as reviewed too.
        Assert.Equal([q.D2, q.D5, q.D3], await IdsAsync(queue, new ReviewQueueFilter(Reviewed: ReviewedState.NotReviewed)));
        Assert.Equal([q.D1, q.D4], await IdsAsync(queue, new ReviewQueueFilter(Reviewed: ReviewedState.ReviewedByMe)));
        Assert.Empty(await IdsAsync(queue, new ReviewQueueFilter(Reviewed: ReviewedState.ReviewedByOthers)));
        Assert.Equal([q.D1, q.D4], await IdsAsync(queue, new ReviewQueueFilter(Reviewed: ReviewedState.ReviewedByOthers), reviewer: "bo"));
        Assert.Equal([q.D3], await IdsAsync(queue, new ReviewQueueFilter(AssignedToMe: true), reviewer: "bo"));
        Assert.Empty(await IdsAsync(queue, new ReviewQueueFilter(AssignedToMe: true), reviewer: "cy"));

        var sampleFilter = new ReviewQueueFilter(SampleId: 1);
        Assert.Equal([q.D3, q.D2], await IdsAsync(queue, sampleFilter, ReviewOrder.Sample));
        Assert.Equal(q.D2, (await queue.NextAsync(sampleFilter, ReviewOrder.Sample, "ana", q.D3, forward: true, None))!.DecisionId);
        Assert.Equal(q.D3, (await queue.NextAsync(sampleFilter, ReviewOrder.Sample, "ana", q.D2, forward: false, None))!.DecisionId);
    }

    /// <summary>
    /// A decision written after the first scoring (a run still going, another instance) has no score; the next step of
    /// any queue scores it and re-scores its paper's other decisions: d6 disagrees with d3, so both gain 4.
    /// </summary>
    [Theory, SqliteData, PostgresData]
    public async Task Queue_DecisionAddedAfterScoring_IsScoredByTheNextStep(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var q = await BuildAsync(database);
        var queue = database.Get<ReviewQueue>();
        Assert.Equal(q.D1, (await queue.NextAsync(ReviewQueueFilter.All, ReviewOrder.MostUncertain, "ana", null, forward: true, None))!.DecisionId);

        var d6 = await DecisionAsync(database, q.RunB, q.Paper3, Dl(false));
        var first = await queue.NextAsync(ReviewQueueFilter.All, ReviewOrder.MostUncertain, "ana", null, forward: true, None);

        Assert.Equal(q.D3, first!.DecisionId);
        Assert.Equal(4.75, first.Score, 9);
        var page = await queue.PageAsync(ReviewQueueFilter.All, ReviewOrder.MostUncertain, "ana", null, 10, None);
        Assert.Equal([q.D3, q.D1, q.D4, d6, q.D2, q.D5], page.Select(i => i.DecisionId));
        Assert.Equal([4.75, 4, 4, 4, 2, 1], page.Select(i => Math.Round(i.Score, 9)));
    }

    /// <summary>
    /// With nothing new to score, a step only reads: it no longer opens a write transaction (SQLite's write lock,
    /// PostgreSQL's scoring lock) on every "next", so a reviewer never waits behind an ingest batch or another
    /// instance's scoring. The writer below holds exactly the lock a scoring pass takes.
    /// </summary>
    [Theory, SqliteData, PostgresData]
    public async Task Queue_NothingNewToScore_NextDoesNotWaitForAWriter(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var q = await BuildAsync(database);
        var queue = database.Get<ReviewQueue>();
        await queue.NextAsync(ReviewQueueFilter.All, ReviewOrder.MostUncertain, "ana", null, forward: true, None);

        await using var writer = await database.OpenAsync();
        await using (var transaction = await writer.Database.BeginTransactionAsync())
        {
            // SQLite: the transaction began IMMEDIATE and holds the write lock; PostgreSQL: the advisory lock scoring takes.
            await SqlDialect.For(writer.Database).SerializeWritersAsync(writer, WriterLock.DecisionScores, 0, None);
            var step = queue.NextAsync(ReviewQueueFilter.All, ReviewOrder.MostUncertain, "ana", q.D1, forward: true, None);

            // 10 s: far above a read step here (milliseconds), far below SQLite's 60 s busy timeout a blocked step would wait.
            Assert.Same(step, await Task.WhenAny(step, Task.Delay(TimeSpan.FromSeconds(10))));
            Assert.Equal(q.D4, (await step)!.DecisionId);
        }
    }

    /// <summary>
    /// A first scoring of a corpus analysed while every score was NULL (the synthetic bulk load ends with ANALYZE)
    /// refreshes PostgreSQL's statistics. Otherwise its planner keeps believing every score is NULL, and each queue step's
    /// "anything new to score?" check scans every decision instead of seeking the index until autovacuum catches up.
    /// </summary>
    [Theory, PostgresData]
    public async Task Scoring_ManyDecisionsOnPostgres_RefreshesThePlannerStatistics(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await database.Get<SyntheticCorpus>().BuildAsync(new SyntheticCorpusOptions { Papers = 2500, Runs = 3 }, null, None);
        Assert.Equal(1.0, await NullFractionOfScoresAsync(database));

        var scored = await database.Get<DecisionUncertainty>().RefreshAsync(None);

        Assert.True(scored >= DecisionUncertainty.MaintainAfterScoring, $"{scored} decisions scored: the corpus must pass the threshold");
        Assert.Equal(0.0, await NullFractionOfScoresAsync(database));
    }

    private static async Task<double> NullFractionOfScoresAsync(TestDatabase database)
    {
        await using var db = await database.OpenAsync();
        return await db.Database.SqlQueryRaw<double>(
            """SELECT null_frac::float8 AS "Value" FROM pg_stats WHERE tablename = 'Decisions' AND attname = 'UncertaintyScore'""").SingleAsync();
    }

    [Theory, SqliteData, PostgresData]
    public async Task AnswerKeys_SqlAndCSharp_GiveTheSameKey(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var paper = await PaperAsync(database, "Delta");
        var run = await RunAsync(database);
        StageAnswer[] answers =
        [
            Dl(true), Ptms(false), new IdentifyPtmsAnswer([new PtmMention(" BERT ", null, null), new PtmMention("AlphaFold2", "AlphaFold 2", null), new PtmMention("bert", null, null)]),
            Reuse(("U-Net", ReusePattern.Conceptual), ("ESM-2", ReusePattern.Deployment)),
            new PtmImpactAnswer([new PtmImpactItem("YOLOv5", "YOLOv5", ScienceStep.Observation, null)]), new IdentifyPtmsAnswer([]),
        ];
        foreach (var answer in answers)
        {
            await DecisionAsync(database, run, paper, answer);
        }

        await database.Get<DecisionUncertainty>().RefreshAsync(None);

        await using var db = await database.OpenAsync();
        var stored = await db.Decisions.OrderBy(d => d.Id).Select(d => d.ValueKey).ToListAsync();
        Assert.Equal(answers.Select(AnswerKeys.For), stored);
        Assert.Equal(["yes", "no", "alphafold 2|bert", "esm-2:deployment|u-net:conceptual", "yolov5:Observation", ""], stored);
    }
}
