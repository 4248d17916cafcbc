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
    public string Flatten(XElement element)
    {
        var builder = new StringBuilder();
        Append(element, builder);
        return Normalize(builder);
    }

    private void AppendNodes(IEnumerable<XNode> nodes, StringBuilder builder)
    {
        foreach (var node in nodes)
        {
            switch (node)
            {
                case XText text:
                    builder.Append(text.Value);
                    break;
                case XElement child:
                    Append(child, builder);
                    break;
            }
        }
    }

    /// <summary>Flattens a run of sibling nodes (no copies of the tree are made).</summary>
    public string Flatten(IEnumerable<XNode> nodes)
    {
        var builder = new StringBuilder();
        AppendNodes(nodes, builder);
        return Normalize(builder);
    }

    public static string Inline(XElement? element)
    {
        if (element is null)
        {
            return "";
        }

        var builder = new StringBuilder();
        new XmlText(_ => false, _ => false).Append(element, builder);
        return Normalize(builder);
    }

    private void Append(XElement element, StringBuilder builder)
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
                builder.Append(' ').Append(MathText(element)).Append(' ');
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
                Append(choice, builder);
            }

            return;
        }

        var block = isBlock(element);
        if (block)
        {
            builder.Append(ParagraphMark);
        }

        AppendNodes(element.Nodes(), builder);

        if (block)
        {
            builder.Append(ParagraphMark);
        }
    }

    // Block elements mark paragraph ends with U+2029; whitespace in the XML source (pretty-printing) is only spacing.
    private const char ParagraphMark = '\u2029';

    /// <summary>One pass: whitespace runs become one space, paragraph marks one blank line, no leading/trailing space.</summary>
    private static string Normalize(StringBuilder source)
    {
        var output = new StringBuilder(source.Length);
        var pendingSpace = false;
        var pendingParagraph = false;
        foreach (var chunk in source.GetChunks())
        {
            foreach (var c in chunk.Span)
            {
                if (c == ParagraphMark)
                {
                    pendingParagraph = true;
                }
                else if (char.IsWhiteSpace(c))
                {
                    pendingSpace = true;
                }
                else
                {
                    if (output.Length > 0)
                    {
                        if (pendingParagraph)
                        {
                            output.Append("\n\n");
                        }
                        else if (pendingSpace)
                        {
                            output.Append(' ');
                        }
                    }

                    pendingSpace = false;
                    pendingParagraph = false;
                    output.Append(c);
                }
            }
        }

        return output.ToString();
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
