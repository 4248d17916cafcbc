using System.Text.Json;
using System.Text.RegularExpressions;

namespace PtmReuse.Core.Acquire;

/// <summary>Where one paper's full text may be had, and under which licence the source says it is published.</summary>
public sealed record FullTextCandidate(string Source, Uri Url, string? Licence, bool IsPdf = false);

/// <summary>
/// The sources that give JATS for open-access papers, in the order they are tried, with the URL shapes their
/// documentation gives: PLOS (article XML by DOI), Europe PMC (JATS by PMCID, found by a DOI search; it also holds
/// eLife's papers), bioRxiv/medRxiv (the details API's jatsxml link), then OpenAlex's best open-access PDF.
/// </summary>
public static partial class FullTextSources
{
    /// <summary>PLOS journal slugs by the DOI's journal.xxxx code.</summary>
    public static readonly IReadOnlyDictionary<string, string> PlosJournals = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
    {
        ["pone"] = "plosone",
        ["pbio"] = "plosbiology",
        ["pcbi"] = "ploscompbiol",
        ["pgen"] = "plosgenetics",
        ["pmed"] = "plosmedicine",
        ["pntd"] = "plosntds",
        ["ppat"] = "plospathogens",
        ["pclm"] = "climate",
        ["pdig"] = "digitalhealth",
        ["pgph"] = "globalpublichealth",
        ["pwat"] = "water",
    };

    /// <summary>{PlosBaseUrl}/{journal}/article/file?id={doi}&amp;type=manuscript, or null for a DOI that is not PLOS's.</summary>
    public static Uri? PlosUrl(string plosBaseUrl, string doi)
    {
        var match = PlosDoi().Match(doi);
        return match.Success && PlosJournals.TryGetValue(match.Groups["journal"].Value, out var journal)
            ? new Uri($"{plosBaseUrl.TrimEnd('/')}/{journal}/article/file?id={Uri.EscapeDataString(doi).Replace("%2F", "/", StringComparison.Ordinal)}&type=manuscript")
            : null;
    }

    public static Uri EuropePmcSearchUrl(string baseUrl, string doi) =>
        new($"{baseUrl.TrimEnd('/')}/search?query={Uri.EscapeDataString($"DOI:\"{doi}\"")}&resultType=core&format=json&pageSize=1");

    public static Uri EuropePmcFullTextUrl(string baseUrl, string pmcid) => new($"{baseUrl.TrimEnd('/')}/{Uri.EscapeDataString(pmcid)}/fullTextXML");

    /// <summary>From a Europe PMC search answer: the PMCID of an open-access record, its licence, or why there is none.</summary>
    public static (string? Pmcid, string? Licence, string? Problem) ReadEuropePmcSearch(JsonElement root)
    {
        var result = root.TryGetProperty("resultList", out var list) && list.TryGetProperty("result", out var results) && results.ValueKind == JsonValueKind.Array
            ? results.EnumerateArray().FirstOrDefault() : default;
        if (result.ValueKind != JsonValueKind.Object)
        {
            return (null, null, "Europe PMC has no record of this DOI");
        }

        var pmcid = String(result, "pmcid");
        var open = String(result, "isOpenAccess");
        var licence = String(result, "license");
        if (pmcid is null)
        {
            return (null, licence, "Europe PMC has no PMC full text for it");
        }

        return string.Equals(open, "Y", StringComparison.OrdinalIgnoreCase)
            ? (pmcid, licence, null)
            : (null, licence, $"Europe PMC's copy ({pmcid}) is not in the open-access subset");
    }

    public static bool IsPreprintDoi(string doi) => doi.StartsWith("10.1101/", StringComparison.OrdinalIgnoreCase);

    public static Uri BiorxivDetailsUrl(string baseUrl, string server, string doi) => new($"{baseUrl.TrimEnd('/')}/details/{server}/{doi}/na/json");

    /// <summary>From a bioRxiv/medRxiv details answer: the newest version's JATS URL and licence.</summary>
    public static (string? JatsUrl, string? Licence) ReadBiorxivDetails(JsonElement root)
    {
        var latest = root.TryGetProperty("collection", out var collection) && collection.ValueKind == JsonValueKind.Array
            ? collection.EnumerateArray().Where(v => v.ValueKind == JsonValueKind.Object).LastOrDefault() : default;
        return latest.ValueKind == JsonValueKind.Object ? (String(latest, "jatsxml"), String(latest, "license")) : (null, null);
    }

    public static Uri OpenAlexWorkUrl(string baseUrl, string doi, string? mailto)
    {
        var url = new System.Text.StringBuilder($"{baseUrl.TrimEnd('/')}/works/doi:{Uri.EscapeDataString(doi)}?select=id,doi,best_oa_location");
        if (!string.IsNullOrWhiteSpace(mailto))
        {
            url.Append("&mailto=").Append(Uri.EscapeDataString(mailto.Trim()));
        }

        return new Uri(url.ToString());
    }

    /// <summary>From an OpenAlex work: its best open-access location's PDF URL and licence.</summary>
    public static (string? PdfUrl, string? Licence) ReadBestOaLocation(JsonElement work) =>
        work.TryGetProperty("best_oa_location", out var location) && location.ValueKind == JsonValueKind.Object
            ? (String(location, "pdf_url"), String(location, "license"))
            : (null, null);

    private static string? String(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String && !string.IsNullOrWhiteSpace(value.GetString())
            ? value.GetString()!.Trim() : null;

    [GeneratedRegex(@"^10\.1371/journal\.(?<journal>[a-z]+)\.", RegexOptions.IgnoreCase)]
    private static partial Regex PlosDoi();
}
