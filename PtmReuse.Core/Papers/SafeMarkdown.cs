using Markdig;
using Markdig.Renderers.Html;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace PtmReuse.Core.Papers;

/// <summary>
/// The one Markdown pipeline for untrusted text (paper sections, evidence, model output). Raw HTML is escaped,
/// links keep only http, https and mailto (or scheme-less relative) targets, and images become plain links so
/// rendering never loads anything.
/// </summary>
public static class SafeMarkdown
{
    private static readonly string[] AllowedSchemes = ["http", "https", "mailto"];

    // Only extensions that cannot add attributes: GenericAttributes ({onclick=...}) is deliberately left out.
    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder()
        .DisableHtml()
        .UsePipeTables()
        .UseGridTables()
        .UseEmphasisExtras()
        .UseAutoLinks()
        .UseListExtras()
        .Build();

    /// <summary>Renders <paramref name="markdown"/> to HTML that is safe to put into the page as markup.</summary>
    public static string ToHtml(string? markdown)
    {
        if (string.IsNullOrWhiteSpace(markdown))
        {
            return "";
        }

        var document = Markdown.Parse(markdown, Pipeline);
        Neutralize(document);
        return document.ToHtml(Pipeline);
    }

    /// <summary>True for http(s)/mailto URLs and relative URLs without a scheme.</summary>
    public static bool IsAllowedUrl(string? url)
    {
        if (string.IsNullOrEmpty(url))
        {
            return true;
        }

        // Browsers ignore control characters and whitespace inside a scheme ("java\tscript:"), so strip them first.
        var compact = new string(url.Where(c => !char.IsControl(c) && !char.IsWhiteSpace(c)).ToArray());
        var end = compact.IndexOfAny(['/', '?', '#']);
        var head = end < 0 ? compact : compact[..end];
        var colon = head.IndexOf(':');
        if (colon < 0)
        {
            return true;
        }

        var scheme = head[..colon];
        return AllowedSchemes.Contains(scheme, StringComparer.OrdinalIgnoreCase);
    }

    private static void Neutralize(MarkdownDocument document)
    {
        // Collect every link first: editing the tree while enumerating it skips nodes.
        // Every leaf block with inlines (paragraphs, headings, also inside lists, quotes and table cells).
        var inlines = document.Descendants<LeafBlock>()
            .Where(block => block.Inline is not null)
            .SelectMany(block => block.Inline!.Descendants<Inline>())
            .ToList();
        foreach (var inline in inlines)
        {
            switch (inline)
            {
                case LinkInline link when link.IsImage || !IsAllowedUrl(link.Url):
                    Unwrap(link);
                    break;
                case LinkInline link:
                    link.GetAttributes().AddPropertyIfNotExist("rel", "nofollow noopener noreferrer");
                    break;
                case AutolinkInline autolink when !IsAllowedUrl(autolink.IsEmail ? "mailto:" + autolink.Url : autolink.Url):
                    autolink.ReplaceBy(new LiteralInline(autolink.Url));
                    break;
            }
        }
    }

    /// <summary>Replaces a link (or image) by its text, so a disallowed target leaves readable words and no href/src.</summary>
    private static void Unwrap(LinkInline link)
    {
        var child = link.FirstChild;
        while (child is not null)
        {
            var next = child.NextSibling;
            child.Remove();
            link.InsertBefore(child);
            child = next;
        }

        if (link.IsImage && link.FirstChild is null && link.PreviousSibling is null)
        {
            link.InsertBefore(new LiteralInline("[image]"));
        }

        link.Remove();
    }
}
