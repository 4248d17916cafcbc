using System.Globalization;
using System.Xml.Linq;
using PtmReuse.Core.Papers;

namespace PtmReuse.Core.Ingest.Formats;

/// <summary>
/// JATS / NLM XML (PLOS, PMC, eLife, bioRxiv/medRxiv, Frontiers, BMC): metadata from front/article-meta,
/// abstracts, body sections, sections some publishers put in back (bioRxiv's Methods), figure and table captions,
/// and the number of references (counted, never mixed into text).
/// </summary>
public static class JatsParser
{
    private static readonly XNamespace XLink = "http://www.w3.org/1999/xlink";

    private static readonly HashSet<string> BlockElements =
        ["p", "title", "list-item", "disp-formula", "disp-quote", "def-item", "statement", "boxed-text", "speech", "verse-line"];

    // Figures and tables become captions; references and floats never enter the running text.
    private static readonly HashSet<string> SkippedInText =
        ["fig", "fig-group", "table-wrap", "table-wrap-group", "ref-list", "supplementary-material", "graphic", "media", "object-id", "label"];

    private static readonly XmlText BodyText = new(e => SkippedInText.Contains(e.Name.LocalName), e => BlockElements.Contains(e.Name.LocalName));

    /// <summary>The single article of a JATS file; a PMC article set must hold exactly one.</summary>
    public static Paper Parse(byte[] bytes, string what)
    {
        var records = ParseAll(bytes, what);
        if (records.Count != 1)
        {
            throw new PaperFormatException($"{what} is a PMC article set of {records.Count} articles, not one article");
        }

        return records[0].Paper ?? throw new PaperFormatException(records[0].Error!);
    }

    /// <summary>
    /// Every article of a JATS file: one for an &lt;article&gt; root; for PMC's &lt;pmc-articleset&gt; wrapper (what the
    /// E-utilities efetch returns) one record per &lt;article&gt; inside, located as "article N", where a broken article is
    /// an error record and the others are still read. A set of one article reads exactly like that article alone.
    /// </summary>
    public static IReadOnlyList<ParsedRecord> ParseAll(byte[] bytes, string what)
    {
        var root = SafeXml.Load(bytes, what).Root;
        if (root?.Name.LocalName != "pmc-articleset")
        {
            return [new ParsedRecord(FromArticle(root, what), null)];
        }

        var articles = root.Elements().Where(e => e.Name.LocalName == "article").ToList();
        if (articles.Count == 0)
        {
            throw new PaperFormatException($"{what} is a PMC article set without any <article>");
        }

        if (articles.Count == 1)
        {
            return [new ParsedRecord(FromArticle(articles[0], what), null)];
        }

        var records = new List<ParsedRecord>(articles.Count);
        for (var i = 0; i < articles.Count; i++)
        {
            var locator = $"article {i + 1}";
            try
            {
                records.Add(new ParsedRecord(FromArticle(articles[i], $"{what} {locator}"), null, locator));
            }
            catch (PaperFormatException ex)
            {
                records.Add(new ParsedRecord(null, ex.Message, locator));
            }
        }

        return records;
    }

    private static Paper FromArticle(XElement? article, string what)
    {
        if (article is null || article.Name.LocalName != "article")
        {
            throw new PaperFormatException($"{what} is XML but not a JATS article (root element <{article?.Name.LocalName}>)");
        }

        var front = article.Element("front");
        var meta = front?.Element("article-meta")
            ?? throw new PaperFormatException($"{what} is a JATS article without <front>/<article-meta>");
        var journalMeta = front!.Element("journal-meta");

        var paper = new Paper
        {
            SourceFormat = SourceFormat.Jats,
            Doi = Doi.Normalize(meta.Elements("article-id").FirstOrDefault(e => (string?)e.Attribute("pub-id-type") == "doi")?.Value),
            Title = XmlText.Inline(meta.Element("title-group")?.Element("article-title")),
            Journal = NullIfEmpty(XmlText.Inline(journalMeta?.Descendants("journal-title").FirstOrDefault()))
                ?? JournalId(journalMeta),
            Publisher = NullIfEmpty(XmlText.Inline(journalMeta?.Element("publisher")?.Element("publisher-name"))),
            Authors = Authors(meta),
            Keywords = meta.Elements("kwd-group").Elements("kwd").Select(XmlText.Inline).Where(k => k.Length > 0).Distinct().ToList(),
            Subjects = Subjects(meta),
            ArticleType = ArticleType(article, meta),
        };

        (paper.PublishedOn, paper.Year) = PublicationDate(meta);
        var license = meta.Element("permissions")?.Element("license");
        paper.Licence = license is null
            ? null
            : TextTools.NormalizeLicence(
                (string?)license.Attribute(XLink + "href") ?? license.Elements().FirstOrDefault(e => e.Name.LocalName == "license_ref")?.Value,
                XmlText.Inline(license));

        var sections = new List<PaperSection>();
        foreach (var abstractElement in meta.Elements("abstract").Concat(meta.Elements("trans-abstract")))
        {
            var type = (string?)abstractElement.Attribute("abstract-type");
            if (type is "toc" or "teaser" or "web-summary")
            {
                continue;
            }

            var heading = XmlText.Inline(abstractElement.Element("title"));
            var text = BodyText.Flatten(WithoutTitle(abstractElement));
            if (text.Length == 0)
            {
                continue;
            }

            paper.Abstract ??= text;
            sections.Add(new PaperSection { Heading = heading.Length > 0 ? heading : "Abstract", Kind = SectionKind.Abstract, Text = text });
        }

        var body = article.Element("body");
        if (body is not null)
        {
            AddSections(body, sections);
        }

        var back = article.Element("back");
        if (back is not null)
        {
            // bioRxiv puts Materials and Methods (and data availability) in <back>; keep every <sec>, plus
            // acknowledgements and appendices, in document order.
            foreach (var element in back.Elements())
            {
                switch (element.Name.LocalName)
                {
                    case "sec":
                        AddSection(element, sections);
                        break;
                    case "ack":
                        AddSection(element, sections, "Acknowledgements");
                        break;
                    case "app-group":
                        foreach (var app in element.Elements("app"))
                        {
                            AddSection(app, sections, "Appendix");
                        }

                        break;
                    case "app":
                        AddSection(element, sections, "Appendix");
                        break;
                }
            }
        }

        for (var i = 0; i < sections.Count; i++)
        {
            sections[i].Ordinal = i;
        }

        paper.Sections = sections;
        paper.Captions = Captions(article);
        paper.ReferenceCount = article.Descendants("ref-list").Elements("ref").Count();
        if (paper.Title.Length == 0)
        {
            throw new PaperFormatException($"{what} is a JATS article without an article-title");
        }

        return paper;
    }

    private static void AddSections(XElement container, List<PaperSection> sections)
    {
        // Paragraphs before the first <sec> (short communications, letters) form an untitled opening section.
        var looseText = BodyText.Flatten(container.Nodes().Where(n => n is XElement e && e.Name.LocalName != "sec"));
        if (looseText.Length > 0)
        {
            var kind = container.Elements("sec").Any() ? SectionKind.Introduction : SectionKind.Other;
            sections.Add(new PaperSection { Heading = "", Kind = kind, Text = looseText });
        }

        foreach (var sec in container.Elements("sec"))
        {
            AddSection(sec, sections);
        }
    }

    private static void AddSection(XElement sec, List<PaperSection> sections, string? defaultHeading = null)
    {
        var heading = XmlText.Inline(sec.Element("title"));
        var text = BodyText.Flatten(WithoutTitle(sec));
        if (text.Length == 0)
        {
            return;
        }

        if (heading.Length == 0)
        {
            heading = defaultHeading ?? "";
        }

        var kind = TextTools.ClassifyHeading(heading);
        if (kind == SectionKind.Other)
        {
            kind = TextTools.ClassifyHeading((string?)sec.Attribute("sec-type"));
        }

        sections.Add(new PaperSection { Heading = heading, Kind = kind, Text = text });
    }

    private static IEnumerable<XNode> WithoutTitle(XElement element) =>
        element.Nodes().Where(n => n is not XElement { Name.LocalName: "title" or "label" });

    private static List<PaperCaption> Captions(XElement article)
    {
        var captions = new List<PaperCaption>();
        foreach (var element in article.Descendants())
        {
            var local = element.Name.LocalName;
            if (local is not ("fig" or "table-wrap"))
            {
                continue;
            }

            var caption = element.Element("caption");
            var text = caption is null ? "" : BodyText.Flatten(caption).Replace("\n\n", " ", StringComparison.Ordinal);
            var label = NullIfEmpty(XmlText.Inline(element.Element("label")));
            if (text.Length == 0 && label is null)
            {
                continue;
            }

            captions.Add(new PaperCaption
            {
                Ordinal = captions.Count,
                Kind = local == "fig" ? CaptionKind.Figure : CaptionKind.Table,
                Label = label,
                Text = text,
            });
        }

        return captions;
    }

    private static List<string> Authors(XElement meta) =>
        meta.Elements("contrib-group").Elements("contrib")
            .Where(c => (string?)c.Attribute("contrib-type") is null or "author")
            .Select(c =>
            {
                var name = c.Element("name") ?? c.Element("name-alternatives")?.Element("name");
                if (name is not null)
                {
                    return TextTools.CleanLine($"{name.Element("given-names")?.Value} {name.Element("surname")?.Value}");
                }

                return XmlText.Inline(c.Element("collab") ?? c.Element("string-name"));
            })
            .Where(n => n.Length > 0)
            .ToList();

    /// <summary>The article-type attribute and the article-type subjects (eLife's display channel, PLOS/bioRxiv heading), joined.</summary>
    private static string? ArticleType(XElement article, XElement meta)
    {
        var parts = new List<string>();
        if ((string?)article.Attribute("article-type") is { Length: > 0 } attribute)
        {
            parts.Add(attribute.Trim());
        }

        var groups = meta.Element("article-categories")?.Elements("subj-group").ToList() ?? [];
        var channel = groups.FirstOrDefault(g => (string?)g.Attribute("subj-group-type") is "display-channel" or "article-type")
                      ?? groups.FirstOrDefault(g => (string?)g.Attribute("subj-group-type") == "heading");
        if (channel?.Element("subject") is { } subject && XmlText.Inline(subject) is { Length: > 0 } name)
        {
            parts.Add(name);
        }

        return parts.Count == 0 ? null : string.Join("; ", parts.Distinct(StringComparer.OrdinalIgnoreCase));
    }

    private static List<string> Subjects(XElement meta)
    {
        var groups = meta.Element("article-categories")?.Descendants("subj-group").ToList() ?? [];
        // "heading" is the article type for PLOS ("Research Article") and bioRxiv ("New Results"), but the subject for
        // eLife, which puts the article type in "display-channel" instead.
        var headingIsSubject = groups.Any(g => (string?)g.Attribute("subj-group-type") == "display-channel");
        return groups
            .Where(g => (string?)g.Attribute("subj-group-type") switch
            {
                "display-channel" or "author-type" or "article-type" => false,
                "heading" => headingIsSubject,
                _ => true,
            })
            .SelectMany(g => g.Elements("subject"))
            .Select(XmlText.Inline)
            .Where(s => s.Length > 0)
            .Distinct(StringComparer.OrdinalIgnoreCase)
            .ToList();
    }

    private static (DateOnly?, int?) PublicationDate(XElement meta)
    {
        var dates = meta.Elements("pub-date").ToList();
        var preferred = dates.FirstOrDefault(d => (string?)d.Attribute("pub-type") == "epub"
                            || (string?)d.Attribute("date-type") is "pub" or "publication")
                        ?? dates.FirstOrDefault(d => d.Element("day") is not null)
                        ?? dates.FirstOrDefault();
        if (preferred is null)
        {
            return (null, null);
        }

        var year = ParseInt(preferred.Element("year")?.Value);
        if (year is null)
        {
            return (TextTools.ParseDate((string?)preferred.Attribute("iso-8601-date")), null);
        }

        var month = ParseInt(preferred.Element("month")?.Value);
        var day = ParseInt(preferred.Element("day")?.Value);
        DateOnly? date = month is >= 1 and <= 12 && day is >= 1 && day <= DateTime.DaysInMonth(year.Value, month.Value)
            ? new DateOnly(year.Value, month.Value, day.Value)
            : null;
        return (date, year);
    }

    private static int? ParseInt(string? value) =>
        int.TryParse(value?.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var number) ? number : null;

    // Old PLOS files carry no journal-title; the NLM title abbreviation ("PLoS Genet") is the best name they give.
    private static string? JournalId(XElement? journalMeta)
    {
        var ids = journalMeta?.Elements("journal-id").ToList() ?? [];
        var id = ids.FirstOrDefault(i => (string?)i.Attribute("journal-id-type") is "nlm-ta" or "iso-abbrev") ?? ids.FirstOrDefault();
        return NullIfEmpty(id?.Value);
    }

    private static string? NullIfEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
