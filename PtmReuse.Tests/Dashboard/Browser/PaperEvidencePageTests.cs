using System.Text.RegularExpressions;
using Microsoft.Playwright;
using PtmReuse.Core.Papers;
using PtmReuse.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace PtmReuse.Tests.Dashboard.Browser;

/// <summary>
/// Classify from the UI with the embedded backend, then read the evidence on the paper page. Uses a server of its own:
/// a run over the shared server's papers would change what the other page tests see.
/// </summary>
[Collection(DashboardCollection.Name)]
public sealed class PaperEvidencePageTests(BrowserFixture browser)
{
    private const string MethodsText = "We fine-tuned a pre-trained ResNet-50 on 2,000 labelled micrographs. Images were split 80/20 for training and testing.";

    [Fact]
    public async Task ClassifyThenPaperPage_EmbeddedRunFromTheUi_HighlightsEvidenceInTheMethodsAndLinksToIt()
    {
        long paperId = 0;
        await using var server = await DashboardServer.StartAsync(async factory =>
        {
            // A long introduction puts the Methods below the fold, so following an evidence link has to scroll.
            var introduction = string.Join("\n\n", Enumerable.Range(1, 40).Select(i =>
                $"Paragraph {i}: diatom blooms were counted by eye along the transect and compared with earlier surveys."));
            paperId = await new PaperBuilder("Diatom micrographs classified with a fine-tuned network")
                .WithDoi("10.5555/diatoms.2024").InYear(2024).InField("Environmental Science")
                .WithSection("Introduction", SectionKind.Introduction, introduction)
                .WithSection("Methods", SectionKind.Methods, MethodsText)
                .SaveAsync(factory);
            await new PaperBuilder("Soil carbon after drought")
                .WithDoi("10.5555/soil.2024").InYear(2024)
                .WithSection("Methods", SectionKind.Methods, "Soil cores were dried at 60 °C and weighed.")
                .SaveAsync(factory);
        });
        var page = await browser.NewSignedInPageAsync(server.BaseUrl, TestUsers.Admin);

        await page.GotoInteractiveAsync("classify");
        await page.GetByRole(AriaRole.Button, new() { Name = "Start run" }).ClickAsync();
        var run = page.Locator("tr[data-run]").First;
        await Expect(run).ToContainTextAsync("Completed");
        await Expect(run).ToContainTextAsync("2 / 2");

        await page.GotoInteractiveAsync($"papers/{paperId}");
        var methods = page.GetByTestId("paper-section").Nth(1);
        var marks = methods.Locator("mark.evidence-highlight");
        await Expect(marks.First).ToBeAttachedAsync();
        foreach (var text in await marks.AllTextContentsAsync())
        {
            Assert.Contains(text, MethodsText, StringComparison.Ordinal);
        }

        Assert.Contains("ResNet-50", string.Concat(await marks.AllTextContentsAsync()), StringComparison.Ordinal);
        await Expect(page.GetByTestId("paper-section").First.Locator("mark")).ToHaveCountAsync(0);
        await Expect(marks.First).Not.ToBeInViewportAsync();

        // Component styles (scoped CSS bundle) are loaded: the quotes in the list carry their rule.
        await Expect(page.Locator("[data-stage=identify_ptms] .evidence").First).ToHaveCSSAsync("border-left-width", "3px");

        var jump = page.Locator("[data-stage=identify_ptms] a.evidence-jump").First;
        var target = await jump.GetAttributeAsync("href") ?? "";
        var anchor = target[(target.IndexOf('#', StringComparison.Ordinal) + 1)..];
        Assert.StartsWith("evidence-", anchor, StringComparison.Ordinal);
        await jump.ClickAsync();

        await Expect(page).ToHaveURLAsync(new Regex($"/papers/{paperId}#{anchor}$"));
        // Evidence of several stages can start at the same character: their anchors stand side by side before the mark.
        await Expect(methods.Locator($"#{anchor} ~ mark").First).ToBeInViewportAsync();
        await page.Context.CloseAsync();
    }
}
