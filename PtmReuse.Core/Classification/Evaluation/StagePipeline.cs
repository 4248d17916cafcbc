namespace PtmReuse.Core.Classification.Evaluation;

/// <summary>
/// Runs the stages of one backend over one paper in order, skipping a stage whose gate did not answer yes (see
/// <see cref="StageDefinition.ShouldRun"/>). Used by evaluation and the benchmark; runs over many papers with storage,
/// resumption and progress are the Runs feature's job.
/// </summary>
public static class StagePipeline
{
    public static async Task<IReadOnlyDictionary<Stage, StageOutcome>> ClassifyAsync(
        IClassificationBackend backend, PaperDocument paper, IReadOnlyCollection<Stage>? stages, CancellationToken cancellationToken)
    {
        var outcomes = new Dictionary<Stage, StageOutcome>();
        var answers = new Dictionary<Stage, StageAnswer>();
        foreach (var definition in StageDefinitions.All)
        {
            if ((stages is not null && !stages.Contains(definition.Stage)) || !definition.ShouldRun(answers))
            {
                continue;
            }

            var outcome = await backend.ClassifyAsync(new StageRequest(definition.Stage, paper, answers), cancellationToken);
            outcomes[definition.Stage] = outcome;
            if (outcome.Answer is not null)
            {
                answers[definition.Stage] = outcome.Answer;
            }
        }

        return outcomes;
    }

    public static IReadOnlyDictionary<Stage, StageAnswer> Answers(IReadOnlyDictionary<Stage, StageOutcome> outcomes) =>
        outcomes.Where(o => o.Value.Answer is not null).ToDictionary(o => o.Key, o => o.Value.Answer!);
}
