using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using PtmReuse.Core.Classification;
using PtmReuse.Core.Papers;
using PtmReuse.Core.Review;
using PtmReuse.Core.Storage;
using PtmReuse.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace PtmReuse.Tests.Dashboard.Browser;

/// <summary>A review session that keeps pace: progress and marks, readable keys, skip links, the undo stack, a phone layout.</summary>
[Collection(DashboardCollection.Name)]
public sealed class ReviewFlowPageTests(BrowserFixture browser)
{
    /// <summary>A prompt version with no break opportunity: it used to run over the paper text.</summary>
    private const string LongPromptVersion = "embedded-rules-v2026.12.07-calibrated-confidence-by-rule-and-section-without-any-spaces-at-all";

    private sealed record Seeded(long First, long Second, long Reuse);

    private static async Task<Seeded> SeedAsync(IDbContextFactory<PtmReuseDbContext> factory)
    {
        var ids = new List<long>();
        await using var db = await factory.CreateDbContextAsync();
        var run = new ClassificationRun { Backend = "embedded", Model = "rules", PromptVersion = LongPromptVersion, StartedAt = DateTime.UtcNow, Status = RunStatus.Completed };
        db.Runs.Add(run);
        await db.SaveChangesAsync();
        foreach (var (title, answer) in new (string, StageAnswer)[]
        {
            ("Plankton counted by a network", new UsesDlAnswer(true, null)),
            ("Soil carbon after drought", new UsesDlAnswer(false, null)),
            ("Leaves segmented with a U-Net", new PtmReuseAnswer([new PtmReuseItem("U-Net", "U-Net", "trained from scratch", ReusePattern.Deployment, null)])),
        })
        {
            var methods = string.Join(" ", Enumerable.Repeat($"{title}. We used a U-Net architecture trained on our images, see https://example.org/a/very/long/path/without/any/break/{new string('x', 80)}.", 12));
            var paper = new PaperBuilder(title).WithDoi("10.5555/flow" + ids.Count).InYear(2022).WithSection("Methods", SectionKind.Methods, methods).Build();
            db.Papers.Add(paper);
            await db.SaveChangesAsync();
            var decision = new MachineDecision
            {
                RunId = run.Id, PaperId = paper.Id, Stage = answer.Stage.WireName(), DecisionKey = Guid.NewGuid().ToString("N"),
                PromptHash = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08", Backend = "embedded", Model = "rules",
                ValueJson = StageJson.Serialize(answer), CreatedAt = DateTime.UtcNow,
            };
            db.Decisions.Add(decision);
            await db.SaveChangesAsync();
            ids.Add(decision.Id);
        }

        return new Seeded(ids[0], ids[1], ids[2]);
    }

    private static async Task AssertNoSidewaysScrollAsync(IPage page)
    {
        var widths = await page.EvaluateAsync<int[]>("() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]");
        var (scroll, client) = (widths[0], widths[1]);
        Assert.True(scroll <= client, $"{page.Url}: document is {scroll} px wide in a {client} px viewport");
    }

    /// <summary>Writes a screenshot for the README when PTMREUSE_SCREENSHOTS names a folder (off in CI).</summary>
    internal static async Task ScreenshotAsync(IPage page, string name, bool fullPage = false)
    {
        if (Environment.GetEnvironmentVariable("PTMREUSE_SCREENSHOTS") is { Length: > 0 } folder)
        {
            await page.ScreenshotAsync(new() { Path = Path.Combine(folder, name), FullPage = fullPage });
        }
    }

    [Fact]
    public async Task ReviewQueue_OneItemLabelled_ShowsProgressMarksReadableKeys_AndOneTabReachesTheFirstItem()
    {
        Seeded seeded = null!;
        await using var server = await DashboardServer.StartAsync(async factory => seeded = await SeedAsync(factory));
        await server.Services.GetRequiredService<LabellingService>()
            .ApplyAsync(TestUsers.Reviewer2, new LabelCommand(seeded.Second, LabelAction.Accept, 0), CancellationToken.None);
        var page = await browser.NewSignedInPageAsync(server.BaseUrl, TestUsers.Reviewer);
        await page.GotoInteractiveAsync("review?order=Paper");

        await Expect(page.GetByTestId("queue-progress")).ToHaveTextAsync("1 of 3 reviewed; 2 left in this filter");
        await Expect(page.Locator($"tr[data-decision='{seeded.Second}']")).ToHaveAttributeAsync("data-reviewed", "others");
        await Expect(page.Locator($"tr[data-decision='{seeded.Second}'] [data-testid=reviewed-mark]")).ToContainTextAsync("by others");
        await Expect(page.Locator($"tr[data-decision='{seeded.First}']")).ToHaveAttributeAsync("data-reviewed", "no");
        await Expect(page.Locator($"tr[data-decision='{seeded.Reuse}'] [data-testid=machine-says]")).ToHaveTextAsync("U-Net: deployment");

        // The heading has the focus when the page opens; one Tab reaches the skip link, Enter opens the first item.
        await Expect(page.Locator("h1")).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("Tab");
        await Expect(page.GetByTestId("skip-to-first-item")).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.Locator("[data-testid=review-panel]")).ToHaveAttributeAsync("data-decision", seeded.First.ToString());

        // The layout's skip link moves the focus past the app bar and the navigation.
        await page.GetByTestId("skip-to-content").FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.Locator("#main-content")).ToBeFocusedAsync();
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task ReviewPage_UndoAfterTheQueueMovedOn_ReturnsToEachEarlierItemAndRetiresItsLabel()
    {
        Seeded seeded = null!;
        await using var server = await DashboardServer.StartAsync(async factory => seeded = await SeedAsync(factory));
        var page = await browser.NewSignedInPageAsync(server.BaseUrl, TestUsers.Reviewer);
        var panel = page.Locator("[data-testid=review-panel]");
        await page.GotoInteractiveAsync($"review/{seeded.First}?order=Paper");
        await Expect(panel).ToHaveAttributeAsync("data-decision", seeded.First.ToString());

        await page.Keyboard.PressAsync("a");
        await Expect(panel).ToHaveAttributeAsync("data-decision", seeded.Second.ToString());
        await page.Keyboard.PressAsync("a");
        await Expect(panel).ToHaveAttributeAsync("data-decision", seeded.Reuse.ToString());

        await page.Keyboard.PressAsync("u");
        await Expect(panel).ToHaveAttributeAsync("data-decision", seeded.Second.ToString());
        await Expect(page.GetByTestId("review-message")).ToContainTextAsync("Undone: your accept on uses_dl");
        await page.Keyboard.PressAsync("u");
        await Expect(panel).ToHaveAttributeAsync("data-decision", seeded.First.ToString());

        await using var db = await server.Factory.CreateDbContextAsync();
        var standing = await db.HumanLabels.Where(l => !l.Retired && l.Action != LabelAction.Undo).CountAsync();
        Assert.Equal(0, standing);
        Assert.Equal(2, await db.HumanLabels.CountAsync(l => l.Action == LabelAction.Undo));
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task ReviewPage_Desktop_PromptHashLineWrapsInsideItsColumn()
    {
        Seeded seeded = null!;
        await using var server = await DashboardServer.StartAsync(async factory => seeded = await SeedAsync(factory));
        var page = await browser.NewSignedInPageAsync(server.BaseUrl, TestUsers.Reviewer);
        await page.GotoInteractiveAsync($"review/{seeded.Reuse}");

        var meta = page.GetByTestId("decision-meta");
        await Expect(meta).ToContainTextAsync(LongPromptVersion[..20]);
        var metaBox = (await meta.BoundingBoxAsync())!;
        var textBox = (await page.GetByTestId("paper-meta").BoundingBoxAsync())!;
        Assert.True(metaBox.X + metaBox.Width <= textBox.X, $"the decision's meta line ends at {metaBox.X + metaBox.Width} px, over the paper column at {textBox.X} px");
        Assert.True(await meta.EvaluateAsync<bool>("e => e.scrollWidth <= e.clientWidth"));
        await AssertNoSidewaysScrollAsync(page);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task ReviewPage_Phone390_ActionsAndDecisionStayOnScreen_NoSidewaysScroll()
    {
        Seeded seeded = null!;
        await using var server = await DashboardServer.StartAsync(async factory => seeded = await SeedAsync(factory));
        var context = await browser.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = server.BaseUrl,
            ViewportSize = new ViewportSize { Width = 390, Height = 844 },
            DeviceScaleFactor = 2,
            HasTouch = true,
        });
        context.SetDefaultTimeout(15_000);
        var page = await context.NewPageAsync();
        await page.SignInAsync(TestUsers.Reviewer);

        await page.GotoInteractiveAsync("review?order=Paper");
        await AssertNoSidewaysScrollAsync(page);

        foreach (var decision in new[] { seeded.Reuse, seeded.First })
        {
            await page.GotoInteractiveAsync($"review/{decision}?order=Paper");
            var accept = page.Locator("[data-action=accept]");
            await Expect(accept).ToBeVisibleAsync();
            await AssertNoSidewaysScrollAsync(page);
            if (decision == seeded.Reuse)
            {
                await ScreenshotAsync(page, "review-phone.png");
            }

            // Reading the paper at the bottom of the page: the decision and the actions are still in view.
            await page.EvaluateAsync("() => window.scrollTo(0, document.documentElement.scrollHeight)");
            foreach (var locator in new[] { accept, page.GetByTestId("bar-decision") })
            {
                var box = (await locator.BoundingBoxAsync())!;
                Assert.True(box.Y >= 0 && box.Y + box.Height <= 844 && box.X >= 0 && box.X + box.Width <= 390, $"{decision}: {box.X},{box.Y} {box.Width}×{box.Height} is off screen");
            }

            await Expect(page.GetByTestId("bar-decision")).ToContainTextAsync(decision == seeded.First ? "yes" : "U-Net");
            await AssertNoSidewaysScrollAsync(page);
        }

        await page.Keyboard.PressAsync("a");
        await Expect(page.Locator("[data-testid=review-panel]")).ToHaveAttributeAsync("data-decision", seeded.Second.ToString());
        await context.CloseAsync();
    }

    [Fact]
    public async Task IngestPage_AfterAnUpload_OffersToClassifyOnlyThosePapers()
    {
        long existing = 0;
        await using var server = await DashboardServer.StartAsync(async factory =>
        {
            await using var db = await factory.CreateDbContextAsync();
            var paper = new PaperBuilder("Already here before the upload").WithDoi("10.5555/before").InYear(2020).Build();
            db.Papers.Add(paper);
            await db.SaveChangesAsync();
            existing = paper.Id;
        });
        var page = await browser.NewSignedInPageAsync(server.BaseUrl, TestUsers.Reviewer);
        await page.GotoInteractiveAsync("ingest");

        await page.Locator("input[type=file]").SetInputFilesAsync(new[]
        {
            new FilePayload { Name = "one.md", MimeType = "text/markdown", Buffer = "# Plankton counted by a network\n\n## Methods\n\nWe counted plankton with a convolutional network.\n"u8.ToArray() },
            new FilePayload { Name = "two.md", MimeType = "text/markdown", Buffer = "# Soil carbon after drought\n\n## Methods\n\nWe measured soil carbon in 40 plots.\n"u8.ToArray() },
        });
        await Expect(page.GetByTestId("ingest-summary").First).ToContainTextAsync("2 added");
        var classify = page.GetByTestId("classify-batch").First;
        await Expect(classify).ToContainTextAsync("Classify these 2 papers");
        await classify.ClickAsync();

        await Expect(page).ToHaveURLAsync(new Regex(@"classify\?batch=\d+$"));
        await using var db = await server.Factory.CreateDbContextAsync();
        var uploaded = await db.Papers.Where(p => p.Id != existing).OrderBy(p => p.Id).Select(p => p.Id).ToListAsync();
        Assert.Equal(2, uploaded.Count);
        await Expect(page.Locator("input[data-testid=run-paper-ids], [data-testid=run-paper-ids] input").First).ToHaveValueAsync(string.Join(", ", uploaded));
        await Expect(page.GetByTestId("batch-note")).ToContainTextAsync("The 2 papers of ingest");
        await page.Context.CloseAsync();
    }
}
