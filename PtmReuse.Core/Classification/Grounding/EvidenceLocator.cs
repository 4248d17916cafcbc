using System.Text;

namespace PtmReuse.Core.Classification.Grounding;

/// <summary>How an evidence quote was found in the paper's text.</summary>
public enum EvidenceMatchKind
{
    /// <summary>The quote occurs verbatim.</summary>
    Exact,

    /// <summary>The quote occurs once whitespace, case, hyphenation, ligatures and quote characters are normalised.</summary>
    Normalized,

    /// <summary>The quote contains an ellipsis and its parts occur in order close together.</summary>
    Elided,

    /// <summary>Not found: the passage shown is only the closest one (an ungrounded quote, a likely hallucination).</summary>
    Closest,

    /// <summary>Not found and nothing similar (or an empty quote).</summary>
    NotFound,
}

/// <summary>
/// Where a quote is in <see cref="PaperDocument.Text"/>: offsets into the original text. When not grounded, Start/Length
/// point at the closest passage (for the review UI) and <see cref="Similarity"/> says how close it is (0..1).
/// </summary>
public sealed record EvidenceMatch(EvidenceMatchKind Kind, int Start, int Length, string Passage, double Similarity)
{
    public bool Grounded => Kind is EvidenceMatchKind.Exact or EvidenceMatchKind.Normalized or EvidenceMatchKind.Elided;

    public Evidence ToEvidence(string quote) =>
        Grounded ? new Evidence(quote, Start, Length, true) : new Evidence(quote, null, null, false);
}

/// <summary>
/// Locates evidence quotes (from the embedded backend or an LLM) in a paper: exact match first, then a match tolerant
/// of whitespace, case, hyphenation (soft hyphens, line-break hyphens), ligatures (ﬁ, ﬂ) and curly quotes, mapping
/// back to offsets in the original text; otherwise the closest passage by word overlap, flagged ungrounded.
/// </summary>
public static class EvidenceLocator
{
    private const int MaxElisionGap = 1500;

    public static EvidenceMatch Locate(PaperDocument paper, string? quote) => Locate(paper.Text, quote);

    /// <summary>Grounds every evidence item of an answer, returning the answer with offsets and grounded flags set.</summary>
    public static Evidence Ground(PaperDocument paper, Evidence evidence) => Locate(paper.Text, evidence.Quote).ToEvidence(evidence.Quote);

    public static EvidenceMatch Locate(string text, string? quote)
    {
        var trimmed = quote?.Trim().Trim('"', '\u201C', '\u201D').Trim() ?? "";
        if (trimmed.Length == 0)
        {
            return new EvidenceMatch(EvidenceMatchKind.NotFound, 0, 0, "", 0);
        }

        var exact = text.IndexOf(trimmed, StringComparison.Ordinal);
        if (exact >= 0)
        {
            return new EvidenceMatch(EvidenceMatchKind.Exact, exact, trimmed.Length, text.Substring(exact, trimmed.Length), 1);
        }

        var normalizedText = NormalizedText.Build(text);
        var normalizedQuote = NormalizedText.Build(trimmed).Value;
        if (normalizedQuote.Length == 0)
        {
            return new EvidenceMatch(EvidenceMatchKind.NotFound, 0, 0, "", 0);
        }

        var at = normalizedText.Value.IndexOf(normalizedQuote, StringComparison.Ordinal);
        if (at >= 0)
        {
            var (start, end) = normalizedText.OriginalSpan(at, normalizedQuote.Length);
            return new EvidenceMatch(EvidenceMatchKind.Normalized, start, end - start, text[start..end], 1);
        }

        var elided = LocateElided(text, normalizedText, trimmed);
        return elided ?? Closest(text, trimmed);
    }

    private static EvidenceMatch? LocateElided(string text, NormalizedText normalizedText, string quote)
    {
        var parts = quote.Split(["...", "\u2026", "[...]", "(...)"], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(p => NormalizedText.Build(p).Value)
            .Where(p => p.Length > 0)
            .ToList();
        if (parts.Count < 2)
        {
            return null;
        }

        var first = normalizedText.Value.IndexOf(parts[0], StringComparison.Ordinal);
        if (first < 0)
        {
            return null;
        }

        var cursor = first + parts[0].Length;
        foreach (var part in parts.Skip(1))
        {
            var next = normalizedText.Value.IndexOf(part, cursor, StringComparison.Ordinal);
            if (next < 0 || next - cursor > MaxElisionGap)
            {
                return null;
            }

            cursor = next + part.Length;
        }

        var (start, end) = normalizedText.OriginalSpan(first, cursor - first);
        return new EvidenceMatch(EvidenceMatchKind.Elided, start, end - start, text[start..end], 1);
    }

    /// <summary>The sentence (or pair of sentences) sharing the most words with the quote.</summary>
    private static EvidenceMatch Closest(string text, string quote)
    {
        var quoteWords = Words(quote).ToHashSet(StringComparer.Ordinal);
        if (quoteWords.Count == 0)
        {
            return new EvidenceMatch(EvidenceMatchKind.NotFound, 0, 0, "", 0);
        }

        var sentences = SentenceSplitter.Split(text);
        var best = (Start: 0, End: 0, Score: 0.0);
        for (var i = 0; i < sentences.Count; i++)
        {
            for (var span = 1; span <= 2 && i + span <= sentences.Count; span++)
            {
                var start = sentences[i].Start;
                var end = sentences[i + span - 1].End;
                var windowWords = Words(text[start..end]).ToHashSet(StringComparer.Ordinal);
                var shared = quoteWords.Count(windowWords.Contains);
                // Penalise long windows a little so the tightest passage wins between equals.
                var score = (double)shared / quoteWords.Count - 0.001 * span;
                if (score > best.Score)
                {
                    best = (start, end, score);
                }
            }
        }

        return best.Score <= 0
            ? new EvidenceMatch(EvidenceMatchKind.NotFound, 0, 0, "", 0)
            : new EvidenceMatch(EvidenceMatchKind.Closest, best.Start, best.End - best.Start, text[best.Start..best.End], Math.Round(Math.Max(0, best.Score), 3));
    }

    private static IEnumerable<string> Words(string text)
    {
        var normalized = NormalizedText.Build(text, keepSpaces: true).Value;
        return normalized.Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Select(w => w.Trim('.', ',', ';', ':', '(', ')', '[', ']', '"', '\''))
            .Where(w => w.Length >= 3);
    }

    /// <summary>A normalised copy of a text with, for every normalised character, the original character's offset.</summary>
    private sealed class NormalizedText
    {
        private readonly List<int> _origin;

        private NormalizedText(string value, List<int> origin, int originalLength)
        {
            Value = value;
            _origin = origin;
            OriginalLength = originalLength;
        }

        public string Value { get; }

        private int OriginalLength { get; }

        public (int Start, int End) OriginalSpan(int normalizedStart, int normalizedLength)
        {
            var start = _origin[normalizedStart];
            var lastOrigin = _origin[normalizedStart + normalizedLength - 1];
            // The end is just after the original character that produced the last normalised character.
            var end = Math.Min(OriginalLength, lastOrigin + 1);
            while (end < OriginalLength && normalizedStart + normalizedLength < _origin.Count && _origin[normalizedStart + normalizedLength] == lastOrigin)
            {
                end++;
            }

            return (start, end);
        }

        /// <summary>
        /// Lower case; whitespace and every hyphen or dash dropped (so "seg-\nmentation", "seg­mentation" and
        /// "segmentation" agree; with <paramref name="keepSpaces"/> runs of whitespace become one space instead);
        /// ligatures and other compatibility characters decomposed (NFKC); curly quotes and primes made straight.
        /// </summary>
        public static NormalizedText Build(string text, bool keepSpaces = false)
        {
            var value = new StringBuilder(text.Length);
            var origin = new List<int>(text.Length);
            var lastWasSpace = true;
            for (var i = 0; i < text.Length; i++)
            {
                var c = text[i];
                if (char.IsWhiteSpace(c) || c is '\u00AD' or '\u200B')
                {
                    if (keepSpaces && !lastWasSpace && c != '\u00AD')
                    {
                        value.Append(' ');
                        origin.Add(i);
                        lastWasSpace = true;
                    }

                    continue;
                }

                if (c is '-' or '\u2010' or '\u2011' or '\u2012' or '\u2013' or '\u2014' or '\u2212')
                {
                    continue;
                }

                lastWasSpace = false;
                if (c < 128)
                {
                    value.Append(char.ToLowerInvariant(c));
                    origin.Add(i);
                    continue;
                }

                var mapped = c switch
                {
                    '\u2018' or '\u2019' or '\u201A' or '\u2032' or '\u00B4' => "'",
                    '\u201C' or '\u201D' or '\u201E' or '\u2033' or '\u00AB' or '\u00BB' => "\"",
                    _ when char.IsSurrogate(c) => c.ToString(),
                    _ => c.ToString().Normalize(NormalizationForm.FormKC).ToLowerInvariant(),
                };
                foreach (var m in mapped)
                {
                    value.Append(m);
                    origin.Add(i);
                }
            }

            return new NormalizedText(value.ToString(), origin, text.Length);
        }
    }
}
