using PtmReuse.Core.Classification;
using PtmReuse.Core.Classification.Catalog;
using PtmReuse.Core.Classification.Embedded;
using PtmReuse.Core.Ingest.Formats;
using PtmReuse.Tests.Infrastructure;

namespace PtmReuse.Tests.Classification.Embedded;

/// <summary>
/// The embedded classifier's scans skip work (resume a token scan mid-text, jump over sentences, lower ASCII by hand): each shortcut must find exactly what the plain character-by-character scan finds, on
/// real papers. The whole classifier's answers are compared build against build by scripts/embedded-answers.sh.
/// </summary>
public sealed class ScanShortcutTests
{
    /// <summary>Every 12th paper of the shared corpus (JATS, Markdown and PDF among them), parsed once.</summary>
    private static readonly Lazy<IReadOnlyList<PaperDocument>> Papers = new(() => Directory
        .EnumerateFiles(TestPaths.Corpus, "*", SearchOption.AllDirectories)
        .Where(Core.Classification.Benchmark.EmbeddedBenchmark.IsPaperFile)
        .Order(StringComparer.Ordinal)
        .Where((_, i) => i % 12 == 0 || Path.GetExtension(_) is ".md" or ".pdf")
        .SelectMany(PaperReader.ReadFile)
        .Select(PaperDocument.FromPaper)
        .ToList());

    /// <summary>
    /// Where the cue patterns match: the shared corpus's deep-learning folder and look-alikes (dl/, mixed/) and the
    /// evaluation set's own papers (JATS and Markdown: its PDFs are slow to read and add no other vocabulary).
    /// </summary>
    private static readonly Lazy<IReadOnlyList<PaperDocument>> DeepLearningPapers = new(() =>
        Directory.EnumerateFiles(Path.Combine(TestPaths.Corpus, "dl"))
        .Concat(Directory.EnumerateFiles(Path.Combine(TestPaths.Corpus, "mixed")))
        .Concat(Directory.EnumerateFiles(Path.Combine(TestPaths.RepositoryRoot, "eval", "corpus")).Where(file => Path.GetExtension(file) is ".xml" or ".md"))
        .Where(Core.Classification.Benchmark.EmbeddedBenchmark.IsPaperFile)
        .Order(StringComparer.Ordinal)
        .SelectMany(PaperReader.ReadFile)
        .Select(PaperDocument.FromPaper)
        .ToList());

    [Fact]
    public void CorpusSample_CoversEveryFormat()
    {
        // 255 corpus files / 12 plus the Markdown and PDF papers: enough text for the comparisons below to mean something.
        Assert.True(Papers.Value.Count >= 25, $"only {Papers.Value.Count} papers");
        Assert.True(Papers.Value.Sum(p => p.Text.Length) > 1_000_000);
    }

    [Fact]
    public void NameShapedTokens_RealPapers_SameTokensAsCharacterScan()
    {
        foreach (var paper in Papers.Value)
        {
            Assert.Equal(ReferenceNameShapedTokens(paper.Text), OpenVocabulary.NameShapedTokens(paper.Text));
        }
    }

    [Fact]
    public void NextNameShapedToken_ResumedAnywhere_FindsTheTokensStartingFromThere()
    {
        var compared = 0;
        foreach (var paper in Papers.Value)
        {
            var all = ReferenceNameShapedTokens(paper.Text);
            var next = 0;
            // Resuming inside words, on spaces, on joiners and at token starts: every 31st offset hits all of them.
            for (var from = 0; from < paper.Text.Length; from += 31)
            {
                while (next < all.Count && all[next].Start < from)
                {
                    next++;
                }

                // Up to a limit (a sentence's end) that may fall anywhere too, then on from where the scan stopped.
                var limit = Math.Min(paper.Text.Length, from + 40 + from % 23);
                var position = from;
                var resumed = new List<(int Start, int End)>();
                while (OpenVocabulary.NextNameShapedToken(paper.Text, ref position, limit, out var start, out var end))
                {
                    resumed.Add((start, end));
                }

                Assert.True(position >= limit);
                Assert.Equal(all.Skip(next).TakeWhile(t => t.Start < limit).ToList(), resumed);
                var following = OpenVocabulary.NextNameShapedToken(paper.Text, ref position, paper.Text.Length, out var nextStart, out var nextEnd);
                var expected = all.Skip(next).SkipWhile(t => t.Start < limit).Take(1).ToList();
                Assert.Equal(expected, following ? [(nextStart, nextEnd)] : []);
                compared += resumed.Count + expected.Count;
            }
        }

        Assert.True(compared > 10_000, $"only {compared} tokens compared");
    }

    [Fact]
    public void EndOfSentenceAt_RealPapers_EveryOffsetBeforeItIsInTheSameSentence()
    {
        var catalog = PtmCatalog.LoadEmbedded();
        var skippable = 0;
        foreach (var paper in Papers.Value)
        {
            var features = DocumentFeatures.For(paper, catalog);
            for (var offset = 0; offset < paper.Text.Length; offset += 7)
            {
                var sentence = features.SentenceAt(offset);
                var end = features.EndOfSentenceAt(sentence);
                if (end == 0)
                {
                    continue; // sentences out of order: nothing is skipped
                }

                skippable++;
                Assert.True(end > offset, $"{paper.Title}: sentence {sentence.Index} ends at {end}, before offset {offset}");
                Assert.Same(sentence, features.SentenceAt(end - 1));
                if (end < paper.Text.Length)
                {
                    Assert.NotSame(sentence, features.SentenceAt(end));
                }
            }
        }

        Assert.True(skippable > 0);
    }

    public static TheoryData<string> AnchoredPatterns => ["DeepLearningCue", "NeuralNetwork"];

    [Theory]
    [MemberData(nameof(AnchoredPatterns))]
    public void AnchoredPattern_RealPapers_EveryMatchHoldsAnAnchor(string pattern)
    {
        var (regex, anchors) = Anchored(pattern);
        var matches = 0;
        foreach (var paper in Papers.Value.Concat(DeepLearningPapers.Value))
        {
            foreach (var match in regex.EnumerateMatches(paper.Text))
            {
                matches++;
                Assert.True(paper.Text.AsSpan(match.Index, match.Length).IndexOfAny(anchors) >= 0,
                    $"{paper.Title}: '{paper.Text.Substring(match.Index, match.Length)}' holds no anchor of {pattern}");
            }
        }

        Assert.True(matches > 500, $"only {matches} matches of {pattern}");
    }

    [Theory]
    [MemberData(nameof(AnchoredPatterns))]
    public void StretchesHolding_RealPapers_SameSentencesAsScanningTheReadRanges(string pattern)
    {
        var (regex, anchors) = Anchored(pattern);
        var catalog = PtmCatalog.LoadEmbedded();
        var sentences = 0;
        foreach (var paper in Papers.Value.Concat(DeepLearningPapers.Value))
        {
            var features = DocumentFeatures.For(paper, catalog);
            var expected = Sentences(features, features.ReadRanges(), regex);
            Assert.Equal(expected, Sentences(features, features.StretchesHolding(anchors), regex));
            sentences += expected.Count;
        }

        Assert.True(sentences > 500, $"only {sentences} sentences match {pattern}");

        static List<(int Sentence, int Start, int Length)> Sentences(DocumentFeatures features, IEnumerable<(int Start, int End)> stretches, System.Text.RegularExpressions.Regex regex) =>
            stretches.SelectMany(s => MatchesIn(features.Text, s, regex))
                .Select(m => (features.SentenceAt(m.Index).Index, m.Index, m.Length))
                .ToList();

        static List<(int Index, int Length)> MatchesIn(string text, (int Start, int End) stretch, System.Text.RegularExpressions.Regex regex)
        {
            var found = new List<(int, int)>();
            foreach (var match in regex.EnumerateMatches(text.AsSpan(stretch.Start, stretch.End - stretch.Start)))
            {
                found.Add((stretch.Start + match.Index, match.Length));
            }

            return found;
        }
    }

    private static (System.Text.RegularExpressions.Regex Regex, System.Buffers.SearchValues<string> Anchors) Anchored(string pattern) => pattern switch
    {
        "DeepLearningCue" => (EmbeddedLexicon.DeepLearningCue(), EmbeddedLexicon.DeepLearningCueAnchors),
        "NeuralNetwork" => (EmbeddedLexicon.NeuralNetwork(), EmbeddedLexicon.NeuralNetworkAnchors),
        _ => throw new ArgumentOutOfRangeException(nameof(pattern)),
    };

    [Fact]
    public void NormalizeKey_EveryCharacter_LowersLikeToLowerInvariant()
    {
        var everyCharacter = new string(Enumerable.Range(0, char.MaxValue + 1).Select(c => (char)c).ToArray());
        var expected = new string(everyCharacter.Where(c => char.IsLetterOrDigit(c) || c == '+').Select(char.ToLowerInvariant).ToArray());

        Assert.Equal(expected, PtmCatalog.NormalizeKey(everyCharacter));
    }

    [Fact]
    public void FindMentions_NonAsciiAndMixedCaseNames_FoundLikeAsciiLowerCase()
    {
        var catalog = PtmCatalog.LoadEmbedded();

        // Upper-case ASCII goes through the hand-written lowering; "ÅlphaFold" must not match (Å is no A).
        var mentions = catalog.FindMentions("We ran ALPHAFOLD2 and ÅlphaFold2, then DeepLabCut.");

        Assert.Equal(["AlphaFold 2", "DeepLabCut"], mentions.Select(m => m.Canonical));
    }

    [Fact]
    public void FindMentions_EveryUnguardedCatalogName_FoundPastTheFirstTokenFilter()
    {
        var catalog = PtmCatalog.LoadEmbedded();
        var missed = new List<string>();
        var names = 0;
        foreach (var entry in catalog.Entries)
        {
            foreach (var name in entry.AllNames().Where(n => entry.Guards?.Any(g => PtmCatalog.NormalizeKey(g.Alias) == PtmCatalog.NormalizeKey(n)) != true))
            {
                // Written with spaces between its words ("DALL·E 2" as "DALL E 2": a key ignores separators, and '·' joins
                // nothing in running text); names of more words than the matcher joins are out of its reach anyway.
                var words = System.Text.RegularExpressions.Regex.Split(name, @"[^\p{L}\p{N}+]+").Where(w => w.Length > 0).ToList();
                if (words.Count is 0 or > 6)
                {
                    continue;
                }

                names++;
                if (!catalog.FindMentions($"In this work {string.Join(' ', words)} was used.").Any(m => m.Entry.Id == entry.Id))
                {
                    missed.Add($"{name} ({entry.Canonical})");
                }
            }
        }

        Assert.True(names > 4000, $"only {names} names");
        Assert.Empty(missed);
    }

    /// <summary>The token scan as first written: one character at a time.</summary>
    private static List<(int Start, int End)> ReferenceNameShapedTokens(string text)
    {
        var tokens = new List<(int, int)>();
        var i = 0;
        while (i < text.Length)
        {
            if (!char.IsAsciiLetterOrDigit(text[i]) || (i > 0 && (char.IsLetterOrDigit(text[i - 1]) || text[i - 1] is '.' or '-' or '_' or '@' or '#' or '/' or ':' or '=')))
            {
                i++;
                continue;
            }

            var start = i;
            var parts = 0;
            var end = i;
            while (true)
            {
                while (end < text.Length && char.IsAsciiLetterOrDigit(text[end]))
                {
                    end++;
                }

                parts++;
                if (parts < 3 && end + 1 < text.Length && text[end] is '-' or '_' && char.IsAsciiLetterOrDigit(text[end + 1]))
                {
                    end++;
                    continue;
                }

                break;
            }

            i = end;
            if (end < text.Length && (char.IsLetterOrDigit(text[end]) || text[end] is '-' or '_'))
            {
                continue;
            }

            // The shape test itself is unchanged: reuse it through a one-token text.
            if (OpenVocabulary.NameShapedTokens(text[start..end]).Any())
            {
                tokens.Add((start, end));
            }
        }

        return tokens;
    }
}
