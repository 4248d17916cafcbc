using System.Buffers;
using System.Collections.Frozen;
using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;
using PtmReuse.Core.Classification.Catalog;

namespace PtmReuse.Core.Classification.Embedded;

/// <summary>A name the catalog does not know, found from its context, with how sure the context makes it a model's name.</summary>
internal readonly record struct NameCandidate(int Start, int End, string Surface, string Key, double Confidence, string Rule);

/// <summary>
/// Open-vocabulary model recognition: in sentences about deep learning, a token shaped like a model's name
/// (inner capitals, letters with a version number, an acronym) is a candidate; its context decides the confidence
/// ("the pre-trained X", "X, a deep-learning tool for", "our previously published network X", "X model").
/// Names of datasets, frameworks, metrics, hardware and general scientific acronyms are never candidates, nor is the
/// paper's own tool ("Pose2Sim: ..." in the title, "we present X").
/// </summary>
internal static partial class OpenVocabulary
{
    /// <summary>Confidence from which a candidate is reported as a model (lower ones are only proposed to the catalog).</summary>
    public const double ReportThreshold = 0.6;

    private const int Window = 90;

    public static List<NameCandidate> Find(DocumentFeatures features, DeepLearningCues cues, IReadOnlyList<CatalogMention> known)
    {
        var text = features.Text;
        var candidates = new List<NameCandidate>();
        var knownIndex = 0;
        var ownTools = features.OwnToolKeys;
        // Per sentence: 0 not yet checked, 1 may name a model (deep-learning vocabulary or training), 2 lists a software
        // package's architectures (so may name models too), -1 cannot.
        var sentenceGate = new sbyte[features.Sentences.Count];
        var derivatives = DerivativeNames.Of(features.Catalog);
        var listings = features.Listings;
        var listingIndex = 0;
        var position = 0;
        DocumentSentence? current = null;
        var currentEnd = 0;
        while (position < text.Length)
        {
            // A sentence in an ignored section is skipped unread (its tokens would all be rejected below).
            if (current is null || position >= currentEnd)
            {
                current = features.SentenceAt(position);
                currentEnd = features.EndOfSentenceAt(current);
            }

            if (currentEnd > position && current.Role == SectionRole.Ignored)
            {
                position = currentEnd;
                continue;
            }

            var limit = currentEnd > position ? currentEnd : text.Length;
            // Outside sentences that may name a model, only a derivative can be found (rule O10), and it has an inner
            // capital after a lower-case letter ("mDeBERTa", "Brain-ResNet"): only the words holding one are read
            // (whitespace never falls inside a token, so a word read alone gives the tokens a whole-sentence scan would).
            if (currentEnd > position && !MayNameModel(features, cues, current, sentenceGate))
            {
                var inner = NextInnerCapital(text.AsSpan(position, currentEnd - position));
                if (inner < 0)
                {
                    position = currentEnd;
                    continue;
                }

                var at = position + inner;
                var wordStart = text.AsSpan(position, at - position).LastIndexOfAny(Whitespace) + 1 + position;
                var wordEnd = text.AsSpan(at, currentEnd - at).IndexOfAny(Whitespace);
                (position, limit) = (wordStart, wordEnd < 0 ? currentEnd : at + wordEnd);
            }

            if (!NextNameShapedToken(text, ref position, limit, out var start, out var end))
            {
                continue; // none left in this sentence (or word)
            }

            while (knownIndex < known.Count && known[knownIndex].End <= start)
            {
                knownIndex++;
            }

            if (knownIndex < known.Count && known[knownIndex].Start < end)
            {
                continue; // part of a catalog name
            }

            while (listingIndex < listings.Count && listings[listingIndex].End <= start)
            {
                listingIndex++;
            }

            if (listingIndex < listings.Count && listings[listingIndex].Start < end)
            {
                continue; // part of a listed name, added whole below
            }

            var sentence = features.SentenceAt(start);
            if (sentence.Role == SectionRole.Ignored)
            {
                continue;
            }

            // A known model's derivative ("mDeBERTa", "MedSAM", "BioViL") is a model's name whatever its context says,
            // even in a sentence with no word of deep learning ("Cross-encoder classification (mDeBERTa XNLI)"); any
            // other token needs a sentence that may name a model.
            var derivative = derivatives.IsDerivative(text.AsSpan(start, end - start));
            if (!derivative && !MayNameModel(features, cues, sentence, sentenceGate))
            {
                continue;
            }

            var surface = text[start..end];
            var key = PtmCatalog.NormalizeKey(surface);
            if (key.Length < 3 || NotModelNames.Contains(key) || key.All(char.IsDigit) || ownTools.Contains(key) || NamesSoftwareComponent(surface))
            {
                continue;
            }

            if (derivative)
            {
                candidates.Add(new NameCandidate(start, end, surface, key, 0.75, "O10 a known model's derivative name"));
                continue;
            }

            var (confidence, rule) = Score(features, sentence, cues, start, end, surface, listSentence: sentenceGate[sentence.Index] == 2);
            // "MAF and RealNVP normalising flows", "ResNet or XNet backbones": a name joined to a known model's is a
            // model's name too (a framework's or a generic network type's partner may be anything).
            var coordinated = confidence < 0.65 && CoordinatedWithKnownModel(text, sentence, start, end, known, knownIndex);
            if (coordinated)
            {
                (confidence, rule) = (0.65, "O15 coordinated with a known model");
            }

            // A gene-, formula- or unit-shaped token needs the strongest contexts ("the pre-trained X").
            // An acronym joined to a known model ("MAF and RealNVP") is read as a name; a formula ("NaCl") never.
            if (confidence > 0 && (confidence >= 0.8 || (coordinated && surface.All(char.IsAsciiLetterUpper)) || !LooksLikeNonModel(surface)))
            {
                candidates.Add(new NameCandidate(start, end, surface, key, confidence, rule));
            }
        }

        AddListedNames(features, known, candidates);

        // A name used again and again in a deep-learning paper is more likely a model than a one-off token.
        var counts = candidates.GroupBy(c => c.Key).ToDictionary(g => g.Key, g => g.Count());
        return candidates
            .Select(c => counts[c.Key] >= 3 && c.Confidence >= ReportThreshold ? c with { Confidence = Math.Min(0.95, c.Confidence + 0.1) } : c)
            .ToList();
    }

    /// <summary>
    /// The names a software paper lists or tabulates as the models it implements (<see cref="ModelListings"/>), whole:
    /// "Count-ception", "Recurrent Inference Machine". A catalog name inside an item is the catalog's; the words
    /// before it name a model of their own ("HeMIS U-Net": HeMIS).
    /// </summary>
    private static void AddListedNames(DocumentFeatures features, IReadOnlyList<CatalogMention> known, List<NameCandidate> candidates)
    {
        if (features.Listings.Count == 0)
        {
            return;
        }

        var text = features.Text;
        foreach (var (itemStart, itemEnd, rule) in features.Listings)
        {
            var end = itemEnd;
            foreach (var mention in known)
            {
                if (mention.Start < end && mention.End > itemStart)
                {
                    end = Math.Min(end, mention.Start);
                }
            }

            while (end > itemStart && (char.IsWhiteSpace(text[end - 1]) || text[end - 1] is '-' or ','))
            {
                end--;
            }

            var surface = text[itemStart..end];
            var key = PtmCatalog.NormalizeKey(surface);
            if (key.Length < 2 || NotModelNames.Contains(key) || features.OwnToolKeys.Contains(key) || !ModelListings.LooksLikeModelName(surface))
            {
                continue;
            }

            candidates.Add(new NameCandidate(itemStart, end, surface, key, 0.8, rule));
        }

        candidates.Sort((a, b) => a.Start.CompareTo(b.Start));
    }

    private static (double Confidence, string Rule) Score(DocumentFeatures features, DocumentSentence sentence, DeepLearningCues cues, int start, int end, string surface, bool listSentence)
    {
        var text = features.Text;
        var beforeStart = Math.Max(sentence.Start, start - Window);
        var before = text.AsSpan(beforeStart, start - beforeStart);
        var after = text.AsSpan(end, Math.Min(sentence.End, end + Window) - end);
        if (EmbeddedLexicon.PretrainedBefore().IsMatch(before))
        {
            return (0.85, "O1 pre-trained X");
        }

        if (EmbeddedLexicon.DeepLearningHeadBefore().IsMatch(before))
        {
            return (0.8, "O2 deep-learning tool X");
        }

        if (EmbeddedLexicon.DeepLearningAppositionAfter().IsMatch(after))
        {
            return (0.8, "O3 X, a deep-learning tool");
        }

        if (EmbeddedLexicon.TrainedElsewhereAfter().IsMatch(after))
        {
            return (0.8, "O8 X model trained elsewhere");
        }

        // A software paper's list of the architectures it provides: each name in it is a model.
        if (listSentence)
        {
            return (0.7, "O9 listed among the architectures a package provides");
        }

        // Outside a sentence with deep-learning words, a name may still be the instrument of deep-learning work: the
        // sentence before or after it speaks of deep learning ("We trained a segmentation network. Nuclei were then
        // segmented with NucleiNet on all stacks."). Only its use in a report, in the authors' voice or the passive,
        // makes it a model's name there; a mere mention stays below the report threshold.
        var inSentence = cues[sentence] >= 1.5;
        if (!inSentence && !InDeepLearningPassage(features, cues, sentence))
        {
            return (0, "");
        }

        if (sentence.IsReport || sentence.Role == SectionRole.Abstract)
        {
            if (EmbeddedLexicon.SubjectOfUse().IsMatch(after))
            {
                return (0.65, "O13 subject of a use in a deep-learning passage");
            }

            if (EmbeddedLexicon.InstrumentBefore().IsMatch(before) && !EmbeddedLexicon.SoftwareNounAfter().IsMatch(after))
            {
                return (0.6, "O14 instrument of the work in a deep-learning passage");
            }
        }

        if (EmbeddedLexicon.ModelNounAfter().IsMatch(after))
        {
            return (0.65, "O4 X model in a deep-learning sentence");
        }

        var hasDigit = surface.Any(char.IsDigit);
        var hasLower = surface.Any(char.IsLower);
        if (hasDigit && hasLower)
        {
            return (0.45, "O5 versioned name in a deep-learning sentence");
        }

        return hasLower
            ? (0.4, "O6 name-shaped token in a deep-learning sentence")
            : (0.3, "O7 acronym in a deep-learning sentence");
    }

    /// <summary>A token that is a known model's derivative ("mDeBERTa", "Brain-ResNet"): see <see cref="DerivativeNames"/>.</summary>
    internal static bool IsDerivativeOfKnownModel(ReadOnlySpan<char> token, PtmCatalog catalog) => DerivativeNames.Of(catalog).IsDerivative(token);

    /// <summary>
    /// Names of the catalog's trained models and architectures as written, with two capitals or more (BERT, DeBERTa,
    /// ResNet, ViT), except a name whose guard lists a look-alike ending in it (CLIP: "iCLIP" is a laboratory method).
    /// A token made of a lower-case-ending prefix of at most eight characters (or a capitalised word and a hyphen)
    /// followed by one of them is a derivative: "mDeBERTa", "BioViT", "scBERT", "Brain-ResNet" — variants and domain
    /// adaptations the catalog cannot list one by one. Case-sensitive, so "Robert" never yields BERT.
    /// </summary>
    private sealed class DerivativeNames
    {
        private static readonly ConditionalWeakTable<PtmCatalog, DerivativeNames> ByCatalog = new();

        private readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> _bases;

        private DerivativeNames(PtmCatalog catalog)
        {
            var bases = catalog.Entries
                .Where(e => e.Kind is PtmKind.TrainedModel or PtmKind.Architecture)
                .SelectMany(e => e.AllNames().Where(n => e.Guards?.Any(g => g.Alias == n && g.ExcludeNearby?.Any(x => x.Length > n.Length && x.EndsWith(n, StringComparison.Ordinal)) == true) != true))
                .Where(n => n.Length >= 3 && n.Count(char.IsAsciiLetterUpper) >= 2 && n.All(char.IsAsciiLetterOrDigit) && (n.Length >= 4 || n.Any(char.IsAsciiLetterLower)))
                .Distinct(StringComparer.Ordinal);
            _bases = bases.ToFrozenSet(StringComparer.Ordinal).GetAlternateLookup<ReadOnlySpan<char>>();
        }

        public static DerivativeNames Of(PtmCatalog catalog) => ByCatalog.GetValue(catalog, static c => new DerivativeNames(c));

        public bool IsDerivative(ReadOnlySpan<char> token)
        {
            for (var k = 1; k <= 8 && k < token.Length - 2; k++)
            {
                if (IsInnerCapital(token, k) && _bases.Contains(token[k..]))
                {
                    return true;
                }
            }

            return false;
        }
    }

    private static readonly SearchValues<char> Whitespace = SearchValues.Create(" \t\n\r\u00a0\u2009\u202f");

    /// <summary>
    /// An upper-case letter at <paramref name="at"/> right after a lower-case one, or after a hyphen that follows one:
    /// where a derivative's known name starts ("mDeBERTa", "Brain-ResNet"), so the scan of sentences that may name no
    /// model looks only at words holding one.
    /// </summary>
    private static bool IsInnerCapital(ReadOnlySpan<char> span, int at) =>
        at >= 1 && char.IsAsciiLetterUpper(span[at])
        && (char.IsAsciiLetterLower(span[at - 1]) || (at >= 2 && span[at - 1] == '-' && char.IsAsciiLetterLower(span[at - 2])));

    /// <summary>
    /// Where the first upper-case letter right after a lower-case one, or after a hyphen that follows one, stands
    /// ("mDeBERTa", "Brain-ResNet"), or -1.
    /// </summary>
    private static int NextInnerCapital(ReadOnlySpan<char> span)
    {
        var from = 1;
        while (from < span.Length)
        {
            var next = span[from..].IndexOfAnyInRange('A', 'Z');
            if (next < 0)
            {
                return -1;
            }

            var at = from + next;
            if (IsInnerCapital(span, at))
            {
                return at;
            }

            from = at + 1;
        }

        return -1;
    }

    /// <summary>A sentence can name a model when it speaks of deep learning or of training (checked once per sentence).</summary>
    private static bool MayNameModel(DocumentFeatures features, DeepLearningCues cues, DocumentSentence sentence, sbyte[] gate)
    {
        if (gate[sentence.Index] == 0)
        {
            var span = features.Span(sentence);
            gate[sentence.Index] = features.IsSoftwarePaper && EmbeddedLexicon.ModelListSentence().IsMatch(span) ? (sbyte)2
                : cues[sentence] >= 1.5 || span.Contains("train", StringComparison.OrdinalIgnoreCase)
                  || (sentence.IsReport && InDeepLearningPassage(features, cues, sentence)) ? (sbyte)1 : (sbyte)-1;
        }

        return gate[sentence.Index] > 0;
    }

    /// <summary>
    /// The token and a catalog model (a trained model or a named architecture, not a framework or a generic network
    /// type) stand side by side joined by "and", "or", "/", "&amp;" or a comma in one sentence.
    /// <paramref name="knownIndex"/> is the first catalog mention ending after the token's start.
    /// </summary>
    private static bool CoordinatedWithKnownModel(string text, DocumentSentence sentence, int start, int end, IReadOnlyList<CatalogMention> known, int knownIndex)
    {
        if (knownIndex < known.Count && known[knownIndex] is { } next && next.Start >= end && next.Start <= sentence.End
            && IsNamedModel(next.Entry) && IsCoordination(text.AsSpan(end, next.Start - end)))
        {
            return true;
        }

        return knownIndex > 0 && known[knownIndex - 1] is { } previous && previous.End <= start && previous.Start >= sentence.Start
               && IsNamedModel(previous.Entry) && IsCoordination(text.AsSpan(previous.End, start - previous.End));
    }

    private static bool IsNamedModel(CatalogEntry entry) =>
        entry.Kind != PtmKind.Framework && !ModelMentions.GenericArchitectures.Contains(entry.Canonical);

    /// <summary>Only a joining word or mark between two names: " and ", ", ", " or ", "/", " &amp; ", ", and ".</summary>
    private static bool IsCoordination(ReadOnlySpan<char> between)
    {
        var joined = between.Trim();
        return joined is "and" or "or" or "," or "/" or "&" or ", and" or ", or";
    }

    /// <summary>
    /// A software component's name, not a model's: a name ending in a component noun written with a capital
    /// ("SerpAPI", "AIModelInterface", "DataLoader", "ModelClient").
    /// </summary>
    internal static bool NamesSoftwareComponent(ReadOnlySpan<char> surface)
    {
        foreach (var noun in SoftwareComponentNouns)
        {
            if (surface.Length > noun.Length && surface.EndsWith(noun, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    private static readonly string[] SoftwareComponentNouns =
        ["API", "Api", "Interface", "Wrapper", "Client", "SDK", "Service", "Manager", "Loader", "Handler", "Server", "Database", "DB", "Config", "Controller", "Provider", "Plugin", "Widget"];

    /// <summary>The sentence before or after, in the same section, speaks of deep learning.</summary>
    private static bool InDeepLearningPassage(DocumentFeatures features, DeepLearningCues cues, DocumentSentence sentence)
    {
        var sentences = features.Sentences;
        return (sentence.Index > 0 && sentences[sentence.Index - 1] is { } previous && previous.Section == sentence.Section && cues[previous] >= 1.5)
               || (sentence.Index + 1 < sentences.Count && sentences[sentence.Index + 1] is { } next && next.Section == sentence.Section && cues[next] >= 1.5);
    }

    /// <summary>
    /// Tokens shaped like a model's name: a run of letters and digits, possibly joined by '-' or '_' to two more runs,
    /// with inner capitals (DeepLabCut, ICLabel, fastText), letters and digits (YOLOv8, ESM-2, BODY_25B) or three
    /// capitals or more (SLEAP). A hand-written scan: a regular expression over every word of every paper costs more.
    /// </summary>
    internal static IEnumerable<(int Start, int End)> NameShapedTokens(string text)
    {
        var position = 0;
        while (NextNameShapedToken(text, ref position, text.Length, out var start, out var end))
        {
            yield return (start, end);
        }
    }

    private static readonly SearchValues<char> AsciiLettersAndDigits = SearchValues.Create("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz");

    /// <summary>
    /// The next name-shaped token starting at or after <paramref name="position"/> and before <paramref name="limit"/>
    /// (it may end after it); <paramref name="position"/> moves past it, or to the limit when there is none. Whether a
    /// token starts at a character depends only on that character and the one before it, so a scan may resume anywhere.
    /// </summary>
    internal static bool NextNameShapedToken(string text, ref int position, int limit, out int start, out int end)
    {
        var i = position;
        while (i < limit)
        {
            var next = text.AsSpan(i, limit - i).IndexOfAny(AsciiLettersAndDigits);
            if (next < 0)
            {
                break;
            }

            i += next;
            // Citation keys ([@smith2019deep]), anchors (#fig1) and paths are not names; nor is the rest of a longer word.
            if (i > 0 && (char.IsLetterOrDigit(text[i - 1]) || text[i - 1] is '.' or '-' or '_' or '@' or '#' or '/' or ':' or '='))
            {
                // No character of this ASCII run can start a token: each follows a letter or digit.
                var rest = text.AsSpan(i + 1).IndexOfAnyExcept(AsciiLettersAndDigits);
                i = rest < 0 ? text.Length : i + 1 + rest;
                continue;
            }

            start = i;
            var parts = 0;
            end = i;
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
                continue; // runs on into a longer word (non-ASCII letters, a fourth part)
            }

            if (IsNameShaped(text.AsSpan(start, end - start)))
            {
                position = end;
                return true;
            }
        }

        // A skipped run or a rejected token may reach past the limit: no token starts inside either.
        position = Math.Max(i, limit);
        (start, end) = (0, 0);
        return false;
    }

    /// <summary>Last parts of a hyphenated compound adjective (lower case as written; "bert-base-uncased" is a name).</summary>
    private static readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> CompoundModifierEndings = new[]
    {
        "pretrained", "trained", "finetuned", "tuned", "based", "derived", "like", "style", "specific", "guided",
        "supervised", "initialized", "initialised", "generated", "predicted", "inspired", "augmented", "driven", "enabled",
        "powered", "assisted", "only", "free", "aware", "type", "family", "series",
    }.ToFrozenSet(StringComparer.Ordinal).GetAlternateLookup<ReadOnlySpan<char>>();

    private static bool IsNameShaped(ReadOnlySpan<char> token)
    {
        int upper = 0, lower = 0, digits = 0;
        var innerUpper = false;
        for (var k = 0; k < token.Length; k++)
        {
            var c = token[k];
            if (char.IsAsciiLetterUpper(c))
            {
                upper++;
                innerUpper |= k > 0 && char.IsAsciiLetterLower(token[k - 1]);
            }
            else if (char.IsAsciiLetterLower(c))
            {
                lower++;
            }
            else if (char.IsAsciiDigit(c))
            {
                digits++;
            }
        }

        // "200-dimensional", "10-fold", "3-layer": a number and a word, not a name.
        var dash = token.IndexOf('-');
        // "7-DoF", "3-D": a number and a unit or measure, whatever the case of the unit.
        if (dash > 0 && token[..dash].ContainsAnyExceptInRange('0', '9') == false && token.Length > dash + 1)
        {
            return false;
        }

        // "ImageNet-pretrained", "U-Net-based", "CNN-like": a compound adjective modifying the name, not a name.
        var lastDash = token.LastIndexOf('-');
        if (lastDash > 0 && CompoundModifierEndings.Contains(token[(lastDash + 1)..]))
        {
            return false;
        }

        var letters = upper + lower;
        return letters > 0 && (innerUpper || (digits > 0 && letters >= 2) || (upper >= 2 && lower > 0 && char.IsAsciiLetterUpper(token[1])) || (upper >= 3 && lower == 0));
    }

    /// <summary>The paper's own software or model is not a reused model: the name before the title's colon, "we present X", "our model, X".</summary>
    internal static HashSet<string> OwnToolKeys(DocumentFeatures features)
    {
        var keys = new HashSet<string>(StringComparer.Ordinal);
        var title = features.Document.Title;
        var colon = title.IndexOf(':');
        if (colon > 0)
        {
            foreach (var token in title[..colon].Split([' ', '-', '/'], StringSplitOptions.RemoveEmptyEntries))
            {
                keys.Add(PtmCatalog.NormalizeKey(token));
            }

            keys.Add(PtmCatalog.NormalizeKey(title.AsSpan(0, colon)));
        }

        foreach (var match in OwnToolIntroduction().EnumerateMatches(features.Text))
        {
            var name = EmbeddedLexicon.ModelNameShape().Match(features.Text, match.Index + match.Length, Math.Min(40, features.Text.Length - match.Index - match.Length));
            // "Our network: U-Net, …" names a reused architecture, not a new model: after "our model," a catalog name stays a model.
            var ownModel = features.Text[match.Index + match.Length - 1] is ',' or ':' or '"' or '“' || char.IsWhiteSpace(features.Text[match.Index + match.Length - 1]) && features.Text[match.Index + match.Length - 2] is ',' or ':';
            if (name.Success && name.Index - (match.Index + match.Length) <= 12 && !(ownModel && features.Catalog.Resolve(name.Value) is not null))
            {
                keys.Add(PtmCatalog.NormalizeKey(name.Value));
            }
        }

        return keys;
    }

    private static bool LooksLikeNonModel(string surface) =>
        // Chemical formulae, gene-style names with a trailing number and units of measure are not models' names.
        UnitOrFormula().IsMatch(surface);

    [GeneratedRegex(@"\b(we (present|introduce|propose|describe|developed|develop|built|created|release)|this (paper|article|work|study) (presents|introduces|describes))\s+(here\s+)?(the\s+|a\s+|an\s+)?(new\s+|novel\s+|open-source\s+)?|\b(our (own |proposed |new |improved |final )?|we (propose|proposed|present|introduce|developed) (a|an) (new |novel |improved |modified |enhanced )?)(deep[- ]learning )?(model|network|architecture)[,:]\s*[""“]?", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex OwnToolIntroduction();

    [GeneratedRegex(@"^(\d+(\.\d+)?[a-zA-Z]{1,3}|[A-Z][a-z]?\d*([A-Z][a-z]?\d*)+|[A-Z]{1,2}\d{1,3}|v\d+(\.\d+)*|P\d+|E\d+|[A-Z]\d+[A-Z]|[A-Z]{3,5}\d{1,2}[A-Z]?)$", RegexOptions.CultureInvariant)]
    private static partial Regex UnitOrFormula();

    /// <summary>Keys (lower-case letters and digits) of names that look like models' names but never are.</summary>
    private static readonly FrozenSet<string> NotModelNames = new[]
    {
        // frameworks, libraries, languages, services
        "pytorch", "tensorflow", "keras", "jax", "flax", "scikitlearn", "sklearn", "numpy", "scipy", "pandas", "matplotlib",
        "seaborn", "opencv", "cuda", "cudnn", "python", "python3", "matlab", "rstudio", "julia", "huggingface", "onnx",
        "tensorrt", "openvino", "coreml", "tflite", "github", "gitlab", "zenodo", "docker", "conda", "pypi", "colab",
        "jupyter", "kaggle", "aws", "gcp", "azure", "slurm", "hpc", "pytorchlightning", "lightning", "fastai", "mxnet",
        "caffe", "theano", "paddlepaddle", "mmcv", "mmdetection", "mmpose", "detectron", "detectron2", "timm", "spacy",
        "nltk", "gensim", "xgboost", "lightgbm", "catboost", "imagej", "fiji", "cellprofiler", "napari", "qupath",
        "ilastik", "graphpad", "prism", "spss", "stata", "sas", "excel", "origin", "labview", "openai", "chatgpt", "api",
        "biopython", "pymol", "chimerax", "chimera", "gromacs", "amber", "charmm", "namd", "openmm", "rosetta",
        "pyrosetta", "modeller", "blast", "blastp", "hmmer", "mafft", "muscle", "clustalw", "clustalo", "iqtree",
        "raxml", "mrbayes", "beast", "samtools", "bcftools", "gatk", "bwa", "bowtie", "bowtie2", "star", "hisat2",
        "salmon", "kallisto", "deseq2", "edger", "limma", "seurat", "scanpy", "cellranger", "macs2", "homer", "fastqc",
        "trimmomatic", "cutadapt", "multiqc", "snakemake", "nextflow", "rdkit", "openbabel", "autodock", "vina",
        "autodockvina", "haddock", "maxquant", "proteomediscoverer", "skyline", "openms", "msfragger", "fragpipe",
        "freesurfer", "fsl", "spm", "spm12", "afni", "ants", "eeglab", "fieldtrip", "mne", "brainstorm", "neuron",
        "nest", "brian", "brian2", "openpyxl", "ggplot2", "tidyverse", "lme4", "nlme", "brms", "stan", "pymc", "pymc3",
        "jags", "winbugs", "qgis", "arcgis", "gdal", "wrf", "cesm", "cmip5", "cmip6", "era5", "modis", "landsat",
        "sentinel2", "sentinel1", "gee", "googleearthengine", "nasa", "noaa", "esa", "usgs",
        // hardware
        "gpu", "gpus", "cpu", "cpus", "tpu", "tpus", "nvidia", "geforce", "rtx", "gtx", "tesla", "a100", "v100", "h100",
        "p100", "t4", "k80", "titan", "titanx", "titanrtx", "intel", "xeon", "amd", "ryzen", "linux", "ubuntu", "macos",
        "windows", "ram", "vram", "ssd", "hdd", "fpga", "raspberrypi", "jetson", "arduino",
        // optimisers, layers, activations, metrics
        "adam", "adamw", "sgd", "rmsprop", "adagrad", "relu", "leakyrelu", "prelu", "gelu", "elu", "selu", "softmax",
        "sigmoid", "tanh", "batchnorm", "layernorm", "groupnorm", "dropout", "conv1d", "conv2d", "conv3d", "maxpool",
        "maxpooling", "maxpooling2d", "avgpool", "convlstm", "mse", "mae", "rmse", "auc", "auroc", "auprc", "roc",
        "iou", "miou", "map", "map50", "map5095", "f1", "dice", "ssim", "psnr", "bleu", "rouge", "ap50", "ap75", "top1",
        "top5", "mcc", "r2", "nll", "bce", "kld", "elbo", "fid", "lpips", "mape", "smape", "nse", "kge",
        // datasets and databases
        "imagenet", "imagenet1k", "imagenet21k", "imagenet22k", "coco", "mscoco", "mnist", "cifar10", "cifar100",
        "pascalvoc", "voc", "cityscapes", "ade20k", "kinetics", "kinetics400", "librispeech", "uniprot", "uniprotkb",
        "uniref", "uniref50", "uniref90", "uniref100", "pdb", "rcsbpdb", "pfam", "interpro", "swissprot", "trembl",
        "genbank", "ensembl", "ncbi", "refseq", "geo", "tcga", "gtex", "encode", "biogrid", "chembl", "pubchem", "zinc",
        "zinc15", "qm9", "pubmed", "pmc", "medline", "wikipedia", "bookcorpus", "commoncrawl", "openwebtext", "cath",
        "scop", "bfd", "mgnify", "alphafolddb", "bbbc", "livecell", "tissuenet", "openimages", "lvis", "objects365",
        "mpii", "cocokeypoints", "humaneva", "human36m", "ukbiobank", "adni", "hcp", "mimic", "mimiciii", "mimiciv",
        "physionet", "casp", "casp14", "casp15", "cameo", "skempi", "davis", "kiba", "bindingdb", "drugbank", "kegg",
        "reactome", "msigdb", "gnomad", "clinvar", "dbsnp", "1000genomes", "jaspar", "hocomoco", "rcsb", "emdb", "empiar", "alphafolddatabase", "pride", "massive", "arrayexpress", "sra", "ena", "ddbj",
        // general scientific and technical acronyms
        "dna", "rna", "mrna", "cdna", "rnaseq", "scrnaseq", "snrnaseq", "chipseq", "atacseq", "hic", "pcr", "qpcr",
        "rtqpcr", "gwas", "qtl", "eqtl", "snp", "snps", "indel", "indels", "cnv", "mri", "fmri", "dti", "eeg", "meg",
        "ecg", "ekg", "emg", "eog", "pet", "spect", "ica", "pca", "tsne", "umap", "svm", "svms", "lda", "hmm", "hmms",
        "gmm", "knn", "glm", "glmm", "lasso", "anova", "manova", "ancova", "sem", "tem", "cryoem", "cryoet", "nmr",
        "xray", "msms", "lcms", "lcmsms", "gcms", "hplc", "maldi", "elisa", "facs", "fdr", "fwhm", "snr", "roi", "rois",
        "rgb", "rgbd", "hsv", "cmyk", "2d", "3d", "4d", "id", "ids", "covid", "covid19", "sarscov2", "hiv", "hiv1", "hcv",
        "hbv", "who", "usa", "uk", "eu", "nih", "nsf", "erc", "dfg", "nserc", "ai", "ml", "dl", "nlp", "cv", "gui", "cli",
        "url", "csv", "json", "xml", "html", "pdf", "png", "tif", "tiff", "jpeg", "jpg", "hdf5", "h5", "nwb", "mp4", "avi",
        "fps", "dpi", "hz", "khz", "mhz", "ghz", "kb", "mb", "gb", "tb", "pb", "mse", "std", "sd", "sem", "ci", "or",
        "rr", "hr", "bmi", "icu", "ehr", "emr", "sql", "rest", "http", "https", "doi", "isbn", "orcid", "cc", "ccby",
        "ccby40", "mit", "gpl", "bsd", "apache", "ieee", "acm", "iclr", "icml", "neurips", "nips", "cvpr", "iccv", "eccv",
        "aaai", "ijcai", "acl", "emnlp", "naacl", "miccai", "arxiv", "biorxiv", "medrxiv", "plos", "elife", "joss",
        // generic deep-learning words (architectures without a name of their own)
        "cnn", "cnns", "rnn", "rnns", "lstm", "lstms", "bilstm", "gru", "grus", "gan", "gans", "vae", "vaes", "mlp",
        "mlps", "dnn", "dnns", "ann", "anns", "gnn", "gnns", "gcn", "gcns", "gat", "mpnn", "pinn", "pinns", "llm", "llms",
        "slm", "plm", "plms", "fcn", "fcnn", "resblock", "seq2seq", "encoder", "decoder", "backbone", "transformer",
        "transformers", "autoencoder", "crf", "ctc", "nms", "roialign", "fpn", "aspp", "se", "cbam", "moe", "lora",
        "qlora", "peft", "rlhf", "sft", "dpo", "ppo", "rl", "drl", "dqn", "gpt", "chatbot", "agent", "ocr", "asr", "tts",
        // training utilities, explainability and tuning tools named in deep-learning methods, not models
        "torchvision", "torchaudio", "torchscript", "tensorboard", "wandb", "optuna", "hyperopt", "raytune", "monai",
        "albumentations", "dataloader", "imagedatagenerator", "reducelronplateau", "earlystopping", "modelcheckpoint",
        "crossentropyloss", "bcewithlogitsloss", "onecyclelr", "cosineannealinglr", "standardscaler", "minmaxscaler",
        "gridsearchcv", "randomizedsearchcv", "kfold", "stratifiedkfold", "shap", "lime", "smote", "gradcam", "automl",
        "googlecolab", "colabpro",
    }.ToFrozenSet(StringComparer.Ordinal);
}
