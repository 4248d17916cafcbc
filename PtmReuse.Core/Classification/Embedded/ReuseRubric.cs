using System.Text.RegularExpressions;
using PtmReuse.Core.Classification.Catalog;

namespace PtmReuse.Core.Classification.Embedded;

/// <summary>A rubric decision: the value, the sentence that shows it, the rule that fired and how reliable that rule is.</summary>
internal readonly record struct RubricDecision<T>(T Value, DocumentSentence Sentence, string Rule, double Confidence);

/// <summary>
/// The written decision procedure for a used model's reuse pattern and science step (docs/classification-rubric.md).
/// Rules are tried in order over the model's context: the sentences in which the authors use it and the sentence
/// after each (the paper often says how in the next sentence: "We used DeepLabCut. The network was trained on 200
/// labelled frames."). The first rule that applies decides; its id is stored with the decision.
/// </summary>
internal static partial class ReuseRubric
{
    public static RubricDecision<ReusePattern> Pattern(DocumentFeatures features, ModelEvidence model)
    {
        var context = Context(features, model);
        var architecture = model.Entry?.Kind == PtmKind.Architecture;
        // The study's rule: a named published model re-implemented and trained anew is conceptual reuse.
        if (Find(features, context, EmbeddedLexicon.FromScratchCue()) is { } scratch)
        {
            return new(ReusePattern.Conceptual, scratch, "R0 trained from scratch", 0.8);
        }

        if (Find(features, context, EmbeddedLexicon.AdaptationCue()) is { } adapted)
        {
            return new(ReusePattern.Adaptation, adapted, "R1 fine-tuned, retrained or used for features", 0.8);
        }

        var pretrained = Find(features, context, EmbeddedLexicon.PretrainedCue());
        // A package's list or table of the architectures it implements: re-implemented, not run with published weights.
        if (pretrained is null && model.Mentions.FirstOrDefault(m => m.Verdict.Use == MentionUse.Used && features.ListingAt(m.Start, m.End) is not null) is { } listed)
        {
            return new(ReusePattern.Conceptual, listed.Sentence, "R2p re-implemented by the package (its list or table of models)", 0.7);
        }

        if (pretrained is null && Find(features, context, EmbeddedLexicon.ConceptualCue()) is { } rebuilt)
        {
            return new(ReusePattern.Conceptual, rebuilt, "R2 architecture re-implemented", 0.75);
        }

        if (architecture && pretrained is not null)
        {
            return new(ReusePattern.Adaptation, pretrained, "R3 named architecture with pre-trained weights", 0.7);
        }

        if (architecture && pretrained is null && Find(features, context, EmbeddedLexicon.TrainingCue()) is { } trained)
        {
            return new(ReusePattern.Conceptual, trained, "R4 named architecture trained anew", 0.75);
        }

        // A name the catalog does not know, trained here with no word of pre-trained weights: rebuilt and trained anew.
        if (model.Entry is null && Find(features, context, EmbeddedLexicon.TrainingCue()) is { } trainedAnew)
        {
            return new(ReusePattern.Conceptual, trainedAnew, "R4u unknown name trained anew", 0.6);
        }

        // Training named in a sentence that names the trained model itself: it was trained further on the paper's data.
        var naming = model.Mentions.Where(m => m.Verdict.Use == MentionUse.Used).Select(m => m.Sentence).Distinct().ToList();
        if (!architecture && Find(features, naming, EmbeddedLexicon.TrainingCue()) is { } retrained)
        {
            return new(ReusePattern.Adaptation, retrained, "R5 trained model trained further", 0.6);
        }

        if (Find(features, context, EmbeddedLexicon.DeploymentCue()) is { } run)
        {
            return new(architecture ? ReusePattern.Conceptual : ReusePattern.Deployment, run,
                architecture ? "R6 named architecture, no weights named" : "R6 run as published", 0.65);
        }

        return architecture
            ? new(ReusePattern.Conceptual, context[0], "R7 default: architecture rebuilt", 0.5)
            : new(ReusePattern.Deployment, context[0], "R7 default: trained model run", 0.55);
    }

    public static RubricDecision<ScienceStep> Step(DocumentFeatures features, ModelEvidence model)
    {
        var context = Context(features, model);
        var task = TaskOf(model);
        if (task == ModelTask.Annotation || Find(features, context, EmbeddedLexicon.BackgroundCue()) is not null && task != ModelTask.Perception)
        {
            var sentence = Find(features, context, EmbeddedLexicon.BackgroundCue()) ?? context[0];
            return new(ScienceStep.Background, sentence, "S1 annotation from prior knowledge", 0.65);
        }

        // Observation measures raw data: a perception model's use, or any model's use on images, video, recordings.
        if (context.FirstOrDefault(s => features.Matches(EmbeddedLexicon.ObservationCue(), s)
                                        && (task == ModelTask.Perception || features.Matches(EmbeddedLexicon.RawDataCue(), s))) is { } observed
            && task != ModelTask.Structure)
        {
            return new(ScienceStep.Observation, observed, "S2 measures raw data (detect, segment, track, label)", 0.7);
        }

        if (Find(features, context, EmbeddedLexicon.HypothesisCue()) is { } proposed)
        {
            return new(ScienceStep.Hypothesis, proposed, "S3 prediction that proposes a mechanism or candidates", 0.65);
        }

        // A perception model's own sentence must analyse: the sentence after it ("… then visualised with UMAP") is the
        // next step of the pipeline, not what the model does.
        var analysisContext = task == ModelTask.Perception
            ? model.Mentions.Where(m => m.Verdict.Use == MentionUse.Used).Select(m => m.Sentence).Distinct().ToList()
            : context;
        if (Find(features, analysisContext, EmbeddedLexicon.AnalysisCue()) is { } analysed)
        {
            return new(ScienceStep.Analysis, analysed, "S4 analyses data an experiment produced", 0.6);
        }

        // A paper whose title is about measuring raw data (variant calling, remote sensing, time series, images): the
        // model is its instrument of observation, unless a sentence above made it a hypothesis or an analysis.
        if (task is not (ModelTask.Structure or ModelTask.Annotation)
            && (EmbeddedLexicon.RawDataCue().IsMatch(features.Document.Title) || TitleObservation().IsMatch(features.Document.Title)))
        {
            return new(ScienceStep.Observation, context[0], "S2t the paper measures raw data (its title)", 0.55);
        }

        if (Find(features, context, EmbeddedLexicon.TestCue()) is { } tested)
        {
            return new(ScienceStep.Test, tested, "S5 part of the experiment or evaluation", 0.6);
        }

        return task switch
        {
            ModelTask.Perception => new(ScienceStep.Observation, context[0], "S6 default: perception model observes", 0.5),
            ModelTask.Structure => new(ScienceStep.Hypothesis, context[0], "S6 default: structure prediction proposes", 0.5),
            _ => new(ScienceStep.Test, context[0], "S6 default: method of the experiment", 0.45),
        };
    }

    /// <summary>What kind of job a model does, from its catalog modality and family (unknown names: from the sentence).</summary>
    private enum ModelTask
    {
        Perception,
        Structure,
        Annotation,
        Other,
    }

    private static ModelTask TaskOf(ModelEvidence model)
    {
        var entry = model.Entry;
        var name = entry?.Canonical ?? model.Surface;
        if (AnnotationTool().IsMatch(name) || entry is not null && AnnotationTool().IsMatch(entry.Family))
        {
            return ModelTask.Annotation;
        }

        if (entry is { Modality: "protein" or "structure" } && StructureFamily().IsMatch(entry.Family + " " + entry.Canonical))
        {
            return ModelTask.Structure;
        }

        return entry?.Modality is "vision" or "video" or "pose" or "microscopy" or "audio" or "neurophysiology" or "imaging"
            ? ModelTask.Perception
            : ModelTask.Other;
    }

    private static List<DocumentSentence> Context(DocumentFeatures features, ModelEvidence model)
    {
        var context = new List<DocumentSentence>();
        var named = features.Models.Where(m => m != model).SelectMany(m => m.Mentions).Select(m => m.Sentence.Index).ToHashSet();
        foreach (var sentence in model.UseSentences)
        {
            context.Add(sentence);
            // The next sentence speaks of this model when it refers back to it ("The network was trained on ...") and
            // names no other model.
            if (sentence.Index + 1 < features.Sentences.Count && features.Sentences[sentence.Index + 1] is { } next
                && next.Section == sentence.Section && !named.Contains(next.Index) && features.Matches(Anaphor(), next))
            {
                context.Add(next);
            }
        }

        return context.Count > 0 ? context.Distinct().ToList() : [model.Mentions[0].Sentence];
    }

    private static DocumentSentence? Find(DocumentFeatures features, List<DocumentSentence> context, Regex cue)
    {
        foreach (var sentence in context)
        {
            if (features.Matches(cue, sentence))
            {
                return sentence;
            }
        }

        return null;
    }

    [GeneratedRegex(@"^\s*((the|this|these|that|its|each|both|our)\s+([\w-]+\s+){0,2}(model|network|net|detector|classifier|segmenter|tracker|estimator|predictor|architecture|encoder|backbone|tool|weights|embeddings|predictions)s?\b|(it|they|we|then|here|next|subsequently|afterwards|finally)\b)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Anaphor();

    [GeneratedRegex(@"\b(SignalP|DeepTMHMM|TMHMM|TargetP|DeepLoc|Phobius|DeepSig|TOPCONS|MemBrain|NetPhos|NetNGlyc|NetOGlyc|DeepGO|DeepFRI|InterProScan|eggNOG|Prokka|DeepARG|antiSMASH)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex AnnotationTool();

    /// <summary>A title about measuring: calling variants, detecting, segmenting, tracking, counting, monitoring.</summary>
    [GeneratedRegex(@"\b(variant call\w*|call(s|ing)? variants|detect\w*|segment\w*|track\w*|count(s|ing)?|pose estimation|monitor\w*|periodogram\w*|classif\w+ (of )?(images|sounds|calls|species))\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex TitleObservation();

    [GeneratedRegex(@"\b(AlphaFold|ColabFold|RoseTTAFold|ESMFold|OmegaFold|trRosetta|RaptorX|I-TASSER|Boltz|Chai|RFdiffusion|ProteinMPNN|DiffDock|EquiDock|AF2|AF3)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex StructureFamily();
}
