using Microsoft.Playwright;
using PtmReuse.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace PtmReuse.Tests.Dashboard.Analytics;

/// <summary>
/// Every chart of every analytics page draws marks (bars, cells, funnel steps, lines) in Chromium, in the light and
/// the dark theme, with no console error: categorical axes laid out as linear once drew nothing and logged
/// "&lt;image&gt; attribute height: Expected length, "NaN"".
/// </summary>
[Collection(AnalyticsDashboardCollection.Name)]
public sealed class ChartsDrawTests(BrowserFixture browser, AnalyticsServerFixture dashboard)
{
    /// <summary>Per chart on the page: its id, trace types, how many marks Plotly drew, and whether a heatmap image has a bad size.</summary>
    private const string DrawnChartsScript = """
        () => [...document.querySelectorAll('.figure-chart .js-plotly-plot')].map(chart => {
          const marks = chart.querySelectorAll('.barlayer .point path, .funnellayer .point path, .scatterlayer .trace path.js-line, .heatmaplayer image, .scatterlayer .point');
          const images = [...chart.querySelectorAll('.heatmaplayer image')];
          const types = (chart._fullData || []).map(t => t.type);
          const values = (chart.data || []).flatMap(t => (t.type === 'heatmap' ? (t.z || []).flat() : (t.type === 'funnel' || t.orientation === 'h' ? t.x : t.y)) || []);
          const bg = (chart._fullLayout || {}).paper_bgcolor;
          const font = ((chart._fullLayout || {}).font || {}).color;
          return {
            id: chart.id,
            types: types.join(','),
            marks: [...marks].filter(m => { const b = m.getBBox ? m.getBBox() : { width: 1, height: 1 }; return b.width > 0 || b.height > 0; }).length,
            badImage: images.some(i => !(parseFloat(i.getAttribute('height')) > 0)),
            anyValue: values.some(v => typeof v === 'number' && v > 0),
            xType: (chart._fullLayout.xaxis || {}).type,
            yType: (chart._fullLayout.yaxis || {}).type,
            bg, font,
          };
        })
        """;

    public sealed class DrawnChart
    {
        public string Id { get; set; } = "";
        public string Types { get; set; } = "";
        public int Marks { get; set; }
        public bool BadImage { get; set; }
        public bool AnyValue { get; set; }
        public string XType { get; set; } = "";
        public string YType { get; set; } = "";
        public string Bg { get; set; } = "";
        public string Font { get; set; } = "";
    }

    [Theory]
    [InlineData("trends", 4, false)]
    [InlineData("trends", 4, true)]
    [InlineData("patterns", 3, false)]
    [InlineData("impact", 2, false)]
    [InlineData("models", 2, false)]
    [InlineData("models", 2, true)]
    public async Task AnalyticsPage_EveryChart_DrawsMarksWithoutConsoleErrors(string path, int charts, bool dark)
    {
        var page = await browser.NewSignedInPageAsync(dashboard.Server.BaseUrl, TestUsers.Viewer);
        var errors = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                errors.Add(message.Text);
            }
        };
        page.PageError += (_, error) => errors.Add(error);
        if (dark)
        {
            await page.Context.AddInitScriptAsync("localStorage.setItem('ptmreuse.theme', 'dark')");
        }

        await page.GotoInteractiveAsync(path);
        await Expect(page.Locator(".figure-chart")).ToHaveCountAsync(charts);
        await Expect(page.Locator(".figure-chart[aria-busy=true]")).ToHaveCountAsync(0, new() { Timeout = 30_000 });
        // Drawn, and drawn in the page's theme (the stored theme applies after the first render and redraws the charts).
        var font = dark ? "#e0e0e0" : "#424242";
        await page.WaitForFunctionAsync($$"""
            () => { const plots = [...document.querySelectorAll('.figure-chart .js-plotly-plot')];
                    return plots.length === {{charts}} && plots.every(p => p._fullLayout && p._fullLayout.font.color === '{{font}}'); }
            """);

        var drawn = await page.EvaluateAsync<DrawnChart[]>(DrawnChartsScript);

        Assert.Equal(charts, drawn.Length);
        Assert.All(drawn, chart =>
        {
            Assert.True(chart.AnyValue, $"{chart.Id}: no trace carries a value");
            Assert.True(chart.Marks > 0, $"{chart.Id} ({chart.Types}, x {chart.XType}, y {chart.YType}): nothing drawn");
            Assert.False(chart.BadImage, $"{chart.Id}: a heatmap image without a valid height");
            // Charts follow the theme: transparent paper so the card shows through, light text on dark.
            Assert.Equal("rgba(0, 0, 0, 0)", chart.Bg);
            Assert.Equal(font, chart.Font);
        });
        var heatmap = drawn.FirstOrDefault(c => c.Types == "heatmap");
        if (heatmap is not null)
        {
            Assert.Equal(("category", "category"), (heatmap.XType, heatmap.YType));
        }

        Assert.Empty(errors);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task TrendsPage_PointOpened_DrillDownScrolledIntoView()
    {
        var page = await browser.NewSignedInPageAsync(dashboard.Server.BaseUrl, TestUsers.Viewer);
        await page.GotoInteractiveAsync("trends");
        // The funnel is the last card: its list opens below the fold of a 900 px window.
        var card = page.GetByTestId("card-funnel");
        await card.GetByTestId("toggle-data").ClickAsync();
        await card.GetByTestId("drill").First.ClickAsync();

        var panel = card.GetByTestId("drill-down");
        await Expect(panel.GetByTestId("drill-paper").First).ToBeVisibleAsync();
        await page.WaitForFunctionAsync("""
            () => { const r = document.querySelector('[data-testid=card-funnel] [data-testid=drill-down]').getBoundingClientRect();
                    return r.top >= 0 && r.top < window.innerHeight; }
            """);
        await page.Context.CloseAsync();
    }
}
