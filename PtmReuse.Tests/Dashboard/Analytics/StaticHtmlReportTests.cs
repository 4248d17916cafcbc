using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using PtmReuse.Core.Analytics;
using PtmReuse.Dashboard.Export;
using PtmReuse.Tests.Infrastructure;

namespace PtmReuse.Tests.Dashboard.Analytics;

/// <summary>The figures as one HTML file for supplementary material: opened from disk with no server, every chart draws.</summary>
[Collection(AnalyticsDashboardCollection.Name)]
public sealed class StaticHtmlReportTests(BrowserFixture browser, AnalyticsServerFixture dashboard)
{
    [Fact]
    public async Task StaticHtmlReport_OpenedFromDiskWithNoServer_EveryChartDraws_NoConsoleErrorNoNetworkRequest()
    {
        var folder = Directory.CreateTempSubdirectory("ptmreuse-report-").FullName;
        try
        {
            var path = Path.Combine(folder, "figures.html");
            var count = await dashboard.Server.Services.GetRequiredService<StaticHtmlReport>().WriteFileAsync(path, AnalyticsQuery.Default, CancellationToken.None);
            var page = await browser.Browser.NewPageAsync();
            var errors = new List<string>();
            var requests = new List<string>();
            page.Console += (_, message) =>
            {
                if (message.Type == "error")
                {
                    errors.Add(message.Text);
                }
            };
            page.PageError += (_, error) => errors.Add(error);
            page.Request += (_, request) =>
            {
                if (!request.Url.StartsWith("file://", StringComparison.Ordinal) && !request.Url.StartsWith("data:", StringComparison.Ordinal))
                {
                    requests.Add(request.Url);
                }
            };

            await page.GotoAsync(new Uri(path).AbsoluteUri);
            await page.WaitForFunctionAsync($"() => document.querySelectorAll('.js-plotly-plot').length === {count}");

            var charts = await page.EvaluateAsync<DrawnReportChart[]>("""
                () => [...document.querySelectorAll('.js-plotly-plot')].map(chart => ({
                  id: chart.id,
                  traces: (chart._fullData || []).length,
                  marks: chart.querySelectorAll('.barlayer .point path, .funnellayer .point path, .scatterlayer .trace path.js-line, .heatmaplayer image, .scatterlayer .point').length,
                }))
                """);

            // The fixture's data give every figure at least one series (the same figures the dashboard's pages draw).
            Assert.True(count >= 10, $"only {count} figures written");
            Assert.Equal(count, charts.Length);
            Assert.All(charts, chart => Assert.True(chart.Traces > 0 && chart.Marks > 0, $"{chart.Id}: {chart.Traces} traces, {chart.Marks} marks"));
            Assert.Empty(errors);
            Assert.Empty(requests);
            var html = await File.ReadAllTextAsync(path);
            Assert.DoesNotContain("<script src", html, StringComparison.Ordinal);
            await page.CloseAsync();
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    public sealed class DrawnReportChart
    {
        public string Id { get; set; } = "";
        public int Traces { get; set; }
        public int Marks { get; set; }
    }
}
