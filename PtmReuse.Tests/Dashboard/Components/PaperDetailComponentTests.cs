using Bunit;
using PtmReuse.Core.Papers;
using PtmReuse.Dashboard.Components.Pages.Papers;
using PtmReuse.Tests.Infrastructure;

namespace PtmReuse.Tests.Dashboard.Components;

public sealed class PaperDetailComponentTests
{
    [Fact]
    public async Task PaperDetail_HostileSectionText_RendersAsInertText()
    {
        await using var database = await TestDatabase.CreateAsync();
        var id = await new PaperBuilder("Hostile <b>title</b>")
            .WithDoi("10.5555/hostile")
            .WithSection("Intro <script>alert('h')</script>", SectionKind.Introduction,
                "Before <script>alert('x')</script> after.\n\n<img src=x onerror=\"alert('y')\">\n\n" +
                "[click me](javascript:alert('z')) and [also](JaVaScRiPt:alert(1)) and <javascript:alert(2)> and " +
                "![pic](https://example.org/track.png) and [fine](https://example.org/ok)")
            .WithSection("Methods", SectionKind.Methods, "<iframe src=\"https://example.org\"></iframe> plain **bold**")
            .WithCaption(CaptionKind.Figure, "Figure 1", "<svg onload=alert(3)>caption</svg>")
            .SaveAsync(database.Factory);
        await using var ctx = BunitDashboard.Create(database);

        var cut = ctx.Render<PaperDetail>(p => p.Add(x => x.Id, id));
        cut.WaitForAssertion(() => Assert.Equal(2, cut.FindAll("[data-testid=paper-section]").Count));

        Assert.Empty(cut.FindAll("script"));
        Assert.Empty(cut.FindAll("iframe"));
        Assert.Empty(cut.FindAll("svg[onload]"));
        Assert.Empty(cut.FindAll("img"));
        Assert.Empty(cut.FindAll("[onerror]"));
        Assert.DoesNotContain(cut.FindAll("a[href]"), a => a.GetAttribute("href")!.Contains("script:", StringComparison.OrdinalIgnoreCase));
        Assert.Empty(cut.FindAll("h1 b"));
        // The hostile markup is still there for the reader, as text.
        var text = cut.Find("[data-testid=paper-section]").TextContent;
        Assert.Contains("<script>alert('x')</script>", text, StringComparison.Ordinal);
        Assert.Contains("click me", text, StringComparison.Ordinal);
        Assert.Contains("Hostile <b>title</b>", cut.Find("h1").TextContent, StringComparison.Ordinal);
        // Allowed links and Markdown still work.
        Assert.Contains(cut.FindAll("a[href='https://example.org/ok']"), a => a.TextContent == "fine");
        Assert.Equal("bold", cut.Find("strong").TextContent);
    }

    [Fact]
    public async Task PaperDetail_UnknownId_SaysNotFound()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var ctx = BunitDashboard.Create(database);

        var cut = ctx.Render<PaperDetail>(p => p.Add(x => x.Id, 424242));

        cut.WaitForAssertion(() => Assert.Equal("Paper not found", cut.Find("h1").TextContent));
    }

    [Fact]
    public async Task PaperDetail_ReviewerCorrectedTheMachine_ShowsTheLabelThatCountsWithReviewLinkAndHistory()
    {
        await using var database = await TestDatabase.CreateAsync();
        var data = new PtmReuse.Tests.Analytics.AnalyticsTestData(database);
        var run = await data.AddRunAsync();
        var paper = await data.AddPaperAsync("Reviewed paper", 2021, PtmReuse.Tests.Analytics.AnalyticsTestData.Chemistry);
        var decision = await data.AddDecisionAsync(run, paper, PtmReuse.Tests.Analytics.AnalyticsTestData.Dl(true));
        await database.Get<PtmReuse.Core.Review.LabellingService>().ApplyAsync("ana",
            new PtmReuse.Core.Review.LabelCommand(decision, PtmReuse.Core.Review.LabelAction.Correct, 0, PtmReuse.Tests.Analytics.AnalyticsTestData.Dl(false), "statistics only"),
            CancellationToken.None);
        await using var ctx = BunitDashboard.Create(database);

        var cut = ctx.Render<PaperDetail>(p => p.Add(x => x.Id, paper));
        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll("[data-testid=effective-labels]")));

        // The machine said yes; the reviewer's no is what counts, and uses_ptms is settled as no with it.
        Assert.Equal("no", cut.Find("[data-testid=outcome-uses_dl]").TextContent.Trim());
        Assert.Equal("no", cut.Find("[data-testid=outcome-uses_ptms]").TextContent.Trim());
        var usesDl = cut.Find("[data-label-stage=uses_dl]");
        Assert.Equal("reviewer", usesDl.QuerySelector("[data-testid=label-source]")!.TextContent.Trim());
        Assert.Equal($"review/{decision}", usesDl.QuerySelector("a")!.GetAttribute("href"));
        var history = cut.Find("[data-testid=label-history]").TextContent;
        Assert.Contains("ana", history, StringComparison.Ordinal);
        Assert.Contains("correct", history, StringComparison.Ordinal);
        Assert.Contains("statistics only", history, StringComparison.Ordinal);
    }
}
