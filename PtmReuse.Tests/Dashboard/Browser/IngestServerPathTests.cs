using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using PtmReuse.Core.Ingest;
using PtmReuse.Tests.Infrastructure;
using PtmReuse.Tests.Ingest;
using static Microsoft.Playwright.Assertions;

namespace PtmReuse.Tests.Dashboard.Browser;

/// <summary>
/// Issue 11, findings 5 and 6 on the /ingest page: the server-path box is for admins and reads only under the allowed
/// folders (default: the data folder's inbox); a batch left running by a killed process shows as Interrupted with Resume.
/// </summary>
[Collection(DashboardCollection.Name)]
public sealed class IngestServerPathTests(BrowserFixture browser)
{
    [Fact]
    public async Task ServerPath_AdminOnlyAndOnlyUnderTheInbox()
    {
        await using var server = await DashboardServer.StartAsync();
        var inbox = Path.Combine(server.Directory, "inbox");
        IngestTestKit.CopyCorpus(Path.Combine(inbox, "drop"), "plos/journal.pbio.0020188.xml");
        var secret = Path.Combine(server.Directory, "secrets.txt");
        await File.WriteAllTextAsync(secret, "API_KEY=do-not-read");

        var reviewer = await browser.NewSignedInPageAsync(server.BaseUrl, TestUsers.Reviewer);
        await reviewer.GotoInteractiveAsync("ingest");
        await Expect(reviewer.GetByRole(AriaRole.Heading, new() { Name = "Upload files or a .zip" })).ToBeVisibleAsync();
        await Expect(reviewer.GetByTestId("server-path")).ToHaveCountAsync(0);
        await reviewer.Context.CloseAsync();

        var admin = await browser.NewSignedInPageAsync(server.BaseUrl, TestUsers.Admin);
        await admin.GotoInteractiveAsync("ingest");
        var box = admin.GetByTestId("server-path");
        await Expect(box).ToContainTextAsync(inbox);
        var field = box.GetByLabel("Path on the server");
        await field.FillAsync(secret);
        await field.BlurAsync();
        await box.GetByRole(AriaRole.Button, new() { Name = "Ingest path" }).ClickAsync();
        await Expect(box).ToContainTextAsync("outside the folders the dashboard may ingest from");

        await field.FillAsync(Path.Combine(inbox, "drop"));
        await field.BlurAsync();
        await box.GetByRole(AriaRole.Button, new() { Name = "Ingest path" }).ClickAsync();
        await Expect(admin.GetByTestId("ingest-summary").First).ToContainTextAsync("1 added");
        await using (var db = await server.Factory.CreateDbContextAsync())
        {
            Assert.Equal(["10.1371/journal.pbio.0020188"], await db.Papers.Select(p => p.Doi).ToListAsync());
            Assert.False(await db.Sections.AnyAsync(s => s.Text.Contains("API_KEY")));
        }

        await admin.Context.CloseAsync();
    }

    [Fact]
    public async Task History_BatchLeftRunningByADeadProcess_ShowsInterruptedAndResumes()
    {
        string? inbox = null;
        await using var server = await DashboardServer.StartAsync(async factory =>
        {
            // As a killed process leaves it: marked running, nobody holding its lease, nothing stored yet.
            await using var db = await factory.CreateDbContextAsync();
            var folder = Path.Combine(Path.GetDirectoryName(db.Database.GetDbConnection().DataSource)!, "inbox", "drop");
            inbox = folder;
            db.IngestBatches.Add(new IngestBatch
            {
                Inputs = folder, Origin = "dashboard", StartedAt = DateTime.UtcNow, Status = IngestBatchStatus.Running,
                InputsJson = StoredInputs.Write([IngestInput.FromPath(folder) with { AllowedRoots = [] }]),
            });
            await db.SaveChangesAsync();
        });
        IngestTestKit.CopyCorpus(inbox!, "plos/journal.pbio.0020188.xml", "plos/journal.pbio.0020334.xml");

        var page = await browser.NewSignedInPageAsync(server.BaseUrl, TestUsers.Admin);
        await page.GotoInteractiveAsync("ingest");
        var history = page.GetByTestId("ingest-history");
        await Expect(history).ToContainTextAsync("Interrupted");
        await history.GetByTestId("resume-batch").ClickAsync();

        await Expect(page.GetByTestId("ingest-summary").First).ToContainTextAsync("2 added");
        await Expect(history).ToContainTextAsync("Completed");
        await using var read = await server.Factory.CreateDbContextAsync();
        var batch = await read.IngestBatches.SingleAsync();
        Assert.Equal((IngestBatchStatus.Completed, 2), (batch.Status, batch.Added));
        await page.Context.CloseAsync();
    }
}
