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
/// (<see cref="ErrorKind"/> says why): unknown, never "no".
/// </summary>
public sealed record EffectiveLabel(Stage Stage, StageAnswer? Answer, LabelSource Source, long? DecisionId, long? HumanLabelId, string? ErrorKind);

/// <summary>Which machine decisions may count; by default the most recent answer of any backend.</summary>
public sealed record MachineDecisionFilter(long? RunId = null, string? Backend = null)
{
    public static MachineDecisionFilter Latest { get; } = new();
}

/// <summary>
/// The one effective-label rule, shared by exports and analytics: the latest non-retired human label wins; otherwise
/// the latest successful machine decision; otherwise the latest failure (unknown). A stage with neither did not run.
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
        var human = await db.HumanLabels.AsNoTracking()
            .Where(l => paperIds.Contains(l.PaperId) && !l.Retired)
            .Select(l => new HumanRow(l.Id, l.PaperId, l.Stage, l.ValueJson, l.CreatedAt))
            .ToListAsync(cancellationToken);

        var machineByPaper = machine.ToLookup(m => m.PaperId);
        var humanByPaper = human.ToLookup(h => h.PaperId);
        var result = new Dictionary<long, IReadOnlyDictionary<Stage, EffectiveLabel>>();
        foreach (var paperId in paperIds)
        {
            result[paperId] = Resolve(machineByPaper[paperId], humanByPaper[paperId]);
        }

        return result;
    }

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

        foreach (var row in human.OrderBy(h => h.CreatedAt).ThenBy(h => h.Id))
        {
            if (StageNames.TryParse(row.Stage, out var stage))
            {
                labels[stage] = new EffectiveLabel(stage, StageJson.Deserialize(row.ValueJson), LabelSource.Human, null, row.Id, null);
            }
        }

        return labels;
    }

    internal sealed record MachineRow(long Id, long PaperId, string Stage, string? ValueJson, string? ErrorKind, DateTime CreatedAt);

    internal sealed record HumanRow(long Id, long PaperId, string Stage, string ValueJson, DateTime CreatedAt);
}
