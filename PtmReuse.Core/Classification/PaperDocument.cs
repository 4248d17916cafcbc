using System.Text;
using PtmReuse.Core.Papers;

namespace PtmReuse.Core.Classification;

/// <summary>A section's place inside <see cref="PaperDocument.Text"/>.</summary>
public sealed record DocumentSection(int Ordinal, string Heading, SectionKind Kind, int Start, int Length);

/// <summary>
/// The paper as classifiers see it: title, then every section (heading line, then text) joined by blank lines.
/// Evidence offsets everywhere (decisions, review highlighting) are offsets into <see cref="Text"/>.
/// </summary>
public sealed class PaperDocument
{
    private PaperDocument(long paperId, string? doi, string title, int? year, string contentHash, string text, IReadOnlyList<DocumentSection> sections, string? articleType)
    {
        ArticleType = articleType;
        PaperId = paperId;
        Doi = doi;
        Title = title;
        Year = year;
        ContentHash = contentHash;
        Text = text;
        Sections = sections;
    }

    public long PaperId { get; }
    public string? Doi { get; }
    public string Title { get; }
    public int? Year { get; }
    public string ContentHash { get; }
    public string Text { get; }
    public IReadOnlyList<DocumentSection> Sections { get; }

    /// <summary>The publisher's article type (see <see cref="Paper.ArticleType"/>): reviews and commentaries run nothing.</summary>
    public string? ArticleType { get; }

    /// <summary>Builds the document from a paper whose Sections (and Captions, appended as an "Other" section) are loaded.</summary>
    public static PaperDocument FromPaper(Paper paper)
    {
        var text = new StringBuilder();
        var sections = new List<DocumentSection>();
        text.Append(paper.Title);
        foreach (var section in paper.Sections.OrderBy(s => s.Ordinal))
        {
            text.Append("\n\n");
            var start = text.Length;
            if (!string.IsNullOrWhiteSpace(section.Heading))
            {
                text.Append(section.Heading).Append('\n');
            }

            text.Append(section.Text);
            sections.Add(new DocumentSection(section.Ordinal, section.Heading, section.Kind, start, text.Length - start));
        }

        if (paper.Captions.Count > 0)
        {
            text.Append("\n\n");
            var start = text.Length;
            text.Append("Figure and table captions\n");
            text.AppendJoin("\n", paper.Captions.OrderBy(c => c.Ordinal).Select(c => string.IsNullOrEmpty(c.Label) ? c.Text : $"{c.Label}. {c.Text}"));
            sections.Add(new DocumentSection(int.MaxValue, "Figure and table captions", SectionKind.Other, start, text.Length - start));
        }

        return new PaperDocument(paper.Id, paper.Doi, paper.Title, paper.Year, paper.ContentHash, text.ToString(), sections, paper.ArticleType);
    }

    /// <summary>The section that contains a character offset, or null for the title.</summary>
    public DocumentSection? SectionAt(int offset) =>
        Sections.FirstOrDefault(s => offset >= s.Start && offset < s.Start + s.Length);
}
