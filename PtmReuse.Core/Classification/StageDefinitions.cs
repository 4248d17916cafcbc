namespace PtmReuse.Core.Classification;

/// <summary>The shape of a stage's answer: a yes/no flag, or a list of per-model items.</summary>
public enum StageAnswerKind
{
    Flag,
    ModelList,
}

/// <summary>A value a stage may answer with (a reuse pattern or a science step) and the study's definition of it.</summary>
public sealed record StageChoice(string WireName, string Definition);

/// <summary>
/// One of the study's five stages as data: its wire name, the question and definition shown in the UI and sent in
/// prompts, the earlier stage whose "yes" it needs, the answer shape, the allowed values, and the JSON shape expected
/// from an LLM. Backends build their prompts and rules from these records; nothing is repeated per stage.
/// </summary>
public sealed record StageDefinition(
    Stage Stage,
    string Title,
    string Question,
    string Definition,
    Stage? GatedBy,
    StageAnswerKind AnswerKind,
    IReadOnlyList<StageChoice> Choices,
    string JsonShape)
{
    public string WireName => Stage.WireName();

    /// <summary>Whether the stage should run given the answers so far: its gate must have answered yes.</summary>
    public bool ShouldRun(IReadOnlyDictionary<Stage, StageAnswer> earlierAnswers)
    {
        if (GatedBy is not { } gate)
        {
            return true;
        }

        // A missing or failed gate answer is "unknown", never "no": the stage is skipped, not answered negatively.
        return earlierAnswers.TryGetValue(gate, out var answer) && answer is FlagAnswer { Result: true };
    }

    /// <summary>
    /// Problems with an answer for this stage (empty when valid): wrong stage, values outside the allowed sets,
    /// missing model names, or models listed although uses_ptms said no.
    /// </summary>
    public IReadOnlyList<string> Validate(StageAnswer answer, IReadOnlyDictionary<Stage, StageAnswer>? earlierAnswers = null)
    {
        var problems = new List<string>();
        if (answer.Stage != Stage)
        {
            problems.Add($"answer is for stage {answer.Stage.WireName()}, expected {WireName}");
            return problems;
        }

        var models = answer switch
        {
            IdentifyPtmsAnswer identify => identify.Models.Select(m => m.Model).ToList(),
            PtmReuseAnswer reuse => reuse.Items.Select(i => i.Model).ToList(),
            PtmImpactAnswer impact => impact.Items.Select(i => i.Model).ToList(),
            _ => [],
        };
        if (models.Any(string.IsNullOrWhiteSpace))
        {
            problems.Add("an item has no model name");
        }

        switch (answer)
        {
            case PtmReuseAnswer reuse:
                problems.AddRange(reuse.Items.Where(i => !Enum.IsDefined(i.Pattern)).Select(i => $"pattern '{i.Pattern}' of {i.Model} is not one of {ChoiceList}"));
                break;
            case PtmImpactAnswer impact:
                problems.AddRange(impact.Items.Where(i => !Enum.IsDefined(i.Step)).Select(i => $"step '{i.Step}' of {i.Model} is not one of {ChoiceList}"));
                break;
        }

        if (models.Count > 0 && earlierAnswers is not null
            && earlierAnswers.TryGetValue(Classification.Stage.UsesPtms, out var usesPtms) && usesPtms is FlagAnswer { Result: false })
        {
            problems.Add("models are listed although uses_ptms answered no");
        }

        return problems;
    }

    private string ChoiceList => string.Join(", ", Choices.Select(c => c.WireName));
}

/// <summary>The study's five stage definitions, in pipeline order.</summary>
public static class StageDefinitions
{
    public static readonly IReadOnlyList<StageChoice> Patterns =
    [
        new("conceptual", "Replicates or re-engineers an architecture or idea from the literature without the trained weights (e.g. \"we implemented a U-Net\", a model trained from scratch on the authors' data)."),
        new("adaptation", "Adapts a trained model to a different task: fine-tuning, transfer learning (including using its embeddings or features to feed a new model), distillation, parameter-efficient tuning such as PEFT/LoRA."),
        new("deployment", "Reuses the whole trained model as it is, for what it was trained for (running AlphaFold to predict a structure, a published segmentation model on new images), possibly converted, quantised or served."),
    ];

    public static readonly IReadOnlyList<StageChoice> Steps =
    [
        new(nameof(ScienceStep.Observation), "Identifying or measuring a phenomenon: producing the data (segmenting, tracking, detecting, annotating, measuring)."),
        new(nameof(ScienceStep.Background), "Reviewing prior work or knowledge: looking up, summarising or retrieving what is already known (e.g. predicted topology or structure used as context)."),
        new(nameof(ScienceStep.Hypothesis), "Forming a testable explanation: e.g. a predicted structure or interaction that suggests a mechanism to test."),
        new(nameof(ScienceStep.Test), "The experiment that challenges the hypothesis: the model is part of the test itself."),
        new(nameof(ScienceStep.Analysis), "Reviewing the data the test produced: classifying, clustering or quantifying experimental results."),
        new(nameof(ScienceStep.Conclusion), "Reporting whether the results support the hypothesis."),
    ];

    public static readonly StageDefinition UsesDl = new(
        Stage.UsesDl,
        "Uses deep learning",
        "Does the paper itself use deep learning (a deep neural network trained or run by the authors) in its work?",
        "Yes when the authors train, fine-tune or run a deep neural network (CNN, RNN/LSTM, transformer, U-Net, a deep learning tool such as AlphaFold or DeepLabCut). No when deep learning is only cited or discussed, when \"neural network\" means biological neurons or a simulated spiking circuit, or when only classical machine learning (regression, random forests, SVMs) is used.",
        null,
        StageAnswerKind.Flag,
        [],
        """{"result": true|false, "evidence": "verbatim sentence from the paper"}""");

    public static readonly StageDefinition UsesPtms = new(
        Stage.UsesPtms,
        "Uses pre-trained models",
        "Does the paper reuse a pre-trained deep learning model (trained weights or a published architecture) in its own work?",
        "Yes when a model trained by others is run, fine-tuned or used as a feature extractor, or a published architecture is reimplemented, in the paper's methods or results. No when every network is designed and trained from scratch by the authors without naming a published model, or when models are only cited in the introduction, related work, discussion or references.",
        Stage.UsesDl,
        StageAnswerKind.Flag,
        [],
        """{"result": true|false, "evidence": "verbatim sentence from the paper"}""");

    public static readonly StageDefinition IdentifyPtms = new(
        Stage.IdentifyPtms,
        "Identify the pre-trained models",
        "Which pre-trained models does the paper reuse?",
        "List every pre-trained model the paper reuses, with its name as written in the paper and its canonical catalog name. Frameworks and libraries (PyTorch, TensorFlow, Keras, scikit-learn) are not models.",
        Stage.UsesPtms,
        StageAnswerKind.ModelList,
        [],
        """{"models": [{"model": "name as written", "canonical": "catalog name or null", "evidence": "verbatim sentence"}]}""");

    public static readonly StageDefinition PtmReuse = new(
        Stage.PtmReuse,
        "Reuse pattern",
        "How is each pre-trained model reused?",
        "For each model, a short description of the form of reuse (e.g. \"fine-tuned on 10k protein sequences\") and the reuse pattern: conceptual, adaptation or deployment.",
        Stage.UsesPtms,
        StageAnswerKind.ModelList,
        Patterns,
        """{"items": [{"model": "name", "canonical": "catalog name or null", "form": "short description", "pattern": "conceptual|adaptation|deployment", "evidence": "verbatim sentence"}]}""");

    public static readonly StageDefinition PtmImpact = new(
        Stage.PtmImpact,
        "Step of the scientific method",
        "In which step of the scientific method does each pre-trained model contribute?",
        "For each model, the step of the scientific method it serves: Observation, Background, Hypothesis, Test, Analysis or Conclusion.",
        Stage.UsesPtms,
        StageAnswerKind.ModelList,
        Steps,
        """{"items": [{"model": "name", "canonical": "catalog name or null", "step": "Observation|Background|Hypothesis|Test|Analysis|Conclusion", "evidence": "verbatim sentence"}]}""");

    public static readonly IReadOnlyList<StageDefinition> All = [UsesDl, UsesPtms, IdentifyPtms, PtmReuse, PtmImpact];

    public static StageDefinition For(Stage stage) => All.First(d => d.Stage == stage);

    public static StageChoice Pattern(ReusePattern pattern) => Patterns[(int)pattern];

    public static StageChoice Step(ScienceStep step) => Steps[(int)step];
}
