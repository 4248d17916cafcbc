using System.Text.Json;
using System.Text.Json.Serialization;

namespace PtmReuse.Core.Classification.Catalog;

/// <summary>
/// An alias that is also an ordinary word or an unrelated acronym ("SAM", "CLIP", "BERT"): it matches only when the
/// casing agrees (if <see cref="CaseSensitive"/>), at least one <see cref="RequireNearby"/> phrase occurs near the
/// mention (when any are given), a phrase of the shared <see cref="DeepLearningCues"/> does (when
/// <see cref="RequireDlCue"/>), and no <see cref="ExcludeNearby"/> phrase does.
/// </summary>
public sealed record CatalogGuard(
    string Alias,
    bool CaseSensitive = true,
    IReadOnlyList<string>? RequireNearby = null,
    IReadOnlyList<string>? ExcludeNearby = null,
    bool RequireDlCue = false)
{
    /// <summary>
    /// Vocabulary that shows a name is used as a machine-learning model or tool, shared by every guard with
    /// <see cref="RequireDlCue"/> so entries need not repeat it. Phrases match at a word start, case-insensitively.
    /// </summary>
    public static readonly IReadOnlyList<string> DeepLearningCues =
    [
        "deep learning", "deep-learning", "neural network", "neural net", "network", "model", "trained", "training",
        "pre-trained", "pretrained", "fine-tun", "finetun", "predict", "segment", "classif", "detect", "embedding",
        "transformer", "convolution", "CNN", "GPU", "software", "tool", "package", "python", "pipeline", "algorithm",
        "inference", "weights", "machine learning", "checkpoint", "architecture", "encoder", "backbone", "annotat",
        "framework", "library", "implementation",
    ];

    /// <summary>Whether the guard asks for context at all (a guard that is only case-sensitive does not).</summary>
    public bool RequiresContext => RequireDlCue || RequireNearby is { Count: > 0 };
}

/// <summary>
/// Where an entry comes from: a public source (repository and the commit its names were read at, or a version/URL for
/// a well-known tool), "curated" for hand-kept entries, or "override" for one made by a user edit.
/// </summary>
public sealed record CatalogProvenance(string Source, string? Commit = null, string? Path = null, string? Reference = null)
{
    public const string Curated = "curated";
    public const string Override = "override";

    /// <summary>A short label for tables: "huggingface/pytorch-image-models@aa4b585", "curated".</summary>
    public override string ToString() => Commit is { Length: >= 7 } ? $"{Source}@{Commit[..7]}" : Source;
}

/// <summary>
/// One catalog row as stored in ptm-catalog.json (and in user overrides). <see cref="Wraps"/> names the canonical
/// models a <see cref="PtmKind.Tool"/> runs (ColabFold: AlphaFold 2 and AlphaFold-Multimer).
/// </summary>
public sealed record CatalogEntry(
    int Id,
    string Canonical,
    IReadOnlyList<string> Aliases,
    string Family,
    string Modality,
    string? Organisation,
    int? Year,
    PtmKind Kind,
    IReadOnlyList<CatalogGuard>? Guards = null,
    CatalogProvenance? Provenance = null,
    IReadOnlyList<string>? Wraps = null)
{
    public PtmModel ToModel() => new(Canonical, Aliases, Family, Modality, string.IsNullOrEmpty(Organisation) ? null : Organisation, Year, Kind);

    /// <summary>Every spelling that names this entry: the canonical name first, then the aliases.</summary>
    public IEnumerable<string> AllNames() => Aliases.Prepend(Canonical);
}

/// <summary>
/// The catalog file: <c>{"format":"ptm-catalog","version":2,"models":[...]}</c>. Version 2 added provenance, wraps and
/// the Tool kind; version 1 files (no such fields) still read.
/// </summary>
public sealed record CatalogFile(string Format, int Version, IReadOnlyList<CatalogEntry> Models)
{
    public const string ResourceName = "PtmReuse.Core.Classification.Catalog.ptm-catalog.json";

    internal static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        WriteIndented = true,
    };

    /// <summary>The catalog shipped inside PtmReuse.Core.</summary>
    public static CatalogFile LoadEmbedded()
    {
        using var stream = typeof(CatalogFile).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"Embedded resource {ResourceName} is missing from PtmReuse.Core.");
        return Parse(stream, ResourceName);
    }

    public static CatalogFile Parse(Stream json, string source)
    {
        CatalogFile? file;
        try
        {
            file = JsonSerializer.Deserialize<CatalogFile>(json, JsonOptions);
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{source}: not a valid PTM catalog ({e.Message}).", e);
        }

        if (file is null || file.Format != "ptm-catalog" || file.Models is null)
        {
            throw new InvalidDataException($"{source}: expected {{\"format\":\"ptm-catalog\",\"version\":2,\"models\":[...]}}.");
        }

        return file;
    }
}
