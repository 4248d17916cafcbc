using System.Buffers;
using System.Collections.Frozen;

namespace PtmReuse.Core.Classification.Catalog;

/// <summary>A catalog mention found in a text: where, as written, and the entry it names.</summary>
public sealed record CatalogMention(int Start, int Length, string Surface, CatalogEntry Entry)
{
    public string Canonical => Entry.Canonical;
    public int End => Start + Length;
}

/// <summary>
/// The PTM catalog with fast alias matching. Names are compared on a key of their letters, digits and '+' in lower
/// case, so "ResNet-50", "ResNet50" and "resnet 50" are one model. Text is scanned token by token (a token is a run of
/// letters, digits and '+'; tokens joined by a space, hyphen, slash, dot or underscore may form one name), longest name
/// first. Guarded aliases additionally need their context rules (<see cref="CatalogGuard"/>).
/// </summary>
public sealed class PtmCatalog : IPtmCatalog
{
    private const int MaxNameTokens = 6;
    private const int KeyBufferLength = 256;
    private const int GuardWindow = 250;

    private readonly FrozenDictionary<string, Target> _byKey;
    private readonly FrozenDictionary<string, int> _maxTokensByFirstToken;
    private readonly FrozenDictionary<string, CatalogEntry> _byCanonical;

    // A bit per hash of every possible first token (its length and letters, any case): almost every word of a paper
    // is rejected here without building its key or looking it up (2^20 bits for ~7,000 keys: few false hits).
    private const int FilterBits = 20;
    private readonly ulong[] _firstTokenFilter = new ulong[(1 << FilterBits) / 64];

    public PtmCatalog(IEnumerable<CatalogEntry> entries)
    {
        Entries = entries.ToList();
        Models = Entries.Select(e => e.ToModel()).ToList();
        _fingerprint = new(() => Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(
            System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(Entries, CatalogFile.JsonOptions)))[..16]);
        _byCanonical = Entries.ToFrozenDictionary(e => e.Canonical, StringComparer.OrdinalIgnoreCase);

        var byKey = new Dictionary<string, Target>(StringComparer.Ordinal);
        var maxTokens = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var entry in Entries)
        {
            foreach (var name in entry.AllNames())
            {
                var key = NormalizeKey(name);
                if (key.Length == 0)
                {
                    continue;
                }

                if (byKey.TryGetValue(key, out var existing))
                {
                    if (existing.Entry.Id != entry.Id)
                    {
                        throw new InvalidDataException($"PTM catalog: the name '{name}' of '{entry.Canonical}' is already a name of '{existing.Entry.Canonical}'.");
                    }

                    existing.CaseKeys.Add(CaseKey(name));
                    existing.CaseSensitive &= IsShortCasedName(name);
                }
                else
                {
                    var guard = entry.Guards?.FirstOrDefault(g => NormalizeKey(g.Alias) == key);
                    byKey[key] = new Target(entry, guard, [CaseKey(name)]) { CaseSensitive = guard?.CaseSensitive ?? IsShortCasedName(name) };
                }

                var tokens = Tokenize(name);
                var first = NormalizeKey(name.AsSpan(tokens[0].Start, tokens[0].Length));
                maxTokens[first] = Math.Max(maxTokens.GetValueOrDefault(first), Math.Min(tokens.Count, MaxNameTokens));
                maxTokens[key] = Math.Max(maxTokens.GetValueOrDefault(key), 1);
            }
        }

        foreach (var first in maxTokens.Keys)
        {
            var slot = FilterSlot(first);
            _firstTokenFilter[slot >> 6] |= 1UL << (slot & 63);
        }

        _byKey = byKey.ToFrozenDictionary(StringComparer.Ordinal);
        _maxTokensByFirstToken = maxTokens.ToFrozenDictionary(StringComparer.Ordinal);
    }

    /// <summary>Hash of every entry: changes whenever the catalog is edited (part of the embedded backend's rules hash).</summary>
    public string Fingerprint => _fingerprint.Value;

    private readonly Lazy<string> _fingerprint;

    /// <summary>The catalog shipped with PtmReuse.Core, without user overrides.</summary>
    public static PtmCatalog LoadEmbedded() => new(CatalogFile.LoadEmbedded().Models);

    public IReadOnlyList<CatalogEntry> Entries { get; }

    public IReadOnlyList<PtmModel> Models { get; }

    public CatalogEntry? Find(string canonical) => _byCanonical.GetValueOrDefault(canonical);

    public string? Canonicalize(string mention) => Resolve(mention)?.Canonical;

    /// <summary>The entry a name (as written) stands for, ignoring context guards; null when unknown.</summary>
    public CatalogEntry? Resolve(string mention)
    {
        var key = NormalizeKey(mention);
        return key.Length > 0 && _byKey.TryGetValue(key, out var target) ? target.Entry : null;
    }

    /// <summary>Every catalog mention in <paramref name="text"/>, in order, longest name first at each position.</summary>
    public IReadOnlyList<CatalogMention> FindMentions(string text)
    {
        var mentions = new List<CatalogMention>();
        // One token list per thread, reused: a paper's list is large enough for the large-object heap, and allocating
        // one per paper made the garbage collector a good part of the classifier's time.
        var tokens = Tokenize(text, ReusedTokens ??= []);
        var keyLookup = _byKey.GetAlternateLookup<ReadOnlySpan<char>>();
        var firstLookup = _maxTokensByFirstToken.GetAlternateLookup<ReadOnlySpan<char>>();
        Span<char> buffer = stackalloc char[KeyBufferLength];
        for (var i = 0; i < tokens.Count; i++)
        {
            var slot = FilterSlot(text.AsSpan(tokens[i].Start, tokens[i].Length));
            if ((_firstTokenFilter[slot >> 6] & (1UL << (slot & 63))) == 0)
            {
                continue;
            }

            var firstLength = WriteKey(text.AsSpan(tokens[i].Start, tokens[i].Length), buffer);
            if (firstLength == 0 || !firstLookup.TryGetValue(buffer[..firstLength], out var maxTokens))
            {
                continue;
            }

            var matched = 0;
            for (var n = Math.Min(maxTokens, tokens.Count - i); n >= 1 && matched == 0; n--)
            {
                if (!Joinable(text, tokens, i, n))
                {
                    continue;
                }

                var length = firstLength;
                for (var k = 1; k < n && length < buffer.Length - 64; k++)
                {
                    length += WriteKey(text.AsSpan(tokens[i + k].Start, tokens[i + k].Length), buffer[length..]);
                }

                if (keyLookup.TryGetValue(buffer[..length], out var target))
                {
                    var start = tokens[i].Start;
                    var end = tokens[i + n - 1].Start + tokens[i + n - 1].Length;
                    if ((!target.CaseSensitive || target.CaseKeys.Contains(CaseKey(text[start..end])))
                        && (target.Guard is null || GuardAllows(target.Guard, text, start, end)))
                    {
                        mentions.Add(new CatalogMention(start, end - start, text[start..end], target.Entry));
                        matched = n;
                    }
                }
            }

            if (matched > 0)
            {
                i += matched - 1;
            }
        }

        return mentions;
    }

    /// <summary>Lower-case letters, digits and '+' of a name: the key every spelling of it shares.</summary>
    public static string NormalizeKey(ReadOnlySpan<char> name)
    {
        Span<char> buffer = name.Length <= 256 ? stackalloc char[name.Length] : new char[name.Length];
        var length = WriteKey(name, buffer);
        return new string(buffer[..length]);
    }

    private static int WriteKey(ReadOnlySpan<char> source, Span<char> destination)
    {
        var length = 0;
        foreach (var c in source)
        {
            if (IsTokenChar(c) && length < destination.Length)
            {
                destination[length++] = ToLower(c);
            }
        }

        return length;
    }

    private static int FilterSlot(ReadOnlySpan<char> token)
    {
        // Keys are cut at the key buffer's length (see FindMentions): a longer token is filtered as its cut key.
        token = token[..Math.Min(token.Length, KeyBufferLength)];
        var hash = (uint)token.Length;
        foreach (var c in token)
        {
            hash = (hash ^ (uint)LowBits(c)) * 0x9E3779B1;
        }

        return (int)(hash >> (32 - FilterBits));
    }

    // An ASCII letter has the same five low bits in either case: only other characters need lowering.
    private static int LowBits(char c) => (char.IsAscii(c) ? c : ToLower(c)) & 31;

    // char.ToLowerInvariant of the first 2,048 characters (Latin, Greek, Cyrillic...), looked up: it asks ICU for
    // every non-ASCII character, and papers are full of μ, α and accented names.
    private static readonly char[] LowerCaseTable = Enumerable.Range(0, 0x800).Select(c => char.ToLowerInvariant((char)c)).ToArray();

    private static char ToLower(char c) => c < LowerCaseTable.Length ? LowerCaseTable[c] : char.ToLowerInvariant(c);

    private static string CaseKey(string name) => new(name.Where(IsTokenChar).ToArray());

    private static bool IsTokenChar(char c) => char.IsLetterOrDigit(c) || c == '+';

    private static bool IsJoiner(char c) => c is ' ' or '-' or '/' or '.' or '_' or '\u00A0' or '\u2010' or '\u2011';

    private static bool Joinable(string text, List<(int Start, int Length)> tokens, int first, int count)
    {
        for (var k = first + 1; k < first + count; k++)
        {
            var gapStart = tokens[k - 1].Start + tokens[k - 1].Length;
            var gap = tokens[k].Start - gapStart;
            if (gap is < 1 or > 2)
            {
                return false;
            }

            for (var p = gapStart; p < tokens[k].Start; p++)
            {
                if (!IsJoiner(text[p]))
                {
                    return false;
                }
            }
        }

        return true;
    }

    /// <summary>
    /// Short names with capitals ("PaLM", "ViT", "HuBERT", "SSD") are matched with their case: in lower or title case
    /// they are usually ordinary words or people's names (palm, Vit, Hubert).
    /// </summary>
    private static bool IsShortCasedName(string name)
    {
        var letters = CaseKey(name);
        return letters.Length <= 6 && letters.Any(char.IsUpper);
    }

    /// <summary>Whether a phrase occurs in the window starting at a word boundary (so "ONT" does not match "Conus").</summary>
    private static int IndexOfWordStart(ReadOnlySpan<char> window, string phrase, int from)
    {
        while (from < window.Length)
        {
            var at = window[from..].IndexOf(phrase, StringComparison.OrdinalIgnoreCase);
            if (at < 0)
            {
                return -1;
            }

            var absolute = from + at;
            if (absolute == 0 || !char.IsLetterOrDigit(window[absolute - 1]))
            {
                return absolute;
            }

            from = absolute + 1;
        }

        return -1;
    }

    private static bool GuardAllows(CatalogGuard guard, string text, int start, int end)
    {
        var windowStart = Math.Max(0, start - GuardWindow);
        var window = text.AsSpan(windowStart, Math.Min(text.Length, end + GuardWindow) - windowStart);
        foreach (var excluded in guard.ExcludeNearby ?? [])
        {
            if (IndexOfWordStart(window, excluded, 0) >= 0)
            {
                return false;
            }
        }

        if (!guard.RequiresContext)
        {
            return true;
        }

        return AnyOutsideMention(guard.RequireNearby ?? [], window, windowStart, start, end)
            || (guard.RequireDlCue && AnyOutsideMention(CatalogGuard.DeepLearningCues, window, windowStart, start, end));
    }

    // The mention itself must not satisfy its own requirement ("BERT" near "BERT").
    private static bool AnyOutsideMention(IReadOnlyList<string> phrases, ReadOnlySpan<char> window, int windowStart, int start, int end)
    {
        foreach (var phrase in phrases)
        {
            for (var at = IndexOfWordStart(window, phrase, 0); at >= 0; at = IndexOfWordStart(window, phrase, at + 1))
            {
                var absolute = windowStart + at;
                if (absolute + phrase.Length <= start || absolute >= end)
                {
                    return true;
                }
            }
        }

        return false;
    }

    [ThreadStatic]
    private static List<(int Start, int Length)>? ReusedTokens;

    internal static List<(int Start, int Length)> Tokenize(string text) => Tokenize(text, new List<(int, int)>(text.Length / 6));

    /// <summary>The tokens of <paramref name="text"/> in <paramref name="tokens"/> (cleared first).</summary>
    private static List<(int Start, int Length)> Tokenize(string text, List<(int Start, int Length)> tokens)
    {
        tokens.Clear();
        var i = 0;
        while (i < text.Length)
        {
            // ASCII is skipped or consumed many characters at a time; any other character is asked one by one.
            var skip = text.AsSpan(i).IndexOfAnyExcept(AsciiNonTokenChars);
            if (skip < 0)
            {
                break;
            }

            i += skip;
            if (!IsTokenChar(text[i]))
            {
                i++;
                continue;
            }

            var start = i;
            while (true)
            {
                var run = text.AsSpan(i).IndexOfAnyExcept(AsciiTokenChars);
                if (run < 0)
                {
                    i = text.Length;
                    break;
                }

                i += run;
                if (!IsTokenChar(text[i]))
                {
                    break;
                }

                i++;
            }

            tokens.Add((start, i - start));
        }

        return tokens;
    }

    private static readonly SearchValues<char> AsciiTokenChars = SearchValues.Create(AsciiWhere(IsTokenChar));
    private static readonly SearchValues<char> AsciiNonTokenChars = SearchValues.Create(AsciiWhere(c => !IsTokenChar(c)));

    private static char[] AsciiWhere(Func<char, bool> predicate) => Enumerable.Range(0, 128).Select(c => (char)c).Where(predicate).ToArray();

    private sealed record Target(CatalogEntry Entry, CatalogGuard? Guard, HashSet<string> CaseKeys)
    {
        public bool CaseSensitive { get; set; }
    }
}
