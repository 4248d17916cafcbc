using System.Buffers.Binary;
using System.IO.Compression;
using System.Net;
using System.Xml.Linq;
using Microsoft.Extensions.DependencyInjection;
using PtmReuse.Core.Analytics;
using PtmReuse.Core.Export.Figures;
using PtmReuse.Tests.Infrastructure;

namespace PtmReuse.Tests.Dashboard.Export;

/// <summary>The download endpoints over real HTTP on the shared dashboard server.</summary>
[Collection(DashboardCollection.Name)]
public sealed class ExportEndpointsTests(DashboardServerFixture dashboard)
{
    /// <summary>Downloads need a signed-in user; a viewer (read-only role) may export.</summary>
    private Task<HttpClient> ClientAsync() => DashboardHttp.SignedInClientAsync(dashboard.Server, TestUsers.Viewer);

    [Fact]
    public async Task Bundle_Anonymous_IsRefused()
    {
        using var client = DashboardHttp.CreateClient(dashboard.Server);

        using var response = await client.GetAsync("export/bundle.zip?format=svg");

        Assert.NotEqual(HttpStatusCode.OK, response.StatusCode);
        Assert.NotEqual("application/zip", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task FigureSvg_DoubleColumn_IsSvgOfThatWidth()
    {
        using var client = await ClientAsync();

        using var response = await client.GetAsync("export/figures/funnel.svg?width_mm=183");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("image/svg+xml", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("funnel.svg", response.Content.Headers.ContentDisposition?.FileNameStar ?? response.Content.Headers.ContentDisposition?.FileName);
        var svg = XDocument.Load(await response.Content.ReadAsStreamAsync());
        Assert.Equal("183mm", svg.Root!.Attribute("width")!.Value);
    }

    [Fact]
    public async Task FigurePng_600Dpi_HasWidthTimesDpiPixels()
    {
        using var client = await ClientAsync();

        var png = await client.GetByteArrayAsync("export/figures/funnel.png?width_mm=89&dpi=600");

        Assert.Equal(2102, BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(16))); // 89 / 25.4 × 600 = 2102.4
    }

    [Fact]
    public async Task FigureCsv_IsTheFigureData()
    {
        using var client = await ClientAsync();

        using var response = await client.GetAsync("export/figures/funnel.csv?natural_science=false");

        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        var lines = (await response.Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("figure_id,series,colour_key,x,y,error_low,error_high,denominator", lines[0].TrimEnd('\r'));
        Assert.StartsWith("funnel,papers,all,Ingested,", lines[1], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("export/figures/funnel.png?dpi=0", "DPI must be between 1 and 2400 (got 0)")]
    [InlineData("export/figures/funnel.png?width_mm=abc", "Width 'abc' is not single, double or a number")]
    [InlineData("export/figures/funnel.tiff", "Unknown figure format 'tiff'")]
    [InlineData("export/figures.zip?format=svg,gif", "Unknown figure format 'gif'")]
    [InlineData("export/bundle.zip?basis=human", "basis must be one of effective, machine (got 'human')")]
    [InlineData("export/tables/x.docx", "Unknown table format 'docx'")]
    public async Task Export_BadParameter_Is400WithTheReason(string url, string reason)
    {
        using var client = await ClientAsync();

        using var response = await client.GetAsync(url);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(reason, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Figure_UnknownId_Is404()
    {
        using var client = await ClientAsync();

        using var response = await client.GetAsync("export/figures/no-such-figure.svg");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task Table_Tex_IsBooktabs()
    {
        var tables = await dashboard.Server.Services.GetRequiredService<FigureExporter>().TablesAsync(AnalyticsQuery.Default, CancellationToken.None);
        using var client = await ClientAsync();

        var tex = await client.GetStringAsync($"export/tables/{tables[0].Id}.tex");

        Assert.Contains("\\toprule", tex, StringComparison.Ordinal);
        Assert.Contains("\\bottomrule", tex, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Bundle_Svg_IsZipWithManifestAndMethods()
    {
        using var client = await ClientAsync();

        using var response = await client.GetAsync("export/bundle.zip?format=svg&dpi=100");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/zip", response.Content.Headers.ContentType?.MediaType);
        await using var stream = await response.Content.ReadAsStreamAsync();
        using var zip = new ZipArchive(stream, ZipArchiveMode.Read);
        Assert.NotNull(zip.GetEntry("manifest.json"));
        Assert.NotNull(zip.GetEntry("methods.md"));
        Assert.NotNull(zip.GetEntry("figures/funnel.svg"));
        Assert.Null(zip.GetEntry("figures/funnel.png"));
    }

    [Fact]
    public async Task FiguresZip_OneFigure_HoldsOnlyThatFigure()
    {
        using var client = await ClientAsync();

        await using var stream = await client.GetStreamAsync("export/figures.zip?format=pdf&figure=funnel");

        using var zip = new ZipArchive(stream, ZipArchiveMode.Read);
        Assert.Equal(["figures/funnel.pdf"], zip.Entries.Select(e => e.FullName).Where(n => n.StartsWith("figures/", StringComparison.Ordinal)));
        Assert.NotNull(zip.GetEntry("data/funnel.csv"));
    }
}
