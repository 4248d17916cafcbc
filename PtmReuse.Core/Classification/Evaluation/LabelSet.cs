using System.Text.Json;
using System.Text.Json.Serialization;

namespace PtmReuse.Core.Classification.Evaluation;

/// <summary>One hand-labelled model of a paper: its names (canonical first, then other spellings), pattern and step.</summary>
public sealed record LabelledPtm(
    IReadOnlyList<string> Names,
    ReusePattern? Pattern,
    ScienceStep? Step,
    string? Evidence);

/// <summary>A hand label of one corpus paper (the labels.jsonl schema of the shared corpus).</summary>
public sealed record LabelledPaper(
    string File,
    string? Doi,
    string? Title,
    [property: JsonPropertyName("uses_dl")] bool UsesDl,
    [property: JsonPropertyName("uses_ptms")] bool UsesPtms,
    IReadOnlyList<LabelledPtm> Ptms,
    string? Evidence,
    bool Unsure,
    string? Notes);

/// <summary>Reads labels.jsonl: one JSON object a line; a bad line is reported with its file and line number.</summary>
public static class LabelSet
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter<ScienceStep>(), new JsonStringEnumConverter<ReusePattern>(JsonNamingPolicy.SnakeCaseLower) },
    };

    public static IReadOnlyList<LabelledPaper> Load(string path)
    {
        var labels = new List<LabelledPaper>();
        var lineNumber = 0;
        foreach (var line in File.ReadLines(path))
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            try
            {
                labels.Add(JsonSerializer.Deserialize<LabelledPaper>(line, Options)
                           ?? throw new JsonException("empty object"));
            }
            catch (JsonException e)
            {
                throw new InvalidDataException($"{path}, line {lineNumber}: not a valid label ({e.Message}).", e);
            }
        }

        return labels;
    }
}
