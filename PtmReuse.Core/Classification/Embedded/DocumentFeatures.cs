using System.Buffers;
using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;
using PtmReuse.Core.Classification.Catalog;
using PtmReuse.Core.Classification.Grounding;
using PtmReuse.Core.Papers;

namespace PtmReuse.Core.Classification.Embedded;

/// <summary>Where a sentence stands in the paper, which says how much a model named in it tells about the authors' own work.</summary>
public enum SectionRole
{
    Title,
    Abstract,

    /// <summary>Methods, and the sections of a software paper that describe what it runs (implementation, usage...).</summary>
    Methods,
    Results,
    Captions,

    /// <summary>Introduction, background, related work: where other people's models are cited.</summary>
    Introduction,

    /// <summary>Discussion, conclusion, limitations, outlook.</summary>
    Discussion,

    /// <summary>Any other section (a parser could not tell): read as reporting.</summary>
    Other,

    /// <summary>References, acknowledgements, funding, contributions, competing interests: never evidence.</summary>
    Ignored,
}

/// <summary>Whether the paper reports work of its own, or surveys, comments or edits (then it runs nothing).</summary>
public enum ArticleKind
{
    Research,
    Review,
}

/// <summary>What a sentence says about whose work it describes (each fact is one lexicon pattern).</summary>
[Flags]
internal enum SentenceFacts : ushort
{
    None = 0,
    Computed = 1,
    FirstPersonUse = 2,
    FieldStatement = 4,
    Hedge = 8,
    PassiveUse = 16,
    Comparison = 32,
    Negation = 64,

    /// <summary>Only a weak sign of the field ("state-of-the-art", "popular") in a sentence that reports no use of its own.</summary>
    WeakFieldStatementOnly = 128,

    /// <summary>An instrument named with "using" ("segmented using X"): a use as plain as a passive one.</summary>
    UsingInstrument = 256,
}

/// <summary>A sentence of the paper with its section's role and heading.</summary>
public sealed record DocumentSentence(int Index, int Start, int End, SectionRole Role, string Section)
{
    /// <summary>Methods, results, captions and unlabelled sections: where a paper says what it did.</summary>
    public bool IsReport => Role is SectionRole.Methods or SectionRole.Results or SectionRole.Captions or SectionRole.Other;

    /// <summary>Introduction and discussion: where a paper says what others did.</summary>
    public bool IsBackground => Role is SectionRole.Introduction or SectionRole.Discussion;
}

/// <summary>
/// Per-document analysis shared by the five stages (sentences with roles, the article kind, model mentions and their
/// use decisions), computed once per <see cref="PaperDocument"/> and cached for the document's lifetime so later
/// stages reuse the earlier ones' work.
/// </summary>
internal sealed class DocumentFeatures
{
    private static readonly ConditionalWeakTable<PaperDocument, DocumentFeatures> Cache = [];

    private readonly int[] _sentenceStarts;
    private readonly bool _startsIncrease;
    private readonly SentenceFacts[] _facts;
    private readonly Lazy<IReadOnlyList<ModelEvidence>> _models;
    private readonly Lazy<DeepLearningCues> _cues;

    private DocumentFeatures(PaperDocument document, PtmCatalog catalog)
    {
        Document = document;
        Catalog = catalog;
        Sentences = BuildSentences(document);
        _sentenceStarts = Sentences.Select(s => s.Start).ToArray();
        _startsIncrease = _sentenceStarts.Zip(_sentenceStarts.Skip(1)).All(pair => pair.First < pair.Second);
        _facts = new SentenceFacts[Sentences.Count];
        Kind = ArticleKinds.Of(document);
        _softwarePaper = new(() => document.Sections.Any(s => s.Heading.Length <= MaxHeadingLength && SectionHeadings.SoftwarePaper().IsMatch(s.Heading))
                                   || EmbeddedLexicon.SoftwareTitle().IsMatch(document.Title));
        _models = new(() => ModelMentions.Analyse(this));
        _cues = new(() => DeepLearningCues.Scan(this));
        _ownTools = new(() => OpenVocabulary.OwnToolKeys(this));
        _listings = new(() => ModelListings.Find(this));
    }

    public PaperDocument Document { get; }

    public PtmCatalog Catalog { get; }

    public string Text => Document.Text;

    public IReadOnlyList<DocumentSentence> Sentences { get; }

    public ArticleKind Kind { get; }

    /// <summary>A software paper (JOSS and the like): what its package implements or ships, it uses.</summary>
    public bool IsSoftwarePaper => _softwarePaper.Value;

    /// <summary>Longer "headings" are a parser's run-in paragraph, not a heading.</summary>
    private const int MaxHeadingLength = 200;

    private readonly Lazy<bool> _softwarePaper;

    /// <summary>Every model named in the paper (catalog or open vocabulary) with the decision for each mention.</summary>
    public IReadOnlyList<ModelEvidence> Models => _models.Value;

    /// <summary>Deep-learning vocabulary per sentence.</summary>
    public DeepLearningCues Cues => _cues.Value;

    public static DocumentFeatures For(PaperDocument document, PtmCatalog catalog)
    {
        var features = Cache.GetValue(document, d => new DocumentFeatures(d, catalog));
        if (!ReferenceEquals(features.Catalog, catalog))
        {
            // The catalog was edited since: recompute against the current one.
            features = new DocumentFeatures(document, catalog);
            Cache.AddOrUpdate(document, features);
        }

        return features;
    }

    /// <summary>The sentence containing a character offset.</summary>
    public DocumentSentence SentenceAt(int offset)
    {
        var index = Array.BinarySearch(_sentenceStarts, offset);
        if (index < 0)
        {
            index = Math.Max(0, ~index - 1);
        }

        return Sentences[Math.Min(index, Sentences.Count - 1)];
    }

    /// <summary>
    /// The first offset from which <see cref="SentenceAt"/> gives another sentence than <paramref name="sentence"/> (0
    /// when that cannot be told cheaply: sentences out of order), so a scan can skip the rest of a sentence.
    /// </summary>
    public int EndOfSentenceAt(DocumentSentence sentence) =>
        !_startsIncrease ? 0 : sentence.Index + 1 < _sentenceStarts.Length ? _sentenceStarts[sentence.Index + 1] : Text.Length;

    /// <summary>
    /// The stretches of the text whose offsets <see cref="SentenceAt"/> maps to sentences outside ignored sections
    /// (references, acknowledgements...): a whole-text scan whose findings are only read for those sentences may scan
    /// these alone. The whole text when sentences are out of order.
    /// </summary>
    public IReadOnlyList<(int Start, int End)> ReadRanges()
    {
        if (!_startsIncrease)
        {
            return [(0, Text.Length)];
        }

        var ranges = new List<(int Start, int End)>();
        for (var i = 0; i < Sentences.Count; i++)
        {
            if (Sentences[i].Role == SectionRole.Ignored)
            {
                continue;
            }

            var start = i == 0 ? 0 : _sentenceStarts[i];
            var end = EndOfSentenceAt(Sentences[i]);
            if (ranges.Count > 0 && ranges[^1].End == start)
            {
                ranges[^1] = (ranges[^1].Start, end);
            }
            else
            {
                ranges.Add((start, end));
            }
        }

        return ranges;
    }

    /// <summary>
    /// The parts of <see cref="ReadRanges"/> that <see cref="SentenceAt"/> maps to one sentence and that hold one of
    /// <paramref name="anchors"/>: a scan for a pattern each of whose matches contains an anchor may read these alone,
    /// because a sentence without an anchor cannot hold a match. The whole ranges when sentences are out of order.
    /// </summary>
    public IEnumerable<(int Start, int End)> StretchesHolding(SearchValues<string> anchors)
    {
        foreach (var (start, end) in ReadRanges())
        {
            if (!_startsIncrease)
            {
                yield return (start, end);
                continue;
            }

            var position = start;
            while (position < end)
            {
                var found = Text.AsSpan(position, end - position).IndexOfAny(anchors);
                if (found < 0)
                {
                    break;
                }

                var sentence = SentenceAt(position + found);
                var stretchStart = Math.Max(start, sentence.Index == 0 ? 0 : _sentenceStarts[sentence.Index]);
                var stretchEnd = Math.Min(end, EndOfSentenceAt(sentence));
                yield return (stretchStart, stretchEnd);
                position = stretchEnd;
            }
        }
    }

    /// <summary>The sentence's facts, computed on first request (most sentences never need them).</summary>
    public SentenceFacts Facts(DocumentSentence sentence)
    {
        var facts = _facts[sentence.Index];
        if (facts == SentenceFacts.None)
        {
            var text = Span(sentence);
            facts = SentenceFacts.Computed;
            facts |= EmbeddedLexicon.FirstPersonUse().IsMatch(text) ? SentenceFacts.FirstPersonUse : 0;
            facts |= EmbeddedLexicon.Hedge().IsMatch(text) ? SentenceFacts.Hedge : 0;
            facts |= EmbeddedLexicon.PassiveUse().IsMatch(text) ? SentenceFacts.PassiveUse : 0;
            facts |= text.Contains("using ", StringComparison.OrdinalIgnoreCase) ? SentenceFacts.UsingInstrument : 0;
            var ownUse = (facts & (SentenceFacts.FirstPersonUse | SentenceFacts.PassiveUse | SentenceFacts.UsingInstrument)) != 0;
            if (EmbeddedLexicon.FieldStatement().IsMatch(text))
            {
                facts |= SentenceFacts.FieldStatement;
            }
            else if (!ownUse && EmbeddedLexicon.WeakFieldStatement().IsMatch(text))
            {
                facts |= SentenceFacts.FieldStatement | SentenceFacts.WeakFieldStatementOnly;
            }

            facts |= EmbeddedLexicon.ComparisonVocabulary().IsMatch(text) ? SentenceFacts.Comparison : 0;
            facts |= EmbeddedLexicon.Negation().IsMatch(text) ? SentenceFacts.Negation : 0;
            _facts[sentence.Index] = facts;
        }

        return facts;
    }

    public bool Has(DocumentSentence sentence, SentenceFacts fact) => (Facts(sentence) & fact) != 0;

    /// <summary>The names a software paper lists or tabulates as the models its package implements (in text order).</summary>
    public IReadOnlyList<(int Start, int End, string Rule)> Listings => _listings.Value;

    private readonly Lazy<IReadOnlyList<(int Start, int End, string Rule)>> _listings;

    /// <summary>The listed or tabulated model name a mention lies in, if any.</summary>
    public (int Start, int End, string Rule)? ListingAt(int start, int end)
    {
        foreach (var item in Listings)
        {
            if (item.Start <= start && end <= item.End)
            {
                return item;
            }
        }

        return null;
    }

    /// <summary>Names of the paper's own software (the title's name before a colon, "we present X").</summary>
    public IReadOnlySet<string> OwnToolKeys => _ownTools.Value;

    private readonly Lazy<HashSet<string>> _ownTools;

    /// <summary>The sentence speaks of the paper's own package: by its name, or as "the package", "this library".</summary>
    public bool NamesOwnPackage(DocumentSentence sentence) =>
        NamesOwnPackageItself(sentence)
        // "`ivadomed` includes … Available architectures include: …": the previous sentence of the paragraph names it.
        || (sentence.Index > 0 && Sentences[sentence.Index - 1] is var previous && previous.Role == sentence.Role
            && EmbeddedLexicon.ModelListSentence().IsMatch(Span(sentence)) && NamesOwnPackageItself(previous));

    private bool NamesOwnPackageItself(DocumentSentence sentence)
    {
        var span = Span(sentence);
        // Under a software paper's "Features" heading every item is what the package offers ("- Support for both MAF and
        // RealNVP normalising flows"), whether or not it names the package.
        if (EmbeddedLexicon.OwnPackage().IsMatch(span) || SectionHeadings.PackageFeatures().IsMatch(sentence.Section))
        {
            return true;
        }

        foreach (var (start, end) in OpenVocabulary.NameShapedTokens(SentenceText(sentence)))
        {
            if (OwnToolKeys.Contains(PtmCatalog.NormalizeKey(span[start..end])))
            {
                return true;
            }
        }

        foreach (var key in OwnToolKeys)
        {
            if (key.Length >= 4 && span.Contains(key, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    public ReadOnlySpan<char> Span(DocumentSentence sentence) => Text.AsSpan(sentence.Start, sentence.End - sentence.Start);

    public string SentenceText(DocumentSentence sentence) => Text[sentence.Start..sentence.End];

    public bool Matches(Regex pattern, DocumentSentence sentence) => pattern.IsMatch(Span(sentence));

    public Evidence EvidenceFor(DocumentSentence sentence) =>
        new(SentenceText(sentence), sentence.Start, sentence.End - sentence.Start, true);

    private static List<DocumentSentence> BuildSentences(PaperDocument document)
    {
        var sentences = new List<DocumentSentence>();
        var text = document.Text;
        var firstSection = document.Sections.Count > 0 ? document.Sections.Min(s => s.Start) : text.Length;
        AddSentences(sentences, text, 0, firstSection, SectionRole.Title, "Title");
        foreach (var section in document.Sections.OrderBy(s => s.Start))
        {
            AddSentences(sentences, text, section.Start, section.Start + section.Length, RoleOf(section), section.Heading);
        }

        if (sentences.Count == 0)
        {
            sentences.Add(new DocumentSentence(0, 0, text.Length, SectionRole.Other, ""));
        }

        MarkTitleBlocks(sentences, document);
        return sentences;
    }

    /// <summary>Titles shorter than this are too common a phrase to find a title block by.</summary>
    private const int MinTitleLength = 15;

    /// <summary>How much of the title is looked for (a PDF may break or hyphenate a long one further on).</summary>
    private const int TitlePrefixLength = 60;

    /// <summary>
    /// An unlabelled sentence that repeats the paper's title is its title block, not a report: a PDF's first-page front
    /// matter ("TFDWT: Fast Discrete Wavelet Transform TensorFlow Layers Kishore K. Tarafdar … Software • Review"), a
    /// journal banner, a running head the page-edge filter left. Its words are the title's: read as the title.
    /// </summary>
    private static void MarkTitleBlocks(List<DocumentSentence> sentences, PaperDocument document)
    {
        var title = document.Title.Trim();
        if (title.Length < MinTitleLength || !sentences.Any(s => s.Role == SectionRole.Other))
        {
            return;
        }

        var words = title[..Math.Min(title.Length, TitlePrefixLength)].Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        if (title.Length > TitlePrefixLength && words.Length > 1)
        {
            words = words[..^1]; // the cut may fall inside a word
        }

        var pattern = new Regex(string.Join(@"\s+", words.Select(Regex.Escape)), RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
        var starts = sentences.Select(s => s.Start).ToArray();
        foreach (var match in pattern.EnumerateMatches(document.Text))
        {
            var index = Array.BinarySearch(starts, match.Index);
            index = index < 0 ? Math.Max(0, ~index - 1) : index;
            if (index < sentences.Count && sentences[index] is { Role: SectionRole.Other } sentence && match.Index < sentence.End)
            {
                sentences[index] = sentence with { Role = SectionRole.Title };
            }
        }
    }

    private static void AddSentences(List<DocumentSentence> sentences, string text, int from, int to, SectionRole role, string section)
    {
        foreach (var span in SentenceSplitter.Split(text, from, to))
        {
            sentences.Add(new DocumentSentence(sentences.Count, span.Start, span.End, role, section));
        }
    }

    internal static SectionRole RoleOf(DocumentSection section)
    {
        var heading = section.Heading;
        if (SectionHeadings.Ignored().IsMatch(heading))
        {
            return SectionRole.Ignored;
        }

        if (heading == "Figure and table captions")
        {
            return SectionRole.Captions;
        }

        // Software papers (JOSS and the like) describe what they built and run under these headings, whatever section
        // kind a parser guessed for them.
        if (SectionHeadings.SoftwareReport().IsMatch(heading))
        {
            return SectionRole.Methods;
        }

        if (SectionHeadings.Introduction().IsMatch(heading))
        {
            return SectionRole.Introduction;
        }

        if (SectionHeadings.Discussion().IsMatch(heading))
        {
            return SectionRole.Discussion;
        }

        return section.Kind switch
        {
            SectionKind.Abstract => SectionRole.Abstract,
            SectionKind.Introduction => SectionRole.Introduction,
            SectionKind.Methods => SectionRole.Methods,
            SectionKind.Results => SectionRole.Results,
            SectionKind.Discussion or SectionKind.Conclusion => SectionRole.Discussion,
            _ => SectionRole.Other,
        };
    }
}

internal static partial class SectionHeadings
{
    private const RegexOptions Words = RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture;

    [GeneratedRegex(@"\b(references?|bibliography|literature cited|works cited|acknowledge?ments?|funding|financial (disclosure|support)|author(s'|'s)? contributions?|competing (financial )?interests?|conflicts? of interest|declaration of (competing )?interests?|disclosures?|ethics (statement|declarations?)|supplementary references|data (and code )?availability|code availability|additional information|abbreviations)\b", Words)]
    public static partial Regex Ignored();

    [GeneratedRegex(@"\b(statement of need|implementation|usage|functionality|features|software (design|architecture|overview)|installation|example( usage| workflow)?s?|tutorial|workflow|pipeline overview|documentation)\b", Words)]
    public static partial Regex SoftwareReport();

    [GeneratedRegex(@"\b(statement of need|software (design|architecture|overview)|installation|usage|functionality)\b", Words)]
    public static partial Regex SoftwarePaper();

    /// <summary>A software paper's list of what its package offers: "Features", "Key features", "Functionality", "Capabilities".</summary>
    [GeneratedRegex(@"^\s*(\d+(\.\d+)*\.?\s*)?((key|main|core|current) )?(features|functionality|functionalities|capabilities)\s*$", Words)]
    public static partial Regex PackageFeatures();

    [GeneratedRegex(@"^\s*(\d+(\.\d+)*\.?\s*)?(introduction|background|related (work|methods|tools|approaches)|prior work|previous work|state of the art|literature review|overview of (existing|related))\b", Words)]
    public static partial Regex Introduction();

    [GeneratedRegex(@"^\s*(\d+(\.\d+)*\.?\s*)?(discussion|conclusions?|concluding remarks|limitations|future (work|directions|perspectives)|outlook|perspectives?|summary and (outlook|conclusions?)|general discussion)\b", Words)]
    public static partial Regex Discussion();
}

/// <summary>The article kind from the publisher's type (JATS article-type, display channel, OpenAlex type) and the title.</summary>
internal static class ArticleKinds
{
    /// <summary>How much of the text (title, abstract, start of the introduction) is read for a self-description.</summary>
    private const int OpeningLength = 6000;

    public static ArticleKind Of(PaperDocument document)
    {
        if (document.ArticleType is { Length: > 0 } type
            && EmbeddedLexicon.NonResearchArticleType().IsMatch(type)
            && !type.Contains("research", StringComparison.OrdinalIgnoreCase))
        {
            return ArticleKind.Review;
        }

        // "research-article" with a "Review" heading (PLOS) is a review too.
        if (document.ArticleType is { Length: > 0 } both && both.Contains("research", StringComparison.OrdinalIgnoreCase)
            && both.Split(';').Skip(1).Any(part => EmbeddedLexicon.NonResearchArticleType().IsMatch(part)))
        {
            return ArticleKind.Review;
        }

        if (EmbeddedLexicon.ReviewTitle().IsMatch(document.Title))
        {
            return ArticleKind.Review;
        }

        // Markdown and PDF reviews carry no article type: they say what they are in their opening ("In this review").
        var opening = document.Text.AsSpan(0, Math.Min(document.Text.Length, OpeningLength));
        return EmbeddedLexicon.ReviewSelfDescription().IsMatch(opening) ? ArticleKind.Review : ArticleKind.Research;
    }
}
