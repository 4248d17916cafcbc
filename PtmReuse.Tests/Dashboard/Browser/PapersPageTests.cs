using Microsoft.Playwright;
using PtmReuse.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace PtmReuse.Tests.Dashboard.Browser;

[Collection(DashboardCollection.Name)]
public sealed class PapersPageTests(BrowserFixture browser, DashboardServerFixture dashboard)
{
    [Fact]
    public async Task PapersPage_Opened_ListsFirstPageNewestFirstWithTotal()
    {
        var page = await browser.NewSignedInPageAsync(dashboard.Server.BaseUrl, TestUsers.Admin);
        await page.GotoInteractiveAsync("papers");

        var rows = page.Locator("tbody tr.mud-table-row");
        // Default order is newest year first: the 2023 paper heads the list; 25 rows per page.
        await Expect(rows.First).ToContainTextAsync(DashboardServerFixture.HeatShockTitle);
        await Expect(rows).ToHaveCountAsync(25);
        await Expect(page.GetByText("1-25 of 32")).ToBeVisibleAsync();
        await Expect(rows.First).ToContainTextAsync("inferred");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task PapersPage_SearchByTitleOrDoiUrl_ShowsOnlyMatches()
    {
        var page = await browser.NewSignedInPageAsync(dashboard.Server.BaseUrl, TestUsers.Admin);
        await page.GotoInteractiveAsync("papers");
        var rows = page.Locator("tbody tr.mud-table-row");
        await Expect(rows).ToHaveCountAsync(25);

        var search = page.GetByLabel("Search title, DOI or model").First;
        await search.FillAsync("GLACIER");
        await Expect(rows).ToHaveCountAsync(1);
        await Expect(rows.First).ToContainTextAsync(DashboardServerFixture.GlacierTitle);

        await search.FillAsync("https://doi.org/10.1101/2023.05.18.541272");
        await Expect(rows).ToHaveCountAsync(1);
        await Expect(rows.First).ToContainTextAsync(DashboardServerFixture.HeatShockTitle);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task PaperPage_OpenedFromList_ShowsMetadataSectionsAndCaptions()
    {
        var page = await browser.NewSignedInPageAsync(dashboard.Server.BaseUrl, TestUsers.Admin);
        await page.GotoInteractiveAsync("papers");
        await page.GetByRole(AriaRole.Link, new() { Name = DashboardServerFixture.HeatShockTitle }).ClickAsync();

        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex($"/papers/{dashboard.HeatShockPaperId}$"));
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = DashboardServerFixture.HeatShockTitle, Level = 1 })).ToBeVisibleAsync();
        var sections = page.GetByTestId("paper-section");
        await Expect(sections).ToHaveCountAsync(3);
        await Expect(sections.Nth(2)).ToContainTextAsync("Strains were grown in LB medium");
        // Markdown in the section text is rendered, not shown as asterisks.
        await Expect(sections.First.Locator("strong")).ToHaveTextAsync("ATP-independent");
        await Expect(page.Locator("a[href^='https://doi.org/']")).ToHaveAttributeAsync("href", "https://doi.org/10.1101/2023.05.18.541272");
        await Expect(page.GetByText("Phylogeny of sHsp systems.")).ToBeVisibleAsync();
        await page.Context.CloseAsync();
    }
}
