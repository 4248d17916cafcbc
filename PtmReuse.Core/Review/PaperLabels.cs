using PtmReuse.Core.Classification;
using PtmReuse.Core.Classification.Runs;

namespace PtmReuse.Core.Review;

/// <summary>
/// One stage's effective label as the paper page shows it: the answer that counts (<see cref="Summary"/>), who set it,
/// whether reviewers disagree, and the machine decision to open in the review view (<see cref="ReviewDecisionId"/>).
/// <see cref="Counted"/> is false for a PTM stage whose answer does not count because uses_ptms is not "yes".
/// </summary>
public sealed record PaperStageLabel(Stage Stage, string Summary, StageAnswer? Answer, LabelSource Source, bool Conflict, string? ErrorKind,
    long? ReviewDecisionId, bool Counted);

/// <summary>A paper's labels as every view counts them: the outcome, each stage's effective label and the label history.</summary>
public sealed record PaperLabelSummary(long PaperId, PaperOutcome Outcome, IReadOnlyList<PaperStageLabel> Stages, IReadOnlyList<EffectivePtm> Ptms,
    IReadOnlyList<ReviewLabelView> History);

/// <summary>
/// What the paper page shows of a paper's labels: read through <see cref="EffectiveLabels"/> and
/// <see cref="EffectiveLabels.Outcome"/>, the same rule the charts, exports and review pages use. The history is what
/// <paramref name="viewer"/> may see (blind stages hide the other reviewer's labels).
/// </summary>
public sealed class PaperLabels(EffectiveLabels effectiveLabels, ReviewViews reviewViews, IPtmCatalog catalog)
{
    public async Task<PaperLabelSummary> ForPaperAsync(long paperId, string viewer, CancellationToken cancellationToken)
    {
        var labels = (await effectiveLabels.ForPapersAsync([paperId], MachineDecisionFilter.Latest, cancellationToken))[paperId];
        var outcome = EffectiveLabels.Outcome(labels);
        var stages = Enum.GetValues<Stage>().Where(labels.ContainsKey).Select(stage =>
        {
            var label = labels[stage];
            var summary = label.Answer is null ? "unknown" + (label.ErrorKind is { } kind ? $" ({kind})" : "") : RunComparer.Summarise(label.Answer);
            return new PaperStageLabel(stage, summary, label.Answer, label.Source, label.HumanConflict, label.ErrorKind, label.ReviewDecisionId,
                stage <= Stage.UsesPtms || outcome.PtmStagesCount);
        }).ToList();
        var history = await reviewViews.HistoryAsync(paperId, viewer, cancellationToken);
        return new PaperLabelSummary(paperId, outcome, stages, EffectiveLabels.Ptms(labels, catalog.Canonicalize), history);
    }
}
