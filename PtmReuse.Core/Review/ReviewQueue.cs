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

        return await Project(db, Sort(rows, order, forward: true), order).Take(take).ToListAsync(cancellationToken);
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

        return await Project(db, Sort(rows, order, forward), order).FirstOrDefaultAsync(cancellationToken);
    }

    /// <summary>How many items match (a COUNT in SQL; the dashboard shows it beside the queue).</summary>
    public async Task<int> CountAsync(ReviewQueueFilter filter, string reviewer, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await Filter(db, filter, ReviewOrder.Newest, reviewer).CountAsync(cancellationToken);
    }

    private sealed record SortKey(long Id, double Score, long PaperId, int Position);

    // Member-initialised (not a positional record) so EF can filter and sort on its properties after the join.
    private sealed class Row
    {
        public long Id { get; init; }
        public long PaperId { get; init; }
        public string Stage { get; init; } = "";
        public string Title { get; init; } = "";
        public int? Year { get; init; }
        public string? Field { get; init; }
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
        var decisions = db.Decisions.AsNoTracking();
        if (filter.Stage is { } stage)
        {
            var wire = stage.WireName();
            decisions = decisions.Where(d => d.Stage == wire);
        }

        if (filter.RunId is { } runId)
        {
            decisions = decisions.Where(d => d.RunId == runId);
        }

        if (!string.IsNullOrWhiteSpace(filter.Backend))
        {
            decisions = decisions.Where(d => d.Backend == filter.Backend);
        }

        if (!string.IsNullOrWhiteSpace(filter.Model))
        {
            decisions = decisions.Where(d => d.Model == filter.Model);
        }

        if (!string.IsNullOrWhiteSpace(filter.Field))
        {
            decisions = decisions.Where(d => db.Papers.Any(p => p.Id == d.PaperId && p.PrimaryField == filter.Field));
        }

        if (filter.YearFrom is { } from)
        {
            decisions = decisions.Where(d => db.Papers.Any(p => p.Id == d.PaperId && p.Year >= from));
        }

        if (filter.YearTo is { } to)
        {
            decisions = decisions.Where(d => db.Papers.Any(p => p.Id == d.PaperId && p.Year <= to));
        }

        if (filter.Flag is { } flag)
        {
            var key = flag ? "yes" : "no";
            decisions = decisions.Where(d => (d.Stage == "uses_dl" || d.Stage == "uses_ptms") && d.ValueKey == key);
        }

        if (filter.Pattern is { } pattern)
        {
            var suffix = "%:" + StageDefinitions.Pattern(pattern).WireName;
            decisions = decisions.Where(d => d.Stage == "ptm_reuse" && (EF.Functions.Like(d.ValueKey, suffix) || EF.Functions.Like(d.ValueKey, suffix + "|%")));
        }

        if (filter.Step is { } step)
        {
            var suffix = "%:" + step;
            decisions = decisions.Where(d => d.Stage == "ptm_impact" && (EF.Functions.Like(d.ValueKey, suffix) || EF.Functions.Like(d.ValueKey, suffix + "|%")));
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

        var active = db.HumanLabels.Where(l => !l.Retired && l.Action != LabelAction.Undo);
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
               join paper in db.Papers on x.d.PaperId equals paper.Id
               select new Row
               {
                   Id = x.d.Id,
                   PaperId = x.d.PaperId,
                   Stage = x.d.Stage,
                   Title = paper.Title,
                   Year = paper.Year,
                   Field = paper.PrimaryField,
                   Backend = x.d.Backend,
                   Model = x.d.Model,
                   ValueKey = x.d.ValueKey,
                   ErrorKind = x.d.ErrorKind,
                   Ungrounded = x.d.EvidenceGrounded == false,
                   Score = x.d.UncertaintyScore,
                   Position = x.Position,
               };
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
        (ReviewOrder.MostUncertain, true) => rows.Where(r => r.Score < key.Score || (r.Score == key.Score && r.Id > key.Id)),
        (ReviewOrder.MostUncertain, false) => rows.Where(r => r.Score > key.Score || (r.Score == key.Score && r.Id < key.Id)),
        (ReviewOrder.Newest, true) => rows.Where(r => r.Id < key.Id),
        (ReviewOrder.Newest, false) => rows.Where(r => r.Id > key.Id),
        (ReviewOrder.Paper, true) => rows.Where(r => r.PaperId > key.PaperId || (r.PaperId == key.PaperId && r.Id > key.Id)),
        (ReviewOrder.Paper, false) => rows.Where(r => r.PaperId < key.PaperId || (r.PaperId == key.PaperId && r.Id < key.Id)),
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

    private static IQueryable<ReviewQueueItem> Project(PtmReuseDbContext db, IQueryable<Row> rows, ReviewOrder order) =>
        rows.Select(r => new ReviewQueueItem(r.Id, r.PaperId, ParseStage(r.Stage), r.Title, r.Year, r.Field, r.Backend, r.Model,
            r.ValueKey, r.ErrorKind, r.Ungrounded, r.Score ?? 0, order == ReviewOrder.Sample ? r.Position : null));

    private static Stage ParseStage(string wire) => StageNames.TryParse(wire, out var stage) ? stage : Stage.UsesDl;
}
