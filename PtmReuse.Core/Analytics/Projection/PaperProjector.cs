using System.Text.Json;
using PtmReuse.Core.Classification;
using PtmReuse.Core.Review;

namespace PtmReuse.Core.Analytics.Projection;

/// <summary>A paper's metadata as the projection needs it (fields from its primary field and its OpenAlex topics).</summary>
internal sealed record PaperFacts(long Id, int? Year, string? Journal, string? PrimaryField, IReadOnlyList<string> TopicFields)
{
    /// <summary>The paper's fields, primary first; one empty field when it has none.</summary>
    public IReadOnlyList<string> Fields()
    {
        var primary = PrimaryField ?? TopicFields.FirstOrDefault() ?? "";
        var fields = new List<string> { primary };
        fields.AddRange(TopicFields.Where(f => f.Length > 0 && !string.Equals(f, primary, StringComparison.OrdinalIgnoreCase))
            .Distinct(StringComparer.OrdinalIgnoreCase));
        return fields;
    }

    public static IReadOnlyList<string> ParseTopicFields(string? topicsJson)
    {
        if (string.IsNullOrWhiteSpace(topicsJson))
        {
            return [];
        }

        using var document = JsonDocument.Parse(topicsJson);
        if (document.RootElement.ValueKind != JsonValueKind.Array)
        {
            return [];
        }

        var fields = new List<string>();
        foreach (var topic in document.RootElement.EnumerateArray())
        {
            if (topic.ValueKind == JsonValueKind.Object && topic.TryGetProperty("Field", out var field) && field.GetString() is { Length: > 0 } name)
            {
                fields.Add(name);
            }
        }

        return fields;
    }
}

/// <summary>What the projection needs from one machine decision besides what the effective-label rule reads.</summary>
internal sealed record DecisionFacts(double? Confidence, bool? EvidenceGrounded);

/// <summary>
/// Turns one paper's decisions and human labels into its projection rows for one scope, through the one
/// effective-label rule (<see cref="EffectiveLabels.Resolve"/>). Pure: no database.
/// </summary>
internal static class PaperProjector
{
    public static (List<PaperLabel> Papers, List<PaperModelLabel> Models) Project(
        long scope,
        PaperFacts paper,
        IReadOnlyList<EffectiveLabels.MachineRow> machine,
        IReadOnlyList<EffectiveLabels.HumanRow> human,
        IReadOnlyDictionary<long, DecisionFacts> decisions,
        IPtmCatalog catalog)
    {
        var labels = EffectiveLabels.Resolve(machine, human);
        long? DecisionOf(Stage stage) => labels.GetValueOrDefault(stage)?.ReviewDecisionId;
        var (usesDl, usesPtms) = EffectiveLabels.Outcome(labels);

        var outcome = new PaperOutcome(usesDl, usesPtms);
        var counted = new List<EffectiveLabel>();
        foreach (var stage in Enum.GetValues<Stage>())
        {
            if (labels.TryGetValue(stage, out var label) && label.Answer is not null && (stage <= Stage.UsesPtms || outcome.PtmStagesCount))
            {
                counted.Add(label);
            }
        }

        var grounded = counted.All(l => l.Source == LabelSource.Human || l.DecisionId is not { } id || decisions.GetValueOrDefault(id)?.EvidenceGrounded != false);
        var confidence = counted.Where(l => l.Source == LabelSource.Machine && l.DecisionId is not null)
            .Select(l => decisions.GetValueOrDefault(l.DecisionId!.Value)?.Confidence).Where(c => c is not null).Min();
        var reviewed = human.Count > 0;

        var fields = paper.Fields();
        var weight = 1.0 / fields.Count;
        var paperRows = fields.Select((field, index) => new PaperLabel
        {
            Scope = scope,
            PaperId = paper.Id,
            Field = field,
            IsPrimary = index == 0,
            Weight = weight,
            Year = paper.Year,
            Journal = paper.Journal,
            UsesDl = usesDl,
            UsesPtms = usesPtms,
            UsesDlDecisionId = DecisionOf(Stage.UsesDl),
            UsesPtmsDecisionId = DecisionOf(Stage.UsesPtms),
            Grounded = grounded,
            Confidence = confidence,
            Reviewed = reviewed,
        }).ToList();

        var modelRows = new List<PaperModelLabel>();
        if (outcome.PtmStagesCount)
        {
            // The same merged list the export and the paper page show, named as the figures count it.
            var models = EffectiveLabels.Ptms(labels, catalog.Canonicalize).Where(m => m.CountedName.Length > 0)
                .DistinctBy(m => m.CountedName, StringComparer.OrdinalIgnoreCase).ToList();
            var seenPatterns = new HashSet<string>(StringComparer.Ordinal);
            var seenSteps = new HashSet<string>(StringComparer.Ordinal);
            foreach (var model in models)
            {
                var patternFirst = seenPatterns.Add(model.Pattern ?? "");
                var stepFirst = seenSteps.Add(model.Step ?? "");
                modelRows.AddRange(fields.Select((field, index) => new PaperModelLabel
                {
                    Scope = scope,
                    PaperId = paper.Id,
                    Field = field,
                    IsPrimary = index == 0,
                    Weight = weight,
                    Year = paper.Year,
                    Journal = paper.Journal,
                    Model = model.CountedName,
                    Pattern = model.Pattern,
                    Step = model.Step,
                    PatternFirst = patternFirst,
                    StepFirst = stepFirst,
                    IdentifyDecisionId = DecisionOf(Stage.IdentifyPtms),
                    ReuseDecisionId = DecisionOf(Stage.PtmReuse),
                    ImpactDecisionId = DecisionOf(Stage.PtmImpact),
                    Grounded = grounded,
                    Confidence = confidence,
                    Reviewed = reviewed,
                }));
            }
        }

        return (paperRows, modelRows);
    }
}
