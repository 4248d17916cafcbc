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
public sealed record PtmMention(string Model, string? Canonical, Evidence? Evidence);

public sealed record IdentifyPtmsAnswer(IReadOnlyList<PtmMention> Models) : StageAnswer
{
    [JsonIgnore]
    public override Stage Stage => Stage.IdentifyPtms;
    public override IEnumerable<Evidence> AllEvidence() => Models.Where(m => m.Evidence is not null).Select(m => m.Evidence!);
}

public sealed record PtmReuseItem(string Model, string? Canonical, string Form, ReusePattern Pattern, Evidence? Evidence);

public sealed record PtmReuseAnswer(IReadOnlyList<PtmReuseItem> Items) : StageAnswer
{
    [JsonIgnore]
    public override Stage Stage => Stage.PtmReuse;
    public override IEnumerable<Evidence> AllEvidence() => Items.Where(i => i.Evidence is not null).Select(i => i.Evidence!);
}

public sealed record PtmImpactItem(string Model, string? Canonical, ScienceStep Step, Evidence? Evidence);

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
