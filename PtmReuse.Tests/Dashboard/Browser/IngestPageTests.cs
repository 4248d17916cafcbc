using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using PtmReuse.Dashboard.Ingest;
using PtmReuse.Tests.Infrastructure;
using PtmReuse.Tests.Ingest;
using static Microsoft.Playwright.Assertions;

namespace PtmReuse.Tests.Dashboard.Browser;

/// <summary>These tests change the store, so each starts its own server instead of the collection's shared one.</summary>
[Collection(DashboardCollection.Name)]
public sealed class IngestPageTests(BrowserFixture browser)
{
    [Fact]
    public async Task Upload_JatsFile_IsIngestedAndFoundOnPapersPage()
    {
        // A small PLOS file that is neither in the demo set nor in other fixtures; title from MANIFEST.csv.
        var row = ManifestRow.Load().Single(r => r.Path == "plos/journal.pbio.0030408.xml");
        await using var server = await DashboardServer.StartAsync();
        var page = await browser.NewSignedInPageAsync(server.BaseUrl, TestUsers.Admin);
        await page.GotoInteractiveAsync("ingest");

        await page.Locator("input[type=file]").SetInputFilesAsync(row.FullPath);

        await Expect(page.GetByTestId("ingest-summary").First).ToContainTextAsync("1 added");
        await Expect(page.GetByTestId("ingest-history")).ToContainTextAsync("upload");

        await page.GotoInteractiveAsync("papers?q=" + Uri.EscapeDataString("Fingers More Sensitive"));
        var rows = page.Locator("tbody tr.mud-table-row");
        await Expect(rows).ToHaveCountAsync(1);
        await Expect(rows.First).ToContainTextAsync(row.Title);
        await Expect(rows.First).ToContainTextAsync(row.Doi!);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Upload_EmptyFile_ShowsItsErrorInBatchAndStoredErrorTables()
    {
        await using var server = await DashboardServer.StartAsync();
        var page = await browser.NewSignedInPageAsync(server.BaseUrl, TestUsers.Admin);
        await page.GotoInteractiveAsync("ingest");

        await page.Locator("input[type=file]").SetInputFilesAsync(new FilePayload { Name = "empty-paper.xml", MimeType = "application/xml", Buffer = [] });

        await Expect(page.GetByTestId("ingest-summary").First).ToContainTextAsync("1 failed");
        await Expect(page.GetByTestId("batch-errors")).ToContainTextAsync("empty-paper.xml");
        await Expect(page.GetByTestId("stored-errors")).ToContainTextAsync("empty-paper.xml");
        // Errors name the file as the user uploaded it, not the server's temporary copy.
        await using (var errors = await server.Factory.CreateDbContextAsync())
        {
            Assert.Equal("empty-paper.xml", Assert.Single(await errors.IngestErrors.ToListAsync()).File);
        }

        await using var db = await server.Factory.CreateDbContextAsync();
        Assert.Equal(0, await db.Papers.CountAsync());
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task FirstRun_EmptyDatabase_IngestsEveryBundledDemoPaper()
    {
        var demoFolder = Path.Combine(TestPaths.RepositoryRoot, "demo", "papers");
        var bundled = Directory.GetFiles(demoFolder).Length;
        await using var server = await DashboardServer.StartAsync(settings: new Dictionary<string, string?>
        {
            ["Demo:SeedOnFirstRun"] = "true",
            ["Demo:Folder"] = demoFolder,
        });
        var seeder = server.Services.GetRequiredService<DemoSeeder>();
        Assert.NotNull(seeder.Job);
        using (var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90)))
        {
            await server.Services.GetRequiredService<IngestJobQueue>().WaitAsync(seeder.Job, timeout.Token);
        }

        Assert.Equal(IngestJobStatus.Completed, seeder.Job.Status);
        await using (var db = await server.Factory.CreateDbContextAsync())
        {
            Assert.Empty(await db.IngestErrors.Select(e => e.File + ": " + e.Reason).ToListAsync());
            Assert.Equal(bundled, await db.Papers.CountAsync());
        }

        var page = await browser.NewSignedInPageAsync(server.BaseUrl, TestUsers.Admin);
        await page.GotoInteractiveAsync("");
        await Expect(page.GetByTestId("paper-count")).ToHaveTextAsync(bundled.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await page.Context.CloseAsync();

        // Then the seeded papers are classified by the embedded backend: every paper gets a uses_dl decision.
        var runId = await seeder.Classification.WaitAsync(TimeSpan.FromSeconds(60));
        Assert.NotNull(runId);
        var coordinator = server.Services.GetRequiredService<PtmReuse.Core.Classification.Runs.ClassificationRunCoordinator>();
        for (var waited = 0; coordinator.IsActive(runId.Value) && waited < 600; waited++)
        {
            await Task.Delay(100);
        }

        await using var read = await server.Factory.CreateDbContextAsync();
        var run = await read.Runs.SingleAsync(r => r.Id == runId);
        Assert.Equal(PtmReuse.Core.Classification.RunStatus.Completed, run.Status);
        Assert.Equal(bundled, await read.Decisions.Where(d => d.RunId == runId && d.Stage == "uses_dl").Select(d => d.PaperId).Distinct().CountAsync());
        Assert.True(await read.Decisions.AnyAsync(d => d.RunId == runId && d.Stage == "identify_ptms"), "the demo set includes papers that reuse PTMs");
    }
}
