using Microsoft.Playwright;
using PtmReuse.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace PtmReuse.Tests.Dashboard.Browser;

[Collection(DashboardCollection.Name)]
public sealed class AccountPageTests(BrowserFixture browser, DashboardServerFixture dashboard)
{
    [Fact]
    public async Task Reviewer_SignsIn_SeesOwnNameWithoutAdminNavigation_AndSignsOut()
    {
        var page = await browser.NewPageAsync(dashboard.Server.BaseUrl);
        await page.GotoAsync("papers");
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/account/login\\?ReturnUrl=%2Fpapers$"));

        await page.SignInAsync(TestUsers.Reviewer);
        await page.GotoInteractiveAsync("");

        await Expect(page.GetByTestId("signed-in-user")).ToHaveTextAsync(TestUsers.Reviewer);
        var nav = page.GetByRole(AriaRole.Navigation, new() { Name = "Main navigation" });
        await Expect(nav.GetByRole(AriaRole.Link, new() { Name = "Ingest", Exact = true })).ToBeVisibleAsync();
        await Expect(nav.GetByRole(AriaRole.Link, new() { Name = "Users", Exact = true })).ToHaveCountAsync(0);

        await page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/account/login$"));
        await page.GotoAsync("papers");
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/account/login\\?ReturnUrl="));
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Viewer_SeesBrowsingPagesOnly()
    {
        var page = await browser.NewSignedInPageAsync(dashboard.Server.BaseUrl, TestUsers.Viewer);
        await page.GotoInteractiveAsync("");

        var nav = page.GetByRole(AriaRole.Navigation, new() { Name = "Main navigation" });
        await Expect(nav.GetByRole(AriaRole.Link, new() { Name = "Papers", Exact = true })).ToBeVisibleAsync();
        foreach (var hidden in new[] { "Ingest", "Classify", "Users" })
        {
            await Expect(nav.GetByRole(AriaRole.Link, new() { Name = hidden, Exact = true })).ToHaveCountAsync(0);
        }

        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Admin_AddsAUserOnTheUsersPage_WhoCanThenSignIn()
    {
        var page = await browser.NewSignedInPageAsync(dashboard.Server.BaseUrl, TestUsers.Admin);
        await page.GotoInteractiveAsync("account/users");

        await page.GetByTestId("new-user-name").FillAsync("carol");
        await page.GetByTestId("new-user-password").FillAsync("carol-initial-password");
        await page.GetByTestId("add-user").ClickAsync();

        await Expect(page.GetByTestId("users-table")).ToContainTextAsync("carol");
        var carol = await browser.NewPageAsync(dashboard.Server.BaseUrl);
        await carol.SignInAsync("carol", "carol-initial-password");
        await carol.GotoInteractiveAsync("");
        await Expect(carol.GetByTestId("signed-in-user")).ToHaveTextAsync("carol");
        await page.Context.CloseAsync();
        await carol.Context.CloseAsync();
    }
}
