using Microsoft.EntityFrameworkCore;
using PtmReuse.Core.Acquire;
using PtmReuse.Tests.Acquire;
using PtmReuse.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace PtmReuse.Tests.Dashboard.Browser;

/// <summary>The Acquire page in Chromium against the loopback OpenAlex fixture: count, start, watch, cancel, resume.</summary>
[Collection(DashboardCollection.Name)]
public sealed class AcquirePageTests(BrowserFixture browser)
{
    [Fact]
    public async Task Harvest_StartWatchCancelResumeThenFetch_CompletesWithEveryWorkOnce()
    {
        await using var fixture = await AcquireFixtureServer.StartAsync();
        fixture.Works.AddRange(AcquireFixtures.Synthetic(20));
        // Slow pages (4 of 5 works) so the browser sees the harvest running and can cancel it mid-way.
        fixture.WorksPageDelay = TimeSpan.FromMilliseconds(1000);
        var settings = fixture.Settings();
        settings["Acquire:PageSize"] = "5";
        await using var server = await DashboardServer.StartAsync(settings: settings);
        var page = await browser.NewSignedInPageAsync(server.BaseUrl, TestUsers.Reviewer);
        await page.GotoInteractiveAsync("acquire");

        await page.GetByTestId("count").ClickAsync();
        await Expect(page.GetByTestId("expected-count")).ToContainTextAsync("OpenAlex expects 20 works");

        await page.GetByTestId("start-harvest").ClickAsync();
        var progress = page.GetByTestId("harvest-progress");
        await Expect(progress).ToContainTextAsync("page 1 ·");
        await Expect(progress).ToContainTextAsync("/ 20 works");
        await page.GetByTestId("cancel-harvest").ClickAsync();

        var row = page.Locator("[data-testid=harvests] tr[data-harvest='1']");
        await Expect(row.GetByTestId("harvest-status")).ToHaveTextAsync("Cancelled");
        var stopped = await StoredAsync(server);
        Assert.InRange(stopped.WorksSeen, 5, 15);

        await row.GetByTestId("resume-harvest").ClickAsync();

        await Expect(row.GetByTestId("harvest-status")).ToHaveTextAsync("Completed", new() { Timeout = 30_000 });
        await Expect(row.GetByTestId("harvest-works")).ToHaveTextAsync("20");
        var done = await StoredAsync(server);
        Assert.Equal((20, 20, 4), (done.WorksSeen, done.ExpectedCount, done.Pages));
        await using (var db = await server.Factory.CreateDbContextAsync())
        {
            Assert.Equal(20, await db.Papers.Select(p => p.Doi).Distinct().CountAsync());
            Assert.Equal(20, await db.Papers.CountAsync());
        }

        // The fetch runs from the same page; these synthetic works have no full text anywhere, so each fails with its reason.
        await Expect(page.GetByTestId("fulltext-counts")).ToContainTextAsync("20 papers have metadata but no text");
        await page.GetByTestId("start-fetch").ClickAsync();
        await Expect(page.GetByTestId("fetch-message")).ToHaveTextAsync("Fetched 0 of 20 papers; 20 failed, 0 not open.", new() { Timeout = 30_000 });
        await Expect(page.GetByTestId("fulltext-counts")).ToContainTextAsync("Stored: 0 fetched, 20 failed, 0 not open.");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task AcquirePage_Viewer_IsNotAllowed()
    {
        await using var server = await DashboardServer.StartAsync();
        var page = await browser.NewSignedInPageAsync(server.BaseUrl, TestUsers.Viewer);

        await page.GotoAsync("acquire");

        await Expect(page.GetByTestId("start-harvest")).ToHaveCountAsync(0);
        await page.Context.CloseAsync();
    }

    private static async Task<Harvest> StoredAsync(DashboardServer server)
    {
        await using var db = await server.Factory.CreateDbContextAsync();
        return await db.Harvests.AsNoTracking().SingleAsync();
    }
}
