using Microsoft.EntityFrameworkCore;
using PtmReuse.Core.Classification;
using PtmReuse.Core.Storage;

namespace PtmReuse.Core.Review;

/// <summary>One reviewer's standing label in a conflict.</summary>
public sealed record ReviewerAnswer(string Reviewer, long LabelId, StageAnswer? Answer, string Summary, DateTime At);

/// <summary>A paper × stage whose reviewers disagree and that no admin has adjudicated yet.</summary>
public sealed record AdjudicationItem(long PaperId, Stage Stage, long? DecisionId, string Title, IReadOnlyList<ReviewerAnswer> Answers);

/// <summary>Blind double assignment and the adjudication list.</summary>
public sealed class ReviewAssignments(IDbContextFactory<PtmReuseDbContext> dbFactory, ReviewQueue queue, TimeProvider clock)
{
    /// <summary>
    /// Assigns each decision to both reviewers, blind: neither sees the other's label. Decisions already assigned to a
    /// reviewer are left as they are. Returns the number of new assignments.
    /// </summary>
    public async Task<int> AssignAsync(IReadOnlyCollection<long> decisionIds, string firstReviewer, string secondReviewer, string admin, bool blind, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(firstReviewer) || string.IsNullOrWhiteSpace(secondReviewer) || string.Equals(firstReviewer, secondReviewer, StringComparison.Ordinal))
        {
            throw new LabelSchemaException(["double review needs two different reviewers"]);
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var decisions = await db.Decisions.AsNoTracking().Where(d => decisionIds.Contains(d.Id))
            .Select(d => new { d.Id, d.PaperId, d.Stage }).ToListAsync(cancellationToken);
        var existing = (await db.ReviewAssignments.AsNoTracking().Where(a => decisionIds.Contains(a.DecisionId))
            .Select(a => new { a.DecisionId, a.Reviewer }).ToListAsync(cancellationToken)).ToHashSet();
        var now = clock.GetUtcNow().UtcDateTime;
        var added = 0;
        foreach (var decision in decisions)
        {
            foreach (var reviewer in new[] { firstReviewer.Trim(), secondReviewer.Trim() })
            {
                if (existing.Add(new { DecisionId = decision.Id, Reviewer = reviewer }))
                {
                    db.ReviewAssignments.Add(new ReviewAssignment
                    {
                        DecisionId = decision.Id,
                        PaperId = decision.PaperId,
                        Stage = decision.Stage,
                        Reviewer = reviewer,
                        Blind = blind,
                        AssignedBy = admin,
                        AssignedAt = now,
                    });
                    added++;
                }
            }
        }

        await db.SaveChangesAsync(cancellationToken);
        return added;
    }

    /// <summary>Assigns the first <paramref name="count"/> items of a queue (as the admin sees it) to two reviewers.</summary>
    public async Task<int> AssignFromQueueAsync(ReviewQueueFilter filter, ReviewOrder order, int count, string firstReviewer, string secondReviewer,
        string admin, CancellationToken cancellationToken)
    {
        var ids = new List<long>();
        long? after = null;
        while (ids.Count < count)
        {
            var page = await queue.PageAsync(filter, order, admin, after, Math.Min(ReviewQueue.MaxPageSize, count - ids.Count), cancellationToken);
            if (page.Count == 0)
            {
                break;
            }

            ids.AddRange(page.Select(i => i.DecisionId));
            after = page[^1].DecisionId;
        }

        return await AssignAsync(ids, firstReviewer, secondReviewer, admin, blind: true, cancellationToken);
    }

    /// <summary>Conflicts to adjudicate: paper × stages where reviewers' standing labels disagree and no adjudication exists.</summary>
    public async Task<IReadOnlyList<AdjudicationItem>> ConflictsAsync(CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var candidates = await db.HumanLabels.AsNoTracking()
            .Where(CountingLabels.Predicate)
            .GroupBy(l => new { l.PaperId, l.Stage })
            .Where(g => g.Select(l => l.Reviewer).Distinct().Count() > 1)
            .Select(g => g.Key).ToListAsync(cancellationToken);
        var items = new List<AdjudicationItem>();
        foreach (var candidate in candidates)
        {
            var rows = await EffectiveLabels.HumanRowsAsync(db.HumanLabels.Where(l => l.PaperId == candidate.PaperId && l.Stage == candidate.Stage), cancellationToken);
            if (!StageNames.TryParse(candidate.Stage, out var stage) || EffectiveLabels.HumanWinner(rows) is not (null, true))
            {
                continue;
            }

            var answers = rows.GroupBy(r => r.Reviewer, StringComparer.Ordinal)
                .Select(g => g.OrderByDescending(r => r.CreatedAt).ThenByDescending(r => r.Id).First())
                .Select(r =>
                {
                    var answer = StageJson.Deserialize(r.ValueJson);
                    return new ReviewerAnswer(r.Reviewer, r.Id, answer, Classification.Runs.RunComparer.Summarise(answer), r.CreatedAt);
                })
                .OrderBy(a => a.Reviewer, StringComparer.Ordinal).ToList();
            var title = await db.Papers.Where(p => p.Id == candidate.PaperId).Select(p => p.Title).FirstAsync(cancellationToken);
            var decisionId = await db.Decisions.Where(d => d.PaperId == candidate.PaperId && d.Stage == candidate.Stage)
                .OrderByDescending(d => d.CreatedAt).Select(d => (long?)d.Id).FirstOrDefaultAsync(cancellationToken);
            items.Add(new AdjudicationItem(candidate.PaperId, stage, decisionId, title, answers));
        }

        return items.OrderBy(i => i.PaperId).ThenBy(i => i.Stage).ToList();
    }

    /// <summary>The reviewers with assignments, for the admin's pickers.</summary>
    public async Task<IReadOnlyList<string>> KnownReviewersAsync(CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var names = await db.ReviewAssignments.Select(a => a.Reviewer).Union(db.HumanLabels.Select(l => l.Reviewer)).Distinct().ToListAsync(cancellationToken);
        return names.Order(StringComparer.OrdinalIgnoreCase).ToList();
    }
}
