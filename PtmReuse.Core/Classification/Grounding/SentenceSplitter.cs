using System.Buffers;

namespace PtmReuse.Core.Classification.Grounding;

/// <summary>A sentence's place in a text.</summary>
public readonly record struct SentenceSpan(int Start, int End)
{
    public int Length => End - Start;
}

/// <summary>
/// Cheap sentence boundaries for scientific prose: a sentence ends at a line break, or at '.', '!' or '?' followed by
/// white space and an upper-case letter, digit or bracket; common abbreviations ("et al.", "e.g.", "Fig.") do not end one.
/// </summary>
public static class SentenceSplitter
{
    private static readonly string[] Abbreviations = ["al", "e.g", "i.e", "fig", "figs", "ref", "refs", "eq", "approx", "vs", "cf", "no", "sect", "suppl", "ca", "resp"];

    private static readonly SearchValues<char> SentenceEnds = SearchValues.Create("\n.!?");

    public static List<SentenceSpan> Split(string text) => Split(text, 0, text.Length);

    public static List<SentenceSpan> Split(string text, int from, int to)
    {
        var sentences = new List<SentenceSpan>();
        var start = from;
        for (var i = from; i < to; i++)
        {
            // Only these characters can end a sentence: jump to the next one.
            var next = text.AsSpan(i, to - i).IndexOfAny(SentenceEnds);
            if (next < 0)
            {
                break;
            }

            i += next;
            var c = text[i];
            var end = -1;
            if (c == '\n')
            {
                end = i;
            }
            else if (c is '.' or '!' or '?' && i + 2 < to && char.IsWhiteSpace(text[i + 1])
                     && (char.IsUpper(text[i + 2]) || char.IsDigit(text[i + 2]) || text[i + 2] is '(' or '[')
                     && !EndsWithAbbreviation(text, start, i))
            {
                end = i + 1;
            }

            if (end >= 0)
            {
                Add(sentences, text, start, end);
                start = end;
            }
        }

        Add(sentences, text, start, to);
        return sentences;
    }

    private static bool EndsWithAbbreviation(string text, int sentenceStart, int dot)
    {
        var wordStart = dot;
        while (wordStart > sentenceStart && !char.IsWhiteSpace(text[wordStart - 1]))
        {
            wordStart--;
        }

        var word = text.AsSpan(wordStart, dot - wordStart);
        if (word.Length == 1 && char.IsUpper(word[0]))
        {
            return true; // an initial, as in "J. Smith"
        }

        foreach (var abbreviation in Abbreviations)
        {
            if (word.EndsWith(abbreviation, StringComparison.OrdinalIgnoreCase) && word.Length == abbreviation.Length)
            {
                return true;
            }
        }

        return false;
    }

    private static void Add(List<SentenceSpan> sentences, string text, int start, int end)
    {
        while (start < end && char.IsWhiteSpace(text[start]))
        {
            start++;
        }

        while (end > start && char.IsWhiteSpace(text[end - 1]))
        {
            end--;
        }

        if (end > start)
        {
            sentences.Add(new SentenceSpan(start, end));
        }
    }
}
