using System.Text;
using System.Xml;
using System.Xml.Linq;

namespace PtmReuse.Core.Ingest.Formats;

/// <summary>
/// Loads untrusted XML without resolving anything outside the bytes given.
/// Policy: a document with a DTD internal subset (the vehicle of XXE and billion-laughs attacks) is refused outright.
/// A DOCTYPE that only names an external DTD (as every PLOS and bioRxiv file does) is allowed, but the DTD is never
/// fetched: the resolver hands back a built-in list of character entities (ndash, lsqb, ...) whatever the URI says,
/// so named characters in real JATS files still decode and no file or URL is ever opened.
/// </summary>
public static class SafeXml
{
    private const int PrologScanChars = 64 * 1024;

    public static XDocument Load(byte[] bytes, string what)
    {
        if (bytes.Length == 0)
        {
            throw new PaperFormatException($"{what} is empty");
        }

        var hasDoctype = CheckProlog(bytes, what);
        // Only the named entities the file uses are declared: parsing a 2,000-entry DTD per file would cost more
        // than the rest of the parse. Without named entities the DOCTYPE is skipped altogether.
        var names = hasDoctype ? NamedEntityReferences(bytes) : [];
        var settings = new XmlReaderSettings
        {
            DtdProcessing = !hasDoctype ? DtdProcessing.Prohibit : names.Count > 0 ? DtdProcessing.Parse : DtdProcessing.Ignore,
            XmlResolver = names.Count > 0 ? new BuiltInEntityResolver(names) : null,
            // Only one- or two-character entities exist in the built-in list; this caps any expansion anyway.
            MaxCharactersFromEntities = 1_000_000,
            IgnoreComments = true,
            IgnoreProcessingInstructions = true,
            CloseInput = true,
        };
        try
        {
            using var reader = XmlReader.Create(new MemoryStream(bytes, writable: false), settings);
            return Build(reader, what);
        }
        catch (XmlException ex)
        {
            throw new PaperFormatException($"{what} is not well-formed XML: {ex.Message}", ex);
        }
        catch (DecoderFallbackException ex)
        {
            throw new PaperFormatException($"{what} has bytes that do not match its declared encoding: {ex.Message}", ex);
        }
    }

    /// <summary>
    /// Builds the tree node by node, as XDocument.Load does (whitespace kept, comments and processing instructions
    /// dropped by the settings), but refuses an element deeper than <see cref="InputLimits.MaxNestingDepth"/> before it
    /// is added: every later walk of the tree (XLinq's own Value, the parsers' text extraction) is then bounded.
    /// </summary>
    private static XDocument Build(XmlReader reader, string what)
    {
        var document = new XDocument();
        XContainer parent = document;
        while (reader.Read())
        {
            switch (reader.NodeType)
            {
                case XmlNodeType.Element:
                    if (reader.Depth >= InputLimits.MaxNestingDepth)
                    {
                        throw new PaperFormatException(InputLimits.TooDeep(what, "XML elements"));
                    }

                    var element = new XElement(XNamespace.Get(reader.NamespaceURI) + reader.LocalName);
                    if (reader.MoveToFirstAttribute())
                    {
                        do
                        {
                            // Namespace declarations keep XLinq's names: "xmlns" itself has no namespace.
                            var space = reader.Prefix.Length == 0 ? XNamespace.None : XNamespace.Get(reader.NamespaceURI);
                            element.Add(new XAttribute(space + reader.LocalName, reader.Value));
                        }
                        while (reader.MoveToNextAttribute());

                        reader.MoveToElement();
                    }

                    parent.Add(element);
                    if (!reader.IsEmptyElement)
                    {
                        parent = element;
                    }

                    break;
                case XmlNodeType.EndElement:
                    parent = (XContainer?)parent.Parent ?? document;
                    break;
                case XmlNodeType.Text or XmlNodeType.Whitespace or XmlNodeType.SignificantWhitespace:
                    // Adding a string merges it with a text node just before it, as XDocument.Load does.
                    parent.Add(reader.Value);
                    break;
                case XmlNodeType.CDATA:
                    parent.Add(new XCData(reader.Value));
                    break;
            }
        }

        return document;
    }

    /// <summary>Returns whether a DOCTYPE is present; throws when it carries an internal subset or entity declarations.</summary>
    internal static bool CheckProlog(byte[] bytes, string what)
    {
        var head = DecodeHead(bytes);
        var doctype = head.IndexOf("<!DOCTYPE", StringComparison.Ordinal);
        if (doctype < 0)
        {
            if (head.Contains("<!ENTITY", StringComparison.Ordinal))
            {
                throw new PaperFormatException($"{what} declares XML entities; refused (entity declarations are not allowed)");
            }

            return false;
        }

        // Walk the DOCTYPE, skipping quoted identifiers; a '[' before its closing '>' opens an internal subset.
        char? quote = null;
        for (var i = doctype + 9; i < head.Length; i++)
        {
            var c = head[i];
            if (quote is not null)
            {
                if (c == quote)
                {
                    quote = null;
                }
            }
            else if (c is '"' or '\'')
            {
                quote = c;
            }
            else if (c == '[')
            {
                throw new PaperFormatException(
                    $"{what} declares a DTD internal subset (possible XXE or entity-expansion attack); refused without resolving anything");
            }
            else if (c == '>')
            {
                return true;
            }
        }

        throw new PaperFormatException($"{what} has an unterminated DOCTYPE declaration");
    }

    private static string DecodeHead(byte[] bytes)
    {
        var length = Math.Min(bytes.Length, PrologScanChars);
        // UTF-16 files announce themselves with a BOM; everything else is ASCII-compatible in its prolog.
        if (bytes.Length >= 2 && ((bytes[0] == 0xFF && bytes[1] == 0xFE) || (bytes[0] == 0xFE && bytes[1] == 0xFF)))
        {
            var encoding = bytes[0] == 0xFF ? Encoding.Unicode : Encoding.BigEndianUnicode;
            return encoding.GetString(bytes, 2, (length - 2) & ~1);
        }

        return Encoding.Latin1.GetString(bytes, 0, length);
    }

    /// <summary>Names used as &amp;name; in the document, other than XML's five predefined ones.</summary>
    internal static HashSet<string> NamedEntityReferences(ReadOnlySpan<byte> bytes)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        var at = 0;
        while ((at = bytes.IndexOf((byte)'&')) >= 0)
        {
            bytes = bytes[(at + 1)..];
            var end = 0;
            while (end < bytes.Length && end < 32 && (char.IsAsciiLetterOrDigit((char)bytes[end]) || bytes[end] == (byte)'.'))
            {
                end++;
            }

            if (end > 0 && end < bytes.Length && bytes[end] == (byte)';' && char.IsAsciiLetter((char)bytes[0]))
            {
                var name = Encoding.ASCII.GetString(bytes[..end]);
                if (name is not ("lt" or "gt" or "amp" or "quot" or "apos"))
                {
                    names.Add(name);
                }
            }
        }

        return names;
    }

    /// <summary>
    /// Answers every external reference with declarations of the named character entities the document uses, taken
    /// from the built-in list (HTML5 / ISO names); never opens a file or URL, whatever the URI says.
    /// </summary>
    private sealed class BuiltInEntityResolver(HashSet<string> names) : XmlResolver
    {
        private static readonly Dictionary<string, string> Declarations = LoadDeclarations();

        public override object GetEntity(Uri absoluteUri, string? role, Type? ofObjectToReturn)
        {
            var dtd = new StringBuilder();
            foreach (var name in names)
            {
                if (Declarations.TryGetValue(name, out var declaration))
                {
                    dtd.AppendLine(declaration);
                }
            }

            return new MemoryStream(Encoding.UTF8.GetBytes(dtd.ToString()), writable: false);
        }

        public override Uri ResolveUri(Uri? baseUri, string? relativeUri) => new("builtin:character-entities.dtd");

        private static Dictionary<string, string> LoadDeclarations()
        {
            using var stream = typeof(SafeXml).Assembly.GetManifestResourceStream("PtmReuse.Core.Ingest.Formats.character-entities.dtd")
                ?? throw new InvalidOperationException("Embedded character-entities.dtd is missing.");
            using var reader = new StreamReader(stream);
            var declarations = new Dictionary<string, string>(StringComparer.Ordinal);
            while (reader.ReadLine() is { } line)
            {
                if (line.StartsWith("<!ENTITY ", StringComparison.Ordinal))
                {
                    var name = line[9..line.IndexOf(' ', 9)];
                    declarations[name] = line;
                }
            }

            return declarations;
        }
    }
}
