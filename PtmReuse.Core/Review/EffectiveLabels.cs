using Microsoft.EntityFrameworkCore;
using PtmReuse.Core.Classification;
using PtmReuse.Core.Storage;

namespace PtmReuse.Core.Review;

public enum LabelSource
{
    Machine,
    Human,
}

/// <summary>
/// The label that counts for one paper × stage. <see cref="Answer"/> is null when the only machine decision failed
/// (<see cref="ErrorKind"/> says why): unknown, never "no". <see cref="HumanConflict"/> is true when reviewers disagree
/// and no admin has adjudicated yet: the machine's answer counts meanwhile.
/// </summary>
public sealed record EffectiveLabel(Stage Stage, StageAnswer? Answer, LabelSource Source, long? DecisionId, long? HumanLabelId, string? ErrorKind, bool HumanConflict = false);

/// <summary>Which machine decisions may count; by default the most recent answer of any backend.</summary>
public sealed record MachineDecisionFilter(long? RunId = null, string? Backend = null)
{
    public static MachineDecisionFilter Latest { get; } = new();
}

/// <summary>
/// The one effective-label rule, shared by exports, analytics and the review pages. For each paper × stage, over the
/// human labels that carry a value and are not retired:
/// <list type="number">
/// <item>the latest adjudicated label wins;</item>
/// <item>otherwise, taking each reviewer's latest label: if they all agree (one reviewer, or several with the same
/// <see cref="AnswerKeys">key</see>), the latest of them wins;</item>
/// <item>otherwise (reviewers disagree, not yet adjudicated) and when there is no human label, the latest successful
/// machine decision counts; failing that the latest failure (unknown). A stage with neither did not run.</item>
/// </list>
/// Then the cascade: a human "no" on uses_dl settles uses_ptms as "no", and a human "no" on uses_ptms settles the PTM
/// stages as empty lists, whatever the machine said below.
/// </summary>
public sealed class EffectiveLabels(IDbContextFactory<PtmReuseDbContext> dbFactory)
{
    public async Task<IReadOnlyDictionary<long, IReadOnlyDictionary<Stage, EffectiveLabel>>> ForPapersAsync(
        IReadOnlyCollection<long> paperIds, MachineDecisionFilter filter, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var decisions = db.Decisions.AsNoTracking().Where(d => paperIds.Contains(d.PaperId));
        if (filter.RunId is { } runId)
        {
            decisions = decisions.Where(d => d.RunId == runId);
        }

        if (filter.Backend is { } backend)
        {
            decisions = decisions.Where(d => d.Backend == backend);
        }

        var machine = await decisions
            .Select(d => new MachineRow(d.Id, d.PaperId, d.Stage, d.ValueJson, d.ErrorKind, d.CreatedAt))
            .ToListAsync(cancellationToken);
        var human = await HumanRowsAsync(db.HumanLabels.Where(l => paperIds.Contains(l.PaperId)), cancellationToken);

        var machineByPaper = machine.ToLookup(m => m.PaperId);
        var humanByPaper = human.ToLookup(h => h.PaperId);
        var result = new Dictionary<long, IReadOnlyDictionary<Stage, EffectiveLabel>>();
        foreach (var paperId in paperIds)
        {
            result[paperId] = Resolve(machineByPaper[paperId], humanByPaper[paperId]);
        }

        return result;
    }

    /// <summary>The labels that can count (value-bearing, not retired) from a query over human labels.</summary>
    internal static Task<List<HumanRow>> HumanRowsAsync(IQueryable<HumanLabel> labels, CancellationToken cancellationToken) =>
        labels.AsNoTracking()
            .Where(l => !l.Retired && (l.Action == LabelAction.Correct || l.Action == LabelAction.Accept || l.Action == LabelAction.Cascade || l.Action == LabelAction.Adjudicate))
            .Select(l => new HumanRow(l.Id, l.PaperId, l.Stage, l.ValueJson, l.CreatedAt, l.Reviewer, l.Adjudicated))
            .ToListAsync(cancellationToken);

    /// <summary>The rule itself, over one paper's rows.</summary>
    internal static IReadOnlyDictionary<Stage, EffectiveLabel> Resolve(IEnumerable<MachineRow> machine, IEnumerable<HumanRow> human)
    {
        var labels = new Dictionary<Stage, EffectiveLabel>();
        foreach (var row in machine.OrderBy(m => m.ErrorKind is null).ThenBy(m => m.CreatedAt).ThenBy(m => m.Id))
        {
            // Ordered failures first, then answers, each oldest first: the last write is the latest answer if any.
            if (StageNames.TryParse(row.Stage, out var stage))
            {
                labels[stage] = new EffectiveLabel(stage, row.ErrorKind is null ? StageJson.Deserialize(row.ValueJson) : null,
                    LabelSource.Machine, row.Id, null, row.ErrorKind);
            }
        }

        foreach (var group in human.GroupBy(h => h.Stage))
        {
            if (!StageNames.TryParse(group.Key, out var stage))
            {
                continue;
            }

            var (winner, conflict) = HumanWinner(group.ToList());
            if (winner is not null)
            {
                labels[stage] = new EffectiveLabel(stage, StageJson.Deserialize(winner.ValueJson), LabelSource.Human, null, winner.Id, null);
            }
            else if (conflict && labels.TryGetValue(stage, out var machineLabel))
            {
                labels[stage] = machineLabel with { HumanConflict = true };
            }
        }

        ApplyCascade(labels);
        return labels;
    }

    /// <summary>The human label that counts among one stage's rows, or null with whether that is because reviewers disagree.</summary>
    internal static (HumanRow? Winner, bool Conflict) HumanWinner(IReadOnlyCollection<HumanRow> rows)
    {
        static IOrderedEnumerable<HumanRow> Latest(IEnumerable<HumanRow> rows) => rows.OrderByDescending(r => r.CreatedAt).ThenByDescending(r => r.Id);

        if (Latest(rows.Where(r => r.Adjudicated)).FirstOrDefault() is { } adjudicated)
        {
            return (adjudicated, false);
        }

        var perReviewer = rows.GroupBy(r => r.Reviewer, StringComparer.Ordinal).Select(g => Latest(g).First()).ToList();
        if (perReviewer.Count == 0)
        {
            return (null, false);
        }

        var keys = perReviewer.Select(r => AnswerKeys.For(StageJson.Deserialize(r.ValueJson))).Distinct(StringComparer.Ordinal).Count();
        return keys == 1 ? (Latest(perReviewer).First(), false) : (null, true);
    }

    private static void ApplyCascade(Dictionary<Stage, EffectiveLabel> labels)
    {
        if (labels.GetValueOrDefault(Stage.UsesDl) is { Source: LabelSource.Human, Answer: FlagAnswer { Result: false } } noDl
            && labels.GetValueOrDefault(Stage.UsesPtms) is not { Source: LabelSource.Human, Answer: FlagAnswer { Result: false } })
        {
            labels[Stage.UsesPtms] = new EffectiveLabel(Stage.UsesPtms, new UsesPtmsAnswer(false, null), LabelSource.Human, null, noDl.HumanLabelId, null);
        }

        if (labels.GetValueOrDefault(Stage.UsesPtms) is { Source: LabelSource.Human, Answer: FlagAnswer { Result: false } } noPtms)
        {
            StageAnswer[] empty = [new IdentifyPtmsAnswer([]), new PtmReuseAnswer([]), new PtmImpactAnswer([])];
            foreach (var answer in empty)
            {
                if (labels.TryGetValue(answer.Stage, out var below) && !(below.Source == LabelSource.Human && AnswerKeys.For(below.Answer) == ""))
                {
                    labels[answer.Stage] = new EffectiveLabel(answer.Stage, answer, LabelSource.Human, null, noPtms.HumanLabelId, null);
                }
            }
        }
    }

    internal sealed record MachineRow(long Id, long PaperId, string Stage, string? ValueJson, string? ErrorKind, DateTime CreatedAt);

    internal sealed record HumanRow(long Id, long PaperId, string Stage, string ValueJson, DateTime CreatedAt, string Reviewer = "", bool Adjudicated = false);
}
