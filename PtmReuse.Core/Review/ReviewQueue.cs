using Microsoft.EntityFrameworkCore;
using PtmReuse.Core.Classification;
using PtmReuse.Core.Storage;

namespace PtmReuse.Core.Review;

/// <summary>Which reviews a queue item has had, seen from the reviewer asking.</summary>
public enum ReviewedState
{
    Any,
    NotReviewed,
    ReviewedByMe,
    ReviewedByOthers,
}

public enum ReviewOrder
{
    /// <summary>Highest <see cref="MachineDecision.UncertaintyScore"/> first.</summary>
    MostUncertain,

    /// <summary>Latest decisions first.</summary>
    Newest,

    /// <summary>Paper by paper, stages in decision order.</summary>
    Paper,

    /// <summary>A validation sample's review order (<see cref="ValidationSampleItem.Position"/>); needs a sample id.</summary>
    Sample,
}

/// <summary>
/// What the queue shows. Every criterion is optional; value filters (flag, pattern, step, model) look at the machine's
/// answer. <see cref="CompareRunId"/> with <see cref="RunId"/> keeps decisions that run answered differently.
/// </summary>
public sealed record ReviewQueueFilter(
    Stage? Stage = null,
    long? RunId = null,
    string? Backend = null,
    string? Model = null,
    string? Field = null,
    int? YearFrom = null,
    int? YearTo = null,
    bool? Flag = null,
    ReusePattern? Pattern = null,
    ScienceStep? Step = null,
    string? PtmModel = null,
    bool UngroundedOnly = false,
    long? CompareRunId = null,
    ReviewedState Reviewed = ReviewedState.Any,
    bool AssignedToMe = false,
    long? SampleId = null)
{
    public static ReviewQueueFilter All { get; } = new();
}

/// <summary>A queue filter's progress: "12 of 87 reviewed; 75 left in this filter".</summary>
public sealed record ReviewProgress(int Items, int Reviewed)
{
    public int Left => Items - Reviewed;

    public override string ToString() => $"{Reviewed} of {Items} reviewed; {Left} left in this filter";
}

/// <summary>One row of the queue.</summary>
public sealed record ReviewQueueItem(
    long DecisionId,
    long PaperId,
    Stage Stage,
    string Title,
    int? Year,
    string? Field,
    string Backend,
    string Model,
    string? ValueKey,
    string? ErrorKind,
    bool Ungrounded,
    double Score,
    int? Position);

/// <summary>
/// The review queue over machine decisions, in SQL with keyset paging: "the next item after X" reads X's sort key and
/// then at most one page through an index, so it never loads the decisions (two million on the full corpus).
/// </summary>
public sealed class ReviewQueue(IDbContextFactory<PtmReuseDbContext> dbFactory, DecisionUncertainty uncertainty)
{
    public const int MaxPageSize = 200;

    /// <summary>Up to <paramref name="take"/> items after <paramref name="afterDecisionId"/> (from the start when null).</summary>
    public async Task<IReadOnlyList<ReviewQueueItem>> PageAsync(ReviewQueueFilter filter, ReviewOrder order, string reviewer,
        long? afterDecisionId, int take, CancellationToken cancellationToken)
    {
        take = Math.Clamp(take, 1, MaxPageSize);
        await uncertainty.RefreshAsync(cancellationToken);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var rows = Filter(db, filter, order, reviewer);
        if (afterDecisionId is { } after && await KeyOfAsync(db, filter, order, after, cancellationToken) is { } key)
        {
            rows = After(rows, order, key, forward: true);
        }

        return await Project(db, Sort(rows, order, forward: true).Take(take), order, forward: true).ToListAsync(cancellationToken);
    }

    /// <summary>The item after (or before) the given one in this queue, or the first one when <paramref name="currentDecisionId"/> is null.</summary>
    public async Task<ReviewQueueItem?> NextAsync(ReviewQueueFilter filter, ReviewOrder order, string reviewer, long? currentDecisionId,
        bool forward, CancellationToken cancellationToken)
    {
        await uncertainty.RefreshAsync(cancellationToken);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var rows = Filter(db, filter, order, reviewer);
        if (currentDecisionId is { } current)
        {
            if (await KeyOfAsync(db, filter, order, current, cancellationToken) is not { } key)
            {
                return null;
            }

            rows = After(rows, order, key, forward);
        }

        return await Project(db, Sort(rows, order, forward).Take(1), order, forward).FirstOrDefaultAsync(cancellationToken);
    }

    /// <summary>How many items match (a COUNT in SQL; the dashboard shows it beside the queue).</summary>
    public async Task<int> CountAsync(ReviewQueueFilter filter, string reviewer, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await Filter(db, filter, ReviewOrder.Newest, reviewer).CountAsync(cancellationToken);
    }

    /// <summary>
    /// How far the queue's filter is reviewed: its items (the filter's "reviewed" criterion ignored) and how many of them
    /// have a label that counts (by anyone, <see cref="CountingLabels"/>). Two COUNTs in SQL.
    /// </summary>
    public async Task<ReviewProgress> ProgressAsync(ReviewQueueFilter filter, string reviewer, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var items = await Filter(db, filter with { Reviewed = ReviewedState.Any }, ReviewOrder.Newest, reviewer).CountAsync(cancellationToken);
        var open = await Filter(db, filter with { Reviewed = ReviewedState.NotReviewed }, ReviewOrder.Newest, reviewer).CountAsync(cancellationToken);
        return new ReviewProgress(items, items - open);
    }

    /// <summary>Which of the given decisions are reviewed (a counting label on their paper × stage), by this reviewer or only by others.</summary>
    public async Task<IReadOnlyDictionary<long, ReviewedState>> ReviewedAsync(IReadOnlyCollection<long> decisionIds, string reviewer, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var ids = decisionIds.Distinct().ToList();
        var active = db.HumanLabels.Where(CountingLabels.Predicate);
        var rows = await db.Decisions.AsNoTracking().Where(d => ids.Contains(d.Id))
            .Select(d => new
            {
                d.Id,
                Mine = active.Any(l => l.PaperId == d.PaperId && l.Stage == d.Stage && l.Reviewer == reviewer),
                Others = active.Any(l => l.PaperId == d.PaperId && l.Stage == d.Stage && l.Reviewer != reviewer),
            })
            .ToListAsync(cancellationToken);
        return rows.Where(r => r.Mine || r.Others)
            .ToDictionary(r => r.Id, r => r.Mine ? ReviewedState.ReviewedByMe : ReviewedState.ReviewedByOthers);
    }

    private sealed record SortKey(long Id, double Score, long PaperId, int Position);

    // Member-initialised (not a positional record) so EF can filter and sort on its properties inside the subquery.
    // It holds decision columns only: the page is chosen from Decisions alone and joined to its papers afterwards.
    private sealed class Row
    {
        public long Id { get; init; }
        public long PaperId { get; init; }
        public string Stage { get; init; } = "";
        public string Backend { get; init; } = "";
        public string Model { get; init; } = "";
        public string? ValueKey { get; init; }
        public string? ErrorKind { get; init; }
        public bool Ungrounded { get; init; }
        public double? Score { get; init; }
        public int Position { get; init; }
    }

    private static IQueryable<Row> Filter(PtmReuseDbContext db, ReviewQueueFilter filter, ReviewOrder order, string reviewer)
    {
        // With a LIMIT, the index of the queue's order must drive the scan: SQLite then stops at the first matching rows.
        // Given an index on a filter column whose order is not the queue's (stage for "newest" or "by paper"; run for
        // "newest" or "most uncertain"), it may collect every match and sort it (seconds at two million decisions).
        // Comparing `Stage || ''` or `RunId + 0` keeps such a column out of index selection without changing the result.
        // PostgreSQL chooses by its statistics, which those expressions would hide (SqlDialect.NeedsIndexHints).
        var hinted = SqlDialect.For(db.Database).NeedsIndexHints;
        var stageByIndex = !hinted || order == ReviewOrder.MostUncertain;
        var runByIndex = !hinted || order == ReviewOrder.Paper;
        IQueryable<MachineDecision> StageIs(IQueryable<MachineDecision> rows, string wire) =>
            stageByIndex ? rows.Where(d => d.Stage == wire) : rows.Where(d => d.Stage + "" == wire);

        var decisions = db.Decisions.AsNoTracking();
        if (filter.Stage is { } stage)
        {
            decisions = StageIs(decisions, stage.WireName());
        }

        if (filter.RunId is { } runId)
        {
            decisions = runByIndex ? decisions.Where(d => d.RunId == runId) : decisions.Where(d => d.RunId + 0 == runId);
        }

        if (!string.IsNullOrWhiteSpace(filter.Backend))
        {
            decisions = decisions.Where(d => d.Backend == filter.Backend);
        }

        if (!string.IsNullOrWhiteSpace(filter.Model))
        {
            decisions = decisions.Where(d => d.Model == filter.Model);
        }

        decisions = hinted ? PaperFiltersAsLookups(db, decisions, filter) : PaperFiltersAsSemiJoin(db, decisions, filter);

        if (filter.Flag is { } flag)
        {
            var key = flag ? "yes" : "no";
            // Two stages (an IN list) match no order index; never let SQLite's planner drive the scan with them.
            decisions = hinted
                ? decisions.Where(d => (d.Stage + "" == "uses_dl" || d.Stage + "" == "uses_ptms") && d.ValueKey == key)
                : decisions.Where(d => (d.Stage == "uses_dl" || d.Stage == "uses_ptms") && d.ValueKey == key);
        }

        if (filter.Pattern is { } pattern)
        {
            var suffix = "%:" + StageDefinitions.Pattern(pattern).WireName;
            decisions = StageIs(decisions, "ptm_reuse").Where(d => EF.Functions.Like(d.ValueKey, suffix) || EF.Functions.Like(d.ValueKey, suffix + "|%"));
        }

        if (filter.Step is { } step)
        {
            var suffix = "%:" + step;
            decisions = StageIs(decisions, "ptm_impact").Where(d => EF.Functions.Like(d.ValueKey, suffix) || EF.Functions.Like(d.ValueKey, suffix + "|%"));
        }

        if (!string.IsNullOrWhiteSpace(filter.PtmModel))
        {
            // Keys hold lower-case canonical names between "|" separators, optionally followed by ":pattern".
            var name = filter.PtmModel.Trim().ToLowerInvariant();
            decisions = decisions.Where(d => ("|" + d.ValueKey + "|").Contains("|" + name + "|") || ("|" + d.ValueKey).Contains("|" + name + ":"));
        }

        if (filter.UngroundedOnly)
        {
            // The runner sets EvidenceGrounded to false when any excerpt of the answer is ungrounded: a column, not a JSON scan.
            decisions = decisions.Where(d => d.EvidenceGrounded == false);
        }

        if (filter.CompareRunId is { } other)
        {
            decisions = decisions.Where(d => d.ValueKey != null && db.Decisions.Any(o => o.RunId == other && o.PaperId == d.PaperId
                && o.Stage == d.Stage && o.ValueKey != null && o.ValueKey != d.ValueKey));
        }

        // Reviewed means a label that counts (CountingLabels): a skip or a note leaves the item to be reviewed.
        var active = db.HumanLabels.Where(CountingLabels.Predicate);
        decisions = filter.Reviewed switch
        {
            ReviewedState.NotReviewed => decisions.Where(d => !active.Any(l => l.PaperId == d.PaperId && l.Stage == d.Stage)),
            ReviewedState.ReviewedByMe => decisions.Where(d => active.Any(l => l.PaperId == d.PaperId && l.Stage == d.Stage && l.Reviewer == reviewer)),
            ReviewedState.ReviewedByOthers => decisions.Where(d => active.Any(l => l.PaperId == d.PaperId && l.Stage == d.Stage && l.Reviewer != reviewer)),
            _ => decisions,
        };

        if (filter.AssignedToMe)
        {
            decisions = decisions.Where(d => db.ReviewAssignments.Any(a => a.DecisionId == d.Id && a.Reviewer == reviewer));
        }

        var positioned = filter.SampleId is { } sampleId
            ? decisions.Join(db.ValidationSampleItems.Where(i => i.SampleId == sampleId), d => d.Id, i => i.DecisionId, (d, i) => new { d, i.Position })
            : decisions.Where(_ => order != ReviewOrder.Sample).Select(d => new { d, Position = 0 });
        return from x in positioned
               select new Row
               {
                   Id = x.d.Id,
                   PaperId = x.d.PaperId,
                   Stage = x.d.Stage,
                   Backend = x.d.Backend,
                   Model = x.d.Model,
                   ValueKey = x.d.ValueKey,
                   ErrorKind = x.d.ErrorKind,
                   Ungrounded = x.d.EvidenceGrounded == false,
                   Score = x.d.UncertaintyScore,
                   Position = x.Position,
               };
    }

    /// <summary>
    /// The paper's field and years as scalar subqueries (a primary-key lookup per decision walked): SQLite turns an EXISTS
    /// into a join and first builds a Bloom filter over every matching paper, ~0.5 s per step at 350k papers.
    /// </summary>
    private static IQueryable<MachineDecision> PaperFiltersAsLookups(PtmReuseDbContext db, IQueryable<MachineDecision> decisions, ReviewQueueFilter filter)
    {
        if (!string.IsNullOrWhiteSpace(filter.Field))
        {
            decisions = decisions.Where(d => db.Papers.Where(p => p.Id == d.PaperId).Select(p => p.PrimaryField).FirstOrDefault() == filter.Field);
        }

        if (filter.YearFrom is { } from)
        {
            decisions = decisions.Where(d => db.Papers.Where(p => p.Id == d.PaperId).Select(p => p.Year).FirstOrDefault() >= from);
        }

        if (filter.YearTo is { } to)
        {
            decisions = decisions.Where(d => db.Papers.Where(p => p.Id == d.PaperId).Select(p => p.Year).FirstOrDefault() <= to);
        }

        return decisions;
    }

    /// <summary>
    /// The paper's field and years as one EXISTS: PostgreSQL plans it as a semi-join with estimated selectivity, and walks
    /// the order's index with a primary-key probe per decision while that is cheaper than collecting the matches.
    /// </summary>
    private static IQueryable<MachineDecision> PaperFiltersAsSemiJoin(PtmReuseDbContext db, IQueryable<MachineDecision> decisions, ReviewQueueFilter filter)
    {
        var field = string.IsNullOrWhiteSpace(filter.Field) ? null : filter.Field;
        if (field is null && filter.YearFrom is null && filter.YearTo is null)
        {
            return decisions;
        }

        var papers = db.Papers.AsQueryable();
        if (field is not null)
        {
            papers = papers.Where(p => p.PrimaryField == field);
        }

        if (filter.YearFrom is { } from)
        {
            papers = papers.Where(p => p.Year >= from);
        }

        if (filter.YearTo is { } to)
        {
            papers = papers.Where(p => p.Year <= to);
        }

        return decisions.Where(d => papers.Any(p => p.Id == d.PaperId));
    }

    private static async Task<SortKey?> KeyOfAsync(PtmReuseDbContext db, ReviewQueueFilter filter, ReviewOrder order, long decisionId, CancellationToken cancellationToken)
    {
        var key = await db.Decisions.AsNoTracking().Where(d => d.Id == decisionId)
            .Select(d => new SortKey(d.Id, d.UncertaintyScore ?? 0, d.PaperId, 0)).FirstOrDefaultAsync(cancellationToken);
        if (key is not null && order == ReviewOrder.Sample && filter.SampleId is { } sampleId)
        {
            var position = await db.ValidationSampleItems.Where(i => i.SampleId == sampleId && i.DecisionId == decisionId)
                .Select(i => (int?)i.Position).FirstOrDefaultAsync(cancellationToken);
            return position is null ? null : key with { Position = position.Value };
        }

        return key;
    }

    private static IQueryable<Row> After(IQueryable<Row> rows, ReviewOrder order, SortKey key, bool forward) => (order, forward) switch
    {
        // The redundant "<=" / ">=" bound on the leading key lets SQLite seek the order index instead of scanning it from the start.
        (ReviewOrder.MostUncertain, true) => rows.Where(r => r.Score <= key.Score && (r.Score < key.Score || r.Id > key.Id)),
        (ReviewOrder.MostUncertain, false) => rows.Where(r => r.Score >= key.Score && (r.Score > key.Score || r.Id < key.Id)),
        (ReviewOrder.Newest, true) => rows.Where(r => r.Id < key.Id),
        (ReviewOrder.Newest, false) => rows.Where(r => r.Id > key.Id),
        (ReviewOrder.Paper, true) => rows.Where(r => r.PaperId >= key.PaperId && (r.PaperId > key.PaperId || r.Id > key.Id)),
        (ReviewOrder.Paper, false) => rows.Where(r => r.PaperId <= key.PaperId && (r.PaperId < key.PaperId || r.Id < key.Id)),
        (ReviewOrder.Sample, true) => rows.Where(r => r.Position > key.Position),
        (ReviewOrder.Sample, false) => rows.Where(r => r.Position < key.Position),
        _ => rows,
    };

    private static IQueryable<Row> Sort(IQueryable<Row> rows, ReviewOrder order, bool forward) => (order, forward) switch
    {
        (ReviewOrder.MostUncertain, true) => rows.OrderByDescending(r => r.Score).ThenBy(r => r.Id),
        (ReviewOrder.MostUncertain, false) => rows.OrderBy(r => r.Score).ThenByDescending(r => r.Id),
        (ReviewOrder.Newest, true) => rows.OrderByDescending(r => r.Id),
        (ReviewOrder.Newest, false) => rows.OrderBy(r => r.Id),
        (ReviewOrder.Paper, true) => rows.OrderBy(r => r.PaperId).ThenBy(r => r.Id),
        (ReviewOrder.Paper, false) => rows.OrderByDescending(r => r.PaperId).ThenByDescending(r => r.Id),
        (ReviewOrder.Sample, true) => rows.OrderBy(r => r.Position),
        (ReviewOrder.Sample, false) => rows.OrderByDescending(r => r.Position),
        _ => rows,
    };

    /// <summary>
    /// Joins the chosen page (a sorted, limited subquery over Decisions) to its papers and restores the order. SQLite does
    /// not flatten a LIMIT subquery into a join, so the papers can never become the outer loop of the scan.
    /// </summary>
    private static IQueryable<ReviewQueueItem> Project(PtmReuseDbContext db, IQueryable<Row> page, ReviewOrder order, bool forward) =>
        Sort(page, order, forward).Join(db.Papers, r => r.PaperId, p => p.Id, (r, p) => new ReviewQueueItem(r.Id, r.PaperId, ParseStage(r.Stage),
            p.Title, p.Year, p.PrimaryField, r.Backend, r.Model, r.ValueKey, r.ErrorKind, r.Ungrounded, r.Score ?? 0,
            order == ReviewOrder.Sample ? r.Position : null));

    private static Stage ParseStage(string wire) => StageNames.TryParse(wire, out var stage) ? stage : Stage.UsesDl;
}
