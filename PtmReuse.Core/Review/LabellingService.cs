using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using PtmReuse.Core.Classification;
using PtmReuse.Core.Storage;

namespace PtmReuse.Core.Review;

/// <summary>
/// One reviewer action on a machine decision. <see cref="ExpectedVersion"/> is the label version the reviewer saw
/// (<see cref="ReviewLabelState.Version"/>, 0 when there was no label): if someone they can see labelled the item since,
/// the action is refused with <see cref="LabelConflictException"/>. <see cref="Value"/> is required for a correction.
/// </summary>
public sealed record LabelCommand(long DecisionId, LabelAction Action, int ExpectedVersion, StageAnswer? Value = null, string? Note = null);

/// <summary>What an action wrote: its label and version, and the labels it settled (cascade), retired or restored.</summary>
/// <summary>A reviewer's action that Undo can take back: the label, its decision (the item to return to), paper and stage.</summary>
public sealed record UndoableAction(long LabelId, long DecisionId, long PaperId, string Stage, LabelAction Action);

public sealed record LabelOutcome(long LabelId, int Version, IReadOnlyList<long> Cascaded, IReadOnlyList<long> Retired, IReadOnlyList<long> Restored);

/// <summary>
/// Stores reviewers' actions as <see cref="HumanLabel"/> rows (who, when, previous value, new value, note) and never
/// touches machine decisions. Enforces the label schema, the cascade (uses_dl = no settles uses_ptms = no and retires
/// the reviewer's PTM labels below; undo brings them back), optimistic concurrency on the paper × stage's label
/// version, blind assignments (a blind reviewer neither sees nor conflicts with the other reviewer), and ownership
/// (a reviewer can only undo their own labels). After each commit every <see cref="ILabelsChangedListener"/> is told.
/// </summary>
public sealed partial class LabellingService(
    IDbContextFactory<PtmReuseDbContext> dbFactory,
    IPtmCatalog catalog,
    IEnumerable<ILabelsChangedListener> listeners,
    TimeProvider clock,
    ILogger<LabellingService> logger)
{
    private static readonly Stage[] PtmStages = [Stage.IdentifyPtms, Stage.PtmReuse, Stage.PtmImpact];

    public async Task<LabelOutcome> ApplyAsync(string reviewer, LabelCommand command, CancellationToken cancellationToken)
    {
        RequireName(reviewer);
        if (command.Action == LabelAction.Undo)
        {
            return await UndoAsync(reviewer, command.DecisionId, command.ExpectedVersion, null, cancellationToken);
        }

        if (command.Action is LabelAction.Cascade or LabelAction.Adjudicate)
        {
            throw new LabelPermissionException($"'{command.Action}' labels are written by the system or by an admin's adjudication, not as a review action.");
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var (decision, stage) = await DecisionAsync(db, command.DecisionId, cancellationToken);
        await SqlDialect.For(db.Database).SerializeWritersAsync(db, WriterLock.PaperLabels, decision.PaperId, cancellationToken);
        var scope = await ScopeAsync(db, decision.PaperId, stage, reviewer, cancellationToken);
        CheckVersion(scope, command.ExpectedVersion);

        var previous = scope.OwnValueJson ?? decision.ValueJson;
        StageAnswer? value = command.Action switch
        {
            LabelAction.Accept => decision.ErrorKind is null ? StageJson.Deserialize(decision.ValueJson)
                : throw new LabelSchemaException([$"there is no machine answer to accept: the request failed ({decision.ErrorKind}); correct it instead"]),
            LabelAction.Correct => command.Value ?? throw new LabelSchemaException(["a correction needs a value"]),
            _ => null,
        };
        if (value is not null)
        {
            value = Canonicalize(value);
            await ValidateAsync(db, decision.PaperId, stage, value, reviewer, cancellationToken);
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var label = new HumanLabel
        {
            PaperId = decision.PaperId,
            Stage = stage.WireName(),
            DecisionId = decision.Id,
            Reviewer = reviewer,
            CreatedAt = now,
            Action = command.Action,
            ValueJson = value is null ? "" : StageJson.Serialize(value),
            PreviousValueJson = previous,
            Note = string.IsNullOrWhiteSpace(command.Note) ? null : command.Note.Trim(),
            Version = scope.MaxVersion + 1,
            AssignmentId = scope.AssignmentId,
        };
        db.HumanLabels.Add(label);
        await db.SaveChangesAsync(cancellationToken);

        var cascaded = new List<long>();
        var retired = new List<long>();
        if (value is not null)
        {
            await CascadeAsync(db, label, value, reviewer, now, cascaded, retired, cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        LogAction(reviewer, command.Action, decision.PaperId, stage.WireName(), label.Version);
        await NotifyAsync(decision.PaperId, cancellationToken);
        return new LabelOutcome(label.Id, label.Version, cascaded, retired, []);
    }

    /// <summary>
    /// Takes back the reviewer's latest action on the decision's paper × stage (or the given label, which must be
    /// theirs): it is retired with the labels its cascade wrote, and the labels it retired come back.
    /// </summary>
    public async Task<LabelOutcome> UndoAsync(string reviewer, long decisionId, int expectedVersion, long? labelId, CancellationToken cancellationToken)
    {
        RequireName(reviewer);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var (decision, stage) = await DecisionAsync(db, decisionId, cancellationToken);
        await SqlDialect.For(db.Database).SerializeWritersAsync(db, WriterLock.PaperLabels, decision.PaperId, cancellationToken);
        var scope = await ScopeAsync(db, decision.PaperId, stage, reviewer, cancellationToken);
        CheckVersion(scope, expectedVersion);
        var wire = stage.WireName();
        HumanLabel target;
        if (labelId is { } id)
        {
            target = await db.HumanLabels.FirstOrDefaultAsync(l => l.Id == id, cancellationToken)
                ?? throw new ReviewNotFoundException($"There is no label {id}.");
            if (!string.Equals(target.Reviewer, reviewer, StringComparison.Ordinal))
            {
                throw new LabelPermissionException($"Label {id} belongs to another reviewer; you can only change your own labels.");
            }

            if (target.Retired || target.Action is LabelAction.Undo or LabelAction.Cascade)
            {
                throw new LabelSchemaException([$"label {id} cannot be undone (it is {(target.Retired ? "already retired" : "an " + target.Action.ToString().ToLowerInvariant())})"]);
            }
        }
        else
        {
            target = await db.HumanLabels
                .Where(l => l.PaperId == decision.PaperId && l.Stage == wire && l.Reviewer == reviewer && !l.Retired
                    && l.Action != LabelAction.Undo && l.Action != LabelAction.Cascade)
                .OrderByDescending(l => l.Version).FirstOrDefaultAsync(cancellationToken)
                ?? throw new ReviewNotFoundException("You have nothing to undo on this item.");
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var undo = new HumanLabel
        {
            PaperId = target.PaperId,
            Stage = target.Stage,
            DecisionId = decisionId,
            Reviewer = reviewer,
            CreatedAt = now,
            Action = LabelAction.Undo,
            PreviousValueJson = target.ValueJson.Length == 0 ? null : target.ValueJson,
            ParentLabelId = target.Id,
            Version = await MaxVersionAsync(db, target.PaperId, target.Stage, cancellationToken) + 1,
            AssignmentId = scope.AssignmentId,
        };
        db.HumanLabels.Add(undo);
        await db.SaveChangesAsync(cancellationToken);

        var children = await db.HumanLabels.Where(l => l.ParentLabelId == target.Id && l.Action == LabelAction.Cascade && !l.Retired).ToListAsync(cancellationToken);
        var retired = new List<long> { target.Id };
        target.Retired = true;
        target.RetiredByLabelId = undo.Id;
        foreach (var child in children)
        {
            child.Retired = true;
            child.RetiredByLabelId = undo.Id;
            retired.Add(child.Id);
        }

        var restored = await db.HumanLabels.Where(l => l.RetiredByLabelId == target.Id).ToListAsync(cancellationToken);
        foreach (var label in restored)
        {
            label.Retired = false;
            label.RetiredByLabelId = null;
        }

        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        LogAction(reviewer, LabelAction.Undo, target.PaperId, target.Stage, undo.Version);
        await NotifyAsync(target.PaperId, cancellationToken);
        return new LabelOutcome(undo.Id, undo.Version, [], retired, restored.Select(l => l.Id).ToList());
    }

    /// <summary>
    /// The reviewer's undo stack: their newest action still standing (not undone, not a cascade), on any item. Undoing it
    /// makes the one before the top, so Undo walks back through the items the queue has moved past.
    /// </summary>
    public async Task<UndoableAction?> LatestUndoableAsync(string reviewer, CancellationToken cancellationToken)
    {
        RequireName(reviewer);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.HumanLabels.AsNoTracking()
            .Where(l => l.Reviewer == reviewer && !l.Retired && l.DecisionId != null && l.Action != LabelAction.Undo && l.Action != LabelAction.Cascade && !l.Adjudicated)
            .OrderByDescending(l => l.Id)
            .Select(l => new UndoableAction(l.Id, l.DecisionId!.Value, l.PaperId, l.Stage, l.Action))
            .FirstOrDefaultAsync(cancellationToken);
    }

    /// <summary>
    /// Takes back the top of the reviewer's undo stack (<see cref="LatestUndoableAsync"/>), wherever the queue is now;
    /// null when there is nothing to undo.
    /// </summary>
    public async Task<(UndoableAction Action, LabelOutcome Outcome)?> UndoLatestAsync(string reviewer, CancellationToken cancellationToken)
    {
        if (await LatestUndoableAsync(reviewer, cancellationToken) is not { } latest || !StageNames.TryParse(latest.Stage, out var stage))
        {
            return null;
        }

        int version;
        await using (var db = await dbFactory.CreateDbContextAsync(cancellationToken))
        {
            version = (await ScopeAsync(db, latest.PaperId, stage, reviewer, cancellationToken)).VisibleVersion;
        }

        return (latest, await UndoAsync(reviewer, latest.DecisionId, version, latest.LabelId, cancellationToken));
    }

    /// <summary>An admin's decision on a paper × stage where reviewers disagree; it wins over every reviewer's label.</summary>
    public async Task<LabelOutcome> AdjudicateAsync(string admin, long paperId, Stage stage, StageAnswer value, string? note, CancellationToken cancellationToken)
    {
        RequireName(admin);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await SqlDialect.For(db.Database).SerializeWritersAsync(db, WriterLock.PaperLabels, paperId, cancellationToken);
        var wire = stage.WireName();
        var decisionId = await db.Decisions.Where(d => d.PaperId == paperId && d.Stage == wire)
            .OrderByDescending(d => d.CreatedAt).Select(d => (long?)d.Id).FirstOrDefaultAsync(cancellationToken);
        value = Canonicalize(value);
        if (value.Stage != stage)
        {
            throw new LabelSchemaException([$"the value is for stage {value.Stage.WireName()}, not {wire}"]);
        }

        await ValidateAsync(db, paperId, stage, value, admin, cancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;
        var label = new HumanLabel
        {
            PaperId = paperId,
            Stage = wire,
            DecisionId = decisionId,
            Reviewer = admin,
            CreatedAt = now,
            Action = LabelAction.Adjudicate,
            Adjudicated = true,
            ValueJson = StageJson.Serialize(value),
            Note = string.IsNullOrWhiteSpace(note) ? null : note.Trim(),
            Version = await MaxVersionAsync(db, paperId, wire, cancellationToken) + 1,
        };
        db.HumanLabels.Add(label);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        LogAction(admin, LabelAction.Adjudicate, paperId, wire, label.Version);
        await NotifyAsync(paperId, cancellationToken);
        return new LabelOutcome(label.Id, label.Version, [], [], []);
    }

    /// <summary>
    /// A reviewer's label on a paper × stage given without a machine decision in view (an imported label sheet): a
    /// correction with the same canonicalisation, schema checks and cascade as <see cref="ApplyAsync"/>, tied to the
    /// stage's newest decision when there is one. Returns null, writing nothing, when the reviewer's current label for
    /// the paper × stage already has this value (so importing a sheet twice changes nothing).
    /// </summary>
    public async Task<LabelOutcome?> LabelPaperAsync(string reviewer, long paperId, StageAnswer value, string? note, CancellationToken cancellationToken)
    {
        RequireName(reviewer);
        value = Canonicalize(value);
        var stage = value.Stage;
        var wire = stage.WireName();
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        if (!await db.Papers.AnyAsync(p => p.Id == paperId, cancellationToken))
        {
            throw new ReviewNotFoundException($"There is no paper {paperId}.");
        }

        await SqlDialect.For(db.Database).SerializeWritersAsync(db, WriterLock.PaperLabels, paperId, cancellationToken);
        var scope = await ScopeAsync(db, paperId, stage, reviewer, cancellationToken);
        var serialized = StageJson.Serialize(value);
        if (scope.OwnValueJson is { } own && AnswerKeys.For(StageJson.Deserialize(own)!) == AnswerKeys.For(value))
        {
            return null;
        }

        await ValidateAsync(db, paperId, stage, value, reviewer, cancellationToken);
        var decisionId = await db.Decisions.Where(d => d.PaperId == paperId && d.Stage == wire)
            .OrderByDescending(d => d.CreatedAt).Select(d => (long?)d.Id).FirstOrDefaultAsync(cancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;
        var label = new HumanLabel
        {
            PaperId = paperId,
            Stage = wire,
            DecisionId = decisionId,
            Reviewer = reviewer,
            CreatedAt = now,
            Action = LabelAction.Correct,
            ValueJson = serialized,
            PreviousValueJson = scope.OwnValueJson,
            Note = string.IsNullOrWhiteSpace(note) ? null : note.Trim(),
            Version = scope.MaxVersion + 1,
            AssignmentId = scope.AssignmentId,
        };
        db.HumanLabels.Add(label);
        await db.SaveChangesAsync(cancellationToken);
        var cascaded = new List<long>();
        var retired = new List<long>();
        await CascadeAsync(db, label, value, reviewer, now, cascaded, retired, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        LogAction(reviewer, LabelAction.Correct, paperId, wire, label.Version);
        await NotifyAsync(paperId, cancellationToken);
        return new LabelOutcome(label.Id, label.Version, cascaded, retired, []);
    }

    /// <summary>What the reviewer can see of a paper × stage's labels, and its version.</summary>
    internal sealed record LabelScope(int MaxVersion, int VisibleVersion, string? LatestVisibleBy, string? OwnValueJson, long? AssignmentId, bool Blind);

    internal static async Task<LabelScope> ScopeAsync(PtmReuseDbContext db, long paperId, Stage stage, string reviewer, CancellationToken cancellationToken)
    {
        var wire = stage.WireName();
        var assignment = await db.ReviewAssignments.AsNoTracking()
            .Where(a => a.PaperId == paperId && a.Stage == wire && a.Reviewer == reviewer)
            .OrderByDescending(a => a.Blind).Select(a => new { a.Id, a.Blind }).FirstOrDefaultAsync(cancellationToken);
        var blind = assignment?.Blind == true;
        var labels = await db.HumanLabels.AsNoTracking().Where(l => l.PaperId == paperId && l.Stage == wire)
            .Select(l => new HumanLabel { Version = l.Version, Reviewer = l.Reviewer, Adjudicated = l.Adjudicated, Action = l.Action, Retired = l.Retired, ValueJson = l.ValueJson })
            .ToListAsync(cancellationToken);
        var visible = labels.Where(l => !blind || l.Adjudicated || l.Reviewer == reviewer).ToList();
        var latestVisible = visible.MaxBy(l => l.Version);
        var own = labels.Where(l => l.Reviewer == reviewer && CountingLabels.IsCounting(l))
            .MaxBy(l => l.Version);
        return new LabelScope(labels.Count == 0 ? 0 : labels.Max(l => l.Version), latestVisible?.Version ?? 0, latestVisible?.Reviewer,
            own?.ValueJson, assignment?.Id, blind);
    }

    private static void CheckVersion(LabelScope scope, int expectedVersion)
    {
        if (scope.VisibleVersion != expectedVersion)
        {
            throw new LabelConflictException(expectedVersion, scope.VisibleVersion, scope.LatestVisibleBy);
        }
    }

    private static async Task<int> MaxVersionAsync(PtmReuseDbContext db, long paperId, string stage, CancellationToken cancellationToken) =>
        await db.HumanLabels.Where(l => l.PaperId == paperId && l.Stage == stage).MaxAsync(l => (int?)l.Version, cancellationToken) ?? 0;

    private static async Task<(MachineDecision Decision, Stage Stage)> DecisionAsync(PtmReuseDbContext db, long decisionId, CancellationToken cancellationToken)
    {
        var decision = await db.Decisions.AsNoTracking().FirstOrDefaultAsync(d => d.Id == decisionId, cancellationToken)
            ?? throw new ReviewNotFoundException($"There is no machine decision {decisionId}.");
        return StageNames.TryParse(decision.Stage, out var stage)
            ? (decision, stage)
            : throw new ReviewNotFoundException($"Decision {decisionId} has an unknown stage '{decision.Stage}'.");
    }

    /// <summary>Model names as the catalog spells them: a reviewer types "resnet50", the label stores "ResNet-50".</summary>
    private StageAnswer Canonicalize(StageAnswer value) => value switch
    {
        IdentifyPtmsAnswer identify => identify with { Models = identify.Models.Select(m => m with { Model = m.Model.Trim(), Canonical = catalog.Canonicalize(m.Model) }).ToList() },
        PtmReuseAnswer reuse => reuse with { Items = reuse.Items.Select(i => i with { Model = i.Model.Trim(), Canonical = catalog.Canonicalize(i.Model) }).ToList() },
        PtmImpactAnswer impact => impact with { Items = impact.Items.Select(i => i with { Model = i.Model.Trim(), Canonical = catalog.Canonicalize(i.Model) }).ToList() },
        _ => value,
    };

    /// <summary>Schema checks against what the reviewer sees of the paper's other stages.</summary>
    private static async Task ValidateAsync(PtmReuseDbContext db, long paperId, Stage stage, StageAnswer value, string reviewer, CancellationToken cancellationToken)
    {
        var definition = StageDefinitions.For(stage);
        if (value.Stage != stage)
        {
            throw new LabelSchemaException([$"the value is for stage {value.Stage.WireName()}, but this decision is {stage.WireName()}"]);
        }

        // Values outside the fixed sets first: the checks below read the values.
        var problems = definition.Validate(value).ToList();
        if (problems.Count == 0 && value is IdentifyPtmsAnswer or PtmReuseAnswer or PtmImpactAnswer && AnswerKeys.For(value) is { Length: > 0 })
        {
            var earlier = await ReviewerViewAsync(db, paperId, reviewer, cancellationToken);
            var gate = earlier.GetValueOrDefault(Stage.UsesPtms)?.Answer ?? earlier.GetValueOrDefault(Stage.UsesDl)?.Answer;
            if (earlier.GetValueOrDefault(Stage.UsesDl)?.Answer is FlagAnswer { Result: false } || gate is FlagAnswer { Result: false })
            {
                problems.Add("this paper is labelled as not using pre-trained models (uses_ptms = no), so it cannot list PTMs; correct uses_ptms first");
            }

            var models = value switch
            {
                IdentifyPtmsAnswer identify => identify.Models.Select(m => m.Model),
                PtmReuseAnswer reuse => reuse.Items.Select(i => i.Model),
                PtmImpactAnswer impact => impact.Items.Select(i => i.Model),
                _ => [],
            };
            var duplicates = models.GroupBy(m => m, StringComparer.OrdinalIgnoreCase).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
            if (duplicates.Count > 0)
            {
                problems.Add("a model is listed twice: " + string.Join(", ", duplicates));
            }
        }

        if (problems.Count > 0)
        {
            throw new LabelSchemaException(problems);
        }
    }

    /// <summary>The paper's effective labels as this reviewer sees them (blind: their own labels and adjudications only).</summary>
    internal static async Task<IReadOnlyDictionary<Stage, EffectiveLabel>> ReviewerViewAsync(PtmReuseDbContext db, long paperId, string reviewer, CancellationToken cancellationToken)
    {
        var blindStages = await db.ReviewAssignments.Where(a => a.PaperId == paperId && a.Reviewer == reviewer && a.Blind)
            .Select(a => a.Stage).Distinct().ToListAsync(cancellationToken);
        var machine = await db.Decisions.AsNoTracking().Where(d => d.PaperId == paperId)
            .Select(d => new EffectiveLabels.MachineRow(d.Id, d.PaperId, d.Stage, d.ValueJson, d.ErrorKind, d.CreatedAt)).ToListAsync(cancellationToken);
        var human = await EffectiveLabels.HumanRowsAsync(db.HumanLabels.Where(l => l.PaperId == paperId
            && (!blindStages.Contains(l.Stage) || l.Reviewer == reviewer || l.Adjudicated)), cancellationToken);
        return EffectiveLabels.Resolve(machine, human);
    }

    /// <summary>
    /// uses_dl = no settles uses_ptms = no; either "no" retires the reviewer's own PTM labels below (not other reviewers':
    /// those are theirs). A corrected PTM list drops the models it no longer has from the reviewer's pattern and step labels.
    /// </summary>
    private async Task CascadeAsync(PtmReuseDbContext db, HumanLabel cause, StageAnswer value, string reviewer, DateTime now,
        List<long> cascaded, List<long> retired, CancellationToken cancellationToken)
    {
        async Task AddCascadeAsync(StageAnswer settled)
        {
            var wire = settled.Stage.WireName();
            var own = await db.HumanLabels.Where(CountingLabels.Predicate).Where(l => l.PaperId == cause.PaperId && l.Stage == wire && l.Reviewer == reviewer)
                .OrderByDescending(l => l.Version).FirstOrDefaultAsync(cancellationToken);
            var label = new HumanLabel
            {
                PaperId = cause.PaperId,
                Stage = wire,
                DecisionId = await db.Decisions.Where(d => d.PaperId == cause.PaperId && d.Stage == wire).OrderByDescending(d => d.CreatedAt)
                    .Select(d => (long?)d.Id).FirstOrDefaultAsync(cancellationToken),
                Reviewer = reviewer,
                CreatedAt = now,
                Action = LabelAction.Cascade,
                ValueJson = StageJson.Serialize(settled),
                PreviousValueJson = own?.ValueJson,
                Note = $"settled by the {cause.Stage} label",
                ParentLabelId = cause.Id,
                Version = await MaxVersionAsync(db, cause.PaperId, wire, cancellationToken) + 1,
            };
            db.HumanLabels.Add(label);
            await db.SaveChangesAsync(cancellationToken);
            cascaded.Add(label.Id);
        }

        async Task RetireBelowAsync()
        {
            var wires = PtmStages.Select(s => s.WireName()).ToList();
            var below = await db.HumanLabels.Where(l => l.PaperId == cause.PaperId && wires.Contains(l.Stage) && l.Reviewer == reviewer && !l.Retired
                && l.Action != LabelAction.Undo).ToListAsync(cancellationToken);
            foreach (var label in below)
            {
                label.Retired = true;
                label.RetiredByLabelId = cause.Id;
                retired.Add(label.Id);
            }

            await db.SaveChangesAsync(cancellationToken);
        }

        switch (value)
        {
            case UsesDlAnswer { Result: false }:
                await AddCascadeAsync(new UsesPtmsAnswer(false, null));
                await RetireBelowAsync();
                break;
            case UsesPtmsAnswer { Result: false }:
                await RetireBelowAsync();
                break;
            case IdentifyPtmsAnswer identify when cause.Action == LabelAction.Correct:
                var kept = identify.Models.Select(m => Key(m.Model, m.Canonical)).ToHashSet(StringComparer.Ordinal);
                var view = await ReviewerViewAsync(db, cause.PaperId, reviewer, cancellationToken);
                if (view.GetValueOrDefault(Stage.PtmReuse)?.Answer is PtmReuseAnswer reuse && reuse.Items.Any(i => !kept.Contains(Key(i.Model, i.Canonical))))
                {
                    await AddCascadeAsync(reuse with { Items = reuse.Items.Where(i => kept.Contains(Key(i.Model, i.Canonical))).ToList() });
                }

                if (view.GetValueOrDefault(Stage.PtmImpact)?.Answer is PtmImpactAnswer impact && impact.Items.Any(i => !kept.Contains(Key(i.Model, i.Canonical))))
                {
                    await AddCascadeAsync(impact with { Items = impact.Items.Where(i => kept.Contains(Key(i.Model, i.Canonical))).ToList() });
                }

                break;
        }
    }

    /// <summary>How a model is matched across stages: its canonical name, else its written name, ignoring case.</summary>
    public static string Key(string model, string? canonical) => (canonical ?? model.Trim()).ToLowerInvariant();

    private async Task NotifyAsync(long paperId, CancellationToken cancellationToken)
    {
        foreach (var listener in listeners)
        {
            try
            {
                await listener.PapersChangedAsync([paperId], cancellationToken);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                // The label is committed; a listener repairs stale rows itself (see ILabelsChangedListener).
                LogListenerFailed(exception, listener.GetType().Name, paperId);
            }
        }
    }

    private static void RequireName(string reviewer)
    {
        if (string.IsNullOrWhiteSpace(reviewer))
        {
            throw new LabelPermissionException("Sign in to label: a label needs a reviewer name.");
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "{Reviewer} {Action} paper {PaperId} {Stage} (label version {Version})")]
    private partial void LogAction(string reviewer, LabelAction action, long paperId, string stage, int version);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Labels-changed listener {Listener} failed for paper {PaperId}")]
    private partial void LogListenerFailed(Exception exception, string listener, long paperId);
}
