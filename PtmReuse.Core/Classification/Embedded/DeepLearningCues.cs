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
        Add(features, EmbeddedLexicon.DeepLearningCue(), 2, weights);
        Add(features, EmbeddedLexicon.DeepLearningAcronym(), 2, weights);
        Add(features, EmbeddedLexicon.DeepLearningFramework(), 1, weights);

        // "Neural network" in a paper about real or simulated neurons usually means neurons: it counts with training
        // vocabulary only, and not at all when its own sentence is about spikes or synapses.
        var neurosciencePaper = new Lazy<bool>(() => EmbeddedLexicon.NeuroscienceContext().Count(features.Text) >= NeuroscienceMentions);
        foreach (var match in EmbeddedLexicon.NeuralNetwork().EnumerateMatches(features.Text))
        {
            var sentence = features.SentenceAt(match.Index);
            var text = features.Span(sentence);
            var training = EmbeddedLexicon.TrainingContext().IsMatch(text);
            var neurons = EmbeddedLexicon.NeuroscienceContext().IsMatch(text);
            var spiking = features.Text.AsSpan(match.Index, match.Length).StartsWith("spiking", StringComparison.OrdinalIgnoreCase);
            var weight = (spiking, training, neurons, neurosciencePaper.Value) switch
            {
                (true, _, _, _) => training ? 1 : 0,
                (_, true, true, true) => 0,
                (_, true, _, _) => 1.5,
                (_, false, true, _) => 0,
                (_, false, false, true) => 0,
                _ => 0.75,
            };
            weights[sentence.Index] = Math.Max(weights[sentence.Index], weight);
        }

        return new DeepLearningCues(weights);
    }

    private static void Add(DocumentFeatures features, Regex cue, double weight, double[] weights)
    {
        foreach (var match in cue.EnumerateMatches(features.Text))
        {
            var sentence = features.SentenceAt(match.Index);
            weights[sentence.Index] = Math.Max(weights[sentence.Index], weight);
        }
    }
}
