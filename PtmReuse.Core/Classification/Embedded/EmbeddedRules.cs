using System.Text.RegularExpressions;

namespace PtmReuse.Core.Classification.Embedded;

/// <summary>
/// The lexicon of the embedded backend: deep-learning cues and their weights, look-alike contexts, PTM reuse cues,
/// and the cues of each reuse pattern and science step. <see cref="Version"/> changes whenever a rule changes (it is
/// the backend's model name and part of every decision key).
/// </summary>
internal static partial class EmbeddedRules
{
    public const string Version = "rules-1.0";

    /// <summary>Score a paper must reach (from sentences in use sections) to count as using deep learning.</summary>
    public const double DeepLearningThreshold = 2.0;

    /// <summary>Mentions of neurons, spikes, synapses... from which a paper is about biological (or simulated) neurons.</summary>
    public const int NeuronPaperMentions = 40;

    // Unambiguous deep-learning vocabulary: weight 2 each.
    [GeneratedRegex(@"\b(deep[- ]learning|deep neural networks?|convolutional (neural )?networks?|convolutional layers?|long short[- ]term memory|LSTMs?|graph neural networks?|transformer[- ](based|models?|architectures?|encoders?|networks?|layers?)|vision transformers?|(large )?language models?|LLMs?|autoencoders?|generative adversarial networks?|(denoising|latent|probabilistic) diffusion models?|pre-?trained (deep |neural |language |foundation )?(models?|networks?|weights)|foundation models?|fine-?tun(ed|ing) (of )?(a |the |our |this )?(pre-?trained )?(models?|networks?)|transfer learning|binary neural networks?|multi-?layer perceptrons?|backpropagation|dropout layers?|dense layers?|fully connected layers?|ReLU activations?|Adam optimi[sz]er|deep clustering|PyTorch|TensorFlow|Keras)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.NonBacktracking)]
    public static partial Regex StrongDeepLearningCue();

    [GeneratedRegex(@"\b(CNNs?|RNNs?|GANs?|DNNs?|ANNs?)\b", RegexOptions.CultureInvariant)]
    public static partial Regex AcronymDeepLearningCue();

    // "neural network" alone: could be artificial or biological; weight depends on the sentence.
    [GeneratedRegex(@"\b(recurrent |artificial |spiking )?neural networks?\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.NonBacktracking)]
    public static partial Regex NeuralNetworkCue();

    // Words that make a "neural network" sentence about training an artificial network.
    [GeneratedRegex(@"\b(train(ed|ing)?|epochs?|layers?|backprop\w*|loss function|optimi[sz]\w+|artificial|deep|learning rate|weights|hidden units?|classifier)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.NonBacktracking)]
    public static partial Regex TrainingContext();

    // Words that make a "neural network" sentence about neurons (biological or simulated spiking circuits).
    [GeneratedRegex(@"\b(spik\w+|neurons?|synap\w+|integrate-and-fire|Poisson|firing|dendrit\w+|cortex|cortical|Hebbian|biophysical|membrane potential|neuromorphic|brain regions?|circuits?)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.NonBacktracking)]
    public static partial Regex BiologicalContext();

    // Phrases saying a model trained by others is reused.
    [GeneratedRegex(@"\b(pre-?trained|fine-?tun(e|ed|ing)|transfer learning|trained weights|publicly available (deep learning |neural network )?models?|model zoo|off-the-shelf (model|network)|custom[- ]trained)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.NonBacktracking)]
    public static partial Regex PtmReuseCue();

    // Adaptation: the trained model is changed or its representations feed a new model.
    [GeneratedRegex(@"\b(fine-?tun(e|ed|ing)|transfer learning|re-?train(ed|ing)?|custom[- ]trained|trained on (our|a custom|manually|hand)|additional(ly)? train\w*|further train\w*|labell?ed (frames|images|examples)|training (set|data|frames) (of|from|consisting)|embeddings? (were |was )?(extracted|computed|obtained|generated)|(extract\w*|used) (the )?(features|embeddings)|feature extractor|as (a )?backbone|distill\w*|LoRA|adapter layers?|parameter-efficient)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.NonBacktracking)]
    public static partial Regex AdaptationCue();

    // Conceptual: the architecture or idea is re-implemented without the trained weights.
    [GeneratedRegex(@"\b(architecture (was |is )?(based on|inspired by|similar to|adapted from|following)|based on (the |a )?[\w-]+ architecture|(we )?(implemented|built|designed|constructed|developed) (a|an|our own)\b|modified version of|from scratch|randomly initiali[sz]ed|trained (it |the (model|network) )?from scratch|re-?implement\w*)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.NonBacktracking)]
    public static partial Regex ConceptualCue();

    // Deployment: the trained model run as it is.
    [GeneratedRegex(@"\b(predicted (by|using|with)|were predicted|was predicted|(we )?(used|ran|run|applied|employed|utili[sz]ed) (the )?(pre-?trained |published |default |original )?|without (re-?training|fine-?tuning|further training)|out of the box|off-the-shelf|as provided|default (model|parameters|settings|weights))", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.NonBacktracking)]
    public static partial Regex DeploymentCue();

    [GeneratedRegex(@"\b(hypothes\w+|suggest\w*|putative|(was|were|is|are) predicted to (affect|alter|disrupt|impair|cause|interact|bind|form|be)|mechanism|model(l)?ed (the )?(structure|complex)|structur(e|al) model|predicted (structure|complex|interface|conformation)s?|starting (structure|conformation|model)|initial conformation|docking)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.NonBacktracking)]
    public static partial Regex HypothesisCue();

    [GeneratedRegex(@"\b(segment\w*|detect\w*|track\w*|annotat\w*|measur\w*|quantif\w*|count\w*|locat\w*|position|pose|keypoints?|body parts?|transcri\w+|extract\w*|label\w*|assign\w*|identif\w*)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.NonBacktracking)]
    public static partial Regex ObservationCue();

    [GeneratedRegex(@"\b(analy[sz]\w+|classif\w+|cluster\w*|behaviou?ral (patterns?|motifs?|syllables?)|pattern recognition|statistic\w*|compar\w+|downstream)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.NonBacktracking)]
    public static partial Regex AnalysisCue();

    [GeneratedRegex(@"\b(topolog\w+|transmembrane|signal peptides?|locali[sz]ation|domains? (were|was) predicted|membrane orientation|annotation|database|previously (reported|described|known))\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.NonBacktracking)]
    public static partial Regex BackgroundCue();

    [GeneratedRegex(@"\b(test(ed|ing)? (the|whether|our) hypothes\w+|to test whether|validat\w+ (the|our) (hypothes\w+|prediction))\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.NonBacktracking)]
    public static partial Regex TestCue();
}
