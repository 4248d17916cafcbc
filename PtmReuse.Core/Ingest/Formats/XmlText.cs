using System.Text;
using System.Xml.Linq;

namespace PtmReuse.Core.Ingest.Formats;

/// <summary>
/// Flattens a JATS or TEI element to readable text: paragraphs separated by blank lines, MathML as linear text
/// ("x^2", "a/b"), TeX alternatives dropped when MathML is present, and skipped elements (figures, tables,
/// reference lists) left out so they can be collected separately.
/// </summary>
internal sealed class XmlText(Func<XElement, bool> skip, Func<XElement, bool> isBlock)
{
    // Recursion here follows the element tree, whose depth SafeXml has already capped (InputLimits.MaxNestingDepth).
    public string Flatten(XElement element)
    {
        var text = new FlatText();
        Append(element, text);
        return text.ToString();
    }

    private void AppendNodes(IEnumerable<XNode> nodes, FlatText text)
    {
        foreach (var node in nodes)
        {
            switch (node)
            {
                case XText textNode:
                    text.Append(textNode.Value);
                    break;
                case XElement child:
                    Append(child, text);
                    break;
            }
        }
    }

    /// <summary>Flattens a run of sibling nodes (no copies of the tree are made).</summary>
    public string Flatten(IEnumerable<XNode> nodes)
    {
        var text = new FlatText();
        AppendNodes(nodes, text);
        return text.ToString();
    }

    public static string Inline(XElement? element)
    {
        if (element is null)
        {
            return "";
        }

        var text = new FlatText();
        new XmlText(_ => false, _ => false).Append(element, text);
        return text.ToString();
    }

    private void Append(XElement element, FlatText text)
    {
        if (skip(element))
        {
            return;
        }

        var local = element.Name.LocalName;
        if (element.Name.NamespaceName == MathMl)
        {
            if (local == "math")
            {
                text.Append(" ");
                text.Append(MathText(element));
                text.Append(" ");
            }

            return;
        }

        if (local == "alternatives")
        {
            // Prefer the MathML rendering; TeX source or a graphic adds nothing readable.
            var choice = element.Elements().FirstOrDefault(e => e.Name.NamespaceName == MathMl)
                ?? element.Elements().FirstOrDefault(e => e.Name.LocalName == "tex-math")
                ?? element.Elements().FirstOrDefault();
            if (choice is not null)
            {
                Append(choice, text);
            }

            return;
        }

        var block = isBlock(element);
        if (block)
        {
            text.Paragraph();
        }

        AppendNodes(element.Nodes(), text);

        if (block)
        {
            text.Paragraph();
        }
    }

    /// <summary>
    /// Text normalised while it is appended, so extraction holds one copy of the text (not raw, then normalised, then
    /// the final string): whitespace runs become one space, block ends one blank line, nothing leading or trailing.
    /// </summary>
    private sealed class FlatText
    {
        // U+2029 in the source text is a paragraph break too, as block ends are.
        private const char ParagraphMark = '\u2029';
        private readonly StringBuilder _output = new();
        private bool _pendingSpace;
        private bool _pendingParagraph;

        public void Paragraph() => _pendingParagraph = true;

        public void Append(string source)
        {
            foreach (var c in source)
            {
                if (c == ParagraphMark)
                {
                    _pendingParagraph = true;
                }
                else if (char.IsWhiteSpace(c))
                {
                    _pendingSpace = true;
                }
                else
                {
                    if (_output.Length > 0)
                    {
                        if (_pendingParagraph)
                        {
                            _output.Append("\n\n");
                        }
                        else if (_pendingSpace)
                        {
                            _output.Append(' ');
                        }
                    }

                    _pendingSpace = false;
                    _pendingParagraph = false;
                    _output.Append(c);
                }
            }
        }

        public override string ToString() => _output.ToString();
    }

    private const string MathMl = "http://www.w3.org/1998/Math/MathML";
    private static string MathText(XElement element)
    {
        var children = element.Elements().Select(MathText).ToList();
        return element.Name.LocalName switch
        {
            "mi" or "mn" or "mo" or "mtext" or "ms" => element.Value.Trim(),
            "mfrac" when children.Count == 2 => $"{Group(children[0])}/{Group(children[1])}",
            "msup" when children.Count == 2 => $"{children[0]}^{Group(children[1])}",
            "msub" when children.Count == 2 => $"{children[0]}_{Group(children[1])}",
            "msubsup" when children.Count == 3 => $"{children[0]}_{Group(children[1])}^{Group(children[2])}",
            "msqrt" => $"sqrt({string.Concat(children)})",
            "annotation" or "annotation-xml" => "",
            "semantics" => children.FirstOrDefault() ?? "",
            _ => string.Concat(children),
        };
    }

    private static string Group(string part) => part.Length <= 1 ? part : $"({part})";
}
