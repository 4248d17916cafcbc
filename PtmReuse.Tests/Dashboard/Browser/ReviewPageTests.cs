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

    [Fact]
    public async Task ReviewPage_ReviewerUsesTheKeyboard_AcceptsTwoAndChangesAPattern_ViewerCannotLabel()
    {
        Seeded seeded = null!;
        await using var server = await DashboardServer.StartAsync(async factory => seeded = await SeedAsync(factory));
        var page = await browser.NewSignedInPageAsync(server.BaseUrl, TestUsers.Reviewer);
        var panel = page.Locator("[data-testid=review-panel]");

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

        var viewer = await browser.NewSignedInPageAsync(server.BaseUrl, TestUsers.Viewer);
        await viewer.GotoInteractiveAsync($"review/{seeded.First}");
        await Expect(viewer.Locator("[data-testid=review-panel]")).ToBeVisibleAsync();
        await viewer.Keyboard.PressAsync("a");
        await Expect(viewer.Locator("[data-testid=review-message]")).ToContainTextAsync("can browse but not label");
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
