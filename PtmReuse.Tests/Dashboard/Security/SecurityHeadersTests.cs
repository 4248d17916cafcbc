using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using PtmReuse.Dashboard.Security;
using PtmReuse.Tests.Dashboard.Analytics;
using PtmReuse.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace PtmReuse.Tests.Dashboard.Security;

/// <summary>
/// Issue 11, finding 7: nosniff, same-origin referrers and a Content-Security-Policy on every answer, and a policy the
/// dashboard actually works under: every page opened in Chromium with no CSP complaint in the console, the Blazor
/// circuit connected and the Plotly charts drawn. The server is the analytics one, so the charts have data.
/// </summary>
[Collection(AnalyticsDashboardCollection.Name)]
public sealed class SecurityHeadersTests(BrowserFixture browser, AnalyticsServerFixture dashboard)
{
    [Theory]
    [InlineData("account/login")]
    [InlineData("app.css")]
    [InlineData("_framework/blazor.web.js")]
    [InlineData("papers")]
    [InlineData("export/figures/adoption-ptms.svg")]
    [InlineData("api/review/decisions/1/labels")]
    public async Task AnyAnswer_PageFileOrApi_CarriesTheSecurityHeaders(string path)
    {
        using var client = await DashboardHttp.SignedInClientAsync(dashboard.Server, TestUsers.Viewer);

        using var response = await client.GetAsync(path);

        Assert.True(response.StatusCode != HttpStatusCode.InternalServerError, $"{path} answered {response.StatusCode}");
        Assert.Equal("nosniff", Header(response, "X-Content-Type-Options"));
        Assert.Equal("same-origin", Header(response, "Referrer-Policy"));
        Assert.Equal(SecurityHeaders.ContentSecurityPolicy, Header(response, "Content-Security-Policy"));
        Assert.Contains("script-src 'self';", SecurityHeaders.ContentSecurityPolicy, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-eval", SecurityHeaders.ContentSecurityPolicy, StringComparison.Ordinal);
    }

    private static string Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? string.Join(",", values)
        : response.Content.Headers.TryGetValues(name, out var content) ? string.Join(",", content) : "";

    [Fact]
    public async Task EveryPage_InChromiumUnderThePolicy_NoCspErrorCircuitLiveAndChartsDrawn()
    {
        long paperId, decisionId;
        await using (var db = await dashboard.Server.Factory.CreateDbContextAsync())
        {
            paperId = await db.Papers.MinAsync(p => p.Id);
            decisionId = await db.Decisions.MinAsync(d => d.Id);
        }

        string[] pages =
        [
            "", "ingest", "papers", $"papers/{paperId}", "classify", "classify/backends", "catalog", "review", $"review/{decisionId}",
            "review/adjudication", "trends", "patterns", "impact", "models", "summary", "agreement", "export", "account/users",
        ];
        string[] chartPages = ["trends", "patterns", "impact", "models"];
        var page = await browser.NewSignedInPageAsync(dashboard.Server.BaseUrl, TestUsers.Admin);
        var complaints = new List<string>();
        var otherErrors = new List<string>();
        page.Console += (_, message) =>
        {
            var csp = message.Text.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase) || message.Text.Contains("Refused to", StringComparison.Ordinal);
            lock (complaints)
            {
                if (csp)
                {
                    complaints.Add($"{page.Url}: {message.Text}");
                }
                else if (message.Type == "error")
                {
                    otherErrors.Add($"{page.Url}: {message.Text}");
                }
            }
        };

        foreach (var path in pages)
        {
            var response = await page.GotoAsync(path);
            Assert.Equal(SecurityHeaders.ContentSecurityPolicy, await response!.HeaderValueAsync("content-security-policy"));
            // The layout's marker appears once the circuit is interactive: Blazor connected under the policy.
            await page.Locator("[data-dashboard-ready]").WaitForAsync(new() { State = WaitForSelectorState.Attached });
            if (chartPages.Contains(path))
            {
                // Plotly drew at least one chart (its SVG root) under the policy.
                try
                {
                    await Expect(page.Locator(".js-plotly-plot .main-svg").First).ToBeVisibleAsync(new() { Timeout = 30_000 });
                }
                catch (PlaywrightException ex)
                {
                    lock (complaints)
                    {
                        throw new Xunit.Sdk.XunitException($"no chart drawn on {path}: {ex.Message.Split('\n')[0]}\nconsole:\n{string.Join("\n", complaints.Concat(otherErrors))}");
                    }
                }
            }
        }

        // Anonymous, statically rendered sign-in page too.
        var anonymous = await browser.NewPageAsync(dashboard.Server.BaseUrl);
        anonymous.Console += (_, message) =>
        {
            if (message.Text.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase))
            {
                lock (complaints)
                {
                    complaints.Add($"login: {message.Text}");
                }
            }
        };
        await anonymous.GotoAsync("account/login");
        await Expect(anonymous.Locator("#username")).ToBeVisibleAsync();

        lock (complaints)
        {
            Assert.True(complaints.Count == 0, string.Join("\n", complaints));
        }

        await page.Context.CloseAsync();
        await anonymous.Context.CloseAsync();
    }
}
