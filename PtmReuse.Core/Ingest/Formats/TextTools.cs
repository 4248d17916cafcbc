using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using PtmReuse.Core.Papers;

namespace PtmReuse.Core.Ingest.Formats;

/// <summary>Small text helpers shared by the parsers: whitespace, section kinds, dates, licences.</summary>
public static partial class TextTools
{
    /// <summary>Collapses runs of spaces and tabs within lines and runs of blank lines to one paragraph break.</summary>
    public static string CleanParagraphs(string text)
    {
        var paragraphs = ParagraphBreak().Split(text.Replace('\u00A0', ' '))
            .Select(p => Spaces().Replace(p, " ").Trim())
            .Where(p => p.Length > 0);
        return string.Join("\n\n", paragraphs);
    }

    /// <summary>One line of text: every whitespace run becomes a single space.</summary>
    public static string CleanLine(string text) => Spaces().Replace(text.Replace('\u00A0', ' '), " ").Trim();

    /// <summary>Maps a section heading (or JATS sec-type) to the IMRaD kind it names.</summary>
    public static SectionKind ClassifyHeading(string? heading)
    {
        if (string.IsNullOrWhiteSpace(heading))
        {
            return SectionKind.Other;
        }

        var h = heading.ToLowerInvariant();
        if (h.Contains("abstract") || h == "summary" || h.Contains("author summary") || h.Contains("significance"))
        {
            return SectionKind.Abstract;
        }

        if (h.Contains("intro") || h.Contains("background") || h.Contains("statement of need"))
        {
            return SectionKind.Introduction;
        }

        if (h.Contains("method") || h.Contains("material") || h.Contains("experimental procedures")
            || h.Contains("experimental design") || h.Contains("study design") || h.Contains("implementation"))
        {
            return SectionKind.Methods;
        }

        // "Results and discussion" counts as results: the findings come first.
        if (h.Contains("result") || h.Contains("finding"))
        {
            return SectionKind.Results;
        }

        if (h.Contains("discussion"))
        {
            return SectionKind.Discussion;
        }

        return h.Contains("conclu") || h.Contains("outlook") || h.Contains("summary") ? SectionKind.Conclusion : SectionKind.Other;
    }

    /// <summary>Parses the date shapes papers use ("2023-04-04", "04 April 2023", "2023"), invariant culture.</summary>
    public static DateOnly? ParseDate(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        var text = value.Trim();
        if (DateOnly.TryParseExact(text, DateFormats, CultureInfo.InvariantCulture, DateTimeStyles.AllowWhiteSpaces, out var date))
        {
            return date;
        }

        if (DateTime.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var dt))
        {
            return DateOnly.FromDateTime(dt);
        }

        return null;
    }

    /// <summary>A four-digit year found in text (1900–2099), used when no full date parses.</summary>
    public static int? FindYear(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        var match = Year().Match(value);
        return match.Success ? int.Parse(match.Value, CultureInfo.InvariantCulture) : null;
    }

    /// <summary>Turns a Creative Commons URL or licence sentence into a short name ("CC BY 4.0", "CC0 1.0").</summary>
    public static string? NormalizeLicence(string? url, string? text)
    {
        foreach (var candidate in new[] { url, text })
        {
            if (string.IsNullOrWhiteSpace(candidate))
            {
                continue;
            }

            var cc = CreativeCommonsUrl().Match(candidate);
            if (cc.Success)
            {
                return $"CC {cc.Groups[1].Value.ToUpperInvariant()} {cc.Groups[2].Value}".TrimEnd();
            }

            if (candidate.Contains("publicdomain/zero", StringComparison.OrdinalIgnoreCase)
                || candidate.Contains("CC0", StringComparison.Ordinal))
            {
                return "CC0 1.0";
            }

            var name = CreativeCommonsName().Match(candidate);
            if (name.Success)
            {
                return "CC " + name.Groups[1].Value.ToUpperInvariant();
            }

            if (candidate.Contains("Creative Commons Attribution", StringComparison.OrdinalIgnoreCase))
            {
                return "CC BY";
            }
        }

        var fallback = CleanLine(url ?? text ?? "");
        return fallback.Length == 0 ? null : fallback.Length > 200 ? fallback[..200] : fallback;
    }

    /// <summary>Decodes UTF-8 strictly: a file in another encoding is an error, not mojibake.</summary>
    public static string DecodeUtf8(ReadOnlySpan<byte> bytes, string what)
    {
        try
        {
            var start = bytes.StartsWith(Utf8Bom) ? 3 : 0;
            return StrictUtf8.GetString(bytes[start..]);
        }
        catch (DecoderFallbackException ex)
        {
            throw new PaperFormatException($"{what} is not valid UTF-8 text (byte {ex.Index} cannot be decoded); save it as UTF-8", ex);
        }
    }

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);
    private static readonly byte[] Utf8Bom = [0xEF, 0xBB, 0xBF];

    private static readonly string[] DateFormats =
    [
        "yyyy-MM-dd", "yyyy-M-d", "yyyy/MM/dd", "dd MMMM yyyy", "d MMMM yyyy", "MMMM d, yyyy", "MMMM dd, yyyy",
        "dd MMM yyyy", "d MMM yyyy", "yyyy-MM-ddTHH:mm:ss", "yyyy-MM-ddTHH:mm:ssZ",
    ];

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();

    [GeneratedRegex(@"\n\s*\n")]
    private static partial Regex ParagraphBreak();

    [GeneratedRegex(@"\b(19|20)\d{2}\b")]
    private static partial Regex Year();

    [GeneratedRegex(@"creativecommons\.org/licenses/([a-z\-]+)/(\d\.\d)?", RegexOptions.IgnoreCase)]
    private static partial Regex CreativeCommonsUrl();

    [GeneratedRegex(@"\bCC[ \-](BY(?:-(?:NC|ND|SA))*)\b", RegexOptions.IgnoreCase)]
    private static partial Regex CreativeCommonsName();
}
