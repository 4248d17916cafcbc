using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using PtmReuse.Core.Classification;
using PtmReuse.Core.Classification.Catalog;
using PtmReuse.Core.Classification.Runs;
using PtmReuse.Core.Papers;
using PtmReuse.Core.Storage;
using PtmReuse.Tests.Classification.Llm;
using PtmReuse.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace PtmReuse.Tests.Dashboard.Browser;

/// <summary>The catalog's proposed models end to end: an LLM run names a model the catalog lacks, a reviewer accepts it on /catalog.</summary>
[Collection(DashboardCollection.Name)]
public sealed class CatalogProposalsPageTests(BrowserFixture browser)
{
    private const string Title = "Calving fronts traced with a pre-trained network";
    private const string Unknown = "CalvingFrontNet";
    private const string Quote = "We fine-tuned the pre-trained CalvingFrontNet model on 300 labelled Sentinel-1 scenes.";

    /// <summary>The fake chat server's answers: the paper uses DL and reuses one PTM the catalog does not know.</summary>
    private static FakeReply Answer(ChatRequestSeen request) => FakeReply.Json(request.Stage switch
    {
        Stage.UsesDl or Stage.UsesPtms => $$"""{"result": true, "evidence": "{{Quote}}"}""",
        Stage.IdentifyPtms => $$"""{"models": [{"model": "{{Unknown}}", "canonical": null, "evidence": "{{Quote}}"}]}""",
        Stage.PtmReuse => $$"""{"items": [{"model": "{{Unknown}}", "canonical": null, "form": "fine-tuned", "pattern": "adaptation", "evidence": "{{Quote}}"}]}""",
        Stage.PtmImpact => $$"""{"items": [{"model": "{{Unknown}}", "canonical": null, "step": "Observation", "evidence": "{{Quote}}"}]}""",
        _ => "",
    });

    /// <summary>The paper's record as `ptmreuse export decisions` writes it (the CLI verb, in process, on the server's database file).</summary>
    private static async Task<JsonElement> ExportedPtmAsync(DashboardServer server)
    {
        var file = Path.Combine(server.Directory, $"decisions-{Guid.NewGuid():N}.jsonl");
        var (code, _, error) = await Cli.Cli.RunAsync("export", "decisions", "--db", Path.Combine(server.Directory, "dashboard.db"), "--out", file, "--format", "jsonl");
        Assert.True(code == 0, error);
        var record = (await File.ReadAllLinesAsync(file)).Select(line => JsonDocument.Parse(line).RootElement).Single(r => r.GetProperty("title").GetString() == Title);
        return Assert.Single(record.GetProperty("ptms").EnumerateArray());
    }

    [Fact]
    public async Task CatalogPage_RunProposesUnknownModel_ReviewerAcceptsIt_ExportCarriesItsCanonicalName()
    {
        await using var chat = await FakeChatServer.StartAsync();
        chat.Responder = Answer;
        await using var server = await DashboardServer.StartAsync(
            async factory =>
            {
                await using var db = await factory.CreateDbContextAsync();
                db.Papers.Add(new PaperBuilder(Title).WithDoi("10.5555/calving").InYear(2023)
                    .WithSection("Methods", SectionKind.Methods, Quote + " The network traced calving fronts in every scene.").Build());
                await db.SaveChangesAsync();
            },
            settings: LlmTestSetup.BackendSettings("fake", chat.Endpoint));
        var run = await server.Services.GetRequiredService<ClassificationRunner>()
            .RunAsync(new RunRequest("fake", null, RunRequest.AllStages, PaperSelection.All), null, CancellationToken.None);
        Assert.Equal(RunStatus.Completed, run.Status);
        // Before: the run's name has no canonical model.
        Assert.Equal(JsonValueKind.Null, (await ExportedPtmAsync(server)).GetProperty("canonical").ValueKind);

        // A viewer sees the proposal but cannot decide on it.
        var viewer = await browser.NewSignedInPageAsync(server.BaseUrl, TestUsers.Viewer);
        await viewer.GotoInteractiveAsync("catalog");
        var viewerRow = viewer.Locator($"[data-proposal='{PtmCatalog.NormalizeKey(Unknown)}']");
        await Expect(viewerRow).ToContainTextAsync(Unknown);
        await Expect(viewerRow.Locator("[data-action=accept-open]")).ToBeDisabledAsync();
        await Expect(viewer.GetByTestId("proposals-readonly")).ToBeVisibleAsync();

        var page = await browser.NewSignedInPageAsync(server.BaseUrl, TestUsers.Reviewer);
        await page.GotoInteractiveAsync("catalog");
        var row = page.Locator($"[data-proposal='{PtmCatalog.NormalizeKey(Unknown)}']");
        await Expect(row).ToContainTextAsync(Unknown);
        await Expect(row.GetByTestId("proposal-papers")).ToHaveTextAsync("1");
        await Expect(row).ToContainTextAsync(Quote);
        await Expect(row.Locator("a[href^='papers/']")).ToHaveTextAsync(Title);
        await ReviewFlowPageTests.ScreenshotAsync(page, "catalog-proposals.png");

        await row.Locator("[data-action=accept-open]").ClickAsync();
        var editor = page.GetByTestId("proposal-editor");
        await editor.Locator("input[data-testid=new-family], [data-testid=new-family] input").FillAsync("U-Net");
        await page.Keyboard.PressAsync("Tab");
        await editor.Locator("input[data-testid=new-modality], [data-testid=new-modality] input").FillAsync("remote sensing");
        await page.Keyboard.PressAsync("Tab");
        await editor.Locator("[data-action=accept]").ClickAsync();

        await Expect(page.GetByTestId("proposal-message")).ToContainTextAsync($"Accepted: '{Unknown}' is a new catalog model");
        await Expect(page.Locator($"[data-proposal='{PtmCatalog.NormalizeKey(Unknown)}']")).ToHaveCountAsync(0);
        await Expect(page.GetByTestId("decided-proposals")).ToContainTextAsync(TestUsers.Reviewer);
        var entry = server.Services.GetRequiredService<PtmCatalogStore>().Current.Find(Unknown);
        Assert.NotNull(entry);
        Assert.Equal(PtmKind.TrainedModel, entry.Kind);

        // The paper's export now names the model by its canonical name, without classifying again.
        var ptm = await ExportedPtmAsync(server);
        Assert.Equal((Unknown, Unknown), (ptm.GetProperty("name").GetString(), ptm.GetProperty("canonical").GetString()));
        await using (var db = await server.Factory.CreateDbContextAsync())
        {
            Assert.Equal(1, await db.Runs.CountAsync());
        }

        // The catalog table counts the paper for the new model and links to the papers list filtered by it.
        await page.GotoInteractiveAsync("catalog");
        await page.Locator("input[data-testid=catalog-search]").FillAsync(Unknown);
        var link = page.Locator("[data-testid=catalog-table] tbody tr", new() { HasText = Unknown }).GetByTestId("model-papers").Locator("a");
        await Expect(link).ToHaveTextAsync("1");
        await Expect(link).ToHaveAttributeAsync("href", $"papers?model={Unknown}");
    }
}
