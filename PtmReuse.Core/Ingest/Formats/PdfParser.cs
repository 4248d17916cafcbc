using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using PtmReuse.Core.Papers;
using UglyToad.PdfPig;
using UglyToad.PdfPig.Content;
using UglyToad.PdfPig.DocumentLayoutAnalysis.TextExtractor;
using UglyToad.PdfPig.DocumentLayoutAnalysis.WordExtractor;

namespace PtmReuse.Core.Ingest.Formats;

/// <summary>
/// PDF through PdfPig: text in content order (ContentOrderTextExtractor, not page.Text), cut into sections at lines
/// that are a known section heading; text after "References" is counted as references, not kept.
/// A PDF without extractable text (a scan) is an error. Metadata: sidecar JSON, else the PDF info and first page.
/// </summary>
public static partial class PdfParser
{
    public static Paper Parse(byte[] bytes, string what, byte[]? sidecarJson)
    {
        var pages = new List<string>();
        string? infoTitle;
        try
        {
            using var document = PdfDocument.Open(bytes);
            infoTitle = document.Information.Title;
            foreach (var page in document.GetPages())
            {
                // Fonts without a ligature mapping give "\0" for "ffi"/"fi" glyphs: a NUL would cut the text short when
                // stored (SQLite reads a TEXT value up to its first NUL), so it goes, as do other control characters.
                pages.Add(ControlCharacters().Replace(WithoutLineNumbers(PageText(page), LineNumbers(page)), ""));
            }
        }
        catch (Exception ex) when (ex is not PaperFormatException and not OutOfMemoryException)
        {
            throw new PaperFormatException($"{what} is not a readable PDF: {ex.Message}", ex);
        }

        var text = string.Join("\n", pages).Replace("\r\n", "\n", StringComparison.Ordinal);
        if (string.IsNullOrWhiteSpace(text))
        {
            throw new PaperFormatException($"{what} is a PDF without extractable text (a scanned image?); run OCR first");
        }

        var paper = new Paper { SourceFormat = SourceFormat.Pdf, Doi = Doi.Find(pages[0]) };
        // Journals such as JOSS print an APA citation of the paper itself as a running footer on every page:
        // "Wu, & Osco. (2023). Title. Journal of Open Source Software, 8(89), 5663." It gives title, year and journal.
        // Only a citation repeated on several pages is a running footer; a single one may be a reference entry.
        var footer = CitationFooter().Matches(text).GroupBy(m => m.Value).FirstOrDefault(g => g.Count() > 1 || pages.Count == 1)?.First();
        if (footer is not null)
        {
            paper.Title = TextTools.CleanLine(footer.Groups["title"].Value);
            paper.Journal = TextTools.CleanLine(footer.Groups["journal"].Value);
            paper.Year = int.Parse(footer.Groups["year"].Value, System.Globalization.CultureInfo.InvariantCulture);
            text = text.Replace(footer.Value, "\n", StringComparison.Ordinal);
        }

        var lines = text.Split('\n').Select(l => l.Trim()).Where(l => !PageNumber().IsMatch(l)).ToList();
        if (paper.Title.Length == 0)
        {
            paper.Title = GuessTitle(infoTitle, lines);
        }

        var published = PublishedLine().Match(pages[0]);
        if (published.Success)
        {
            paper.PublishedOn = TextTools.ParseDate(published.Groups[1].Value);
            paper.Year = paper.PublishedOn?.Year ?? paper.Year;
        }

        // Running heads and feet (a journal line, the authors and year with the page number, the short title, "UNDER
        // REVIEW") would otherwise sit inside whatever sentence crosses the page break, lending it their words.
        var running = RunningLines(pages);
        if (running.Count > 0)
        {
            lines = lines.Where(l => !running.Contains(PageEdgeKey(l))).ToList();
        }

        if (sidecarJson is not null)
        {
            DocumentMetadata.Apply(DocumentMetadata.FromJson(sidecarJson, what + ".json"), paper);
        }

        (paper.Sections, paper.ReferenceCount) = Sections(lines);
        paper.Abstract = paper.Sections.FirstOrDefault(s => s.Kind == SectionKind.Abstract)?.Text;
        return paper;
    }

    /// <summary>
    /// A page's text in content order. A typeset font may space words by gaps alone, with no space characters; in a
    /// tightly justified line those gaps fall under ContentOrderTextExtractor's threshold and the words run together
    /// ("Partialdifferentialequations(PDEs)aredifferential..."), headings too, so no sentence or section reads right.
    /// A page with a token too long for a word is read again as the words PdfPig's NearestNeighbourWordExtractor finds by
    /// the distances between letters, a line at a time, and that text is kept when it has fewer such tokens (a long
    /// chemical name stays one word either way, so its page keeps the content-order text). Other pages are unchanged.
    /// </summary>
    internal static string PageText(Page page)
    {
        var contentOrder = ContentOrderTextExtractor.GetText(page);
        var runTogether = RunTogetherWords(contentOrder);
        if (runTogether == 0)
        {
            return contentOrder;
        }

        var byDistance = WordLines(page.GetWords(NearestNeighbourWordExtractor.Instance));
        return RunTogetherWords(byDistance) < runTogether ? byDistance : contentOrder;
    }

    /// <summary>How many lines at the top and at the bottom of a page may be a running head or foot.</summary>
    private const int PageEdgeLines = 3;

    /// <summary>
    /// Running heads and feet: lines among the first or last <see cref="PageEdgeLines"/> of a page that recur on at
    /// least three pages and two fifths of them, compared with their digits blanked (the page number changes), as
    /// <see cref="PageEdgeKey"/> keys. Body text does not repeat line for line at page edges.
    /// </summary>
    internal static HashSet<string> RunningLines(IReadOnlyList<string> pages)
    {
        var running = new HashSet<string>(StringComparer.Ordinal);
        if (pages.Count < 3)
        {
            return running;
        }

        var pagesWith = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var page in pages)
        {
            var lines = page.Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0).ToList();
            var edges = lines.Take(PageEdgeLines).Concat(lines.Skip(Math.Max(PageEdgeLines, lines.Count - PageEdgeLines)))
                .Select(PageEdgeKey)
                .Where(k => k.Any(char.IsLetter))
                .Distinct();
            foreach (var key in edges)
            {
                pagesWith[key] = pagesWith.GetValueOrDefault(key) + 1;
            }
        }

        foreach (var (key, count) in pagesWith)
        {
            if (count >= 3 && count * 5 >= pages.Count * 2)
            {
                running.Add(key);
            }
        }

        return running;
    }

    /// <summary>A line compared as a running head: trimmed, every digit as '#'.</summary>
    internal static string PageEdgeKey(string line)
    {
        var key = line.Trim().ToCharArray();
        for (var i = 0; i < key.Length; i++)
        {
            if (char.IsDigit(key[i]))
            {
                key[i] = '#';
            }
        }

        return new string(key);
    }

    /// <summary>Tokens of 20 or more letters: English words are shorter; words run together are longer.</summary>
    internal static int RunTogetherWords(string text) => RunTogetherWord().Count(text);

    /// <summary>Words in the order the extractor gives them (content order), a new line where a word does not continue the previous word's line.</summary>
    private static string WordLines(IEnumerable<Word> words)
    {
        var text = new StringBuilder();
        Word? previous = null;
        foreach (var word in words)
        {
            if (previous is not null)
            {
                var sameLine = Math.Abs(word.BoundingBox.Bottom - previous.BoundingBox.Bottom) < Math.Max(1.0, previous.BoundingBox.Height * 0.5)
                    && word.BoundingBox.Left >= previous.BoundingBox.Right - 0.5;
                text.Append(sameLine ? ' ' : '\n');
            }

            text.Append(word.Text);
            previous = word;
        }

        return text.ToString();
    }

    /// <summary>
    /// The line-number columns a preprint or review draft prints in its margins, each top to bottom, or none. A column
    /// is bare numbers sharing one right edge (right-aligned) that count up down the page; at least five make one.
    /// A two-column manuscript numbers both text columns, one margin each.
    /// </summary>
    internal static List<List<string>> LineNumbers(Page page)
    {
        var numbers = page.GetWords()
            .Where(w => w.Text.Length is >= 1 and <= 4 && w.Text.All(char.IsAsciiDigit))
            .ToList();
        var columns = new List<List<string>>();
        while (numbers.Count >= 5)
        {
            var column = numbers
                .Select(n => numbers.Where(o => Math.Abs(o.BoundingBox.Right - n.BoundingBox.Right) <= 1.0).ToList())
                .MaxBy(c => c.Count)!;
            if (column.Count < 5)
            {
                break;
            }

            numbers.RemoveAll(column.Contains);
            var ordered = column.OrderByDescending(w => w.BoundingBox.Bottom).Select(w => w.Text).ToList();
            var increasing = ordered.Zip(ordered.Skip(1)).Count(p => int.Parse(p.Second, CultureInfo.InvariantCulture) > int.Parse(p.First, CultureInfo.InvariantCulture));
            if (increasing >= (ordered.Count - 1) * 0.8)
            {
                columns.Add(ordered);
            }
        }

        return columns;
    }

    /// <summary>
    /// Removes margin line numbers from content-order text, where each lands glued to the end of its line ("deep188"):
    /// a line loses its trailing digits only when they are the next number of one of the columns, so numbers in the
    /// prose stay.
    /// </summary>
    internal static string WithoutLineNumbers(string text, List<List<string>> columns)
    {
        if (columns.Count == 0)
        {
            return text;
        }

        var lines = text.Split('\n');
        var next = new int[columns.Count];
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].TrimEnd('\r', ' ');
            for (var c = 0; c < columns.Count; c++)
            {
                if (next[c] < columns[c].Count && line.EndsWith(columns[c][next[c]], StringComparison.Ordinal))
                {
                    lines[i] = line[..^columns[c][next[c]].Length].TrimEnd();
                    next[c]++;
                    break;
                }
            }
        }

        return string.Join('\n', lines);
    }

    private static (List<PaperSection>, int) Sections(List<string> lines)
    {
        var sections = new List<PaperSection>();
        var heading = "";
        var current = new StringBuilder();
        var references = 0;
        var inReferences = false;

        void Flush()
        {
            var body = TextTools.CleanParagraphs(current.ToString());
            if (body.Length > 0)
            {
                sections.Add(new PaperSection { Ordinal = sections.Count, Heading = heading, Kind = TextTools.ClassifyHeading(heading), Text = body });
            }

            current.Clear();
        }

        // Numbered headings count up 1, 2, 3...: a line "4 Training and Generalization" after section 3 is the next
        // section's heading whatever its words, where "15 February 2020" or "2 RNN layers" in the text is not.
        var nextNumber = 1;
        foreach (var line in lines)
        {
            var match = HeadingLine().Match(line);
            var name = match.Success ? match.Groups["name"].Value.Trim() : null;
            var numbered = NumberedHeadingLine().Match(line);
            int? number = numbered.Success ? int.Parse(numbered.Groups["number"].Value, CultureInfo.InvariantCulture) : null;
            if (name is null && number == nextNumber && !inReferences)
            {
                name = numbered.Groups["name"].Value.Trim();
            }

            if (name is not null)
            {
                if (!inReferences)
                {
                    Flush();
                }

                if (number is not null)
                {
                    nextNumber = number.Value + 1;
                }

                heading = name;
                inReferences = heading.StartsWith("Reference", StringComparison.OrdinalIgnoreCase)
                    || heading.StartsWith("Bibliography", StringComparison.OrdinalIgnoreCase)
                    || heading.StartsWith("Literature", StringComparison.OrdinalIgnoreCase);
                continue;
            }

            if (inReferences)
            {
                // A reference entry starts with an author surname and initials or a [n] / n. marker.
                if (ReferenceStart().IsMatch(line))
                {
                    references++;
                }

                continue;
            }

            // Blank lines in extracted PDF text are paragraph breaks; single line breaks are layout.
            current.Append(line.Length == 0 ? "\n\n" : line + " ");
        }

        if (!inReferences)
        {
            Flush();
        }

        return (sections, references);
    }

    private static string GuessTitle(string? infoTitle, List<string> lines)
    {
        if (!string.IsNullOrWhiteSpace(infoTitle) && infoTitle.Trim().Length > 8 && !infoTitle.Contains(".doc", StringComparison.OrdinalIgnoreCase))
        {
            return TextTools.CleanLine(infoTitle);
        }

        var first = lines.FirstOrDefault(l => l.Length > 8 && !l.StartsWith("DOI", StringComparison.OrdinalIgnoreCase));
        return first is null ? "Untitled PDF" : (first.Length > 300 ? first[..300] : first);
    }

    [GeneratedRegex(@"^(?:\d{1,2}(?:\.\d{1,2})*\.?\s+)?(?<name>Abstract|Summary|Introduction|Background|Statement of need|Related work|Materials and methods|Methods?|Methodology|Implementation|Results(?: and discussion)?|Discussion|Conclusions?|Acknowledge?ments?|References|Bibliography|Literature cited|Availability|Data availability|Software availability|Funding)\s*:?$", RegexOptions.IgnoreCase)]
    private static partial Regex HeadingLine();

    [GeneratedRegex(@"^(?:\[\d+\]|\d+\.\s|[A-Z][A-Za-z'\-]+,\s+(?:[A-Z]\.|[A-Z][a-z]+))")]
    private static partial Regex ReferenceStart();

    [GeneratedRegex(@"(?<=\n|^)[^\n]{0,200}?\((?<year>(?:19|20)\d{2})\)\.\s+(?<title>[^\n]{8,400}?)\.\s+(?<journal>[A-Z][A-Za-z&:\- \n]{3,120}?),\s*\d+\(\d+\),[^\n]*", RegexOptions.Singleline)]
    private static partial Regex CitationFooter();

    [GeneratedRegex(@"^\d{1,4}$")]
    private static partial Regex PageNumber();

    /// <summary>A top-level numbered heading: "3 Implementations and results", "5. Experiments & Results" (a few words, no sentence).</summary>
    [GeneratedRegex(@"^(?<number>\d{1,2})\.?\s+(?<name>\p{Lu}[\p{L}&,'’ -]{2,60})$")]
    private static partial Regex NumberedHeadingLine();

    [GeneratedRegex(@"(?<![\p{L}\p{N}])\p{L}{20,}")]
    private static partial Regex RunTogetherWord();

    [GeneratedRegex(@"Published:\s*([0-9]{1,2} [A-Za-z]+ [0-9]{4}|[0-9]{4}-[0-9]{2}-[0-9]{2})")]
    private static partial Regex PublishedLine();

    [GeneratedRegex(@"[\x00-\x08\x0B\x0C\x0E-\x1F]")]
    private static partial Regex ControlCharacters();
}
