using System.Text.Json;
using System.Text.Json.Serialization;

namespace PtmReuse.Core.Classification.Catalog;

/// <summary>
/// An alias that is also an ordinary word or an unrelated acronym ("SAM", "CLIP", "BERT"): it matches only when the
/// casing agrees (if <see cref="CaseSensitive"/>), at least one <see cref="RequireNearby"/> phrase occurs near the
/// mention (when any are given) and no <see cref="ExcludeNearby"/> phrase does.
/// </summary>
public sealed record CatalogGuard(
    string Alias,
    bool CaseSensitive = true,
    IReadOnlyList<string>? RequireNearby = null,
    IReadOnlyList<string>? ExcludeNearby = null);

/// <summary>One catalog row as stored in ptm-catalog.json (and in user overrides).</summary>
public sealed record CatalogEntry(
    int Id,
    string Canonical,
    IReadOnlyList<string> Aliases,
    string Family,
    string Modality,
    string? Organisation,
    int? Year,
    PtmKind Kind,
    IReadOnlyList<CatalogGuard>? Guards = null)
{
    public PtmModel ToModel() => new(Canonical, Aliases, Family, Modality, string.IsNullOrEmpty(Organisation) ? null : Organisation, Year, Kind);

    /// <summary>Every spelling that names this entry: the canonical name first, then the aliases.</summary>
    public IEnumerable<string> AllNames() => Aliases.Prepend(Canonical);
}

/// <summary>The catalog file: <c>{"format":"ptm-catalog","version":1,"models":[...]}</c>.</summary>
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
            throw new InvalidDataException($"{source}: expected {{\"format\":\"ptm-catalog\",\"version\":1,\"models\":[...]}}.");
        }

        return file;
    }
}
