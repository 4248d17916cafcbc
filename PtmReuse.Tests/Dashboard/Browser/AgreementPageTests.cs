using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using PtmReuse.Core.Classification;
using PtmReuse.Core.Review;
using PtmReuse.Core.Storage;
using PtmReuse.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace PtmReuse.Tests.Dashboard.Browser;

/// <summary>The Agreement page in Chromium against the real app, on its own server (it writes samples and labels).</summary>
[Collection(DashboardCollection.Name)]
public sealed class AgreementPageTests(BrowserFixture browser)
{
    /// <summary>Ten uses_dl decisions: machine yes on 0–5, no on 6–9. Human labels on 0–8: yes on 0–4 and 6, no on 5, 7, 8.</summary>
    private static async Task<List<(long PaperId, long DecisionId)>> SeedAsync(IDbContextFactory<PtmReuseDbContext> factory)
    {
        await using var db = await factory.CreateDbContextAsync();
        var run = new ClassificationRun { Backend = "fake", Model = "m", StartedAt = DateTime.UtcNow, Status = RunStatus.Completed };
        db.Runs.Add(run);
        await db.SaveChangesAsync();
        var papers = new List<(long, long)>();
        for (var i = 0; i < 10; i++)
        {
            var paperId = await new PaperBuilder($"Agreement paper {i}").WithDoi($"10.5555/agreement.{i}").InYear(2020).SaveAsync(factory);
            var decision = new MachineDecision
            {
                RunId = run.Id, PaperId = paperId, Stage = "uses_dl", DecisionKey = $"agreement-{i}", Backend = "fake", Model = "m",
                ValueJson = StageJson.Serialize(new UsesDlAnswer(i < 6, null)), CreatedAt = DateTime.UtcNow,
            };
            db.Decisions.Add(decision);
            await db.SaveChangesAsync();
            papers.Add((paperId, decision.Id));
            if (i < 9)
            {
                db.HumanLabels.Add(Label(paperId, decision.Id, i is < 5 or 6));
            }
        }

        await db.SaveChangesAsync();
        return papers;
    }

    private static HumanLabel Label(long paperId, long decisionId, bool result) => new()
    {
        PaperId = paperId, Stage = "uses_dl", DecisionId = decisionId, Reviewer = TestUsers.Reviewer, CreatedAt = DateTime.UtcNow,
        ValueJson = StageJson.Serialize(new UsesDlAnswer(result, null)),
    };

    [Fact]
    public async Task AgreementPage_AdminCreatesSampleThenALabelArrives_NumbersChangeOnReload()
    {
        List<(long PaperId, long DecisionId)> papers = [];
        await using var server = await DashboardServer.StartAsync(async factory => papers = await SeedAsync(factory));
        var page = await browser.NewSignedInPageAsync(server.BaseUrl, TestUsers.Admin);
        await page.GotoInteractiveAsync("agreement");

        // Nine labelled papers: TP 5, FN 1, FP 1, TN 2; p_o = 7/9, p_e = (6·6 + 3·3)/81 = 5/9, κ = (2/9)/(4/9) = 0.5.
        await Expect(page.GetByTestId("machine-papers")).ToHaveTextAsync("9");
        await Expect(page.GetByTestId("machine-kappa")).ToHaveTextAsync("0.500");

        await page.GetByTestId("sample-suggest").ClickAsync();
        // Ten decisions: n = ⌈10·384.15/(9 + 384.15)⌉ = 10.
        await Expect(page.GetByTestId("sample-suggestion")).ToContainTextAsync("n = 10");
        await page.GetByTestId("sample-create").ClickAsync();
        await Expect(page.GetByTestId("sample-message")).ToContainTextAsync("Created");
        await Expect(page.GetByTestId("sample-reviewed")).ToHaveTextAsync("9 / 10");
        await Expect(page.GetByTestId("review-sample-link")).ToHaveAttributeAsync("href", new System.Text.RegularExpressions.Regex(@"^review\?sample=\d+$"));

        // A reviewer labels the last paper (as the review page would: one stored human label).
        await using (var db = await server.Factory.CreateDbContextAsync())
        {
            db.HumanLabels.Add(Label(papers[9].PaperId, papers[9].DecisionId, false));
            await db.SaveChangesAsync();
        }

        await page.GotoInteractiveAsync("agreement");
        // Ten papers: TN 3 now; p_o = 0.8, p_e = (36 + 16)/100 = 0.52, κ = 0.28/0.48 = 0.583.
        await Expect(page.GetByTestId("machine-papers")).ToHaveTextAsync("10");
        await Expect(page.GetByTestId("machine-kappa")).ToHaveTextAsync("0.583");
        await Expect(page.GetByTestId("sample-reviewed")).ToHaveTextAsync("10 / 10");
        // The form's default design is stratified (here: machine yes 6, no 4, both sampled whole). Accuracy
        // 0.6·5/6 + 0.4·3/4 = 0.8; Var = 0.36·(5/36)/6 + 0.16·(3/16)/4 = 0.015833, n_eff = 0.16/0.015833 = 10.105;
        // Wilson at n_eff → (0.4918, 0.9430).
        await Expect(page.GetByTestId("sample-accuracy")).ToHaveTextAsync("0.800 [0.492, 0.943]");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task AgreementPage_Viewer_SeesNumbersButNoSampleForm()
    {
        await using var server = await DashboardServer.StartAsync(async factory => await SeedAsync(factory));
        var page = await browser.NewSignedInPageAsync(server.BaseUrl, TestUsers.Viewer);
        await page.GotoInteractiveAsync("agreement");

        await Expect(page.GetByTestId("machine-kappa")).ToHaveTextAsync("0.500");
        await Expect(page.GetByTestId("create-sample")).ToHaveCountAsync(0);
        await page.Context.CloseAsync();
    }
}
