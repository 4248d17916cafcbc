using Microsoft.Playwright;
using PtmReuse.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace PtmReuse.Tests.Dashboard.Browser;

[Collection(DashboardCollection.Name)]
public sealed class LayoutPageTests(BrowserFixture browser, DashboardServerFixture dashboard)
{
    [Fact]
    public async Task Navigation_ClickingEachLink_OpensItsPage()
    {
        var page = await browser.NewSignedInPageAsync(dashboard.Server.BaseUrl, TestUsers.Admin);
        await page.GotoInteractiveAsync("");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Overview", Level = 1 })).ToBeVisibleAsync();
        // 32 = the fixture's two named papers + its 30 fillers.
        await Expect(page.GetByTestId("paper-count")).ToHaveTextAsync("32");

        var nav = page.GetByRole(AriaRole.Navigation, new() { Name = "Main navigation" });
        foreach (var title in new[] { "Papers", "Ingest", "Overview" })
        {
            await nav.GetByRole(AriaRole.Link, new() { Name = title, Exact = true }).ClickAsync();
            await Expect(page.GetByRole(AriaRole.Heading, new() { Name = title, Level = 1 })).ToBeVisibleAsync();
        }

        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task ThemeToggle_Clicked_SwitchesToDarkAndRemembersItAfterReload()
    {
        var page = await browser.NewSignedInPageAsync(dashboard.Server.BaseUrl, TestUsers.Admin);
        await page.GotoInteractiveAsync("");
        await Expect(page.GetByTestId("paper-count")).ToHaveTextAsync("32");
        var lightBackground = await BodyBackgroundAsync(page);

        await page.GetByRole(AriaRole.Button, new() { Name = "Toggle dark theme" }).ClickAsync();
        await Expect(page.Locator("body")).Not.ToHaveCSSAsync("background-color", lightBackground);
        var darkBackground = await BodyBackgroundAsync(page);

        await page.ReloadAsync();
        await page.Locator("[data-dashboard-ready]").WaitForAsync(new() { State = WaitForSelectorState.Attached });
        await Expect(page.Locator("body")).ToHaveCSSAsync("background-color", darkBackground);
        await page.Context.CloseAsync();
    }

    private static Task<string> BodyBackgroundAsync(IPage page) =>
        page.EvaluateAsync<string>("() => getComputedStyle(document.body).backgroundColor");
}
