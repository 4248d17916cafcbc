using System.Buffers;
using System.Text.RegularExpressions;

namespace PtmReuse.Core.Classification.Embedded;

/// <summary>
/// The vocabulary of the embedded backend, one regular expression per idea. The rules that combine them are written
/// down in docs/classification-rubric.md; <see cref="Version"/> changes whenever a pattern or rule changes (it is the
/// backend's model name and part of every decision key, so a new version re-classifies).
/// </summary>
/// <remarks>
/// The patterns are source-generated backtracking expressions over plain alternations (no nested quantifiers), so
/// their cost is linear in the text; the whole-text ones run once per paper, the sentence ones only on sentences that
/// name a model or carry a deep-learning cue.
/// </remarks>
internal static partial class EmbeddedLexicon
{
    public const string Version = "rules-2.3";

    private const RegexOptions Words = RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture;

    // Whole-text scans with many alternatives run as automata: a backtracking engine would try every alternative at
    // almost every position of the paper.
    private const RegexOptions WholeText = Words | RegexOptions.NonBacktracking;

    // ---- Deep learning vocabulary (uses_dl) ----

    /// <summary>Unambiguous deep-learning vocabulary.</summary>
    [GeneratedRegex(@"\b(deep[- ]learning|deep neural networks?|convolutional (neural )?networks?|convolutional layers?|long short[- ]term memory|graph (neural|convolutional|attention) networks?|transformer[- ](based|models?|architectures?|encoders?|decoders?|networks?|layers?|blocks?)|vision transformers?|self-attention|(large |protein |masked |pre-?trained )?language models?|autoencoders?|auto-encoders?|generative adversarial networks?|(denoising|latent|score-based|generative|stable) diffusion models?|diffusion probabilistic models?|pre-?trained (deep |neural |language |foundation |convolutional )?(models?|networks?|weights|encoders?|backbones?)|foundation models?|fine-?tun(ed|ing) (of )?(a |the |our |this )?(pre-?trained )?(models?|networks?|layers?)|transfer learning|back-?propagation (neural )?networks?|BP (neural )?networks?|multi-?layer perceptrons?|dropout layers?|fully[- ]connected (neural )?layers?|physics-informed neural networks?|neural operators?|neural (ordinary )?differential equations?|word embeddings?|normali[sz]ing flows?)\b", WholeText)]
    public static partial Regex DeepLearningCue();

    /// <summary>
    /// Words of which every match of <see cref="DeepLearningCue"/> contains one (case-blind): sentences without any are
    /// not scanned, which saves most of the pattern's cost. A new alternative of the pattern needs its word here
    /// (EmbeddedLexiconTests checks every match over the corpora).
    /// </summary>
    public static readonly SearchValues<string> DeepLearningCueAnchors = SearchValues.Create(
        ["deep", "convolutional", "long short", "graph ", "transformer", "self-attention", "language model", "autoencoder",
         "auto-encoder", "adversarial", "diffusion", "pretrained", "pre-trained", "foundation model", "fine-tun", "finetun",
         "transfer learning", "propagation", "bp ", "perceptron", "dropout", "fully", "physics-informed", "neural ",
         "word embedding", "normalising flow", "normalizing flow"],
        StringComparison.OrdinalIgnoreCase);

    /// <summary>Deep-learning frameworks: deep learning when the authors build with them, a weaker cue than the vocabulary.</summary>
    [GeneratedRegex(@"\b(PyTorch|TensorFlow|Keras|JAX|Flax|MXNet|Caffe|Theano|PaddlePaddle)\b", RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture)]
    public static partial Regex DeepLearningFramework();

    /// <summary>
    /// Any learning-from-data vocabulary at all (the pre-filter keeps a paper that has it): far broader than deep learning,
    /// because a paid backend should judge every paper that might train or run a model.
    /// </summary>
    [GeneratedRegex(@"\b(machine[- ]learning|artificial intelligence|AI|neural|deep|learn(ed|ing)|trained|training (set|data)|classifiers?|language models?|GPT|ChatGPT|LLMs?|segmentation|computer vision|embeddings?|pre-?trained|predictive models?|automated (detection|identification|classification|annotation))\b", WholeText)]
    public static partial Regex MachineLearningVocabulary();

    /// <summary>Acronyms that mean a neural network when written in capitals.</summary>
    [GeneratedRegex(@"\b(CNNs?|RNNs?|GANs?|DNNs?|ANNs?|LSTMs?|GRUs?|GNNs?|GCNs?|VAEs?|LLMs?|MLPs?|PINNs?|ViTs?)\b", RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture)]
    public static partial Regex DeepLearningAcronym();

    /// <summary>"neural network" alone: artificial or biological, decided by its sentence.</summary>
    [GeneratedRegex(@"\b(artificial |spiking |recurrent |feed-?forward |shallow |deep )?neural[- ]networks?\b", WholeText)]
    public static partial Regex NeuralNetwork();

    /// <summary>The word every match of <see cref="NeuralNetwork"/> contains (case-blind).</summary>
    public static readonly SearchValues<string> NeuralNetworkAnchors = SearchValues.Create(["neural"], StringComparison.OrdinalIgnoreCase);

    /// <summary>Training vocabulary: makes a "neural network" sentence about an artificial network.</summary>
    [GeneratedRegex(@"\b(train(ed|ing)?|epochs?|layers?|backprop\w*|loss functions?|optimi[sz]\w+|artificial|learning rate|weights|hidden units?|classif\w+|predict\w*|input|output|architecture)\b", Words)]
    public static partial Regex TrainingContext();

    /// <summary>A bare "pre-trained model": deep learning only if nothing says the model is a classical learner.</summary>
    [GeneratedRegex(@"^pre-?trained models?$", Words)]
    public static partial Regex GenericPretrainedModel();

    /// <summary>Classical (not deep) learners: a paper naming one may call its fitted model "pre-trained".</summary>
    [GeneratedRegex(@"\b(random forests?|gradient[- ]boost(ing|ed)( trees?)?|XGBoost|LightGBM|CatBoost|support vector (machines?|regression)|decision trees?|k-nearest neighbou?rs?|logistic regression|naive Bayes)\b", Words)]
    public static partial Regex ClassicalLearner();

    /// <summary>Neuroscience vocabulary: makes a "neural network" sentence about neurons, real or simulated.</summary>
    [GeneratedRegex(@"\b(spik\w+|neurons?|neuronal|synap\w+|integrate-and-fire|firing|dendrit\w+|cortex|cortical|Hebbian|biophysical|membrane potential|neuromorphic|brain|circuits?|connectom\w*|hippocamp\w+|thalam\w+|oscillat\w+)\b", WholeText)]
    public static partial Regex NeuroscienceContext();

    // ---- Whose work a sentence describes (per mention and per cue) ----

    /// <summary>The authors acting in the first person: "we used", "we then fine-tuned", "our model".</summary>
    [GeneratedRegex(@"\b(we|our|us|here)\b", Words)]
    public static partial Regex FirstPerson();

    /// <summary>Verbs of doing something with a model (first person or passive). "developed"/"proposed" are absent on purpose: they name a model's origin.</summary>
    [GeneratedRegex(@"\b(used?|using|utili[sz](ed?|ing)|appl(y|ied|ying)|employ(ed|ing)?|ran|run(ning)?|executed|train(ed|ing)?|re-?train(ed|ing)?|fine-?tun(ed?|ing)|adapt(ed|ing)|leverag(ed?|ing)|adopt(ed|ing)?|implement(ed|ing)?|re-?implement(ed|ing)?|deploy(ed|ing)?|predict(ed|ing)?|generat(ed?|ing)|obtain(ed|ing)?|modell?(ed|ing)|built|segment(ed|ing)?|track(ed|ing)?|detect(ed|ing)?|estimat(ed?|ing)|extract(ed|ing)?|comput(ed?|ing)|calculat(ed?|ing)|annotat(ed?|ing)|label(l)?(ed|ing)|perform(ed|ing)?|process(ed|ing)?|analy[sz](ed?|ing)|quantif(y|ied|ying)|embedd(ed|ing)|encod(ed?|ing)|classif(y|ied|ying)|infer(red|ring)?|identif(y|ied|ying)|determin(ed?|ing)|produc(ed?|ing)|creat(ed?|ing)|fold(ed|ing)|dock(ed|ing)|scor(ed?|ing)|pars(ed?|ing)|transcrib(ed?|ing)|convert(ed|ing)?|port(ed|ing)|wrap(ped|ping|s)?|integrat(ed?|ing)|incorporat(ed?|ing)|modif(y|ied|ying)|customi[sz](ed?|ing)|initiali[sz](ed?|ing)|relied|rel(y|ies|ying) on|built on|based on|powered by|provid(es?|ed|ing)|supports?|follow(ed|ing))\b", Words)]
    public static partial Regex UseVerb();

    /// <summary>Passive or participle use: "were predicted with", "was fine-tuned", "is run on".</summary>
    [GeneratedRegex(@"\b(was|were|is|are|been)\s+(\w+ly\s+)?(then\s+|also\s+|further\s+|first\s+|subsequently\s+)?(used|utili[sz]ed|applied|employed|run|executed|trained|re-?trained|fine-?tuned|adapted|leveraged|adopted|implemented|re-?implemented|deployed|predicted|generated|obtained|modell?ed|built|segmented|tracked|detected|estimated|extracted|computed|calculated|annotated|labell?ed|performed|processed|analy[sz]ed|quantified|embedded|encoded|classified|inferred|identified|determined|produced|created|folded|docked|scored|parsed|transcribed|converted|ported|integrated|incorporated|modified|customi[sz]ed|initiali[sz]ed)\b", Words)]
    public static partial Regex PassiveUse();

    /// <summary>
    /// An instrument right before a model's name: "using X", "predicted with the pre-trained X", "segmented by X",
    /// "a pipeline based on X". A bare "with X" or "by X" is not enough ("integrates with X", "required by X").
    /// </summary>
    [GeneratedRegex(@"(\b(using|use of|via|applying|running|employing|utili[sz]ing|leveraging|adopting|with the help of|by means of)|\b(predicted|modell?ed|segmented|tracked|detected|estimated|extracted|computed|calculated|annotated|labell?ed|processed|analy[sz]ed|quantified|embedded|encoded|classified|inferred|identified|generated|obtained|performed|trained|re-?trained|fine-?tuned|folded|docked|scored|transcribed|done|carried out|run|ran|implemented|built|created|measured|localized|localised|counted|aligned|reconstructed|denoised|restored|converted|prepared|made|produced)\s+([\w,()-]+\s+){0,5}?(with|by|through|from|in)|\b(based|built|relying|relies|rely|running|runs)\s+(up)?on|\bpowered by|\bwrap(s|ping)?)\s+(an?\s+|the\s+|our\s+|their\s+)?((pre-?trained|publicly available|open[- ]source|default|original|published|existing|off-the-shelf|standard|freely available|latest|modified|custom|fine-?tuned|re-?trained|local|online|web|python|improved)\s+)*(version\s+of\s+(the\s+)?)?$", Words)]
    public static partial Regex InstrumentBefore();

    /// <summary>The authors doing something with a model in the first person: "we used", "we then fine-tuned", "our U-Net".</summary>
    [GeneratedRegex(@"\b((we|I)\s+(also\s+|then\s+|first\s+|further\s+|additionally\s+|next\s+|subsequently\s+|finally\s+|initially\s+|here\s+|instead\s+|\w+ly\s+)?(used|use|applied|apply|employed|employ|ran|run|trained|train|re-?trained|fine-?tuned|fine-?tune|adapted|leveraged|utili[sz]ed|utili[sz]e|adopted|implemented|re-?implemented|deployed|predicted|generated|obtained|modell?ed|built|segmented|tracked|detected|estimated|extracted|computed|calculated|annotated|labell?ed|performed|processed|analy[sz]ed|quantified|embedded|encoded|classified|inferred|identified|ported|converted|integrated|incorporated|modified|customi[sz]ed|initiali[sz]ed|relied|chose|selected|took|ran|executed|folded|docked|scored|reconstructed|measured|localized|localised|counted|followed|took advantage of)|\bour\s+([\w-]+\s+){0,2}(model|network|pipeline|approach|method|workflow|implementation|version|classifier|detector|segmentation)s?\s+(of|based on|built on|uses|used|relies on|combines|is based))\b", Words)]
    public static partial Regex FirstPersonUse();

    /// <summary>A version, settings or code location right after a model's name: "X v2.3", "X (version 1.2", "X with default parameters".</summary>
    [GeneratedRegex(@"^\s*[-(\[,]?\s*(v(ersion)?\s?\.?\s?\d|\d+\.\d+|release\s+\d|(with|using)\s+(the\s+)?default|https?://|github|checkpoint|weights|model\s+(weights|parameters|checkpoint)|pipeline|implementation|server|web ?server|notebook|colab|models?\s+(of|for|were|was)|structures?\s+(of|for|were|was)|-(based|predicted|derived|generated|extracted|computed|like))", Words)]
    public static partial Regex UseDetailAfter();

    /// <summary>A task right before an opening parenthesis: "classification (", "pose estimation (", "sentence embeddings (".</summary>
    [GeneratedRegex(@"\b[a-z][\w-]*(tion|sion|ing|ings|ment|sis|ity)\s*\(\s*$", RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture)]
    public static partial Regex TaskBeforeParenthesis();

    /// <summary>After a name, the parenthesis closes with no other item in it: "mDeBERTa XNLI multilingual)", not "X, Y)".</summary>
    [GeneratedRegex(@"^[^,;()\[\]]{0,40}\)", RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture)]
    public static partial Regex ParenthesisClosesAlone();

    /// <summary>The paper's own package as the subject: "the package", "this library", "our toolbox".</summary>
    [GeneratedRegex(@"\b(the|this|our) (python |R |open-source |software )?(package|library|toolbox|toolkit|framework|software|platform|tool|module|pipeline|plugin|application|app)\b", Words)]
    public static partial Regex OwnPackage();

    /// <summary>Right after a name, software rather than a model: "the CARE framework", "fastText library".</summary>
    [GeneratedRegex(@"^[\s*_)]*(\(?(v(ersion)?\s?)?\d+(\.\d+)*\)?\s*)?(open[- ]source\s+)?(framework|library|libraries|toolkit|toolbox|codebase|code base|python package|package|API)\b", Words)]
    public static partial Regex SoftwareNounAfter();

    /// <summary>The mention is the subject of a use sentence: "X was used to", "X then predicted".</summary>
    [GeneratedRegex(@"^\s*(\([^)]{0,80}\)\s*)?(,[^,]{0,60},\s*)?(was|were|is|are)\s+(\w+ly\s+)?(then\s+|also\s+|further\s+|subsequently\s+)?(used|applied|employed|run|trained|fine-?tuned|adapted|implemented|deployed|utili[sz]ed|leveraged|adopted|executed)\b", Words)]
    public static partial Regex SubjectOfUse();

    // ---- Mention but not use ----

    /// <summary>Negation of the use: "we did not use X", "without X", "instead of X".</summary>
    [GeneratedRegex(@"\b(did not|do not|does not|was not|were not|is not|are not|not (use|used|using|rely|relying)|without( using| the use of| any)?|instead of|rather than|no need (for|of)|neither|nor)\b", Words)]
    public static partial Regex Negation();

    /// <summary>
    /// Future work and hedges: the model might be used, later, by someone. "Potential" hedges as an adverb or before a
    /// use ("potential applications", "the potential to"), not as the noun of physics and physiology ("a neural network
    /// potential", "membrane potential").
    /// </summary>
    [GeneratedRegex(@"\b(could|might|would|may|future|plan(ned)? to|will be|remains? to be|potentially|potential (to|for|use|uses|applications?|benefits?|extensions?|improvements?|impact)|promising|opportunit\w+|possib(le|ility|ly)|envision\w*|we hope|in principle|it would be)\b", Words)]
    public static partial Regex Hedge();

    /// <summary>A comparison right before the mention: "outperforms X", "compared with X", "than X", "unlike X".</summary>
    [GeneratedRegex(@"\b(compared (with|to|against)|comparison (with|to|against)|relative to|versus|vs\.?|than|outperform(s|ed|ing)?|over|against|unlike|in contrast (to|with)|superior to|inferior to|better than|benchmark(ed|ing)? against|alternatives? (to|such as)|competitors?|competing|instead of|rather than|as opposed to|similar to|analogous to|akin to|comparable to|in the spirit of)\s+(an?\s+|the\s+|existing\s+|other\s+|previous\s+|state-of-the-art\s+|current\s+)*([\w-]+\s+){0,2}$", Words)]
    public static partial Regex ComparisonBefore();

    /// <summary>A contrast further back in the clause: "This is in contrast to the 2 parameters estimated by X".</summary>
    [GeneratedRegex(@"\b(in contrast (to|with)|unlike|as opposed to|contrary to)\b[^.;:]{0,100}$", Words)]
    public static partial Regex ContrastBefore();

    /// <summary>Comparison vocabulary anywhere in a sentence or caption (tables of competing methods).</summary>
    [GeneratedRegex(@"\b(baselines?|benchmark(s|ed|ing)?|outperform\w*|state-of-the-art|compar(ed|ison|ing|able)|versus|competing|alternative (methods|tools|approaches|models)|existing (methods|tools|approaches|models))\b", Words)]
    public static partial Regex ComparisonVocabulary();

    /// <summary>The mention given as an example: "X [12], for example, allows ...", "X (e.g. ...)".</summary>
    [GeneratedRegex(@"^\s*(\[[^\]]{0,80}\]|\([^)]{0,80}\))?\s*,?\s*(for example|for instance|e\.\s?g\.|among others|and others|and similar|etc)\b", Words)]
    public static partial Regex ExampleAfter();

    /// <summary>The model's outputs, not the model: "X outputs", "X pose files", "predictions from the X database".</summary>
    [GeneratedRegex(@"^[\s*_]*(\[[^\]]{0,80}\]\s*|\([^)]{0,60}\)\s*)?(((and|or|,)\s+)+[\w-]+\s*(\[[^\]]{0,80}\]\s*|\([^)]{0,60}\)\s*)?){0,3}(-?(generated|produced|derived|style|formatted|format|compatible)\s+|[’']s\s+)?((CSV|TSV|JSON|XML|HDF5|tabular|text|raw|detection|classification|prediction|segmentation|inference)\s+)?(output|outputs|output files?|results?|result files?|CSVs?|detections|predicted (structures?|models?)|files|file formats?|formats?|pose (files|data|estimates|outputs)|tracking (data|files|outputs)|projects?|predictions? (files?|database|DB)|database|DB|models? (from|in) the (database|DB))\b", Words)]
    public static partial Regex OutputsAfter();

    /// <summary>Right before a name, its outputs or compatibility: "outputs of X", "compatible with X", "files from X".</summary>
    [GeneratedRegex(@"\b((outputs?|results|files|predictions|structures|models|poses|data|estimates|trajectories) (of|from|by|generated by|produced by|created by|predicted by|computed by|obtained (from|with))|compatible with|interoperab\w+ with|import(s|ed|ing)? (data |files |outputs? )?from|read(s|ing)? (data |files |outputs? )?(from|of)|load(s|ed|ing)? (data |files |outputs? )?from|converts? (data |files |outputs? )?from|support(s|ed|ing)? (data|files|outputs?|formats?) (from|of)|(import|parse|read|load|visuali[sz]e)(s|ed|ing)?)\s+(the\s+)?([\w-]+\s+){0,2}$", Words)]
    public static partial Regex OutputsOfBefore();

    /// <summary>The sentence runs the model itself (so its outputs are the authors' own): "we ran X", "predicted with X".</summary>
    [GeneratedRegex(@"\b(we (also |then |first )?(ran|run|used|applied|executed|deployed|fine-?tuned|trained)|(predicted|generated|modell?ed|computed|segmented|tracked|detected|estimated) (with|using)|(was|were|been|is|are) (predicted|generated|modell?ed|computed|segmented|tracked|detected|estimated) by)\b", Words)]
    public static partial Regex RunsModel();

    /// <summary>A software paper's own offer: "the package implements / provides / includes / supports X".</summary>
    [GeneratedRegex(@"\b(implement(s|ed|ing)?|provid(es|ed|ing)|includ(es|ed|ing)|support(s|ed|ing)?|offer(s|ed|ing)?|contain(s|ed|ing)?|comes with|integrat(es|ed|ing)|wrap(s|ped|ping)?|incorporat(es|ed|ing)|bundl(es|ed|ing)|ships with|features|available (architectures|models|networks)|(architectures|models|networks) available)\b", Words)]
    public static partial Regex SoftwareOffer();

    /// <summary>A sentence listing the architectures or models a package provides: "Available architectures include: …".</summary>
    [GeneratedRegex(@"\b(available (architectures|models|networks|backbones)|(architectures|models|networks|backbones) (available|implemented|supported|included|provided)|(implemented|supported|included|provided) (architectures|models|networks|backbones)|(architectures|models|networks|backbones),? (include|such as))\b", Words)]
    public static partial Regex ModelListSentence();

    /// <summary>
    /// The introduction of a package's list of models, up to where its items start: "Available architectures include:",
    /// "The models implemented are:", "supported networks:". Only a list introduced so is read item by item (O12).
    /// </summary>
    [GeneratedRegex(@"\b(available (architectures|models|networks|backbones)|(architectures|models|networks|backbones) (currently )?(available|implemented|supported|included|provided)|(implemented|supported|included|provided) (architectures|models|networks|backbones))(\s+(in|by|with) [\w`*-]+)?(\s+(are|include|includes|comprise))?\s*:?\s*|\b(architectures|models|networks|backbones),? (include|such as)\s*:?\s*", Words)]
    public static partial Regex ModelListIntroduction();

    /// <summary>A title or heading of a software paper: a package, library, toolbox, platform.</summary>
    [GeneratedRegex(@"\b(package|library|toolbox|toolkit|framework|software|platform|tool|pipeline|plugin|plug-in|app|application|interface|GUI|module)\b", Words)]
    public static partial Regex SoftwareTitle();

    /// <summary>A list of examples right before the mention: "such as X", "e.g., X", "tools like X", "like A [@a], B [@b], X" (citations between the items).</summary>
    [GeneratedRegex(@"\b(such as|e\.\s?g\.?,?|for example,?|for instance,?|including|like|namely|among them|cf\.|see)\s+(the\s+)?([\w-]+[,;]?\s+|\[[^\]]{0,80}\][,;]?\s+|\([^)]{0,80}\)[,;]?\s+){0,6}$", Words)]
    public static partial Regex ExampleListBefore();

    /// <summary>Statements about the field rather than this paper: "X has been widely used", "recent advances such as X".</summary>
    [GeneratedRegex(@"\b((has|have) (also |recently |been |already |successfully |widely |increasingly )*(been )?(used|applied|adopted|developed|proposed|shown|demonstrated|employed|introduced|released|made|achieved|revolutioni[sz]ed|transformed|enabled|emerged|become)|(has|have) (\w+ly )?(advanced|improved|changed|accelerated|opened|reshaped|shaped)|(publication|release|advent|introduction|emergence|success|popularity) of|(is|are) (now )?(widely|commonly|increasingly|frequently|routinely|often) (used|applied|adopted)|recent(ly)?|in recent years|revolution\w*|advances? in|breakthrough\w*|[a-z][\w'-]* et al\.?\s*[(\[]\d{4}|[a-z][\w'-]* et al\.?\s+(have |has |had )?(used|applied|showed|shown|demonstrated|developed|proposed|reported|trained|found|introduced|presented|described)|previous(ly)? (studies|work|reports|approaches)|prior (work|studies)|other (groups|studies|authors|researchers)|has been reported|(growing|increasingly (common|popular|used)|common|popular|standard) (strategy|approach|practice|technique))\b", Words)]
    public static partial Regex FieldStatement();

    /// <summary>
    /// Weaker signs of the field: "state-of-the-art", "popular", "emerging".
    /// They describe the model, not whose work the sentence reports: they count only in a sentence without a use of its own.
    /// </summary>
    [GeneratedRegex(@"\b(state-of-the-art|popular|emerg(ed|ing))\b", Words)]
    public static partial Regex WeakFieldStatement();

    // ---- Reuse patterns (ptm_reuse) ----

    /// <summary>Adaptation: the trained model is changed, or its representations feed a new model.</summary>
    [GeneratedRegex(@"\b(fine-?tun(e|es|ed|ing)|transfer[- ]learning|re-?train(ed|ing)?|further train\w*|additional(ly)? train\w*|continued (pre-?)?training|custom[- ]trained|train(s|ed|ing)? (and \w+ )?(a |their |your |our )?(own |custom )|trained (it |the (model|network) )?on (our|a custom|manually|hand|\d+)|(manually |hand-?)?label(l)?ed (frames|images|examples|data)|training (set|data|dataset|frames) (of|from|consisting|comprising)|embeddings? (were |was )?(extracted|computed|obtained|generated)|(extract\w*|used|computed) (the )?(features|embeddings|representations)|feature extract(or|ion)|as (a |the )?(backbone|encoder|feature extractor)|distill\w*|LoRA|low-rank adaptation|adapter (layers?|modules?)|parameter-efficient|initiali[sz]ed (with|from) (the )?(pre-?trained|weights)|(frozen|freez\w+) (layers|weights|encoder|backbone)|linear prob\w*|head (was|were) (replaced|re-?trained))\b", Words)]
    public static partial Regex AdaptationCue();

    /// <summary>Trained anew, whatever the catalog says the name is: "from scratch", "randomly initialised", "no pre-trained weights".</summary>
    [GeneratedRegex(@"\b(from scratch|randomly initiali[sz]ed|random (initiali[sz]ation|weights)|(without|no|not) (using )?(any )?pre-?trained (weights|parameters|models?)|trained (anew|de novo))\b", Words)]
    public static partial Regex FromScratchCue();

    /// <summary>Conceptual: the architecture or idea rebuilt without the trained weights ("rather than re-implementing" is not).</summary>
    [GeneratedRegex(@"\b(?<!\b(rather than|instead of|without|not|never|no need to|avoid(s|ing)?)\s+)(architecture (was |is )?(based on|inspired by|similar to|adapted from|following|of)|based on (the |a )?[\w-]+ architecture|(we )?(re-?implemented|implemented|built|designed|constructed|developed) (a|an|our own|our)\b|modified (version of|[\w-]+ architecture)|from scratch|randomly initiali[sz]ed|random (initiali[sz]ation|weights)|trained (it |the (model|network) )?from scratch|re-?implement\w*|(variant|adaptation) of (the )?[\w-]+ architecture|inspired by)\b", Words)]
    public static partial Regex ConceptualCue();

    /// <summary>Deployment: the trained model run as it is.</summary>
    [GeneratedRegex(@"\b(predicted (by|using|with)|(was|were) predicted|(we )?(used|ran|run|applied|employed|utili[sz]ed) (the )?(pre-?trained |published |default |original |available )?|without (re-?training|fine-?tuning|further training|modification)|out of the box|off-the-shelf|as provided|as is|default (model|parameters|settings|weights)|pre-?trained (model|network|weights) (provided|released|published|available)|converted|ported)\b", Words)]
    public static partial Regex DeploymentCue();

    /// <summary>Training of any kind (with no pre-trained weights named it means the architecture was rebuilt).</summary>
    [GeneratedRegex(@"\b((we|I) (then |also |further |first |additionally )?(re-?)?train(ed)?|(was|were) (re-?|further |additionally |then )?trained (on|with|using|for) (our|\d+|the (training|labell?ed|annotated|manually|hand)|a (training|labell?ed|custom|new|small)|manually|hand|custom|these|those|this)|training (set|data|dataset|images|frames|epochs?|procedure|process) (was|were|consist\w*|compris\w*|contain\w*|of)|trained for \d+|epochs|loss function|learning rate|batch size|optimi[sz]er)\b", Words)]
    public static partial Regex TrainingCue();

    /// <summary>Reuse of trained weights named without a model name: "pre-trained", "fine-tuned".</summary>
    [GeneratedRegex(@"\b(pre-?trained|fine-?tun(e|ed|ing)|transfer learning|trained weights|publicly available (deep learning |neural network )?models?|model zoo|off-the-shelf (model|network)|custom[- ]trained)\b", Words)]
    public static partial Regex PretrainedCue();

    // ---- Science steps (ptm_impact) ----

    /// <summary>Observation: turning raw data into measurements (find, segment, track, count, annotate).</summary>
    [GeneratedRegex(@"\b(segment\w*|detect\w*|track\w*|pose|poses|keypoints?|key points|body ?parts?|landmarks?|count(s|ed|ing)?|locali[sz]\w+|annotat\w+|label\w*|transcri\w+|recogni[sz]\w+|identify (cells|objects|animals|individuals|species)|measur\w+|markerless|bounding box\w*|masks?|outlines?|nuclei|cells in|images? (of|from)|videos?|recordings?|frames|raw (data|images|signals?)|components?|variant call\w*|call(s|ed|ing)? (genetic |germline |somatic )?variants|genotyp\w+|periodicit\w+|periods? (of|in)|land (cover|use)|crop (types?|maps?)|classif\w+ (of )?(images|pixels|scenes|land|sounds|calls|vocali[sz]ations))\b", Words)]
    public static partial Regex ObservationCue();

    /// <summary>Raw observational data: what an observation step measures from (images, video, recordings, signals).</summary>
    [GeneratedRegex(@"\b(images?|imag(ing|ery)|photo(graph)?s?|videos?|footage|frames|recordings?|recorded|microscop\w+|cameras?|camera traps?|scans?|tomogra\w+|raw (data|signals?|reads)|field (data|observations|surveys)|sensors?|spectr(a|um)|signals?|EEG|fMRI|MRI|audio|acoustic|sound|satellite|aerial|drone|specimens?|sequencing (reads|data|runs)|(short|long|aligned) reads|BAM|time[- ]series|light curves?|remote sensing|Landsat|Sentinel-\d|telescope|survey (data|images))\b", Words)]
    public static partial Regex RawDataCue();

    /// <summary>Hypothesis: a prediction that proposes a mechanism or candidates to test.</summary>
    [GeneratedRegex(@"\b(hypothes\w+|suggest(s|ed|ing)? (that|a|an|the)|putative|proposed (mechanism|model|role|function)|(was|were|is|are) predicted to|mechanis(m|ms|tic)|starting (structure|model|point|conformation)|initial (structure|model|conformation)|docking|candidates?|prioriti[sz]\w+|guide[ds]? (the )?(design|experiments?|mutagenesis)|design(ed)? (mutations?|mutants?|constructs?)|binding (site|mode|interface|pocket)s?|(protein|dimer\w*|complex|contact) interfaces?|structural models?|models? of the (complex|structure))\b", Words)]
    public static partial Regex HypothesisCue();

    /// <summary>Test: the model is part of the experiment that challenges a hypothesis or of the method under evaluation.</summary>
    [GeneratedRegex(@"\b(to test (whether|if|the|our)|test(ed|ing)? (the |our |this )?hypothes\w+|(we )?(tested|evaluated|assessed|validated) (whether|if|the (performance|accuracy|ability))|experiment\w*|simulat\w+|molecular dynamics|evaluat\w+|performance|accuracy|retriev\w+|similarit\w+|embedd\w+|vectors?|benchmark\w*|validat\w+)\b", Words)]
    public static partial Regex TestCue();

    /// <summary>Analysis: quantifying or interpreting the data an experiment produced.</summary>
    [GeneratedRegex(@"\b(analy[sz]\w+|cluster\w*|behaviou?ral (patterns?|motifs?|syllables?|classification)|classif(y|ied|ication) (of )?(the )?(behaviou?rs?|recorded|results|outputs?|states?)|downstream|statistic\w*|quantif(y|ied|ication) (of )?(the )?(results|effects?|changes)|interpret\w*|summari[sz]\w+|dimensionality reduction|latent (space|representation)|unsupervised)\b", Words)]
    public static partial Regex AnalysisCue();

    /// <summary>Background: the model supplies prior knowledge (annotations, topology, localisation, literature).</summary>
    [GeneratedRegex(@"\b(topolog\w+|transmembrane|signal peptides?|subcellular locali[sz]ation|locali[sz]ation predict\w+|domains? (were|was) (predicted|annotated)|membrane orientation|functional annotation|gene ontology|literature (search|review|mining|screening|survey)|systematic review|prior knowledge|previously (reported|described|known))\b", Words)]
    public static partial Regex BackgroundCue();

    /// <summary>Conclusion: the model's output is what the conclusions rest on.</summary>
    [GeneratedRegex(@"\b(we conclude|conclusions?|confirm(s|ed)? (our|the) (hypothesis|findings|conclusion))\b", Words)]
    public static partial Regex ConclusionCue();

    // ---- Article kinds ----

    /// <summary>Publisher article types in which the authors report no work of their own with a model.</summary>
    [GeneratedRegex(@"\b(review|reviews|review-article|systematic review|literature review|mini-?review|perspectives?|editorial|commentary|article-commentary|insight|feature|essay|opinion|viewpoint|news|book-review|correction|retraction|erratum|letter to the editor|primer|historical article|obituary|expression of concern)\b", Words)]
    public static partial Regex NonResearchArticleType();

    /// <summary>Titles of reviews and perspectives ("... : a review", "Recent advances in ...", "Opportunities and challenges of ...").</summary>
    [GeneratedRegex(@"(^(a |an )?(systematic |scoping |narrative |critical |comprehensive |brief |short )?(review|survey|overview|primer|perspective|roadmap|tutorial)\b|:\s*(a |an )?(systematic |scoping |narrative |critical |comprehensive |brief |short )?(review|survey|overview|perspective|primer|roadmap)\b|\b(a|an) (systematic |scoping |narrative |critical |comprehensive |brief )?(review|survey|overview) of\b|^(recent )?(advances|progress|developments|trends) (in|of|on)\b|\bopportunities and (challenges|obstacles|limitations)\b|\b(challenges|obstacles) and opportunities\b|\b(ten|10|\w+) (simple |quick )?(rules|tips|lessons)\b|\bbest practices\b|\b(a )?(practical |beginner'?s'? |gentle )?guide (to|for)\b|\bthe (past|present|promise|future) (and (future|present) )?of\b|\bstate of the art\b|\ba perspective\b|\bmeta-analysis\b)", Words)]
    public static partial Regex ReviewTitle();

    /// <summary>A paper describing itself as a review, perspective or tutorial ("In this review", "Here we review").</summary>
    [GeneratedRegex(@"\b(in this (review|mini-?review|perspective|commentary|essay|primer|overview|tutorial|survey|opinion)|this (review|mini-?review|perspective|commentary|essay|primer|overview|survey|tutorial)( article| paper)? (summari[sz]es|discusses|describes|highlights|focuses|provides|covers|presents|outlines|examines|explores|aims)|(here,? )?we (review|survey|overview) (the |recent |current |how |what |existing |key |major |progress|advances|developments|approaches|methods)|we summari[sz]e (recent|current|the (current|recent|state|literature|progress|advances|field))|we provide (an overview|a review|a survey|a perspective)|(this|our) review)\b", WholeText)]
    public static partial Regex ReviewSelfDescription();

    // ---- Open vocabulary: names the catalog does not know ----

    /// <summary>A token shaped like a model's name: inner capitals (DeepLabCut, ICLabel), letters with digits (YOLOv8, ESM-2, BODY_25B), or an acronym.</summary>
    [GeneratedRegex(@"(?<![\w.-])(?<name>([A-Za-z]*[a-z][A-Z][A-Za-z0-9]*|[A-Z]{2,}[a-z][A-Za-z0-9]*|[A-Za-z]*[A-Za-z]-?v?\d+(\.\d+)?[A-Za-z]*|[A-Z][A-Z0-9]{2,}|[A-Z][A-Za-z]*[A-Z0-9][A-Za-z0-9]*)([-_][A-Za-z0-9]+){0,2})(?![\w-])", RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture)]
    public static partial Regex ModelNameShape();

    /// <summary>"pre-trained X", "fine-tuned the X model", "pretrained weights of X": the strongest context for an unknown name.</summary>
    [GeneratedRegex(@"\b(pre-?trained|fine-?tuned|re-?trained)\s+(\w+\s+){0,2}$", Words)]
    public static partial Regex PretrainedBefore();

    /// <summary>Right after a name: "X model", "X network", "X (a deep learning tool", "X, a convolutional neural network".</summary>
    [GeneratedRegex(@"^\s*(\([^)]{0,60}\)\s*)?(,\s*)?((a|an|the)\s+)?(\w+\s+){0,3}(deep[- ]learning|neural[- ]network|convolutional|transformer|language|foundation|pre-?trained|CNN|U-?Net|LSTM|encoder)[- ]?(based\s+)?(\w+\s+){0,2}(model|network|tool|method|algorithm|framework|classifier|architecture|software|package|predictor|detector|segment\w*|approach|pipeline|system)s?\b", Words)]
    public static partial Regex DeepLearningAppositionAfter();

    /// <summary>Right before a name: "the deep learning tool X", "a CNN-based model called X", "our previously published network X".</summary>
    [GeneratedRegex(@"\b(deep[- ]learning|neural[- ]network|convolutional|transformer|language|foundation|pre-?trained|CNN|U-?Net|LSTM|previously (published|developed|described|trained))[- ]?(based\s+)?(\w+\s+){0,2}(model|network|tool|method|algorithm|framework|classifier|architecture|software|package|predictor|detector|segmenter|approach|pipeline|embeddings?)s?\s*(,\s*|\(\s*)?((called|named|termed|dubbed|known as)\s+)?$", Words)]
    public static partial Regex DeepLearningHeadBefore();

    /// <summary>Right after a name, training by someone else: "X model had been trained on", "X provided pretrained embeddings".</summary>
    [GeneratedRegex(@"^[\s*_]*(\[[^\]]{0,40}\]\s*)?(\([^)]{0,60}\)\s*)?((models?|networks?|embeddings?|vectors?|weights)\s*(,\s*)?((which|that)\s+)?((had|has|have)\s+been|was|were)\s+(pre-?trained|trained\s+(on|with|using))|(\w+\s+){0,3}(\d+-dimensional\s+)?pre-?trained\s+(\w+\s+){0,2}(models?|networks?|embeddings?|vectors?|weights|matri(x|ces)|encoders?))\b", Words)]
    public static partial Regex TrainedElsewhereAfter();

    /// <summary>Right after a name, a model noun: "X model", "X network", "X weights", "X embeddings".</summary>
    [GeneratedRegex(@"^[-\s]*(\d+\s*[MBK]?\s+)?(models?|networks?|nets?|weights|embeddings?|checkpoints?|classifiers?|detectors?|segmenters?|encoders?|backbones?|architectures?)\b", Words)]
    public static partial Regex ModelNounAfter();
}
