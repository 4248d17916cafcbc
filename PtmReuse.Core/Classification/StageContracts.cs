using System.Text.Json.Serialization;

namespace PtmReuse.Core.Classification;

/// <summary>The study's five stages, in pipeline order. Wire names (uses_dl, ...) are stable: exports use them.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<Stage>))]
public enum Stage
{
    [JsonStringEnumMemberName("uses_dl")] UsesDl,
    [JsonStringEnumMemberName("uses_ptms")] UsesPtms,
    [JsonStringEnumMemberName("identify_ptms")] IdentifyPtms,
    [JsonStringEnumMemberName("ptm_reuse")] PtmReuse,
    [JsonStringEnumMemberName("ptm_impact")] PtmImpact,
}

[JsonConverter(typeof(JsonStringEnumConverter<ReusePattern>))]
public enum ReusePattern
{
    [JsonStringEnumMemberName("conceptual")] Conceptual,
    [JsonStringEnumMemberName("adaptation")] Adaptation,
    [JsonStringEnumMemberName("deployment")] Deployment,
}

[JsonConverter(typeof(JsonStringEnumConverter<ScienceStep>))]
public enum ScienceStep
{
    Observation,
    Background,
    Hypothesis,
    Test,
    Analysis,
    Conclusion,
}

public static class StageNames
{
    public static string WireName(this Stage stage) => stage switch
    {
        Stage.UsesDl => "uses_dl",
        Stage.UsesPtms => "uses_ptms",
        Stage.IdentifyPtms => "identify_ptms",
        Stage.PtmReuse => "ptm_reuse",
        Stage.PtmImpact => "ptm_impact",
        _ => throw new ArgumentOutOfRangeException(nameof(stage)),
    };

    public static bool TryParse(string? wireName, out Stage stage)
    {
        foreach (var candidate in Enum.GetValues<Stage>())
        {
            if (string.Equals(candidate.WireName(), wireName?.Trim(), StringComparison.OrdinalIgnoreCase))
            {
                stage = candidate;
                return true;
            }
        }

        stage = default;
        return false;
    }
}
