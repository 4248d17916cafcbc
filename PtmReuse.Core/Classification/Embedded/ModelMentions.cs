using System.Collections.Frozen;
using PtmReuse.Core.Classification.Catalog;

namespace PtmReuse.Core.Classification.Embedded;

/// <summary>One mention of a model in the paper and what was decided about it.</summary>
internal sealed record MentionFinding(int Start, int End, string Surface, DocumentSentence Sentence, MentionVerdict Verdict);

/// <summary>
/// A model named in the paper (a catalog entry, or a name found from its context), every mention of it with its
/// decision, and whether the authors used it.
/// </summary>
internal sealed class ModelEvidence(string key, CatalogEntry? entry, string surface, double nameConfidence, string nameRule)
{
    /// <summary>The catalog canonical name, or the name's key for an unknown name.</summary>
    public string Key { get; } = key;

    public CatalogEntry? Entry { get; } = entry;

    /// <summary>The model as written (the spelling of its strongest use).</summary>
    public string Surface { get; set; } = surface;

    /// <summary>1 for a catalog name; for an unknown name, how sure its contexts make it a model's name.</summary>
    public double NameConfidence { get; set; } = nameConfidence;

    public string NameRule { get; set; } = nameRule;

    public List<MentionFinding> Mentions { get; } = [];

    public string? Canonical => Entry?.Canonical;

    /// <summary>The mention that shows the use best (null when the model is not used).</summary>
    public MentionFinding? Best { get; set; }

    public bool Used => Best is not null;

    /// <summary>A pre-trained model (or named architecture) as the study counts them: not a framework, not a generic network type, a confident name.</summary>
    public bool IsPtm => Entry is null
        ? NameConfidence >= OpenVocabulary.ReportThreshold
        : Entry.Kind != PtmKind.Framework && !ModelMentions.GenericArchitectures.Contains(Entry.Canonical);

    /// <summary>The sentences in which the authors use the model, best first.</summary>
    public IEnumerable<DocumentSentence> UseSentences =>
        Mentions.Where(m => m.Verdict.Use == MentionUse.Used).OrderByDescending(m => m == Best).Select(m => m.Sentence).Distinct();
}

/// <summary>Finds every model mention (catalog and open vocabulary), decides use or mention for each, and groups them by model.</summary>
internal static class ModelMentions
{
    /// <summary>
    /// Network types the catalog lists for recognition that are not a published model of their own: training one from
    /// scratch is deep learning without PTM reuse (labelling guide: "a generic unnamed CNN/MLP/autoencoder").
    /// </summary>
    public static readonly FrozenSet<string> GenericArchitectures = new[]
    {
        "Variational Autoencoder", "GCN", "Transformer", "LSTM", "GRU", "MLP", "Autoencoder", "GAN", "CNN", "RNN", "FCN",
        "PINN", "Physics-Informed Neural Network", "Neural ODE", "DNN", "ANN", "Multilayer Perceptron",
    }.ToFrozenSet(StringComparer.OrdinalIgnoreCase);

    /// <summary>Weak mentions (bare names in a report) that together make a use.</summary>
    private const double UseStrength = 1.0;

    public static IReadOnlyList<ModelEvidence> Analyse(DocumentFeatures features)
    {
        var byKey = new Dictionary<string, ModelEvidence>(StringComparer.Ordinal);
        var order = new List<ModelEvidence>();
        // "Brain-ResNet" is a model of its own built on ResNet, not ResNet: the open vocabulary names it (O10).
        var catalogMentions = features.Catalog.FindMentions(features.Text).Where(m => !EndsDerivativeName(features, m)).ToList();
        foreach (var mention in catalogMentions)
        {
            var sentence = features.SentenceAt(mention.Start);
            // A citation key ([@word2vec]), an anchor or a path names a reference or a file, not the model.
            if (sentence.Role == SectionRole.Ignored || (mention.Start > 0 && features.Text[mention.Start - 1] is '@' or '#' or '/' or '='))
            {
                continue;
            }

            if (!byKey.TryGetValue(mention.Canonical, out var model))
            {
                byKey[mention.Canonical] = model = new ModelEvidence(mention.Canonical, mention.Entry, mention.Surface, 1, "catalog");
                order.Add(model);
            }

            model.Mentions.Add(new MentionFinding(mention.Start, mention.End, mention.Surface, sentence, MentionClassifier.Decide(features, sentence, mention.Start, mention.End)));
        }

        foreach (var candidate in OpenVocabulary.Find(features, features.Cues, catalogMentions))
        {
            var sentence = features.SentenceAt(candidate.Start);
            if (!byKey.TryGetValue(candidate.Key, out var model))
            {
                byKey[candidate.Key] = model = new ModelEvidence(candidate.Key, null, candidate.Surface, candidate.Confidence, candidate.Rule);
                order.Add(model);
            }
            else if (candidate.Confidence > model.NameConfidence)
            {
                (model.NameConfidence, model.NameRule) = (candidate.Confidence, candidate.Rule);
            }

            model.Mentions.Add(new MentionFinding(candidate.Start, candidate.End, candidate.Surface, sentence, MentionClassifier.Decide(features, sentence, candidate.Start, candidate.End)));
        }

        foreach (var model in order)
        {
            model.Best = BestUse(model);
            if (model.Best is not null)
            {
                model.Surface = model.Best.Surface;
            }
        }

        // A family's generic name ("AlphaFold") is not a model of its own when a member ("AlphaFold 3") is used too.
        foreach (var model in order.Where(m => m.Used && m.Entry is { } entry && string.Equals(entry.Canonical, entry.Family, StringComparison.OrdinalIgnoreCase)))
        {
            if (order.Any(other => other != model && other.Used && other.Entry is { } member && member.Family == model.Entry!.Family))
            {
                model.Best = null;
            }
        }

        return order;
    }

    /// <summary>
    /// A catalog name that ends a hyphenated name the open vocabulary takes as its derivative: a capitalised word, a
    /// hyphen, the name ("Brain-ResNet", "Med-BERT"). The derivative itself is decided in one place, <see cref="OpenVocabulary.IsDerivativeOfKnownModel"/>.
    /// </summary>
    private static bool EndsDerivativeName(DocumentFeatures features, CatalogMention mention)
    {
        var text = features.Text;
        var hyphen = mention.Start - 1;
        if (hyphen < 2 || text[hyphen] != '-' || (mention.End < text.Length && char.IsAsciiLetterOrDigit(text[mention.End])))
        {
            return false;
        }

        var wordStart = hyphen - 1;
        while (wordStart > 0 && char.IsAsciiLetter(text[wordStart - 1]))
        {
            wordStart--;
        }

        return char.IsAsciiLetterUpper(text[wordStart]) && (wordStart == 0 || !char.IsAsciiLetterOrDigit(text[wordStart - 1]) && text[wordStart - 1] != '-')
               && OpenVocabulary.IsDerivativeOfKnownModel(text.AsSpan(wordStart, mention.End - wordStart), features.Catalog);
    }

    /// <summary>The strongest use: a clear use in the best section, or two bare report mentions together.</summary>
    private static MentionFinding? BestUse(ModelEvidence model)
    {
        var uses = model.Mentions.Where(m => m.Verdict.Use == MentionUse.Used).ToList();
        if (uses.Count == 0 || (uses.Max(m => m.Verdict.Strength) < UseStrength && uses.Sum(m => m.Verdict.Strength) < UseStrength))
        {
            return null;
        }

        return uses.OrderByDescending(m => m.Verdict.Strength).ThenBy(m => SectionPreference(m.Sentence.Role)).ThenBy(m => m.Start).First();
    }

    private static int SectionPreference(SectionRole role) => role switch
    {
        SectionRole.Methods => 0,
        SectionRole.Results => 1,
        SectionRole.Captions => 2,
        SectionRole.Other => 3,
        SectionRole.Abstract => 4,
        SectionRole.Title => 5,
        _ => 6,
    };
}
