using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;
using PtmReuse.Core.Classification.Catalog;
using PtmReuse.Core.Classification.Grounding;
using PtmReuse.Core.Papers;

namespace PtmReuse.Core.Classification.Embedded;

/// <summary>What a sentence's place in the paper says about a mention in it.</summary>
public enum SentenceRole
{
    /// <summary>Title, abstract, methods, results, captions, software-paper sections: where a paper says what it did.</summary>
    Use,

    /// <summary>Introduction, related work, discussion, conclusion: where a model can be merely cited.</summary>
    Background,

    /// <summary>References, acknowledgements, funding, contributions, competing interests: never evidence.</summary>
    Ignored,
}

/// <summary>A sentence of the paper with its role.</summary>
public sealed record DocumentSentence(int Index, int Start, int End, SentenceRole Role);

/// <summary>
/// Per-document analysis shared by the five stages (sentences with roles, catalog mentions), computed once per
/// <see cref="PaperDocument"/> and cached for the document's lifetime so later stages reuse earlier work.
/// </summary>
internal sealed partial class DocumentFeatures
{
    private static readonly ConditionalWeakTable<PaperDocument, DocumentFeatures> Cache = [];

    private readonly Lazy<IReadOnlyList<CatalogMention>> _mentions;

    private DocumentFeatures(PaperDocument document, PtmCatalog catalog)
    {
        Document = document;
        Catalog = catalog;
        Sentences = BuildSentences(document);
        _sentenceStarts = Sentences.Select(s => s.Start).ToArray();
        _negation = new sbyte[Sentences.Count];
        _mentions = new(() => catalog.FindMentions(document.Text));
    }

    private readonly int[] _sentenceStarts;

    // Per sentence: 0 not yet checked, 1 negated or hedged, -1 neither. Checked only for sentences that matter.
    private readonly sbyte[] _negation;

    /// <summary>A use sentence that is neither negated nor hedged: where a cue or mention counts.</summary>
    public bool IsAffirmedUse(DocumentSentence sentence) => sentence.Role == SentenceRole.Use && !IsNegatedOrHedged(sentence);

    public bool IsNegatedOrHedged(DocumentSentence sentence)
    {
        if (_negation[sentence.Index] == 0)
        {
            _negation[sentence.Index] = NegationOrHedge().IsMatch(Text.AsSpan(sentence.Start, sentence.End - sentence.Start)) ? (sbyte)1 : (sbyte)-1;
        }

        return _negation[sentence.Index] == 1;
    }

    public PaperDocument Document { get; }

    public PtmCatalog Catalog { get; }

    public string Text => Document.Text;

    public IReadOnlyList<DocumentSentence> Sentences { get; }

    public IReadOnlyList<CatalogMention> Mentions => _mentions.Value;

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

    public string SentenceText(DocumentSentence sentence) => Text[sentence.Start..sentence.End];

    public Evidence EvidenceFor(DocumentSentence sentence) =>
        new(SentenceText(sentence), sentence.Start, sentence.End - sentence.Start, true);

    private static List<DocumentSentence> BuildSentences(PaperDocument document)
    {
        var sentences = new List<DocumentSentence>();
        var text = document.Text;
        var firstSection = document.Sections.Count > 0 ? document.Sections.Min(s => s.Start) : text.Length;
        AddSentences(sentences, text, 0, firstSection, SentenceRole.Use);
        foreach (var section in document.Sections.OrderBy(s => s.Start))
        {
            AddSentences(sentences, text, section.Start, section.Start + section.Length, RoleOf(section));
        }

        if (sentences.Count == 0)
        {
            sentences.Add(new DocumentSentence(0, 0, text.Length, SentenceRole.Use));
        }

        return sentences;
    }

    private static void AddSentences(List<DocumentSentence> sentences, string text, int from, int to, SentenceRole role)
    {
        foreach (var span in SentenceSplitter.Split(text, from, to))
        {
            sentences.Add(new DocumentSentence(sentences.Count, span.Start, span.End, role));
        }
    }

    internal static SentenceRole RoleOf(DocumentSection section)
    {
        var heading = section.Heading;
        if (IgnoredHeading().IsMatch(heading))
        {
            return SentenceRole.Ignored;
        }

        // Software papers (JOSS and the like) describe what they built and run under these headings, whatever
        // section kind a parser guessed for them (a parser maps "Statement of need" to Introduction).
        if (SoftwarePaperHeading().IsMatch(heading))
        {
            return SentenceRole.Use;
        }

        if (BackgroundHeading().IsMatch(heading))
        {
            return SentenceRole.Background;
        }

        return section.Kind switch
        {
            SectionKind.Introduction or SectionKind.Discussion or SectionKind.Conclusion => SentenceRole.Background,
            _ => SentenceRole.Use,
        };
    }

    [GeneratedRegex(@"\b(references?|bibliography|literature cited|acknowledge?ments?|funding|financial disclosure|author(s'|'s)? contributions?|competing interests?|conflicts? of interest|declaration of interests?|ethics statement|supplementary references)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.NonBacktracking)]
    private static partial Regex IgnoredHeading();

    [GeneratedRegex(@"\b(statement of need|implementation|usage|functionality|software (design|architecture|overview))\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.NonBacktracking)]
    private static partial Regex SoftwarePaperHeading();

    [GeneratedRegex(@"\b(introduction|background|related work|prior work|previous work|state of the art|discussion|conclusions?|limitations|future (work|directions)|outlook|perspectives?)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.NonBacktracking)]
    private static partial Regex BackgroundHeading();

    // Negation of the method ("we did not use", "without deep learning"), hedges about what could be done, and
    // surveys of other tools ("programs like X or Y allow ...").
    [GeneratedRegex(@"\b(did not|does not|do not|was not|were not|is not|are not|cannot|could not|without (using|the use of|any)|no (deep|neural|pre-?trained)|instead of|rather than|in future|future (work|studies|research)|could (be|potentially)|might|may (be|allow|help|enable|require)|(other |existing )?(programs|tools|packages|methods|approaches) (like|such as)|would (be|allow|enable)|promising|has been (used|applied)|have been (used|applied|developed|proposed)|recent(ly)? (advances|studies|work|developments))\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.NonBacktracking)]
    private static partial Regex NegationOrHedge();
}
