using PtmReuse.Core.Classification;

namespace PtmReuse.Core.Review;

/// <summary>One "why" line of a machine decision: the model it is about (null for the paper), the rule that fired, the value.</summary>
public sealed record DecisionRuleLine(string? Model, string Rule, string Value, double? Confidence);

/// <summary>
/// Why a backend answered as it did, read from the answer itself: the stage's rule, each model's rule (identify,
/// pattern, step) and, for identify_ptms, every mention weighed with its use/mention decision. Backends that record
/// no rules (LLMs) give empty lists. The review view and the paper page show these beside the evidence.
/// </summary>
public static class DecisionRules
{
    public static IReadOnlyList<DecisionRuleLine> Lines(StageAnswer? answer)
    {
        var lines = new List<DecisionRuleLine>();
        if (answer is null)
        {
            return lines;
        }

        if (answer.Rule is { } rule)
        {
            lines.Add(new DecisionRuleLine(null, rule, answer switch
            {
                UsesDlAnswer d => d.Result ? "uses deep learning" : "no deep learning",
                UsesPtmsAnswer p => p.Result ? "reuses a pre-trained model" : "no pre-trained model",
                _ => "",
            }, null));
        }

        switch (answer)
        {
            case IdentifyPtmsAnswer identify:
                lines.AddRange(identify.Models.Where(m => m.Rule is not null)
                    .Select(m => new DecisionRuleLine(m.Canonical ?? m.Model, m.Rule!, m.Canonical is null ? "used (not in the catalog)" : "used", m.Confidence)));
                break;
            case PtmReuseAnswer reuse:
                lines.AddRange(reuse.Items.Where(i => i.Rule is not null)
                    .Select(i => new DecisionRuleLine(i.Canonical ?? i.Model, i.Rule!, i.Pattern.ToString().ToLowerInvariant(), null)));
                break;
            case PtmImpactAnswer impact:
                lines.AddRange(impact.Items.Where(i => i.Rule is not null)
                    .Select(i => new DecisionRuleLine(i.Canonical ?? i.Model, i.Rule!, i.Step.ToString(), null)));
                break;
        }

        return lines;
    }

    /// <summary>Every mention an identify_ptms answer weighed (used first, then by name), or none for other stages.</summary>
    public static IReadOnlyList<MentionDecision> Mentions(StageAnswer? answer) =>
        answer is IdentifyPtmsAnswer { Mentions: { } mentions }
            ? mentions.OrderBy(m => m.Use == MentionUse.Used ? 0 : 1).ThenBy(m => m.Canonical ?? m.Model, StringComparer.OrdinalIgnoreCase).ToList()
            : [];
}
