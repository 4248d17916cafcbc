using PtmReuse.Core.Papers;

namespace PtmReuse.Tests.Papers;

public sealed class SafeMarkdownTests
{
    [Fact]
    public void ToHtml_RawScriptTag_IsEscapedText()
    {
        var html = SafeMarkdown.ToHtml("a <script>alert(1)</script> b");

        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt;", html, StringComparison.Ordinal);
    }

    [Fact]
    public void ToHtml_HtmlBlockWithEventHandler_IsEscapedText()
    {
        var html = SafeMarkdown.ToHtml("<img src=x onerror=\"alert(1)\">\n\n<div onclick=\"x()\">hi</div>");

        Assert.DoesNotContain("<img", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<div", html, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("&lt;img", html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("[x](javascript:alert(1))")]
    [InlineData("[x](JaVaScRiPt:alert(1))")]
    [InlineData("[x](<java\tscript:alert(1)>)")]
    [InlineData("[x](&#106;avascript:alert(1))")]
    [InlineData("[x](data:text/html;base64,PHNjcmlwdD4=)")]
    [InlineData("[x](vbscript:msgbox)")]
    [InlineData("<javascript:alert(1)>")]
    [InlineData("[x][r]\n\n[r]: javascript:alert(1)")]
    public void ToHtml_LinkWithForbiddenScheme_KeepsTextWithoutHref(string markdown)
    {
        var html = SafeMarkdown.ToHtml(markdown);

        Assert.DoesNotContain("href", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<a", html, StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData("[x](https://example.org/a?b=c)", "https://example.org/a?b=c")]
    [InlineData("[x](http://example.org)", "http://example.org")]
    [InlineData("[x](mailto:someone@example.org)", "mailto:someone@example.org")]
    [InlineData("[x](#methods)", "#methods")]
    [InlineData("see https://example.org/page", "https://example.org/page")]
    public void ToHtml_LinkWithAllowedScheme_KeepsHrefAndNoFollow(string markdown, string href)
    {
        var html = SafeMarkdown.ToHtml(markdown);

        Assert.Contains($"href=\"{href}\"", html, StringComparison.Ordinal);
        Assert.Contains("rel=\"nofollow noopener noreferrer\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public void ToHtml_Image_BecomesItsAltTextSoNothingLoads()
    {
        var html = SafeMarkdown.ToHtml("before ![a chart](https://example.org/track.png) after");

        Assert.DoesNotContain("<img", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("example.org", html, StringComparison.Ordinal);
        Assert.Contains("a chart", html, StringComparison.Ordinal);
    }

    [Fact]
    public void ToHtml_GenericAttributesSyntax_AddsNoAttributes()
    {
        var html = SafeMarkdown.ToHtml("# Title {onclick=\"alert(1)\"}\n\ntext");

        Assert.DoesNotContain("onclick=\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public void ToHtml_PipeTableAndEmphasis_AreRendered()
    {
        var html = SafeMarkdown.ToHtml("**bold** and *it*\n\n| a | b |\n|---|---|\n| 1 | 2 |");

        Assert.Contains("<strong>bold</strong>", html, StringComparison.Ordinal);
        Assert.Contains("<em>it</em>", html, StringComparison.Ordinal);
        Assert.Contains("<td>2</td>", html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void ToHtml_NoText_IsEmpty(string? markdown) => Assert.Equal("", SafeMarkdown.ToHtml(markdown));
}

public sealed class SafeMarkdownMixedTests
{
    [Theory]
    [InlineData("[click me](javascript:alert('z')) and <javascript:alert(2)>")]
    [InlineData("[fine](https://example.org/ok) and <javascript:alert(2)>")]
    [InlineData("a <javascript:alert(2)> and [also](JaVaScRiPt:alert(1))")]
    public void ToHtml_ForbiddenAutolinkAmongOtherLinks_HasNoScriptHref(string markdown)
    {
        var html = SafeMarkdown.ToHtml(markdown);

        Assert.DoesNotContain("href=\"javascript", html, StringComparison.OrdinalIgnoreCase);
    }
}

public sealed class SafeMarkdownNestedTests
{
    [Theory]
    [InlineData("- item [x](javascript:alert(1))")]
    [InlineData("> quote [x](javascript:alert(1))")]
    [InlineData("| a |\n|---|\n| [x](javascript:alert(1)) |")]
    [InlineData("# heading [x](javascript:alert(1))")]
    [InlineData("**[x](javascript:alert(1))**")]
    public void ToHtml_ForbiddenLinkNestedInBlocks_HasNoHref(string markdown) =>
        Assert.DoesNotContain("href", SafeMarkdown.ToHtml(markdown), StringComparison.OrdinalIgnoreCase);
}
