using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using PtmReuse.Core.Classification;
using PtmReuse.Core.Ingest;
using PtmReuse.Core.Papers;
using PtmReuse.Core.Storage;
using PtmReuse.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace PtmReuse.Tests.Dashboard.Browser;

/// <summary>The overview's counts with shares, empty years and its ingest card; the papers list's columns and density.</summary>
[Collection(DashboardCollection.Name)]
public sealed class OverviewAndPapersPageTests(BrowserFixture browser)
{
    /// <summary>Four papers in 2018 and 2021 (none in 2019–2020): three use DL, one of them reuses a PTM; a long-named ingest batch.</summary>
    private static async Task SeedAsync(IDbContextFactory<PtmReuseDbContext> factory)
    {
        await using var db = await factory.CreateDbContextAsync();
        var run = new ClassificationRun { Backend = "embedded", Model = "rules", PromptVersion = "v1", StartedAt = DateTime.UtcNow, Status = RunStatus.Completed };
        db.Runs.Add(run);
        db.IngestBatches.Add(new IngestBatch
        {
            Inputs = string.Join(", ", Enumerable.Range(1, 12).Select(i => $"a-rather-long-upload-file-name-number-{i}.xml")), Origin = "upload",
            StartedAt = DateTime.UtcNow, FinishedAt = DateTime.UtcNow, Status = IngestBatchStatus.Completed, Added = 4,
        });
        await db.SaveChangesAsync();
        foreach (var (title, year, dl, ptms) in new[] { ("A", 2018, true, true), ("B", 2018, true, false), ("C", 2021, true, false), ("D", 2021, false, false) })
        {
            var paper = new PaperBuilder($"Paper {title}").WithDoi($"10.5555/overview-{title}").InYear(year).InJournal("A Journal With A Long Name For Science")
                .WithSection("Methods", SectionKind.Methods, "Methods text.").Build();
            db.Papers.Add(paper);
            await db.SaveChangesAsync();
            var answers = new List<StageAnswer> { new UsesDlAnswer(dl, null) };
            if (dl)
            {
                answers.Add(new UsesPtmsAnswer(ptms, null));
            }

            foreach (var answer in answers)
            {
                db.Decisions.Add(new MachineDecision
                {
                    RunId = run.Id, PaperId = paper.Id, Stage = answer.Stage.WireName(), DecisionKey = Guid.NewGuid().ToString("N"), PromptHash = "h",
                    Backend = "embedded", Model = "rules", ValueJson = StageJson.Serialize(answer), CreatedAt = DateTime.UtcNow,
                });
            }

            await db.SaveChangesAsync();
        }
    }

    [Fact]
    public async Task Overview_ShowsDlAndPtmCountsWithShares_EmptyYears_AndTheIngestTableFitsItsCard()
    {
        await using var server = await DashboardServer.StartAsync(SeedAsync);
        var page = await browser.NewSignedInPageAsync(server.BaseUrl, TestUsers.Viewer);
        await page.GotoInteractiveAsync("");

        // 3 of 4 classified papers use DL (75%), 1 of 4 reuses PTMs (25%).
        await Expect(page.GetByTestId("uses-dl-count")).ToHaveTextAsync("3");
        await Expect(page.GetByTestId("uses-dl-share")).ToHaveTextAsync("(75%)");
        await Expect(page.GetByTestId("uses-ptms-count")).ToHaveTextAsync("1");
        await Expect(page.GetByTestId("uses-ptms-share")).ToHaveTextAsync("(25%)");
        await Expect(page.GetByTestId("share-uses-ptms")).ToContainTextAsync("33% of those using deep learning");

        var years = page.GetByTestId("papers-by-year");
        await Expect(years.Locator("[data-year]")).ToHaveCountAsync(4);
        await Expect(years.Locator("[data-year='2019']")).ToHaveClassAsync(new System.Text.RegularExpressions.Regex(@"\byear-empty\b"));
        await Expect(years.Locator("[data-year='2020']")).ToContainTextAsync("–");

        var card = page.GetByTestId("latest-ingests");
        await Expect(card.GetByTestId("ingest-history")).ToBeVisibleAsync();
        Assert.True(await card.EvaluateAsync<bool>("e => e.scrollWidth <= e.clientWidth"), "the ingest table is wider than its card");

        await page.GetByTestId("uses-dl-count").ClickAsync();
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex(@"papers\?uses_dl=yes$"));
        await Expect(page.Locator("tbody tr.mud-table-row")).ToHaveCountAsync(3);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task PapersPage_ColumnsChosenAndCompactRows_TableFitsTheWindow()
    {
        await using var server = await DashboardServer.StartAsync(SeedAsync);
        var page = await browser.NewSignedInPageAsync(server.BaseUrl, TestUsers.Viewer);
        await page.GotoInteractiveAsync("papers");
        var rows = page.Locator("tbody tr.mud-table-row");
        await Expect(rows).ToHaveCountAsync(4);

        // Journal and section count start hidden; the label columns are shown.
        var headers = page.Locator("[data-testid=papers-table] thead th");
        await Expect(headers).Not.ToContainTextAsync(["Journal"]);
        await Expect(page.Locator("[data-testid=papers-table] thead")).ToContainTextAsync("Reuses PTMs");
        var scroll = await page.EvaluateAsync<int[]>("() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]");
        Assert.True(scroll[0] <= scroll[1], $"the papers page is {scroll[0]} px wide in {scroll[1]} px");

        await page.GetByTestId("papers-columns").GetByRole(AriaRole.Checkbox, new() { Name = "Journal" }).CheckAsync();
        await Expect(page.Locator("[data-testid=papers-table] thead")).ToContainTextAsync("Journal");
        await Expect(rows.First).ToContainTextAsync("A Journal With A Long Name For Science");

        var before = (await rows.First.BoundingBoxAsync())!.Height;
        await page.GetByTestId("papers-columns").GetByRole(AriaRole.Switch, new() { Name = "Compact rows" }).Or(
            page.GetByTestId("papers-columns").GetByRole(AriaRole.Checkbox, new() { Name = "Compact rows" })).First.CheckAsync();
        await Expect(page.GetByTestId("papers-table")).ToHaveClassAsync(new System.Text.RegularExpressions.Regex(@"\bpapers-compact\b"));
        var after = (await rows.First.BoundingBoxAsync())!.Height;
        Assert.True(after < before, $"compact rows are {after} px high, normal ones {before} px");
        await page.Context.CloseAsync();
    }
}
