using System.Xml.Linq;
using PtmReuse.Core.Papers;

namespace PtmReuse.Core.Ingest.Formats;

/// <summary>
/// TEI XML as GROBID writes it: teiHeader for metadata (title, authors, DOI, journal, date, abstract, keywords),
/// text/body and text/back divisions as sections, figure/table descriptions as captions, listBibl entries counted.
/// </summary>
public static class TeiParser
{
    private static readonly XNamespace Tei = "http://www.tei-c.org/ns/1.0";

    private static readonly XmlText Text = new(
        e => e.Name.LocalName is "figure" or "listBibl" or "head" or "note",
        e => e.Name.LocalName is "p" or "formula" or "item" or "list");

    public static Paper Parse(byte[] bytes, string what)
    {
        var root = SafeXml.Load(bytes, what).Root;
        if (root is null || root.Name != Tei + "TEI")
        {
            throw new PaperFormatException($"{what} is XML but not TEI (root element <{root?.Name.LocalName}>)");
        }

        var header = root.Element(Tei + "teiHeader") ?? throw new PaperFormatException($"{what} is TEI without a teiHeader");
        var fileDesc = header.Element(Tei + "fileDesc");
        var bibl = fileDesc?.Element(Tei + "sourceDesc")?.Element(Tei + "biblStruct");
        var monogr = bibl?.Element(Tei + "monogr");
        var paper = new Paper
        {
            SourceFormat = SourceFormat.Tei,
            Title = XmlText.Inline(fileDesc?.Element(Tei + "titleStmt")?.Elements(Tei + "title").FirstOrDefault())
                is { Length: > 0 } title ? title : XmlText.Inline(bibl?.Element(Tei + "analytic")?.Element(Tei + "title")),
            Doi = Doi.Normalize(bibl?.Descendants(Tei + "idno").FirstOrDefault(i => string.Equals((string?)i.Attribute("type"), "DOI", StringComparison.OrdinalIgnoreCase))?.Value),
            Journal = NullIfEmpty(XmlText.Inline(monogr?.Elements(Tei + "title").FirstOrDefault(t => (string?)t.Attribute("level") == "j"))),
            Publisher = NullIfEmpty(XmlText.Inline(fileDesc?.Element(Tei + "publicationStmt")?.Element(Tei + "publisher"))),
            Authors = (bibl?.Element(Tei + "analytic")?.Elements(Tei + "author") ?? [])
                .Select(a => a.Element(Tei + "persName"))
                .OfType<XElement>()
                .Select(p => TextTools.CleanLine(string.Join(' ', p.Elements(Tei + "forename").Select(f => f.Value).Append(p.Element(Tei + "surname")?.Value ?? ""))))
                .Where(n => n.Length > 0)
                .ToList(),
        };

        var date = monogr?.Element(Tei + "imprint")?.Elements(Tei + "date").FirstOrDefault(d => (string?)d.Attribute("type") is "published" or null)
                   ?? fileDesc?.Element(Tei + "publicationStmt")?.Element(Tei + "date");
        var when = (string?)date?.Attribute("when");
        paper.PublishedOn = when?.Length == 10 ? TextTools.ParseDate(when) : null;
        paper.Year = TextTools.FindYear(when) ?? TextTools.FindYear(date?.Value);

        var availability = fileDesc?.Element(Tei + "publicationStmt")?.Element(Tei + "availability");
        var licence = availability?.Element(Tei + "licence");
        paper.Licence = availability is null ? null : TextTools.NormalizeLicence((string?)licence?.Attribute("target"), XmlText.Inline(availability));

        var profile = header.Element(Tei + "profileDesc");
        paper.Keywords = (profile?.Element(Tei + "textClass")?.Element(Tei + "keywords")?.Elements(Tei + "term") ?? [])
            .Select(XmlText.Inline).Where(k => k.Length > 0).ToList();

        var sections = new List<PaperSection>();
        var abstractElement = profile?.Element(Tei + "abstract");
        if (abstractElement is not null && Text.Flatten(abstractElement) is { Length: > 0 } abstractText)
        {
            paper.Abstract = abstractText;
            sections.Add(new PaperSection { Heading = "Abstract", Kind = SectionKind.Abstract, Text = abstractText });
        }

        var textElement = root.Element(Tei + "text");
        var divisions = (textElement?.Element(Tei + "body")?.Elements(Tei + "div") ?? [])
            .Concat((textElement?.Element(Tei + "back")?.Elements(Tei + "div") ?? []).Where(d => (string?)d.Attribute("type") != "references"));
        foreach (var div in divisions)
        {
            var heading = XmlText.Inline(div.Element(Tei + "head"));
            var body = Text.Flatten(div);
            if (body.Length == 0)
            {
                continue;
            }

            if (heading.Length == 0 && (string?)div.Attribute("type") is { } type)
            {
                heading = char.ToUpperInvariant(type[0]) + type[1..];
            }

            sections.Add(new PaperSection { Heading = heading, Kind = TextTools.ClassifyHeading(heading), Text = body });
        }

        for (var i = 0; i < sections.Count; i++)
        {
            sections[i].Ordinal = i;
        }

        paper.Sections = sections;
        paper.Captions = (textElement?.Descendants(Tei + "figure") ?? [])
            .Select(f => new PaperCaption
            {
                Kind = (string?)f.Attribute("type") == "table" ? CaptionKind.Table : CaptionKind.Figure,
                Label = NullIfEmpty(XmlText.Inline(f.Element(Tei + "label")) is { Length: > 0 } l ? l : XmlText.Inline(f.Element(Tei + "head"))),
                Text = XmlText.Inline(f.Element(Tei + "figDesc")),
            })
            .Where(c => c.Text.Length > 0 || c.Label is not null)
            .Select((c, i) => { c.Ordinal = i; return c; })
            .ToList();
        paper.ReferenceCount = textElement?.Descendants(Tei + "listBibl").Elements(Tei + "biblStruct").Count() ?? 0;
        if (paper.Title.Length == 0)
        {
            throw new PaperFormatException($"{what} is TEI without a title");
        }

        return paper;
    }

    private static string? NullIfEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
