using System.Globalization;
using System.Text;
using PtmReuse.Core.Classification.Catalog;

namespace PtmReuse.Core.Classification.Evaluation;

/// <summary>A model a backend reported for a paper, with the pattern and step it gave (null when not answered).</summary>
public sealed record PredictedPtm(string Model, string? Canonical, ReusePattern? Pattern, ScienceStep? Step);

/// <summary>A backend's final answers for one paper (a stage gated off by an earlier "no" counts as no / none).</summary>
public sealed record PaperPrediction(string File, bool UsesDl, bool UsesPtms, IReadOnlyList<PredictedPtm> Ptms)
{
    /// <summary>Collects the answers of a pipeline over one paper into a prediction.</summary>
    public static PaperPrediction From(string file, IReadOnlyDictionary<Stage, StageAnswer> answers)
    {
        var usesDl = answers.GetValueOrDefault(Stage.UsesDl) is FlagAnswer { Result: true };
        var usesPtms = usesDl && answers.GetValueOrDefault(Stage.UsesPtms) is FlagAnswer { Result: true };
        var models = new List<PredictedPtm>();
        if (usesPtms && answers.GetValueOrDefault(Stage.IdentifyPtms) is IdentifyPtmsAnswer identify)
        {
            var reuse = (answers.GetValueOrDefault(Stage.PtmReuse) as PtmReuseAnswer)?.Items ?? [];
            var impact = (answers.GetValueOrDefault(Stage.PtmImpact) as PtmImpactAnswer)?.Items ?? [];
            foreach (var mention in identify.Models)
            {
                var key = mention.Canonical ?? mention.Model;
                models.Add(new PredictedPtm(
                    mention.Model,
                    mention.Canonical,
                    reuse.FirstOrDefault(r => (r.Canonical ?? r.Model) == key)?.Pattern,
                    impact.FirstOrDefault(i => (i.Canonical ?? i.Model) == key)?.Step));
            }
        }

        return new PaperPrediction(file, usesDl, usesPtms, models);
    }
}

/// <summary>Counts for a yes/no decision (or for items matched at paper × model level).</summary>
public sealed record BinaryScore(int TruePositives, int FalsePositives, int FalseNegatives, int TrueNegatives)
{
    public double Precision => TruePositives + FalsePositives == 0 ? 1 : (double)TruePositives / (TruePositives + FalsePositives);

    public double Recall => TruePositives + FalseNegatives == 0 ? 1 : (double)TruePositives / (TruePositives + FalseNegatives);

    public double F1 => Precision + Recall == 0 ? 0 : 2 * Precision * Recall / (Precision + Recall);

    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"P={Precision:0.000} R={Recall:0.000} F1={F1:0.000} (tp={TruePositives} fp={FalsePositives} fn={FalseNegatives} tn={TrueNegatives})");
}

public sealed record AccuracyScore(int Correct, int Total)
{
    public double Accuracy => Total == 0 ? 1 : (double)Correct / Total;

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Accuracy:0.000} ({Correct}/{Total})");
}

/// <summary>Per-stage scores of a backend against hand labels, and every disagreement (for tuning and review).</summary>
public sealed record EvaluationReport(
    int Papers,
    BinaryScore UsesDl,
    BinaryScore UsesPtms,
    BinaryScore Identification,
    AccuracyScore Pattern,
    AccuracyScore Step,
    IReadOnlyList<string> Disagreements)
{
    public string Format()
    {
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"papers: {Papers}");
        text.AppendLine(CultureInfo.InvariantCulture, $"uses_dl:        {UsesDl}");
        text.AppendLine(CultureInfo.InvariantCulture, $"uses_ptms:      {UsesPtms}");
        text.AppendLine(CultureInfo.InvariantCulture, $"identify_ptms:  {Identification}");
        text.AppendLine(CultureInfo.InvariantCulture, $"ptm_reuse:      pattern accuracy {Pattern}");
        text.AppendLine(CultureInfo.InvariantCulture, $"ptm_impact:     step accuracy {Step}");
        foreach (var disagreement in Disagreements)
        {
            text.AppendLine("  - " + disagreement);
        }

        return text.ToString();
    }
}

/// <summary>
/// Compares predictions with hand labels. uses_dl and uses_ptms are scored per paper; models are matched at paper ×
/// model level by canonical name (a label's names are all spellings of one model: a prediction matching any of them
/// matches it, and further predictions of the same label are duplicates, not false positives). Pattern and step
/// accuracy are computed over correctly identified models whose label gives a pattern (or step).
/// </summary>
public static class ClassificationEvaluator
{
    public static EvaluationReport Evaluate(IReadOnlyList<LabelledPaper> labels, IReadOnlyDictionary<string, PaperPrediction> predictions, IPtmCatalog catalog)
    {
        int dlTp = 0, dlFp = 0, dlFn = 0, dlTn = 0, ptTp = 0, ptFp = 0, ptFn = 0, ptTn = 0;
        int idTp = 0, idFp = 0, idFn = 0, patternCorrect = 0, patternTotal = 0, stepCorrect = 0, stepTotal = 0;
        var disagreements = new List<string>();
        foreach (var label in labels)
        {
            if (!predictions.TryGetValue(label.File, out var prediction))
            {
                disagreements.Add($"{label.File}: no prediction");
                continue;
            }

            Count(label.UsesDl, prediction.UsesDl, ref dlTp, ref dlFp, ref dlFn, ref dlTn);
            Count(label.UsesPtms, prediction.UsesPtms, ref ptTp, ref ptFp, ref ptFn, ref ptTn);
            if (label.UsesDl != prediction.UsesDl)
            {
                disagreements.Add($"{label.File}: uses_dl labelled {label.UsesDl}, predicted {prediction.UsesDl}");
            }

            if (label.UsesPtms != prediction.UsesPtms)
            {
                disagreements.Add($"{label.File}: uses_ptms labelled {label.UsesPtms}, predicted {prediction.UsesPtms}");
            }

            var labelKeys = label.Ptms.Select(p => KeysOf(p.Names, catalog)).ToList();
            var matched = new bool[label.Ptms.Count];
            foreach (var predicted in prediction.Ptms)
            {
                var keys = KeysOf([predicted.Canonical ?? predicted.Model, predicted.Model], catalog);
                var index = labelKeys.FindIndex(k => k.Overlaps(keys));
                if (index < 0)
                {
                    idFp++;
                    disagreements.Add($"{label.File}: predicted model {predicted.Canonical ?? predicted.Model} is not labelled");
                    continue;
                }

                if (matched[index])
                {
                    continue; // another spelling of a model already matched
                }

                matched[index] = true;
                idTp++;
                var truth = label.Ptms[index];
                if (truth.Pattern is { } pattern)
                {
                    patternTotal++;
                    if (predicted.Pattern == pattern)
                    {
                        patternCorrect++;
                    }
                    else
                    {
                        disagreements.Add($"{label.File}: {truth.Names[0]} pattern labelled {pattern}, predicted {predicted.Pattern?.ToString() ?? "none"}");
                    }
                }

                if (truth.Step is { } step)
                {
                    stepTotal++;
                    if (predicted.Step == step)
                    {
                        stepCorrect++;
                    }
                    else
                    {
                        disagreements.Add($"{label.File}: {truth.Names[0]} step labelled {step}, predicted {predicted.Step?.ToString() ?? "none"}");
                    }
                }
            }

            for (var i = 0; i < matched.Length; i++)
            {
                if (!matched[i])
                {
                    idFn++;
                    disagreements.Add($"{label.File}: labelled model {label.Ptms[i].Names[0]} not found");
                }
            }
        }

        return new EvaluationReport(
            labels.Count,
            new BinaryScore(dlTp, dlFp, dlFn, dlTn),
            new BinaryScore(ptTp, ptFp, ptFn, ptTn),
            new BinaryScore(idTp, idFp, idFn, 0),
            new AccuracyScore(patternCorrect, patternTotal),
            new AccuracyScore(stepCorrect, stepTotal),
            disagreements);
    }

    private static HashSet<string> KeysOf(IEnumerable<string> names, IPtmCatalog catalog)
    {
        var keys = new HashSet<string>(StringComparer.Ordinal);
        foreach (var name in names.Where(n => !string.IsNullOrWhiteSpace(n)))
        {
            keys.Add(PtmCatalog.NormalizeKey(name));
            if (catalog.Canonicalize(name) is { } canonical)
            {
                keys.Add(PtmCatalog.NormalizeKey(canonical));
            }
        }

        return keys;
    }

    private static void Count(bool truth, bool predicted, ref int tp, ref int fp, ref int fn, ref int tn)
    {
        if (truth && predicted)
        {
            tp++;
        }
        else if (predicted)
        {
            fp++;
        }
        else if (truth)
        {
            fn++;
        }
        else
        {
            tn++;
        }
    }
}
