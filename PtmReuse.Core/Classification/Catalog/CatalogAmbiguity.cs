namespace PtmReuse.Core.Classification.Catalog;

/// <summary>
/// Which catalog names need context before they count, and which no context can rescue. The catalog generator
/// (scripts/catalog/build_catalog.py) applies the same rules when it writes guards; the catalog tests check every
/// shipped name against them.
/// </summary>
public static class CatalogAmbiguity
{
    /// <summary>Words that never name a model on their own: a name made only of these (and numbers) is dropped.</summary>
    public static readonly IReadOnlySet<string> GenericTokens = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
    {
        "base", "large", "small", "tiny", "huge", "giant", "medium", "mini", "nano", "micro", "xl", "xxl", "model",
        "models", "net", "network", "the", "a", "v1", "v2", "v3", "b", "l", "s", "t", "m", "h", "g", "x", "pro", "plus",
        "lite", "light", "text", "2d", "3d", "segmentation", "vision", "audio", "moe",
    };

    /// <summary>
    /// A name that is short (a key of at most four letters and digits: "SAM", "ViT", "T5", "ESM-2"), acronym-like (one
    /// all-capital word of up to eight letters: "CLIP", "BLOOM", "PEGASUS") or word-shaped (one word with no inner
    /// capital or digit: "Falcon", "Mamba", "Cellpose") collides with ordinary words, people's names or other fields'
    /// acronyms, so it must carry a <see cref="CatalogGuard"/> that asks for context.
    /// </summary>
    public static bool IsAmbiguous(string name)
    {
        var key = PtmCatalog.NormalizeKey(name);
        if (key.Length <= 4)
        {
            return true;
        }

        var tokens = PtmCatalog.Tokenize(name);
        if (tokens.Count != 1)
        {
            return false;
        }

        var word = name.AsSpan(tokens[0].Start, tokens[0].Length);
        if (!IsLetters(word))
        {
            return false;
        }

        return (word.Length <= 8 && IsUpper(word)) || IsLower(word[1..]);
    }

    /// <summary>Names that cannot name a model: one character, a bare number, two letters, or only generic words.</summary>
    public static bool IsHopeless(string name)
    {
        var key = PtmCatalog.NormalizeKey(name);
        if (key.Length <= 1 || key.All(char.IsDigit) || (key.Length == 2 && !key.Any(char.IsDigit)))
        {
            return true;
        }

        return PtmCatalog.Tokenize(name).All(t =>
        {
            var token = name.Substring(t.Start, t.Length);
            return GenericTokens.Contains(token) || token.All(char.IsDigit);
        });
    }

    private static bool IsLetters(ReadOnlySpan<char> word)
    {
        foreach (var c in word)
        {
            if (!char.IsLetter(c))
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsUpper(ReadOnlySpan<char> word)
    {
        foreach (var c in word)
        {
            if (!char.IsUpper(c))
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsLower(ReadOnlySpan<char> word)
    {
        foreach (var c in word)
        {
            if (char.IsUpper(c))
            {
                return false;
            }
        }

        return true;
    }
}
