using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using PtmReuse.Core.Papers;

namespace PtmReuse.Tests.Papers;

public sealed class SafeMarkdownHighlightTests
{
    private static IDocument Render(string markdown, params TextHighlight[] highlights) =>
        new HtmlParser().ParseDocument(SafeMarkdown.ToHtml(markdown, highlights));

    private static TextHighlight Over(string markdown, string part, string anchor = "evidence-1-0", string label = "Uses deep learning")
    {
        var start = markdown.IndexOf(part, StringComparison.Ordinal);
        Assert.True(start >= 0, $"'{part}' is not in the text");
        return new TextHighlight(start, part.Length, anchor, label);
    }

    private static string MarkedText(IDocument document) =>
        string.Concat(document.QuerySelectorAll("mark.evidence-highlight").Select(m => m.TextContent));

    [Fact]
    public void ToHtml_HighlightInPlainText_MarksExactlyThoseCharactersAfterAnAnchor()
    {
        const string text = "Cells were imaged. We fine-tuned a pre-trained ResNet-50 on micrographs.";

        var document = Render(text, Over(text, "fine-tuned a pre-trained ResNet-50"));

        var mark = Assert.Single(document.QuerySelectorAll("mark"));
        Assert.Equal("fine-tuned a pre-trained ResNet-50", mark.TextContent);
        Assert.Equal("Uses deep learning", mark.GetAttribute("title"));
        var anchor = Assert.Single(document.QuerySelectorAll("#evidence-1-0"));
        Assert.Same(mark, anchor.NextElementSibling);
        Assert.Equal(text, document.Body!.TextContent.Trim());
    }

    [Fact]
    public void ToHtml_HighlightOverHostileMarkup_KeepsItAsTextInsideTheMark()
    {
        const string text = "Before <script>alert(1)</script> and </mark><img src=x onerror=alert(2)> after.";
        const string hostile = "</mark><img src=x onerror=alert(2)>";

        var document = Render(text, Over(text, hostile, label: "\"><script>alert(3)</script>"));

        Assert.Empty(document.QuerySelectorAll("script"));
        Assert.Empty(document.QuerySelectorAll("img"));
        Assert.Empty(document.QuerySelectorAll("[onerror]"));
        var mark = Assert.Single(document.QuerySelectorAll("mark"));
        Assert.Equal(hostile, mark.TextContent);
        Assert.Equal("\"><script>alert(3)</script>", mark.GetAttribute("title"));
        Assert.Contains("<script>alert(1)</script>", document.Body!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void ToHtml_HighlightAcrossEmphasisAndParagraphs_GivesWellNestedMarksOverTheSameText()
    {
        const string text = "We **fine-tuned** a [pre-trained](https://example.org/m) model.\n\nIt reached 0.93 accuracy.";

        var document = Render(text, Over(text, "We **fine-tuned** a [pre-trained](https://example.org/m) model.\n\nIt reached"));

        Assert.Equal("We fine-tuned a pre-trained model.It reached", MarkedText(document));
        Assert.Equal("fine-tuned", document.QuerySelector("strong > mark")!.TextContent);
        Assert.Equal("pre-trained", document.QuerySelector("a[href='https://example.org/m'] > mark")!.TextContent);
        Assert.Equal(2, document.QuerySelectorAll("p").Count);
        Assert.All(document.QuerySelectorAll("mark"), m => Assert.NotNull(m.Closest("p")));
        Assert.Single(document.QuerySelectorAll(".evidence-anchor"));
    }

    [Fact]
    public void ToHtml_OverlappingHighlights_EachGetsOneAnchorAndSharedTextNamesBoth()
    {
        const string text = "We fine-tuned a pre-trained ResNet-50 on micrographs.";
        var first = Over(text, "fine-tuned a pre-trained", "evidence-1-0", "Uses deep learning");
        var second = Over(text, "pre-trained ResNet-50", "evidence-2-0", "Uses pre-trained models");

        var document = Render(text, first, second);

        Assert.Equal("fine-tuned a pre-trained ResNet-50", MarkedText(document));
        Assert.Single(document.QuerySelectorAll("#evidence-1-0"));
        Assert.Single(document.QuerySelectorAll("#evidence-2-0"));
        var shared = Assert.Single(document.QuerySelectorAll("mark"), m => m.TextContent == "pre-trained");
        Assert.Equal("Uses deep learning; Uses pre-trained models", shared.GetAttribute("title"));
        Assert.Equal(text, document.Body!.TextContent.Trim());
    }

    [Fact]
    public void ToHtml_HighlightTouchingTextWithAnEscape_MarksThatTextRunWhole()
    {
        // An escape makes the rendered run shorter than its source, so offsets inside it cannot be trusted.
        const string text = @"Loss \* weight was minimised.";

        var document = Render(text, Over(text, @"\*"));

        Assert.Equal("* weight was minimised.", MarkedText(document));
        Assert.Equal("Loss * weight was minimised.", document.Body!.TextContent.Trim());
    }

    [Fact]
    public void ToHtml_NoHighlights_IsTheSameAsThePlainRendering()
    {
        const string text = "A **b** [c](https://example.org) <d>";

        Assert.Equal(SafeMarkdown.ToHtml(text), SafeMarkdown.ToHtml(text, []));
        Assert.DoesNotContain("<mark", SafeMarkdown.ToHtml(text), StringComparison.Ordinal);
    }
}
