using System.Text.RegularExpressions;

namespace PtmReuse.Core.Ingest.Formats;

/// <summary>DOI normalisation: lower case, no resolver or "doi:" prefix, trimmed. Returns null for anything that is not a DOI.</summary>
public static partial class Doi
{
    public static string? Normalize(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        var doi = value.Trim();
        foreach (var prefix in Prefixes)
        {
            if (doi.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
            {
                doi = doi[prefix.Length..].Trim();
                break;
            }
        }

        doi = doi.TrimEnd('.', ',', ';', ')', ']').ToLowerInvariant();
        return DoiShape().IsMatch(doi) ? doi : null;
    }

    /// <summary>Finds the first DOI in free text (a PDF's first page, for instance).</summary>
    public static string? Find(string text)
    {
        var match = DoiInText().Match(text);
        return match.Success ? Normalize(match.Value) : null;
    }

    /// <summary>
    /// The DOI a file is named after, the "/" written as "_" or "%2F" ("10.21105_joss.01931.md" → 10.21105/joss.01931),
    /// or null. Only the first separator after the registrant prefix is the slash; the suffix keeps its own "_" and dots.
    /// </summary>
    public static string? FromFileName(string name)
    {
        var stem = Path.GetFileNameWithoutExtension(Path.GetFileName(name.Replace('\\', '/')));
        var match = FileNameDoi().Match(stem);
        return match.Success ? Normalize($"{match.Groups[1].Value}/{match.Groups[2].Value}") : null;
    }

    private static readonly string[] Prefixes =
        ["https://doi.org/", "http://doi.org/", "https://dx.doi.org/", "http://dx.doi.org/", "doi.org/", "doi:", "doi "];

    [GeneratedRegex(@"^10\.\d{4,9}/\S+$")]
    private static partial Regex DoiShape();

    [GeneratedRegex(@"^(10\.\d{4,9})(?:_|%2[Ff])(\S+)$")]
    private static partial Regex FileNameDoi();

    [GeneratedRegex(@"10\.\d{4,9}/[^\s""<>]+")]
    private static partial Regex DoiInText();
}
