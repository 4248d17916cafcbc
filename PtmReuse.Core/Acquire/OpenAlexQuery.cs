using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using PtmReuse.Core.Fields;

namespace PtmReuse.Core.Acquire;

/// <summary>
/// What to harvest from OpenAlex's /works: publication years, OpenAlex fields or domains (empty means the configured
/// natural-science filter), open access only, journal articles, sources (OpenAlex ids such as S202381698, ISSNs or
/// names, resolved to ids once at the start), a search phrase, and a cap on works. Works without a DOI are left out:
/// a DOI is how harvested metadata, fetched full text and imported labels meet.
/// </summary>
public sealed record OpenAlexQuery
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull };

    public int? FromYear { get; init; }
    public int? ToYear { get; init; }
    public IReadOnlyList<string> Fields { get; init; } = [];
    public bool OpenAccessOnly { get; init; }
    public bool ArticlesOnly { get; init; } = true;
    public IReadOnlyList<string> Sources { get; init; } = [];

    /// <summary>OpenAlex source ids for <see cref="Sources"/>, filled in when the harvest starts.</summary>
    public IReadOnlyList<string>? SourceIds { get; init; }

    public string? Search { get; init; }
    public int? Limit { get; init; }

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    public static OpenAlexQuery FromJson(string json) =>
        JsonSerializer.Deserialize<OpenAlexQuery>(json, Json) ?? throw new InvalidOperationException("The harvest query is empty.");

    /// <summary>Checks the query and resolves field and domain names; the message says what is wrong.</summary>
    public IReadOnlyList<OpenAlexField> ResolveFields(IReadOnlyList<string> naturalScienceDefault)
    {
        if (FromYear is { } from && ToYear is { } to && from > to)
        {
            throw new ArgumentException($"--from-year {from} is after --to-year {to}.");
        }

        if (Limit is <= 0)
        {
            throw new ArgumentException($"--limit must be positive, not {Limit}.");
        }

        var names = Fields.Count == 0 ? naturalScienceDefault : Fields;
        var resolved = new List<OpenAlexField>();
        foreach (var name in names)
        {
            if (OpenAlexTaxonomy.FindField(name) is { } field)
            {
                resolved.Add(field);
                continue;
            }

            var domain = OpenAlexTaxonomy.Domains.FirstOrDefault(d => string.Equals(d.Name, name.Trim(), StringComparison.OrdinalIgnoreCase))
                ?? throw new ArgumentException($"'{name}' is neither an OpenAlex field nor a domain (fields: {string.Join(", ", OpenAlexTaxonomy.Fields.Select(f => f.Name))}; domains: {string.Join(", ", OpenAlexTaxonomy.Domains.Select(d => d.Name))}).");
            resolved.AddRange(OpenAlexTaxonomy.Fields.Where(f => f.Domain == domain));
        }

        return resolved.DistinctBy(f => f.Id).OrderBy(f => f.Id).ToList();
    }

    /// <summary>The filter parameter, as OpenAlex documents it (comma = AND, '|' = OR).</summary>
    public string Filter(IReadOnlyList<string> naturalScienceDefault)
    {
        var parts = new List<string>();
        if (ArticlesOnly)
        {
            parts.Add("type:article");
        }

        parts.Add("has_doi:true");
        if (FromYear is not null || ToYear is not null)
        {
            parts.Add(FromYear == ToYear ? $"publication_year:{FromYear}"
                : FromYear is null ? $"publication_year:<{ToYear + 1}"
                : ToYear is null ? $"publication_year:>{FromYear - 1}"
                : $"publication_year:{FromYear}-{ToYear}");
        }

        var fields = ResolveFields(naturalScienceDefault);
        if (fields.Count < OpenAlexTaxonomy.Fields.Count)
        {
            parts.Add("primary_topic.field.id:" + string.Join('|', fields.Select(f => f.Id.ToString(CultureInfo.InvariantCulture))));
        }

        if (OpenAccessOnly)
        {
            parts.Add("open_access.is_oa:true");
        }

        if (SourceIds is { Count: > 0 } ids)
        {
            parts.Add("primary_location.source.id:" + string.Join('|', ids));
        }

        return string.Join(',', parts);
    }

    /// <summary>The /works URL of one page (cursor "*" for the first).</summary>
    public Uri PageUrl(string baseUrl, IReadOnlyList<string> naturalScienceDefault, string cursor, int perPage, string? mailto)
    {
        var url = new StringBuilder(baseUrl.TrimEnd('/')).Append("/works?filter=").Append(Uri.EscapeDataString(Filter(naturalScienceDefault)));
        if (!string.IsNullOrWhiteSpace(Search))
        {
            url.Append("&search=").Append(Uri.EscapeDataString(Search.Trim()));
        }

        url.Append("&per-page=").Append(perPage.ToString(CultureInfo.InvariantCulture)).Append("&cursor=").Append(Uri.EscapeDataString(cursor));
        AppendMailto(url, mailto);
        return new Uri(url.ToString());
    }

    public string Describe(IReadOnlyList<string> naturalScienceDefault) =>
        Filter(naturalScienceDefault) + (string.IsNullOrWhiteSpace(Search) ? "" : $" search \"{Search.Trim()}\"") + (Limit is { } limit ? $" limit {limit}" : "");

    internal static void AppendMailto(StringBuilder url, string? mailto)
    {
        if (!string.IsNullOrWhiteSpace(mailto))
        {
            url.Append("&mailto=").Append(Uri.EscapeDataString(mailto.Trim()));
        }
    }
}
