using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using PtmReuse.Core.Classification.Catalog;

namespace PtmReuse.Core.Classification.Embedded;

/// <summary>
/// The offline default backend: deterministic rules over the paper's sections, the PTM catalog and names found from
/// their context (docs/classification-rubric.md). No network, no randomness; evidence is always a sentence copied
/// from <see cref="PaperDocument.Text"/> with its offsets; every answer records the rule that decided it and a
/// confidence from that rule (so "most uncertain first" means something for this backend too).
/// </summary>
public sealed class EmbeddedBackend(IPtmCatalogSource catalogSource) : IClassificationBackend
{
    public const string BackendName = "embedded";

    /// <summary>Weighted deep-learning cue sentences of the authors' own work a paper needs to count as using DL.</summary>
    private const double DeepLearningThreshold = 2.0;

    /// <summary>At most this many mention decisions are kept with an identify_ptms answer (used ones first).</summary>
    private const int MaxMentionDecisions = 40;

    public EmbeddedBackend(PtmCatalog catalog)
        : this(new FixedCatalogSource(catalog))
    {
    }

    public string Name => BackendName;

    public string Model => EmbeddedLexicon.Version;

    public string PromptHash(Stage stage)
    {
        var material = $"{EmbeddedLexicon.Version}|{stage.WireName()}|{catalogSource.Current.Fingerprint}";
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(material)))[..16];
    }

    public Task<StageOutcome> ClassifyAsync(StageRequest request, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var watch = Stopwatch.StartNew();
        var (answer, confidence) = ClassifyWithConfidence(request.Stage, request.Paper);
        return Task.FromResult(new StageOutcome { Answer = answer, Latency = watch.Elapsed, Confidence = confidence });
    }

    /// <summary>The stage's answer for a paper (synchronous: the rules never wait on anything).</summary>
    public StageAnswer Classify(Stage stage, PaperDocument paper) => ClassifyWithConfidence(stage, paper).Answer;

    private (StageAnswer Answer, double Confidence) ClassifyWithConfidence(Stage stage, PaperDocument paper)
    {
        var features = DocumentFeatures.For(paper, catalogSource.Current);
        var models = UsedModels(features);
        return stage switch
        {
            Stage.UsesDl => UsesDeepLearning(features, models),
            Stage.UsesPtms => UsesPretrainedModels(features, models),
            Stage.IdentifyPtms => Identify(features, models),
            Stage.PtmReuse => Reuse(features, models),
            Stage.PtmImpact => Impact(features, models),
            _ => throw new ArgumentOutOfRangeException(nameof(stage)),
        };
    }

    /// <summary>Models the authors use that count as PTMs, in order of first mention.</summary>
    private static List<ModelEvidence> UsedModels(DocumentFeatures features) => features.Models.Where(m => m.Used && m.IsPtm).ToList();

    private static (StageAnswer, double) UsesDeepLearning(DocumentFeatures features, List<ModelEvidence> models)
    {
        if (models.Count > 0)
        {
            var model = models[0];
            return (new UsesDlAnswer(true, features.EvidenceFor(model.Best!.Sentence)) { Rule = "D1 a deep-learning model is used" },
                Math.Min(0.97, 0.75 + 0.1 * models.Count));
        }

        var (total, best) = OwnDeepLearningWork(features);
        var uses = total >= DeepLearningThreshold && best is not null;
        var probability = Logistic(total - DeepLearningThreshold + 0.5);
        if (!uses)
        {
            var rule = features.Kind == ArticleKind.Review ? "D4 review or commentary: nothing run" : "D0 no deep learning in the authors' own work";
            return (new UsesDlAnswer(false, null) { Rule = rule }, 1 - probability);
        }

        return (new UsesDlAnswer(true, features.EvidenceFor(best!)) { Rule = "D2 the authors' own deep-learning work" }, probability);
    }

    /// <summary>
    /// Deep-learning vocabulary in sentences about the authors' own work: reporting sections (not negated, hedged or
    /// about the field), first-person or passive sentences of the abstract, first-person sentences elsewhere.
    /// A sentence without a verb of use counts half ("a CNN" in a table legend is weaker than "we trained a CNN").
    /// </summary>
    private static (double Total, DocumentSentence? Best) OwnDeepLearningWork(DocumentFeatures features)
    {
        var total = 0.0;
        DocumentSentence? best = null;
        var bestWeight = 0.0;
        foreach (var (sentence, weight) in DeepLearningSentences(features))
        {
            total += weight;
            if (weight > bestWeight)
            {
                (best, bestWeight) = (sentence, weight);
            }
        }

        return (total, best);
    }

    /// <summary>
    /// The paper's deep-learning sentences read as its own work, with the weight each adds (0 when it does not count:
    /// negated, hedged, about the field, or background without the first person).
    /// </summary>
    internal static IEnumerable<(DocumentSentence Sentence, double Weight)> DeepLearningSentences(DocumentFeatures features, bool includeUncounted = false)
    {
        foreach (var sentence in features.Sentences)
        {
            var weight = features.Cues[sentence];
            if (weight == 0 || sentence.Role == SectionRole.Ignored)
            {
                continue;
            }

            var facts = features.Facts(sentence);
            if ((facts & (SentenceFacts.Negation | SentenceFacts.FieldStatement)) != 0
                || ((facts & SentenceFacts.Hedge) != 0 && (facts & SentenceFacts.PassiveUse) == 0))
            {
                if (includeUncounted)
                {
                    yield return (sentence, 0);
                }

                continue;
            }

            // In a software paper the package speaks for its authors: "Traja trains classifiers", "the package implements".
            var firstPerson = (facts & SentenceFacts.FirstPersonUse) != 0
                              || (features.IsSoftwarePaper && features.Kind == ArticleKind.Research && !sentence.IsBackground
                                  && (EmbeddedLexicon.SoftwareOffer().IsMatch(features.Span(sentence)) || EmbeddedLexicon.TrainingCue().IsMatch(features.Span(sentence)))
                                  && features.NamesOwnPackage(sentence));
            var passive = (facts & (SentenceFacts.PassiveUse | SentenceFacts.UsingInstrument)) != 0;
            var counts = features.Kind == ArticleKind.Review || sentence.IsBackground
                ? firstPerson
                : sentence.IsReport || firstPerson || passive;
            if (!counts)
            {
                if (includeUncounted)
                {
                    yield return (sentence, 0);
                }

                continue;
            }

            yield return (sentence, firstPerson || passive ? weight : weight / 2);
        }
    }

    /// <summary>
    /// The pre-filter for paid runs (<see cref="Runs.RunRequest.Prefilter"/>): a paper is ruled out only when nothing in
    /// its whole text could make it a deep-learning paper — no deep-learning vocabulary in any sentence (counted or not:
    /// background, negated and hedged sentences too), no learning vocabulary at all (machine learning, trained,
    /// classifier, AI...) and no model name, catalog or open-vocabulary, mentioned in any way.
    /// Far more permissive than the uses_dl rules, so its recall on the test split stays near 1 (README).
    /// </summary>
    public PrefilterVerdict Prefilter(PaperDocument paper)
    {
        var features = DocumentFeatures.For(paper, catalogSource.Current);
        if (features.Sentences.FirstOrDefault(s => s.Role != SectionRole.Ignored && features.Cues[s] > 0) is { } cue)
        {
            return new PrefilterVerdict(false, "deep-learning vocabulary", features.EvidenceFor(cue));
        }

        if (EmbeddedLexicon.MachineLearningVocabulary().Match(features.Text) is { Success: true } vocabulary
            && features.SentenceAt(vocabulary.Index) is { Role: not SectionRole.Ignored } learning)
        {
            return new PrefilterVerdict(false, $"learning vocabulary ({vocabulary.Value})", features.EvidenceFor(learning));
        }

        if (features.Models.FirstOrDefault(m => m.Mentions.Count > 0) is { } model)
        {
            return new PrefilterVerdict(false, $"names {model.Entry?.Canonical ?? model.Surface}", features.EvidenceFor(model.Mentions[0].Sentence));
        }

        return new PrefilterVerdict(true, PrefilterVerdict.RuledOutRule, null);
    }

    /// <summary>Why the backend answers as it does for a paper: article kind, deep-learning sentences, every model mention.</summary>
    public string Explain(PaperDocument paper)
    {
        var features = DocumentFeatures.For(paper, catalogSource.Current);
        var text = new StringBuilder();
        text.AppendLine($"article kind: {features.Kind}");
        text.AppendLine("deep-learning sentences (weight counted; 0 = not the authors' own work):");
        foreach (var (sentence, weight) in DeepLearningSentences(features, includeUncounted: true))
        {
            text.AppendLine(System.FormattableString.Invariant($"  {weight:0.0} [{sentence.Role}] {Shorten(features.SentenceText(sentence))}"));
        }

        text.AppendLine("model mentions:");
        foreach (var model in features.Models)
        {
            text.AppendLine(System.FormattableString.Invariant($"  {model.Canonical ?? model.Surface} ({(model.Entry is null ? $"unknown name, {model.NameConfidence:0.00} {model.NameRule}" : model.Entry.Kind.ToString())}): {(model.Used ? "USED" : "not used")}{(model.IsPtm ? "" : ", not a PTM")}"));
            foreach (var mention in model.Mentions)
            {
                text.AppendLine($"    {mention.Verdict.Use} [{mention.Verdict.Rule}] [{mention.Sentence.Role}] {Shorten(features.SentenceText(mention.Sentence))}");
            }
        }

        return text.ToString();
    }

    /// <summary>
    /// The ids of every rule that fired for a paper ("U6", "O4", "R7", "D2", ...), once per firing: each mention's
    /// decision, each reported unknown name's context rule, the uses_dl and uses_ptms rules, and each used PTM's
    /// pattern and step rule. For counting how general a rule is over a corpus (`explain --rule-counts`): a rule that
    /// fires on one paper only is a smell of over-fitting.
    /// </summary>
    public IReadOnlyList<string> RuleIds(PaperDocument paper)
    {
        var features = DocumentFeatures.For(paper, catalogSource.Current);
        var models = UsedModels(features);
        var ids = new List<string>();
        foreach (var model in features.Models)
        {
            ids.AddRange(model.Mentions.Select(m => RuleId(m.Verdict.Rule)));
            if (model.Entry is null && model.NameConfidence >= OpenVocabulary.ReportThreshold)
            {
                ids.Add(RuleId(model.NameRule));
            }
        }

        ids.Add(RuleId(((UsesDlAnswer)UsesDeepLearning(features, models).Item1).Rule));
        ids.Add(RuleId(((UsesPtmsAnswer)UsesPretrainedModels(features, models).Item1).Rule));
        foreach (var model in models)
        {
            ids.Add(RuleId(ReuseRubric.Pattern(features, model).Rule));
            ids.Add(RuleId(ReuseRubric.Step(features, model).Rule));
        }

        return ids;
    }

    private static string RuleId(string? rule) => string.IsNullOrEmpty(rule) ? "?" : rule.Split(' ', 2)[0];

    private static string Shorten(string sentence) => sentence.Length <= 220 ? sentence : sentence[..217] + "...";

    private static (StageAnswer, double) UsesPretrainedModels(DocumentFeatures features, List<ModelEvidence> models)
    {
        if (models.Count > 0)
        {
            var model = models[0];
            return (new UsesPtmsAnswer(true, features.EvidenceFor(model.Best!.Sentence)) { Rule = "P1 a named model is used" },
                Math.Min(0.95, 0.55 + 0.4 * model.NameConfidence * model.Best.Verdict.Strength));
        }

        // Reuse phrases without a model's name ("pre-trained", "fine-tuned") are not enough: papers pre-train their own
        // models too, and a PTM the paper cannot name is one no later stage could report.
        return (new UsesPtmsAnswer(false, null) { Rule = "P0 no pre-trained model used" }, 0.8);
    }

    private static (StageAnswer, double) Identify(DocumentFeatures features, List<ModelEvidence> models)
    {
        var mentions = models
            .Select(m => new PtmMention(m.Surface, m.Canonical, features.EvidenceFor(m.Best!.Sentence))
            {
                Confidence = Math.Round(m.NameConfidence * (0.6 + 0.4 * m.Best.Verdict.Strength), 3),
                Rule = m.Entry is null ? $"{m.Best.Verdict.Rule}; {m.NameRule}" : m.Best.Verdict.Rule,
            })
            .ToList();
        var answer = new IdentifyPtmsAnswer(mentions) { Mentions = MentionDecisions(features), Rule = mentions.Count > 0 ? "I1 models the authors use" : "I0 no model the authors use" };
        return (answer, mentions.Count > 0 ? mentions.Average(m => m.Confidence ?? 0.5) : 0.6);
    }

    /// <summary>Every model weighed, one row per model and decision (used first), for review beside the evidence.</summary>
    private static List<MentionDecision> MentionDecisions(DocumentFeatures features) =>
        features.Models
            .SelectMany(model => model.Mentions
                .GroupBy(m => m.Verdict.Use)
                .Select(group =>
                {
                    var first = group.OrderByDescending(m => m.Verdict.Strength).First();
                    var use = group.Key == MentionUse.Used && !model.Used ? MentionUse.Cited : group.Key;
                    var rule = group.Key == MentionUse.Used && !model.Used ? "W1 too weak alone (one bare mention)" : first.Verdict.Rule;
                    return new MentionDecision(first.Surface, model.Canonical, use, rule, first.Sentence.Section, group.Count(), features.EvidenceFor(first.Sentence))
                    {
                        NameConfidence = model.Entry is null ? Math.Round(model.NameConfidence, 3) : null,
                    };
                }))
            .OrderBy(d => d.Use)
            .Take(MaxMentionDecisions)
            .ToList();

    private static (StageAnswer, double) Reuse(DocumentFeatures features, List<ModelEvidence> models)
    {
        var items = models.Select(m => (Model: m, Decision: ReuseRubric.Pattern(features, m))).ToList();
        var answer = new PtmReuseAnswer(items.Select(i => new PtmReuseItem(
            i.Model.Surface,
            i.Model.Canonical,
            $"{i.Decision.Value.ToString().ToLowerInvariant()} ({i.Model.Canonical ?? i.Model.Surface})",
            i.Decision.Value,
            features.EvidenceFor(i.Decision.Sentence)) { Rule = i.Decision.Rule }).ToList());
        return (answer, items.Count > 0 ? items.Average(i => i.Decision.Confidence) : 0.6);
    }

    private static (StageAnswer, double) Impact(DocumentFeatures features, List<ModelEvidence> models)
    {
        var items = models.Select(m => (Model: m, Decision: ReuseRubric.Step(features, m))).ToList();
        var answer = new PtmImpactAnswer(items.Select(i => new PtmImpactItem(
            i.Model.Surface,
            i.Model.Canonical,
            i.Decision.Value,
            features.EvidenceFor(i.Decision.Sentence)) { Rule = i.Decision.Rule }).ToList());
        return (answer, items.Count > 0 ? items.Average(i => i.Decision.Confidence) : 0.6);
    }

    private static double Logistic(double x) => 1 / (1 + Math.Exp(-1.5 * x));

    private sealed class FixedCatalogSource(PtmCatalog catalog) : IPtmCatalogSource
    {
        public PtmCatalog Current => catalog;
    }
}
