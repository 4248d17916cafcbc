using System.Text.RegularExpressions;

namespace PtmReuse.Core.Classification.Embedded;

/// <summary>
/// The names a software paper lists or tabulates as the models its package implements: the cells of a table's
/// "Model"/"Architecture"/"Network" column (rule O11/U10) and the items of a list introduced by "available
/// architectures include:", "models implemented:" (rule O12). A package that re-implements a published architecture
/// reuses it conceptually (rule R2p). Tables reach the text as one sentence per row with cells joined by " | "
/// (Markdown pipe tables; see <c>MarkdownParser.TableCellSeparator</c>).
/// </summary>
/// <remarks>
/// Guards: only research papers about software, outside background sections; a table with a number in any other
/// cell is a results or comparison table (baselines compared against), never a listing; a list or table item must be
/// shaped like a model's name (inner capitals, digits, a hyphen, a "-Net" ending, an acronym), so "Python" or a
/// sentence-long description is not one.
/// </remarks>
internal static partial class ModelListings
{
    private const string CellSeparator = " | ";

    /// <summary>Longest list or table item read as one name ("Recurrent Inference Machine" fits, a sentence does not).</summary>
    private const int MaxItemLength = 40;

    private const int MaxItemWords = 4;

    /// <summary>Every listed model name: its span in the text and the rule that found it, in text order.</summary>
    public static IReadOnlyList<(int Start, int End, string Rule)> Find(DocumentFeatures features)
    {
        if (!features.IsSoftwarePaper || features.Kind != ArticleKind.Research)
        {
            return [];
        }

        var items = new List<(int Start, int End, string Rule)>();
        var sentences = features.Sentences;
        for (var i = 0; i < sentences.Count; i++)
        {
            var sentence = sentences[i];
            if (sentence.Role == SectionRole.Ignored || sentence.IsBackground)
            {
                continue;
            }

            var span = features.Span(sentence);
            if (span.Contains(CellSeparator, StringComparison.Ordinal))
            {
                var last = i;
                while (last + 1 < sentences.Count && sentences[last + 1].Section == sentence.Section
                       && features.Span(sentences[last + 1]).Contains(CellSeparator, StringComparison.Ordinal))
                {
                    last++;
                }

                AddTableColumn(features, i, last, items);
                i = last;
                continue;
            }

            if (MayListModels(span)
                && EmbeddedLexicon.ModelListSentence().IsMatch(span)
                && EmbeddedLexicon.ModelListIntroduction().Match(features.SentenceText(sentence)) is { Success: true } introduction
                && features.NamesOwnPackage(sentence))
            {
                AddListItems(features, sentence.Start + introduction.Index + introduction.Length, sentence.End, items);
            }
        }

        return items;
    }

    /// <summary>Every list introduction names architectures, models, networks or backbones: a cheap test before the pattern.</summary>
    private static bool MayListModels(ReadOnlySpan<char> span) =>
        span.Contains("models", StringComparison.OrdinalIgnoreCase) || span.Contains("architectures", StringComparison.OrdinalIgnoreCase)
        || span.Contains("networks", StringComparison.OrdinalIgnoreCase) || span.Contains("backbones", StringComparison.OrdinalIgnoreCase);

    /// <summary>Rows first..last of one table: the cells of its model column, unless the table holds numbers (results).</summary>
    private static void AddTableColumn(DocumentFeatures features, int first, int last, List<(int Start, int End, string Rule)> items)
    {
        if (last - first < 2)
        {
            return; // a header and at least two rows
        }

        var rows = new List<List<(int Start, int End)>>();
        for (var i = first; i <= last; i++)
        {
            rows.Add(Cells(features, features.Sentences[i]));
        }

        var header = rows[0];
        if (rows.Any(r => r.Count != header.Count))
        {
            return;
        }

        var column = header.FindIndex(c => ModelColumnHeader().IsMatch(features.Text.AsSpan(c.Start, c.End - c.Start)));
        if (column < 0)
        {
            return;
        }

        // A score anywhere else makes it a table of results (scores of baselines compared against), not a listing.
        if (rows.Skip(1).Any(r => r.Where((_, k) => k != column).Any(c => NumberCell().IsMatch(features.Text.AsSpan(c.Start, c.End - c.Start)))))
        {
            return;
        }

        foreach (var row in rows.Skip(1))
        {
            var (start, end) = row[column];
            if (LooksLikeModelName(features.Text.AsSpan(start, end - start)))
            {
                items.Add((start, end, "O11 the model column of a software package's table"));
            }
        }
    }

    private static List<(int Start, int End)> Cells(DocumentFeatures features, DocumentSentence sentence)
    {
        var cells = new List<(int Start, int End)>();
        var text = features.Text;
        var start = sentence.Start;
        while (true)
        {
            var separator = text.AsSpan(start, sentence.End - start).IndexOf(CellSeparator, StringComparison.Ordinal);
            var end = separator < 0 ? sentence.End : start + separator;
            cells.Add(Trim(text, start, end));
            if (separator < 0)
            {
                return cells;
            }

            start = end + CellSeparator.Length;
        }
    }

    /// <summary>The items after a list's introduction, split at commas, semicolons and "and"/"or", citations dropped.</summary>
    private static void AddListItems(DocumentFeatures features, int from, int to, List<(int Start, int End, string Rule)> items)
    {
        var text = features.Text;
        foreach (var match in ListItem().EnumerateMatches(text.AsSpan(from, to - from)))
        {
            var (start, end) = Trim(text, from + match.Index, from + match.Index + match.Length);
            if (end > start && LooksLikeModelName(text.AsSpan(start, end - start)))
            {
                items.Add((start, end, "O12 listed among the architectures a package implements"));
            }
        }
    }

    private static (int Start, int End) Trim(string text, int start, int end)
    {
        while (start < end && (char.IsWhiteSpace(text[start]) || text[start] is '*' or '_' or '`' or ':'))
        {
            start++;
        }

        // The list's last item: "…, and HeMIS U-Net".
        foreach (var joiner in (ReadOnlySpan<string>)["and ", "or "])
        {
            if (text.AsSpan(start, end - start).StartsWith(joiner, StringComparison.Ordinal))
            {
                start += joiner.Length;
            }
        }

        // "Count-ception [@Cohen2017]", "U-Net (2D)": the citation or remark after the name is not part of it.
        var cut = text.AsSpan(start, end - start).IndexOfAny('[', '(');
        if (cut >= 0)
        {
            end = start + cut;
        }

        while (end > start && (char.IsWhiteSpace(text[end - 1]) || text[end - 1] is '*' or '_' or '`' or '.' or ','))
        {
            end--;
        }

        return (start, end);
    }

    /// <summary>Shaped like a model's name: short, starting with a letter, with inner capitals, digits, a hyphen, an acronym or a "-Net" ending.</summary>
    internal static bool LooksLikeModelName(ReadOnlySpan<char> item)
    {
        if (item.Length < 2 || item.Length > MaxItemLength || !char.IsAsciiLetter(item[0]) || item.Count(' ') >= MaxItemWords)
        {
            return false;
        }

        var position = 0;
        var text = item.ToString();
        if (OpenVocabulary.NextNameShapedToken(text, ref position, text.Length, out _, out _))
        {
            return true;
        }

        return ModelNameEnding().IsMatch(item);
    }

    [GeneratedRegex(@"^(pre-?trained\s+)?(model|architecture|network|net|backbone)s?(\s+(name|id|identifier|class)s?)?$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex ModelColumnHeader();

    /// <summary>
    /// A score: a decimal, a percentage, a value with its spread. A whole number ("2" views) or a size ("7B") says
    /// something about the model and leaves a listing a listing.
    /// </summary>
    [GeneratedRegex(@"^[-+±~<>≈]?\s*(\d+[.,]\d+\s*(%|±.*)?|\d+\s*(%|±.*))$", RegexOptions.CultureInvariant)]
    private static partial Regex NumberCell();

    /// <summary>An item of a list: text up to the next comma, semicolon or joining "and"/"or".</summary>
    [GeneratedRegex(@"[^,;]+?(?=\s*(,|;|\band\b|\bor\b|$))", RegexOptions.CultureInvariant)]
    private static partial Regex ListItem();

    /// <summary>"Count-ception", "LeNet", "SegNet": a capitalised word joined by a hyphen, or ending in Net.</summary>
    [GeneratedRegex(@"^[A-Z][A-Za-z]*(-[A-Za-z0-9]+)+$|^[A-Z]\w*[Nn]et$", RegexOptions.CultureInvariant)]
    private static partial Regex ModelNameEnding();
}
