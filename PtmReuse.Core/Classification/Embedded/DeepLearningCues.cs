using System.Text.RegularExpressions;

namespace PtmReuse.Core.Classification.Embedded;

/// <summary>
/// Deep-learning vocabulary per sentence: a weight for each sentence that names deep learning (2 for unambiguous
/// terms, less for "neural network" depending on whether its sentence is about training or about neurons).
/// </summary>
internal sealed class DeepLearningCues
{
    /// <summary>Mentions of neurons, spikes, synapses... from which a paper is about biological (or simulated) neurons.</summary>
    private const int NeuroscienceMentions = 40;

    private readonly double[] _weights;

    private DeepLearningCues(double[] weights) => _weights = weights;

    /// <summary>The cue weight of a sentence (0 when it names no deep learning).</summary>
    public double this[DocumentSentence sentence] => _weights[sentence.Index];

    public static DeepLearningCues Scan(DocumentFeatures features)
    {
        var weights = new double[features.Sentences.Count];
        // Nothing reads the weight of a sentence in an ignored section (references): those are not scanned. The two
        // costly case-blind patterns read only the sentences holding one of their anchor words.
        var ranges = features.ReadRanges();
        Add(features, ranges, EmbeddedLexicon.DeepLearningAcronym(), 2, weights);
        Add(features, ranges, EmbeddedLexicon.DeepLearningFramework(), 1, weights);

        // A bare "pre-trained model" is the package's fitted random forest as often as a network: in a paper that names
        // a classical learner it counts only beside other deep-learning vocabulary (D3). Read only when one occurs.
        var classicalPaper = new Lazy<bool>(() => EmbeddedLexicon.ClassicalLearner().IsMatch(features.Text));
        var genericOnly = new List<int>();
        foreach (var (start, end) in features.StretchesHolding(EmbeddedLexicon.DeepLearningCueAnchors))
        {
            foreach (var match in EmbeddedLexicon.DeepLearningCue().EnumerateMatches(features.Text.AsSpan(start, end - start)))
            {
                var sentence = features.SentenceAt(start + match.Index);
                if (EmbeddedLexicon.GenericPretrainedModel().IsMatch(features.Text.AsSpan(start + match.Index, match.Length)) && classicalPaper.Value)
                {
                    genericOnly.Add(sentence.Index);
                    continue;
                }

                weights[sentence.Index] = Math.Max(weights[sentence.Index], 2);
            }
        }

        foreach (var index in genericOnly)
        {
            // Other vocabulary of the sentence (an acronym, a framework) already set its weight; alone it adds nothing.
            weights[index] = weights[index] > 0 ? Math.Max(weights[index], 2) : 0;
        }

        // "Neural network" in a paper about real or simulated neurons usually means neurons: it counts with training
        // vocabulary only, and not at all when its own sentence is about spikes or synapses.
        // Counted only when a weight depends on it, and only up to the threshold: a whole-text scan is the costly part.
        var neurosciencePaper = new Lazy<bool>(() => AtLeast(EmbeddedLexicon.NeuroscienceContext(), features.Text, NeuroscienceMentions));
        foreach (var (start, end) in features.StretchesHolding(EmbeddedLexicon.NeuralNetworkAnchors))
        {
            foreach (var match in EmbeddedLexicon.NeuralNetwork().EnumerateMatches(features.Text.AsSpan(start, end - start)))
            {
                var sentence = features.SentenceAt(start + match.Index);
                var text = features.Span(sentence);
                var training = EmbeddedLexicon.TrainingContext().IsMatch(text);
                var neurons = EmbeddedLexicon.NeuroscienceContext().IsMatch(text);
                var spiking = features.Text.AsSpan(start + match.Index, match.Length).StartsWith("spiking", StringComparison.OrdinalIgnoreCase);
                var weight = (spiking, training, neurons) switch
                {
                    (true, _, _) => training ? 1 : 0,
                    (_, true, true) when neurosciencePaper.Value => 0,
                    (_, true, _) => 1.5,
                    (_, false, true) => 0,
                    (_, false, false) when neurosciencePaper.Value => 0,
                    _ => 0.75,
                };
                weights[sentence.Index] = Math.Max(weights[sentence.Index], weight);
            }
        }

        return new DeepLearningCues(weights);
    }

    private static bool AtLeast(Regex pattern, string text, int count)
    {
        foreach (var _ in pattern.EnumerateMatches(text))
        {
            if (--count == 0)
            {
                return true;
            }
        }

        return count <= 0;
    }

    private static void Add(DocumentFeatures features, IEnumerable<(int Start, int End)> ranges, Regex cue, double weight, double[] weights)
    {
        foreach (var (start, end) in ranges)
        {
            foreach (var match in cue.EnumerateMatches(features.Text.AsSpan(start, end - start)))
            {
                var sentence = features.SentenceAt(start + match.Index);
                weights[sentence.Index] = Math.Max(weights[sentence.Index], weight);
            }
        }
    }
}
