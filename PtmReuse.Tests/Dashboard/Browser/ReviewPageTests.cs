using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using PtmReuse.Core.Classification;
using PtmReuse.Core.Papers;
using PtmReuse.Core.Review;
using PtmReuse.Core.Storage;
using PtmReuse.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace PtmReuse.Tests.Dashboard.Browser;

/// <summary>Reviewing with the keyboard in a real browser, and who may label. A server of its own: these tests write labels.</summary>
[Collection(DashboardCollection.Name)]
public sealed class ReviewPageTests(BrowserFixture browser)
{
    private sealed record Seeded(long First, long Second, long Reuse);

    private static async Task<Seeded> SeedAsync(IDbContextFactory<PtmReuseDbContext> factory)
    {
        var ids = new List<long>();
        await using var db = await factory.CreateDbContextAsync();
        var run = new ClassificationRun { Backend = "embedded", Model = "rules", PromptVersion = "v1", StartedAt = DateTime.UtcNow, Status = RunStatus.Completed };
        db.Runs.Add(run);
        await db.SaveChangesAsync();
        foreach (var (title, answer) in new (string, StageAnswer)[]
        {
            ("Plankton counted by a network", new UsesDlAnswer(true, null)),
            ("Soil carbon after drought", new UsesDlAnswer(false, null)),
            ("Leaves segmented with a U-Net", new PtmReuseAnswer([new PtmReuseItem("U-Net", "U-Net", "trained from scratch", ReusePattern.Deployment, null)])),
        })
        {
            var paper = new PaperBuilder(title).WithDoi("10.5555/" + ids.Count).InYear(2022)
                .WithSection("Methods", SectionKind.Methods, $"{title}. We used a U-Net architecture trained on our images.").Build();
            db.Papers.Add(paper);
            await db.SaveChangesAsync();
            var decision = new MachineDecision
            {
                RunId = run.Id, PaperId = paper.Id, Stage = answer.Stage.WireName(), DecisionKey = Guid.NewGuid().ToString("N"), PromptHash = "h",
                Backend = "embedded", Model = "rules", ValueJson = StageJson.Serialize(answer), CreatedAt = DateTime.UtcNow,
            };
            db.Decisions.Add(decision);
            await db.SaveChangesAsync();
            ids.Add(decision.Id);
        }

        return new Seeded(ids[0], ids[1], ids[2]);
    }

    private static async Task<List<(long? DecisionId, string Reviewer, LabelAction Action, string Value)>> LabelsAsync(DashboardServer server)
    {
        await using var db = await server.Factory.CreateDbContextAsync();
        return (await db.HumanLabels.OrderBy(l => l.Id).ToListAsync())
            .Select(l => (l.DecisionId, l.Reviewer, l.Action, AnswerKeys.For(StageJson.Deserialize(l.ValueJson)) ?? "")).ToList();
    }

    /// <summary>Opens /agreement on a stage's tab and waits for that stage's report (the panel only renders the active tab).</summary>
    private static async Task<ILocator> AgreementTabAsync(IPage page, string tabTitle)
    {
        await page.GotoInteractiveAsync("agreement");
        var tab = page.GetByRole(AriaRole.Tab, new() { Name = tabTitle, Exact = true });
        await tab.ClickAsync();
        // The header turns active in the same render that swaps the panel, so what follows is the new stage's report.
        await Expect(tab).ToHaveClassAsync(new System.Text.RegularExpressions.Regex(@"\bmud-tab-active\b"));
        var machine = page.GetByTestId("machine-vs-human");
        await Expect(machine).ToBeVisibleAsync();
        return machine;
    }

    /// <summary>
    /// The issue's end-to-end flow: the Agreement page before, three decisions reviewed with the keyboard only (two
    /// accepted, one corrected by changing a pattern), the Agreement page after with hand-computed numbers; a viewer cannot label.
    /// </summary>
    [Fact]
    public async Task ReviewPage_ReviewerUsesTheKeyboard_AcceptsTwoAndChangesAPattern_AgreementChanges_ViewerCannotLabel()
    {
        Seeded seeded = null!;
        await using var server = await DashboardServer.StartAsync(async factory => seeded = await SeedAsync(factory));
        var page = await browser.NewSignedInPageAsync(server.BaseUrl, TestUsers.Reviewer);
        var panel = page.Locator("[data-testid=review-panel]");

        // Before any review no paper has a human label, so no stage has anything to compare.
        var usesDl = await AgreementTabAsync(page, "Uses deep learning");
        await Expect(usesDl.GetByTestId("machine-papers")).ToHaveTextAsync("0");
        await Expect(usesDl.GetByTestId("machine-kappa")).ToHaveTextAsync("n/a");
        var reuse = await AgreementTabAsync(page, "Reuse pattern");
        await Expect(reuse.GetByTestId("machine-papers")).ToHaveTextAsync("0");
        await Expect(reuse.GetByTestId("machine-exact")).ToHaveTextAsync("n/a");

        await page.GotoInteractiveAsync($"review/{seeded.First}?order=Paper");
        await Expect(panel).ToHaveAttributeAsync("data-decision", seeded.First.ToString());
        // Typing in the note field is not a shortcut.
        await page.Locator("#review-note").FillAsync("a plain note");
        await page.Locator("#review-note").PressAsync("Escape");
        await page.Keyboard.PressAsync("a");
        await Expect(panel).ToHaveAttributeAsync("data-decision", seeded.Second.ToString());
        await page.Keyboard.PressAsync("a");
        await Expect(panel).ToHaveAttributeAsync("data-decision", seeded.Reuse.ToString());
        await page.Keyboard.PressAsync("2");
        await Expect(page.Locator("[data-testid=chosen-pattern]")).ToHaveTextAsync("adaptation");
        await page.Keyboard.PressAsync("c");
        await Expect(page.Locator("[data-testid=review-message]")).ToContainTextAsync("Correction saved");
        await Expect(page.Locator("[data-testid=label-history]")).ToContainTextAsync("U-Net: deployment → U-Net: adaptation");
        await page.Keyboard.PressAsync("?");
        await Expect(page.Locator("[data-testid=shortcut-help]")).ToContainTextAsync("Keyboard shortcuts");

        // Accepting uses_dl = no on the second paper also settles its uses_ptms as no (a cascade label; that paper has no such decision).
        Assert.Equal(
            [(seeded.First, TestUsers.Reviewer, LabelAction.Accept, "yes"), (seeded.Second, TestUsers.Reviewer, LabelAction.Accept, "no"),
             (0L, TestUsers.Reviewer, LabelAction.Cascade, "no"), (seeded.Reuse, TestUsers.Reviewer, LabelAction.Correct, "u-net:adaptation")],
            (await LabelsAsync(server)).Select(l => (l.DecisionId ?? 0, l.Reviewer, l.Action, l.Value)).ToList());

        // uses_dl: two papers now have a human label, both equal to the machine's (yes/yes on the first, no/no on the
        // second): matrix TP 1, TN 1; p_o = 1, p_e = (1·1 + 1·1)/2² = 0.5, κ = (1 − 0.5)/(1 − 0.5) = 1.
        usesDl = await AgreementTabAsync(page, "Uses deep learning");
        await Expect(usesDl.GetByTestId("machine-papers")).ToHaveTextAsync("2");
        await Expect(usesDl.GetByTestId("machine-kappa")).ToHaveTextAsync("1.000");
        await Expect(usesDl.GetByTestId("machine-exact")).ToHaveTextAsync("1.000");
        // ptm_reuse: one paper, its one unit U-Net is deployment for the machine and adaptation for the reviewer:
        // no paper in full agreement (0/1), and p_o = 0, p_e = 1·0 + 0·1 = 0 (no category on both sides), κ = 0.
        reuse = await AgreementTabAsync(page, "Reuse pattern");
        await Expect(reuse.GetByTestId("machine-papers")).ToHaveTextAsync("1");
        await Expect(reuse.GetByTestId("machine-exact")).ToHaveTextAsync("0.000");
        await Expect(reuse.GetByTestId("machine-kappa")).ToHaveTextAsync("0.000");

        var viewer = await browser.NewSignedInPageAsync(server.BaseUrl, TestUsers.Viewer);
        await viewer.GotoInteractiveAsync($"review/{seeded.First}");
        var viewerPanel = viewer.Locator("[data-testid=review-panel]");
        await Expect(viewerPanel).ToBeVisibleAsync();
        var version = await viewerPanel.GetAttributeAsync("data-version");
        await viewer.Keyboard.PressAsync("a");
        await Expect(viewer.Locator("[data-testid=review-message]")).ToContainTextAsync("can browse but not label");
        // A refused accept neither stores a label (the version stays) nor moves on to the next decision.
        await Expect(viewerPanel).ToHaveAttributeAsync("data-decision", seeded.First.ToString());
        await Expect(viewerPanel).ToHaveAttributeAsync("data-version", version!);
        Assert.Equal(4, (await LabelsAsync(server)).Count);
    }

    [Fact]
    public async Task LabelEndpoint_AnonymousAndViewer_AreRefused_ReviewerIsRecorded()
    {
        Seeded seeded = null!;
        await using var server = await DashboardServer.StartAsync(async factory => seeded = await SeedAsync(factory));
        var body = new { action = "accept", expected_version = 0 };
        var path = $"api/review/decisions/{seeded.First}/labels";

        using var anonymous = DashboardHttp.CreateClient(server);
        var refused = await anonymous.PostAsJsonAsync(path, body);
        Assert.False(refused.IsSuccessStatusCode, $"anonymous POST answered {refused.StatusCode}");
        Assert.Contains(refused.StatusCode, new[] { HttpStatusCode.Unauthorized, HttpStatusCode.Redirect, HttpStatusCode.Found });

        using var viewer = await DashboardHttp.SignedInClientAsync(server, TestUsers.Viewer);
        Assert.False((await viewer.PostAsJsonAsync(path, body)).IsSuccessStatusCode);
        Assert.Empty(await LabelsAsync(server));

        using var reviewer = await DashboardHttp.SignedInClientAsync(server, TestUsers.Reviewer);
        Assert.Equal(HttpStatusCode.OK, (await reviewer.PostAsJsonAsync(path, body)).StatusCode);
        // The same version again: someone (here, the same reviewer) labelled since: a conflict, not an overwrite.
        Assert.Equal(HttpStatusCode.Conflict, (await reviewer.PostAsJsonAsync(path, body)).StatusCode);
        Assert.Equal([(seeded.First, TestUsers.Reviewer, LabelAction.Accept, "yes")], (await LabelsAsync(server)).Select(l => (l.DecisionId ?? 0, l.Reviewer, l.Action, l.Value)).ToList());
    }
}
