using System.IO.Compression;
using System.Xml.Linq;
using Microsoft.Playwright;
using PtmReuse.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace PtmReuse.Tests.Dashboard.Browser;

[Collection(DashboardCollection.Name)]
public sealed class ExportPageTests(BrowserFixture browser, DashboardServerFixture dashboard)
{
    /// <summary>MudBlazor puts a field's extra attributes on its input or on a wrapper around it, depending on the component.</summary>
    private static ILocator Input(IPage page, string testId) => page.Locator($"input[data-testid={testId}], [data-testid={testId}] input").First;

    [Fact]
    public async Task ExportPage_FigureSvgButton_DeliversTheSvgFile()
    {
        var page = await browser.NewSignedInPageAsync(dashboard.Server.BaseUrl, TestUsers.Viewer);
        await page.GotoInteractiveAsync("export");
        var button = page.GetByTestId("export-funnel-svg");
        await Expect(button).ToBeVisibleAsync();

        var download = await page.RunAndWaitForDownloadAsync(() => button.ClickAsync());

        Assert.Equal("funnel.svg", download.SuggestedFilename);
        var path = await download.PathAsync();
        var svg = XDocument.Load(path);
        Assert.Equal("svg", svg.Root!.Name.LocalName);
        Assert.Equal("89mm", svg.Root.Attribute("width")!.Value);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task ExportPage_DoubleColumnSvgOnly_DownloadsZipOfSvgFigures()
    {
        var page = await browser.NewSignedInPageAsync(dashboard.Server.BaseUrl, TestUsers.Viewer);
        await page.GotoInteractiveAsync("export");
        await Expect(page.GetByTestId("figure-list")).ToBeVisibleAsync();
        await page.GetByText("Double column (183 mm)").ClickAsync();
        await Input(page, "format-png").UncheckAsync();
        await Input(page, "format-pdf").UncheckAsync();
        var button = page.GetByTestId("download-figures");
        await Expect(button).ToHaveAttributeAsync("href", new System.Text.RegularExpressions.Regex("width_mm=183.*format=svg$"));

        var download = await page.RunAndWaitForDownloadAsync(() => button.ClickAsync());

        Assert.EndsWith(".zip", download.SuggestedFilename, StringComparison.Ordinal);
        using var zip = ZipFile.OpenRead(await download.PathAsync());
        var figures = zip.Entries.Where(e => e.FullName.StartsWith("figures/", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(figures);
        Assert.All(figures, e => Assert.EndsWith(".svg", e.FullName, StringComparison.Ordinal));
        using var svg = figures[0].Open();
        Assert.Equal("183mm", XDocument.Load(svg).Root!.Attribute("width")!.Value);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task ExportPage_ZeroDpi_ExplainsAndDisablesDownloads()
    {
        var page = await browser.NewSignedInPageAsync(dashboard.Server.BaseUrl, TestUsers.Viewer);
        await page.GotoInteractiveAsync("export");
        await Expect(page.GetByTestId("figure-list")).ToBeVisibleAsync();

        var dpi = Input(page, "dpi");
        await dpi.FillAsync("0");
        await dpi.BlurAsync();

        await Expect(page.GetByTestId("size-error")).ToContainTextAsync("DPI must be between 1 and 2400");
        await Expect(page.GetByTestId("download-bundle")).ToBeDisabledAsync();
        await page.Context.CloseAsync();
    }
}
