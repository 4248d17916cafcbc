using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using PtmReuse.Core.Classification.Catalog;

namespace PtmReuse.Core.Classification.Embedded;

/// <summary>
/// The offline default backend: deterministic lexicon and rules over the paper's sections and the PTM catalog. No
/// network, no randomness; evidence is always a sentence copied from <see cref="PaperDocument.Text"/> with its offsets.
/// </summary>
public sealed class EmbeddedBackend(IPtmCatalogSource catalogSource) : IClassificationBackend
{
    public const string BackendName = "embedded";

    public EmbeddedBackend(PtmCatalog catalog)
        : this(new FixedCatalogSource(catalog))
    {
    }

    public string Name => BackendName;

    public string Model => EmbeddedRules.Version;

    public string PromptHash(Stage stage)
    {
        var material = $"{EmbeddedRules.Version}|{stage.WireName()}|{catalogSource.Current.Fingerprint}";
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(material)))[..16];
    }

    public Task<StageOutcome> ClassifyAsync(StageRequest request, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var watch = Stopwatch.StartNew();
        var answer = Classify(request.Stage, request.Paper);
        return Task.FromResult(new StageOutcome { Answer = answer, Latency = watch.Elapsed, Confidence = null });
    }

    /// <summary>The stage's answer for a paper (synchronous: the rules never wait on anything).</summary>
    public StageAnswer Classify(Stage stage, PaperDocument paper)
    {
        var features = DocumentFeatures.For(paper, catalogSource.Current);
        return stage switch
        {
            Stage.UsesDl => UsesDeepLearning(features),
            Stage.UsesPtms => UsesPretrainedModels(features),
            Stage.IdentifyPtms => new IdentifyPtmsAnswer(IdentifiedModels(features)
                .Select(m => new PtmMention(m.Surface, m.Entry.Canonical, features.EvidenceFor(m.BestSentence))).ToList()),
            Stage.PtmReuse => new PtmReuseAnswer(IdentifiedModels(features).Select(m => ReuseOf(features, m)).ToList()),
            Stage.PtmImpact => new PtmImpactAnswer(IdentifiedModels(features).Select(m => ImpactOf(features, m)).ToList()),
            _ => throw new ArgumentOutOfRangeException(nameof(stage)),
        };
    }

    private static UsesDlAnswer UsesDeepLearning(DocumentFeatures features)
    {
        var scores = new double[features.Sentences.Count];
        AddCueWeights(features, EmbeddedRules.StrongDeepLearningCue(), 2, scores);
        AddCueWeights(features, EmbeddedRules.AcronymDeepLearningCue(), 2, scores);
        foreach (Match match in EmbeddedRules.NeuralNetworkCue().Matches(features.Text))
        {
            var sentence = features.SentenceAt(match.Index);
            var text = features.Text.AsSpan(sentence.Start, sentence.End - sentence.Start);
            var weight = EmbeddedRules.TrainingContext().IsMatch(text) ? 1.5
                : EmbeddedRules.BiologicalContext().IsMatch(text) ? 0 : 0.75;
            scores[sentence.Index] = Math.Max(scores[sentence.Index], weight);
        }

        foreach (var mention in features.Mentions.Where(m => m.Entry.Kind != PtmKind.Framework))
        {
            var sentence = features.SentenceAt(mention.Start);
            scores[sentence.Index] = Math.Max(scores[sentence.Index], 2);
        }

        var total = 0.0;
        DocumentSentence? best = null;
        foreach (var sentence in features.Sentences)
        {
            if (sentence.Role != SentenceRole.Use || sentence.NegatedOrHedged || scores[sentence.Index] == 0)
            {
                continue;
            }

            total += scores[sentence.Index];
            if (best is null || scores[sentence.Index] > scores[best.Index])
            {
                best = sentence;
            }
        }

        var uses = total >= EmbeddedRules.DeepLearningThreshold;
        return new UsesDlAnswer(uses, uses && best is not null ? features.EvidenceFor(best) : null);
    }

    private static UsesPtmsAnswer UsesPretrainedModels(DocumentFeatures features)
    {
        var models = IdentifiedModels(features);
        if (models.Count > 0)
        {
            return new UsesPtmsAnswer(true, features.EvidenceFor(models[0].BestSentence));
        }

        // No catalog model: fall back on explicit reuse phrases ("pre-trained", "fine-tuned") in two use sentences.
        var cueSentences = features.Sentences
            .Where(s => s.Role == SentenceRole.Use && !s.NegatedOrHedged
                        && EmbeddedRules.PtmReuseCue().IsMatch(features.Text.AsSpan(s.Start, s.End - s.Start)))
            .ToList();
        return cueSentences.Count >= 2
            ? new UsesPtmsAnswer(true, features.EvidenceFor(cueSentences[0]))
            : new UsesPtmsAnswer(false, null);
    }

    private static void AddCueWeights(DocumentFeatures features, Regex cue, double weight, double[] scores)
    {
        foreach (Match match in cue.Matches(features.Text))
        {
            var sentence = features.SentenceAt(match.Index);
            scores[sentence.Index] = Math.Max(scores[sentence.Index], weight);
        }
    }

    /// <summary>
    /// Catalog models used in the paper: mentioned in a use sentence that is not negated or hedged, frameworks excluded.
    /// A generic family name ("AlphaFold") is dropped when a specific member of the family ("AlphaFold 3") is used too.
    /// </summary>
    internal static IReadOnlyList<IdentifiedModel> IdentifiedModels(DocumentFeatures features)
    {
        var byCanonical = new Dictionary<string, List<(CatalogMention Mention, DocumentSentence Sentence)>>(StringComparer.Ordinal);
        var order = new List<string>();
        foreach (var mention in features.Mentions)
        {
            if (mention.Entry.Kind == PtmKind.Framework)
            {
                continue;
            }

            var sentence = features.SentenceAt(mention.Start);
            if (sentence.Role != SentenceRole.Use || sentence.NegatedOrHedged)
            {
                continue;
            }

            if (!byCanonical.TryGetValue(mention.Canonical, out var list))
            {
                byCanonical[mention.Canonical] = list = [];
                order.Add(mention.Canonical);
            }

            list.Add((mention, sentence));
        }

        var identified = order.Select(c => byCanonical[c]).ToList();
        identified.RemoveAll(uses =>
        {
            var entry = uses[0].Mention.Entry;
            return string.Equals(entry.Canonical, entry.Family, StringComparison.OrdinalIgnoreCase)
                   && identified.Any(other => other[0].Mention.Entry != entry && other[0].Mention.Entry.Family == entry.Family);
        });

        return identified.Select(uses => new IdentifiedModel(
            uses[0].Mention.Entry,
            uses[0].Mention.Surface,
            uses.Select(u => u.Sentence).Distinct().ToList(),
            BestSentence(features, uses.Select(u => u.Sentence)))).ToList();
    }

    private static DocumentSentence BestSentence(DocumentFeatures features, IEnumerable<DocumentSentence> sentences)
    {
        var candidates = sentences.ToList();
        return candidates.FirstOrDefault(s => HasCue(features, s, EmbeddedRules.AdaptationCue()) || HasCue(features, s, EmbeddedRules.DeploymentCue()) || HasCue(features, s, EmbeddedRules.ConceptualCue()))
               ?? candidates[0];
    }

    private static bool HasCue(DocumentFeatures features, DocumentSentence sentence, Regex cue) =>
        cue.IsMatch(features.Text.AsSpan(sentence.Start, sentence.End - sentence.Start));

    private static PtmReuseItem ReuseOf(DocumentFeatures features, IdentifiedModel model)
    {
        var (pattern, sentence, cue) = PatternOf(features, model);
        var form = cue is null
            ? pattern switch
            {
                ReusePattern.Conceptual => $"{model.Entry.Canonical} architecture re-implemented",
                ReusePattern.Adaptation => $"{model.Entry.Canonical} adapted",
                _ => $"{model.Entry.Canonical} run as published",
            }
            : $"{cue.Trim()} ({model.Entry.Canonical})";
        return new PtmReuseItem(model.Surface, model.Entry.Canonical, form, pattern, features.EvidenceFor(sentence));
    }

    private static (ReusePattern Pattern, DocumentSentence Sentence, string? Cue) PatternOf(DocumentFeatures features, IdentifiedModel model)
    {
        foreach (var (cue, pattern) in new[] { (EmbeddedRules.AdaptationCue(), ReusePattern.Adaptation), (EmbeddedRules.ConceptualCue(), ReusePattern.Conceptual) })
        {
            foreach (var sentence in model.Sentences)
            {
                var match = cue.Match(features.SentenceText(sentence));
                if (match.Success)
                {
                    return (pattern, sentence, match.Value);
                }
            }
        }

        if (model.Entry.Kind == PtmKind.Architecture)
        {
            // A named architecture with trained weights ("ImageNet pre-trained ResNet-50") is adapted, else re-implemented.
            var pretrained = model.Sentences.FirstOrDefault(s => HasCue(features, s, EmbeddedRules.PtmReuseCue()));
            return pretrained is null
                ? (ReusePattern.Conceptual, model.BestSentence, null)
                : (ReusePattern.Adaptation, pretrained, null);
        }

        return (ReusePattern.Deployment, model.BestSentence, null);
    }

    private static PtmImpactItem ImpactOf(DocumentFeatures features, IdentifiedModel model)
    {
        var scores = new double[Enum.GetValues<ScienceStep>().Length];
        // Priors from what kind of model it is: structure predictors suggest mechanisms; perception models measure.
        switch (model.Entry.Modality)
        {
            case "protein":
                scores[(int)ScienceStep.Hypothesis] += 1.5;
                break;
            case "vision" or "audio" or "text" or "multimodal":
                scores[(int)ScienceStep.Observation] += 1;
                break;
            default:
                scores[(int)ScienceStep.Analysis] += 0.5;
                break;
        }

        var cues = new (Regex Cue, ScienceStep Step)[]
        {
            (EmbeddedRules.HypothesisCue(), ScienceStep.Hypothesis),
            (EmbeddedRules.ObservationCue(), ScienceStep.Observation),
            (EmbeddedRules.AnalysisCue(), ScienceStep.Analysis),
            (EmbeddedRules.BackgroundCue(), ScienceStep.Background),
            (EmbeddedRules.TestCue(), ScienceStep.Test),
        };
        var bestSentence = model.BestSentence;
        var bestSentenceScore = 0;
        foreach (var sentence in model.Sentences)
        {
            var text = features.SentenceText(sentence);
            var sentenceScore = 0;
            foreach (var (cue, step) in cues)
            {
                var count = cue.Count(text);
                scores[(int)step] += count;
                sentenceScore += count;
            }

            if (sentenceScore > bestSentenceScore)
            {
                (bestSentence, bestSentenceScore) = (sentence, sentenceScore);
            }
        }

        var chosen = (ScienceStep)Array.IndexOf(scores, scores.Max());
        return new PtmImpactItem(model.Surface, model.Entry.Canonical, chosen, features.EvidenceFor(bestSentence));
    }

    internal sealed record IdentifiedModel(CatalogEntry Entry, string Surface, IReadOnlyList<DocumentSentence> Sentences, DocumentSentence BestSentence);

    private sealed class FixedCatalogSource(PtmCatalog catalog) : IPtmCatalogSource
    {
        public PtmCatalog Current => catalog;
    }
}
