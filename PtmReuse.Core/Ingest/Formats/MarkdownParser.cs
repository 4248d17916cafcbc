using System.Text;
using System.Text.RegularExpressions;
using Markdig;
using Markdig.Extensions.Tables;
using Markdig.Syntax;
using PtmReuse.Core.Papers;

namespace PtmReuse.Core.Ingest.Formats;

/// <summary>
/// Markdown (with optional YAML front matter) and plain text. Markdown is cut into sections at its top heading
/// level and rendered to plain text with Markdig; pandoc citation keys ([@key]) are counted as references.
/// Metadata comes from front matter, then from a sidecar JSON when one is given.
/// </summary>
public static partial class MarkdownParser
{
    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder().UseYamlFrontMatter().UsePipeTables().Build();

    public static Paper Parse(byte[] bytes, string what, byte[]? sidecarJson, bool plainText)
    {
        var text = TextTools.DecodeUtf8(bytes, what).Replace("\r\n", "\n", StringComparison.Ordinal);
        if (string.IsNullOrWhiteSpace(text))
        {
            throw new PaperFormatException($"{what} is empty");
        }

        var paper = new Paper { SourceFormat = plainText ? SourceFormat.PlainText : SourceFormat.Markdown };
        var body = text;
        var frontMatter = FrontMatter().Match(text);
        if (frontMatter.Success)
        {
            var metadata = DocumentMetadata.FromYaml(frontMatter.Groups[1].Value, what);
            DocumentMetadata.Apply(WithHtmlMetaTags(metadata), paper);
            body = text[frontMatter.Length..];
        }

        if (sidecarJson is not null)
        {
            DocumentMetadata.Apply(DocumentMetadata.FromJson(sidecarJson, what + ".json"), paper);
        }

        paper.Doi ??= DoiStatement(body);
        try
        {
            paper.Sections = plainText ? PlainSections(body) : MarkdownSections(body, paper);
        }
        catch (ArgumentException ex) when (ex.Source == "Markdig")
        {
            // Markdig stops at its own nesting limit (far below what would overflow the stack) with this exception.
            throw new PaperFormatException(InputLimits.TooDeep(what, "Markdown blocks or inlines"), ex);
        }
        if (paper.Sections.Count == 0)
        {
            throw new PaperFormatException($"{what} has no text besides its metadata");
        }

        if (paper.Title.Length == 0)
        {
            paper.Title = FirstLine(body) ?? Path.GetFileNameWithoutExtension(what);
        }

        paper.ReferenceCount = CitationKey().Matches(body).Select(m => m.Groups[1].Value).Distinct(StringComparer.Ordinal).Count();
        paper.Abstract ??= paper.Sections.FirstOrDefault(s => s.Kind == SectionKind.Abstract)?.Text;
        return paper;
    }

    /// <summary>
    /// Manubot writes the citation metadata of a manuscript as HTML meta tags inside its front matter's
    /// "header-includes" (citation_doi, citation_publication_date, citation_title, dc.identifier). They fill what the
    /// front matter's own keys leave out; its own keys win.
    /// </summary>
    private static Dictionary<string, object?> WithHtmlMetaTags(Dictionary<string, object?> metadata)
    {
        if (metadata.GetValueOrDefault("header-includes") is not string header)
        {
            return metadata;
        }

        var merged = new Dictionary<string, object?>(metadata);
        foreach (Match tag in HtmlMetaTag().Matches(header))
        {
            var key = tag.Groups["name"].Value.ToLowerInvariant() switch
            {
                "citation_doi" or "dc.identifier" => "doi",
                "citation_publication_date" or "dc.date" => "date",
                "citation_title" or "dc.title" => "title",
                _ => null,
            };
            if (key is not null && (key != "doi" || Doi.Normalize(tag.Groups["content"].Value) is not null))
            {
                merged.TryAdd(key, System.Net.WebUtility.HtmlDecode(tag.Groups["content"].Value));
            }
        }

        return merged;
    }

    /// <summary>
    /// The DOI a manuscript states for itself before its first heading, as Manubot's "A DOI-citable version of this
    /// manuscript is available at https://doi.org/…" or "published in … doi: …" do. Citations ([@doi:…]) in the
    /// text, and anything after the first heading, are other papers' DOIs and never count.
    /// </summary>
    private static string? DoiStatement(string body)
    {
        var heading = FirstHeading().Match(body);
        var preamble = heading.Success ? body[..heading.Index] : body;
        var match = SelfDoiStatement().Match(preamble.Length > 8000 ? preamble[..8000] : preamble);
        return match.Success ? Doi.Normalize(match.Groups["doi"].Value) : null;
    }

    private static List<PaperSection> MarkdownSections(string body, Paper paper)
    {
        var document = Markdown.Parse(body, Pipeline);
        var headings = document.OfType<HeadingBlock>().ToList();
        var sections = new List<PaperSection>();
        if (headings.Count == 0)
        {
            AddSection(sections, "", body);
            return sections;
        }

        // A lone level-1 heading above level-2 sections is the title, not a section.
        var top = headings.Min(h => h.Level);
        if (headings[0].Level == 1 && headings.Count(h => h.Level == 1) == 1 && headings.Any(h => h.Level == 2))
        {
            if (paper.Title.Length == 0)
            {
                paper.Title = HeadingText(body, headings[0]);
            }

            return MarkdownSections(body[Math.Min(body.Length, headings[0].Span.End + 1)..], paper);
        }

        var cuts = headings.Where(h => h.Level == top).ToList();
        AddSection(sections, "", body[..cuts[0].Span.Start]);
        for (var i = 0; i < cuts.Count; i++)
        {
            var start = cuts[i].Span.End + 1;
            var end = i + 1 < cuts.Count ? cuts[i + 1].Span.Start : body.Length;
            AddSection(sections, HeadingText(body, cuts[i]), start < end ? body[start..end] : "");
        }

        return sections;
    }

    private static void AddSection(List<PaperSection> sections, string heading, string markdown)
    {
        if (heading.Equals("References", StringComparison.OrdinalIgnoreCase) || heading.Equals("Bibliography", StringComparison.OrdinalIgnoreCase))
        {
            return;
        }

        var text = TextTools.CleanParagraphs(PlainText(markdown));
        if (text.Length == 0)
        {
            return;
        }

        sections.Add(new PaperSection { Ordinal = sections.Count, Heading = heading, Kind = TextTools.ClassifyHeading(heading), Text = text });
    }

    /// <summary>
    /// The section as plain text. A pipe table keeps its rows: each row is a paragraph of its own with its cells joined
    /// by <see cref="TableCellSeparator"/>, so a reader can still tell the "Model" column of a table from the rest
    /// (rendered whole, every cell of a table ran together into one line).
    /// </summary>
    private static string PlainText(string markdown)
    {
        var tables = Markdown.Parse(markdown, Pipeline).Descendants<Table>().Where(t => t.Parent is MarkdownDocument).ToList();
        if (tables.Count == 0)
        {
            return Markdown.ToPlainText(markdown, Pipeline);
        }

        var text = new StringBuilder();
        var from = 0;
        foreach (var table in tables)
        {
            text.Append(Markdown.ToPlainText(markdown[from..table.Span.Start], Pipeline)).Append("\n\n");
            foreach (var row in table.OfType<TableRow>())
            {
                var cells = row.OfType<TableCell>().Select(cell => TextTools.CleanLine(Markdown.ToPlainText(markdown.Substring(cell.Span.Start, cell.Span.Length), Pipeline)));
                text.AppendJoin(TableCellSeparator, cells).Append("\n\n");
            }

            from = Math.Min(markdown.Length, table.Span.End + 1);
        }

        return text.Append(Markdown.ToPlainText(markdown[from..], Pipeline)).ToString();
    }

    /// <summary>Between the cells of a table row in the plain text (PtmReuse.Core.Classification reads tables by it).</summary>
    public const string TableCellSeparator = " | ";

    private static List<PaperSection> PlainSections(string body)
    {
        var text = TextTools.CleanParagraphs(body);
        return text.Length == 0 ? [] : [new PaperSection { Ordinal = 0, Heading = "", Kind = SectionKind.Other, Text = text }];
    }

    private static string HeadingText(string body, HeadingBlock heading) =>
        TextTools.CleanLine(body.Substring(heading.Span.Start, heading.Span.Length).TrimStart('#').Trim().TrimEnd('#'));

    private static string? FirstLine(string body) =>
        body.Split('\n').Select(l => l.Trim().TrimStart('#').Trim()).FirstOrDefault(l => l.Length > 0) is { } line
            ? (line.Length > 300 ? line[..300] : line)
            : null;

    [GeneratedRegex(@"<meta\s+(?:name|property)\s*=\s*""(?<name>[^""]+)""\s+content\s*=\s*""(?<content>[^""]*)""", RegexOptions.IgnoreCase)]
    private static partial Regex HtmlMetaTag();

    [GeneratedRegex(@"^#{1,6}\s", RegexOptions.Multiline)]
    private static partial Regex FirstHeading();

    [GeneratedRegex(@"(?:DOI-citable version|published\s+(?:in|at|as|by)\b)[^\n]{0,300}?(?:\bdoi:\s*|https?://(?:dx\.)?doi\.org/)(?<doi>10\.\d{4,9}/[^\s<>""\[\]]+)", RegexOptions.IgnoreCase)]
    private static partial Regex SelfDoiStatement();

    [GeneratedRegex(@"\A---[ \t]*\n(.*?)\n(?:---|\.\.\.)[ \t]*(?:\n|\z)", RegexOptions.Singleline)]
    private static partial Regex FrontMatter();

    [GeneratedRegex(@"(?<=[\[;,\s-])@([A-Za-z0-9_][\w:.#$%&\-+?<>~/]*[\w])")]
    private static partial Regex CitationKey();
}
