using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using PtmReuse.Core.Classification;
using PtmReuse.Core.Papers;
using PtmReuse.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace PtmReuse.Tests.Dashboard.Analytics;

/// <summary>A dashboard seeded like the demo: papers in two fields over several years, classified, some reusing PTMs.</summary>
public sealed class AnalyticsServerFixture : IAsyncLifetime
{
    public DashboardServer Server { get; private set; } = default!;

    public async Task InitializeAsync() => Server = await StartAsync();

    /// <summary>A server seeded like this fixture's, with configuration overrides (for tests that need their own).</summary>
    public static Task<DashboardServer> StartAsync(IDictionary<string, string?>? settings = null) =>
        DashboardServer.StartAsync(settings: settings, seed: async factory =>
        {
            await using var db = await factory.CreateDbContextAsync();
            var run = new ClassificationRun { Backend = "embedded", Model = "rules", StartedAt = DateTime.UtcNow, Status = RunStatus.Completed };
            db.Runs.Add(run);
            for (var i = 0; i < 12; i++)
            {
                var paper = new PaperBuilder($"Analytics demo paper {i:D2}")
                    .WithDoi($"10.5555/analytics.{i:D2}").InYear(2018 + (i % 6)).InJournal(i % 2 == 0 ? "PLOS ONE" : "PLOS Biology")
                    .InField(i % 3 == 0 ? "Neuroscience" : "Biochemistry, Genetics and Molecular Biology")
                    .WithSection("Methods", SectionKind.Methods, "We fine-tuned a pre-trained AlexNet.").Build();
                db.Papers.Add(paper);
                await db.SaveChangesAsync();
                var evidence = new Evidence("We fine-tuned a pre-trained AlexNet.", 0, 36, true);
                var answers = new List<StageAnswer> { new UsesDlAnswer(i < 9, evidence) };
                if (i < 9)
                {
                    answers.Add(new UsesPtmsAnswer(i < 6, evidence));
                }

                if (i < 6)
                {
                    answers.Add(new IdentifyPtmsAnswer([new PtmMention("AlexNet", "AlexNet", evidence)]));
                    answers.Add(new PtmReuseAnswer([new PtmReuseItem("AlexNet", "AlexNet", "weights", ReusePattern.Adaptation, evidence)]));
                    answers.Add(new PtmImpactAnswer([new PtmImpactItem("AlexNet", "AlexNet", ScienceStep.Test, evidence)]));
                }

                db.Decisions.AddRange(answers.Select(a => new MachineDecision
                {
                    RunId = run.Id, PaperId = paper.Id, Stage = a.Stage.WireName(), DecisionKey = Guid.NewGuid().ToString("N"),
                    Backend = "embedded", Model = "rules", ValueJson = StageJson.Serialize(a), EvidenceGrounded = true, CreatedAt = DateTime.UtcNow,
                }));
                await db.SaveChangesAsync();
            }
        });

    public async Task DisposeAsync()
    {
        if (Server is not null)
        {
            await Server.DisposeAsync();
        }
    }
}

[CollectionDefinition(Name)]
public sealed class AnalyticsDashboardCollection : ICollectionFixture<BrowserFixture>, ICollectionFixture<AnalyticsServerFixture>
{
    public const string Name = "Analytics pages in a browser";
}

[Collection(AnalyticsDashboardCollection.Name)]
public sealed class AnalyticsPagesTests(BrowserFixture browser, AnalyticsServerFixture dashboard)
{
    [Fact]
    public async Task TrendsPage_Opened_DrawsAPlotlyChartWithNonEmptyTraces()
    {
        var page = await browser.NewSignedInPageAsync(dashboard.Server.BaseUrl, TestUsers.Viewer);
        await page.GotoInteractiveAsync("trends");

        // The adoption chart (PTM reuse per field and year) is a Plotly plot whose traces carry the counts.
        await page.WaitForConditionAsync("""
            () => {
              const chart = document.getElementById('chart-adoption-ptms');
              return !!chart && Array.isArray(chart.data) && chart.data.length > 0
                && chart.data.some(trace => Array.isArray(trace.y) && trace.y.some(v => v > 0));
            }
            """);
        var traces = await page.EvaluateAsync<string[]>("() => document.getElementById('chart-adoption-ptms').data.map(t => t.name)");
        Assert.Contains("Biochemistry, Genetics and Molecular Biology", traces);
        Assert.Contains("Neuroscience", traces);
        await Expect(page.GetByTestId("card-adoption-ptms").GetByTestId("caption")).ToContainTextAsync("primary field only");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task TrendsPage_ChartExportButton_DeliversTheFigureAsSvg()
    {
        var page = await browser.NewSignedInPageAsync(dashboard.Server.BaseUrl, TestUsers.Viewer);
        await page.GotoInteractiveAsync("trends");

        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByTestId("export-adoption-ptms-svg").ClickAsync());

        Assert.Equal("adoption-ptms.svg", download.SuggestedFilename);
        var path = await download.PathAsync();
        var svg = System.Xml.Linq.XDocument.Load(path);
        // The exported figure carries the same series the chart draws.
        Assert.Contains("Biochemistry, Genetics and Molecular Biology", svg.ToString(), StringComparison.Ordinal);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task TrendsPage_PointOpened_ListsItsPapersWithReviewAndPaperLinks()
    {
        var page = await browser.NewSignedInPageAsync(dashboard.Server.BaseUrl, TestUsers.Viewer);
        await page.GotoInteractiveAsync("trends");
        var card = page.GetByTestId("card-adoption-ptms");
        await card.GetByTestId("toggle-data").ClickAsync();

        await card.GetByTestId("drill").First.ClickAsync();

        var papers = card.GetByTestId("drill-paper");
        await Expect(papers.First).ToBeVisibleAsync();
        await Expect(papers.First.GetByRole(AriaRole.Link).First).ToHaveAttributeAsync("href", new System.Text.RegularExpressions.Regex("^papers/\\d+$"));
        await Expect(papers.First.GetByRole(AriaRole.Link, new() { NameRegex = new("review decision") })).ToHaveAttributeAsync("href", new System.Text.RegularExpressions.Regex("^review/\\d+$"));
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task TrendsPage_FilterChanged_KeepsTheViewInTheAddress()
    {
        var page = await browser.NewSignedInPageAsync(dashboard.Server.BaseUrl, TestUsers.Viewer);
        await page.GotoInteractiveAsync("trends?basis=machine&share=1");

        await Expect(page.GetByTestId("card-adoption-ptms-share").GetByTestId("caption")).ToContainTextAsync("machine decisions only");
        await page.GetByLabel("Log scale").CheckAsync();
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("log=1"));
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("basis=machine"));
        await page.Context.CloseAsync();
    }

    [Theory]
    [InlineData("patterns", "card-patterns-overall")]
    [InlineData("impact", "card-steps-overall")]
    [InlineData("models", "card-models-top")]
    public async Task AnalyticsPage_Opened_ShowsItsCharts(string path, string card)
    {
        var page = await browser.NewSignedInPageAsync(dashboard.Server.BaseUrl, TestUsers.Viewer);
        await page.GotoInteractiveAsync(path);

        await Expect(page.GetByTestId(card)).ToBeVisibleAsync();
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task SummaryPage_Opened_ShowsHeadlinesBesideThePublishedOnes()
    {
        var page = await browser.NewSignedInPageAsync(dashboard.Server.BaseUrl, TestUsers.Viewer);
        await page.GotoInteractiveAsync("summary");

        var table = page.GetByTestId("headlines");
        await Expect(table).ToContainTextAsync("17511");
        await Expect(table.Locator("tr", new() { HasTextString = "Papers reusing PTMs" })).ToContainTextAsync("6"); // papers 00–05
        await page.Context.CloseAsync();
    }
}
