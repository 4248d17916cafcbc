using System.Text.Json;
using System.Text.Json.Serialization;

namespace PtmReuse.Core.Classification;

/// <summary>
/// A stage's typed answer. Serialised with <see cref="StageJson.Options"/> into MachineDecision.ValueJson and
/// HumanLabel.ValueJson; the shapes match the study's: { result, evidence } and lists of per-model items.
/// </summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "stage")]
[JsonDerivedType(typeof(UsesDlAnswer), "uses_dl")]
[JsonDerivedType(typeof(UsesPtmsAnswer), "uses_ptms")]
[JsonDerivedType(typeof(IdentifyPtmsAnswer), "identify_ptms")]
[JsonDerivedType(typeof(PtmReuseAnswer), "ptm_reuse")]
[JsonDerivedType(typeof(PtmImpactAnswer), "ptm_impact")]
public abstract record StageAnswer
{
    [JsonIgnore]
    public abstract Stage Stage { get; }

    /// <summary>Which written rule decided the answer (embedded backend; see docs/classification-rubric.md); null for LLM answers.</summary>
    public string? Rule { get; init; }

    /// <summary>Every evidence quote the answer carries (for grounding and highlighting).</summary>
    public abstract IEnumerable<Evidence> AllEvidence();
}

/// <summary>A verbatim excerpt from the paper; Start/Length are offsets in <see cref="PaperDocument.Text"/> once grounded.</summary>
public sealed record Evidence(string Quote, int? Start = null, int? Length = null, bool? Grounded = null);

/// <summary>Base for the two yes/no stages.</summary>
public abstract record FlagAnswer(bool Result, Evidence? Evidence) : StageAnswer
{
    public override IEnumerable<Evidence> AllEvidence() => Evidence is null ? [] : [Evidence];
}

public sealed record UsesDlAnswer(bool Result, Evidence? Evidence) : FlagAnswer(Result, Evidence)
{
    [JsonIgnore]
    public override Stage Stage => Stage.UsesDl;
}

public sealed record UsesPtmsAnswer(bool Result, Evidence? Evidence) : FlagAnswer(Result, Evidence)
{
    [JsonIgnore]
    public override Stage Stage => Stage.UsesPtms;
}

/// <summary>A model as written in the paper and its catalog canonical name (null when not in the catalog).</summary>
public sealed record PtmMention(string Model, string? Canonical, Evidence? Evidence)
{
    /// <summary>How sure the backend is that this is a model the authors used (0–1); null when not given.</summary>
    public double? Confidence { get; init; }

    /// <summary>The rule that decided the model was used (embedded backend).</summary>
    public string? Rule { get; init; }
}

/// <summary>What a sentence that names a model says the authors did with it.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<MentionUse>))]
public enum MentionUse
{
    /// <summary>The authors ran, trained, adapted or re-implemented it in this paper.</summary>
    [JsonStringEnumMemberName("used")] Used,

    /// <summary>Named as a baseline or alternative their work is compared against.</summary>
    [JsonStringEnumMemberName("compared")] Compared,

    /// <summary>Cited or discussed: related work, examples, background, a review's survey.</summary>
    [JsonStringEnumMemberName("cited")] Cited,

    /// <summary>Future work, a possibility, a hedge.</summary>
    [JsonStringEnumMemberName("future")] Future,

    /// <summary>Explicitly not used ("without X", "instead of X").</summary>
    [JsonStringEnumMemberName("negated")] Negated,
}

/// <summary>
/// One decision about a model mention (or several identical ones): use or mere mention, which rule said so, where.
/// <paramref name="Count"/> mentions of the model with the same decision are folded into one; the evidence is the first.
/// </summary>
public sealed record MentionDecision(string Model, string? Canonical, MentionUse Use, string Rule, string Section, int Count, Evidence? Evidence)
{
    /// <summary>For a name the catalog does not know: how confident the context makes it a model's name (0–1).</summary>
    public double? NameConfidence { get; init; }
}

public sealed record IdentifyPtmsAnswer(IReadOnlyList<PtmMention> Models) : StageAnswer
{
    [JsonIgnore]
    public override Stage Stage => Stage.IdentifyPtms;

    /// <summary>Every model mention the backend weighed, used or not (embedded backend); shown beside the evidence on review.</summary>
    public IReadOnlyList<MentionDecision>? Mentions { get; init; }

    public override IEnumerable<Evidence> AllEvidence() => Models.Where(m => m.Evidence is not null).Select(m => m.Evidence!);
}

public sealed record PtmReuseItem(string Model, string? Canonical, string Form, ReusePattern Pattern, Evidence? Evidence)
{
    /// <summary>The rubric rule that chose the pattern (embedded backend).</summary>
    public string? Rule { get; init; }
}

public sealed record PtmReuseAnswer(IReadOnlyList<PtmReuseItem> Items) : StageAnswer
{
    [JsonIgnore]
    public override Stage Stage => Stage.PtmReuse;
    public override IEnumerable<Evidence> AllEvidence() => Items.Where(i => i.Evidence is not null).Select(i => i.Evidence!);
}

public sealed record PtmImpactItem(string Model, string? Canonical, ScienceStep Step, Evidence? Evidence)
{
    /// <summary>The rubric rule that chose the step (embedded backend).</summary>
    public string? Rule { get; init; }
}

public sealed record PtmImpactAnswer(IReadOnlyList<PtmImpactItem> Items) : StageAnswer
{
    [JsonIgnore]
    public override Stage Stage => Stage.PtmImpact;
    public override IEnumerable<Evidence> AllEvidence() => Items.Where(i => i.Evidence is not null).Select(i => i.Evidence!);
}

public static class StageJson
{
    /// <summary>The one serialiser setting for answers: snake_case names, enums by wire name.</summary>
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public static string Serialize(StageAnswer answer) => JsonSerializer.Serialize(answer, Options);

    public static StageAnswer? Deserialize(string? json) =>
        string.IsNullOrWhiteSpace(json) ? null : JsonSerializer.Deserialize<StageAnswer>(json, Options);
}
