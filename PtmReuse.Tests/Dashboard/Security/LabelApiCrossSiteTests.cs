using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using PtmReuse.Core.Classification;
using PtmReuse.Core.Papers;
using PtmReuse.Core.Storage;
using PtmReuse.Tests.Infrastructure;

namespace PtmReuse.Tests.Dashboard.Security;

/// <summary>
/// Issue 11, finding 4: the label API took a text/plain body from a foreign origin, so any page a reviewer visited could
/// label in their name. Now: application/json only, Origin and Sec-Fetch-Site must be this site, and a signed-in user
/// without the role gets 403 JSON. The browser test is the attack itself: a page on another origin (same site, as
/// 127.0.0.1 on another port is, so the Lax cookie goes along) posts a form and a fetch to the API.
/// </summary>
[Collection(DashboardCollection.Name)]
public sealed class LabelApiCrossSiteTests(BrowserFixture browser)
{
    private const string Body = "{\"action\":\"accept\",\"expected_version\":0}";

    private static async Task<long> SeedDecisionAsync(IDbContextFactory<PtmReuseDbContext> factory)
    {
        await using var db = await factory.CreateDbContextAsync();
        var run = new ClassificationRun { Backend = "embedded", Model = "rules", StartedAt = DateTime.UtcNow, Status = RunStatus.Completed };
        db.Runs.Add(run);
        var paper = new PaperBuilder("Plankton counted by a network").WithDoi("10.5555/csrf").InYear(2022)
            .WithSection("Methods", SectionKind.Methods, "We counted plankton with a network.").Build();
        db.Papers.Add(paper);
        await db.SaveChangesAsync();
        var decision = new MachineDecision
        {
            RunId = run.Id, PaperId = paper.Id, Stage = Stage.UsesDl.WireName(), DecisionKey = "csrf", PromptHash = "h", Backend = "embedded",
            Model = "rules", ValueJson = StageJson.Serialize(new UsesDlAnswer(true, null)), CreatedAt = DateTime.UtcNow,
        };
        db.Decisions.Add(decision);
        await db.SaveChangesAsync();
        return decision.Id;
    }

    private static async Task<int> LabelCountAsync(DashboardServer server)
    {
        await using var db = await server.Factory.CreateDbContextAsync();
        return await db.HumanLabels.CountAsync();
    }

    private static HttpRequestMessage Post(string path, string body, string contentType, params (string Name, string Value)[] headers)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(body, Encoding.UTF8) };
        request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        foreach (var (name, value) in headers)
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        return request;
    }

    [Fact]
    public async Task LabelApi_RequestsABrowserCouldForgeOrAWrongRole_AreRefusedWithJsonAndNothingIsStored()
    {
        long decision = 0;
        await using var server = await DashboardServer.StartAsync(async factory => decision = await SeedDecisionAsync(factory));
        var path = $"api/review/decisions/{decision}/labels";
        var own = server.BaseUrl.TrimEnd('/');
        using var reviewer = await DashboardHttp.SignedInClientAsync(server, TestUsers.Reviewer);
        using var viewer = await DashboardHttp.SignedInClientAsync(server, TestUsers.Viewer);
        using var anonymous = DashboardHttp.CreateClient(server);

        using var plainText = await reviewer.SendAsync(Post(path, Body, "text/plain"));
        using var form = await reviewer.SendAsync(Post(path, "action=accept", "application/x-www-form-urlencoded"));
        using var foreignOrigin = await reviewer.SendAsync(Post(path, Body, "application/json", ("Origin", "http://evil.example")));
        using var crossSite = await reviewer.SendAsync(Post(path, Body, "application/json", ("Sec-Fetch-Site", "cross-site")));
        using var sameSiteOtherOrigin = await reviewer.SendAsync(Post(path, Body, "application/json", ("Sec-Fetch-Site", "same-site"), ("Origin", "http://127.0.0.1:1")));
        using var wrongRole = await viewer.SendAsync(Post(path, Body, "application/json"));
        using var signedOut = await anonymous.SendAsync(Post(path, Body, "application/json"));

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, plainText.StatusCode);
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, form.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, foreignOrigin.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, crossSite.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, sameSiteOtherOrigin.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, wrongRole.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, signedOut.StatusCode);
        foreach (var refused in new[] { plainText, foreignOrigin, wrongRole, signedOut })
        {
            // A reason a script can read, never a redirect to an HTML page.
            Assert.Null(refused.Headers.Location);
            Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        }

        Assert.Equal(0, await LabelCountAsync(server));

        // The same reviewer from this site (a script sends no Origin; a browser on this page sends its own) is recorded.
        using var script = await reviewer.SendAsync(Post(path, Body, "application/json"));
        using var sameOrigin = await reviewer.SendAsync(Post(path, "{\"action\":\"note\",\"expected_version\":1,\"note\":\"ok\"}", "application/json; charset=utf-8", ("Origin", own), ("Sec-Fetch-Site", "same-origin")));
        Assert.Equal(HttpStatusCode.OK, script.StatusCode);
        Assert.Equal(HttpStatusCode.OK, sameOrigin.StatusCode);
        Assert.Equal(2, await LabelCountAsync(server));
    }

    [Fact]
    public async Task LabelApi_SignedInReviewerVisitsAnAttackersPage_ItsFormAndFetchLabelNothing()
    {
        long decision = 0;
        await using var server = await DashboardServer.StartAsync(async factory => decision = await SeedDecisionAsync(factory));
        var target = $"{server.BaseUrl}api/review/decisions/{decision}/labels";
        // A text/plain form whose body happens to be valid JSON, the classic way round "JSON only" checks, and a fetch.
        var html = $$"""
            <!DOCTYPE html><html><body>
            <form id="f" method="post" enctype="text/plain" action="{{target}}">
              <input name='{"action":"accept","expected_version":0,"pad":"' value='"}'>
            </form>
            <script>
              fetch("{{target}}", { method: "POST", mode: "no-cors", credentials: "include", headers: { "Content-Type": "text/plain" }, body: '{{Body}}' })
                .finally(() => document.getElementById("f").submit());
            </script>
            </body></html>
            """;
        await using var attacker = await AttackerSite.StartAsync(html);
        var page = await browser.NewSignedInPageAsync(server.BaseUrl, TestUsers.Reviewer);
        var answers = new List<int>();
        page.Response += (_, response) =>
        {
            if (response.Url.StartsWith(target, StringComparison.Ordinal))
            {
                lock (answers)
                {
                    answers.Add(response.Status);
                }
            }
        };

        var formAnswer = await page.RunAndWaitForResponseAsync(() => page.GotoAsync(attacker.Url), r => r.Url == target && r.Request.Method == "POST" && r.Request.IsNavigationRequest);

        Assert.Equal(415, formAnswer.Status);
        Assert.Equal(0, await LabelCountAsync(server));
        lock (answers)
        {
            Assert.DoesNotContain(200, answers);
        }

        await page.Context.CloseAsync();
    }

    /// <summary>Another origin on loopback serving one HTML page: the attacker's site.</summary>
    private sealed class AttackerSite(WebApplication app, string url) : IAsyncDisposable
    {
        public string Url { get; } = url;

        public static async Task<AttackerSite> StartAsync(string html)
        {
            var builder = WebApplication.CreateSlimBuilder();
            builder.WebHost.UseUrls("http://127.0.0.1:0");
            builder.Logging.ClearProviders();
            var app = builder.Build();
            app.MapGet("/", () => Results.Content(html, "text/html"));
            await app.StartAsync();
            var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
            return new AttackerSite(app, address.TrimEnd('/') + "/");
        }

        public async ValueTask DisposeAsync() => await app.DisposeAsync();
    }
}
