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
        // Source positions of every inline, so highlights given as offsets into the text can be placed.
        .UsePreciseSourceLocation()
        .Build();

    /// <summary>Renders <paramref name="markdown"/> to HTML that is safe to put into the page as markup.</summary>
    public static string ToHtml(string? markdown) => ToHtml(markdown, []);

    /// <summary>
    /// Renders <paramref name="markdown"/> like <see cref="ToHtml(string?)"/> and wraps the characters of each highlight
    /// (offsets into <paramref name="markdown"/>) in <c>&lt;mark&gt;</c>, with an empty anchor element before its first
    /// character. Marks are placed around the text of the parsed document, never into the source, so paper text cannot
    /// close or alter them, and a highlight crossing emphasis, links or paragraphs becomes several well-nested marks.
    /// </summary>
    public static string ToHtml(string? markdown, IReadOnlyList<TextHighlight> highlights)
    {
        if (string.IsNullOrWhiteSpace(markdown))
        {
            return "";
        }

        try
        {
            var document = Markdown.Parse(markdown, Pipeline);
            Neutralize(document);
            if (highlights.Count > 0)
            {
                Highlight(document, highlights);
            }

            return document.ToHtml(Pipeline);
        }
        catch (ArgumentException ex) when (ex.Source == "Markdig")
        {
            // Markdig refuses text nested past its depth limit (thousands of ">" or list markers) with this exception;
            // such text is shown as escaped paragraphs so the page still renders.
            return AsEscapedParagraphs(markdown);
        }
    }

    private static string AsEscapedParagraphs(string text)
    {
        var html = new System.Text.StringBuilder();
        foreach (var paragraph in text.Split("\n\n", StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            html.Append("<p>").Append(Encode(paragraph)).Append("</p>\n");
        }

        return html.ToString();
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

    private static void Highlight(MarkdownDocument document, IReadOnlyList<TextHighlight> highlights)
    {
        var anchored = new HashSet<string>(StringComparer.Ordinal);
        var leaves = document.Descendants<LeafBlock>()
            .Where(block => block.Inline is not null)
            .SelectMany(block => block.Inline!.Descendants<Inline>())
            .Where(inline => inline is LiteralInline or CodeInline && inline.Span.Start >= 0)
            .ToList();
        foreach (var leaf in leaves)
        {
            var sourceStart = leaf.Span.Start;
            var sourceEnd = leaf.Span.End + 1;
            if (!highlights.Any(h => h.Start < sourceEnd && h.End > sourceStart))
            {
                continue;
            }

            // A literal whose text is its source (no escapes) can be split character-exactly; anything else
            // (code spans, escaped characters) is marked as a whole when a highlight touches it.
            if (leaf is LiteralInline literal && literal.Content.Length == sourceEnd - sourceStart)
            {
                SplitAndMark(literal, highlights, anchored);
            }
            else
            {
                Wrap(leaf, highlights.Where(h => h.Start < sourceEnd && h.End > sourceStart).ToList(), anchored);
            }
        }
    }

    private static void SplitAndMark(LiteralInline literal, IReadOnlyList<TextHighlight> highlights, HashSet<string> anchored)
    {
        var text = literal.Content.ToString();
        var sourceStart = literal.Span.Start;
        var cuts = new SortedSet<int> { 0, text.Length };
        foreach (var highlight in highlights)
        {
            cuts.Add(Math.Clamp(highlight.Start - sourceStart, 0, text.Length));
            cuts.Add(Math.Clamp(highlight.End - sourceStart, 0, text.Length));
        }

        var bounds = cuts.ToList();
        for (var i = 0; i + 1 < bounds.Count; i++)
        {
            var (from, to) = (bounds[i], bounds[i + 1]);
            var piece = new LiteralInline(text[from..to]);
            InsertBefore(literal, piece);
            var covering = highlights.Where(h => h.Start <= sourceStart + from && h.End >= sourceStart + to).ToList();
            if (covering.Count > 0)
            {
                Wrap(piece, covering, anchored);
            }
        }

        literal.Remove();
    }

    /// <summary>Puts our own tags around one inline; only ids and labels we made (encoded) go into them.</summary>
    private static void Wrap(Inline inline, IReadOnlyList<TextHighlight> covering, HashSet<string> anchored)
    {
        foreach (var highlight in covering.Where(h => h.AnchorId.Length > 0 && anchored.Add(h.AnchorId)))
        {
            InsertBefore(inline, new HtmlInline($"<span class=\"evidence-anchor\" id=\"{Encode(highlight.AnchorId)}\"></span>"));
        }

        // Evidence wins where it overlaps a lighter mark; otherwise the lighter mark's kind names the class.
        var shown = covering.Any(h => h.Kind is null) ? covering.Where(h => h.Kind is null).ToList() : covering;
        var cssClass = shown[0].Kind is { } kind ? Encode(kind) : "evidence-highlight";
        var labels = string.Join("; ", shown.Select(h => h.Label).Distinct(StringComparer.Ordinal));
        var anchors = string.Join(' ', shown.Select(h => h.AnchorId).Where(a => a.Length > 0).Distinct(StringComparer.Ordinal));
        InsertBefore(inline, new HtmlInline($"<mark class=\"{cssClass}\" title=\"{Encode(labels)}\" data-evidence=\"{Encode(anchors)}\">"));
        inline.InsertAfter(new HtmlInline("</mark>"));
    }

    // With Markdig 1.6, InsertBefore on an inline that was itself just inserted leaves the new node out of the sibling
    // chain (it is never rendered); inserting after the predecessor links it reliably.
    private static void InsertBefore(Inline target, Inline node)
    {
        if (target.PreviousSibling is { } previous)
        {
            previous.InsertAfter(node);
        }
        else
        {
            target.InsertBefore(node);
        }
    }

    private static string Encode(string value) => System.Net.WebUtility.HtmlEncode(value);

    /// <summary>Replaces a link (or image) by its text, so a disallowed target leaves readable words and no href/src.</summary>
    private static void Unwrap(LinkInline link)
    {
        var child = link.FirstChild;
        while (child is not null)
        {
            var next = child.NextSibling;
            child.Remove();
            InsertBefore(link, child);
            child = next;
        }

        if (link.IsImage && link.FirstChild is null && link.PreviousSibling is null)
        {
            InsertBefore(link, new LiteralInline("[image]"));
        }

        link.Remove();
    }
}
