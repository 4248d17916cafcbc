using System.Buffers.Binary;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Xml.Linq;
using PtmReuse.Core.Analytics.Figures;
using PtmReuse.Core.Export.Figures;

namespace PtmReuse.Tests.Export.Figures;

public sealed class FigureRendererTests
{
    private readonly FigureRenderer _renderer = new();

    public static TheoryData<string> Kinds() => [.. SampleFigures.All().Select(f => f.Id)];

    private static Figure ById(string id) => SampleFigures.All().Single(f => f.Id == id);

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Svg_EveryKind_ParsesAndNamesEverySeries(string id)
    {
        var figure = ById(id);
        var svg = Svg(figure);

        var text = Texts(svg);
        // Single-series figures have no legend; their series is named by the title and data, so only multi-series legends are checked.
        foreach (var series in figure.Series.Where(_ => figure.Series.Count > 1))
        {
            Assert.Contains(series.Name, text);
        }

        Assert.Equal("89mm", svg.Root!.Attribute("width")!.Value);
        Assert.Equal(figure.Caption, svg.Root.Elements().First(e => e.Name.LocalName == "desc").Value);
    }

    [Fact]
    public void Svg_YearAxis_HasPlainYearLabels()
    {
        var texts = Texts(Svg(SampleFigures.Line()));

        Assert.Contains("2010", texts);
        Assert.DoesNotContain(texts, t => t.Contains("2,0", StringComparison.Ordinal));
    }

    [Fact]
    public void Svg_Heatmap_NamesRowsAndColumns()
    {
        var texts = Texts(Svg(SampleFigures.Heatmap()));

        Assert.Contains("Biochemistry", texts);
        Assert.Contains("Physics", texts);
        Assert.Contains("Papers reusing PTMs", texts);
    }

    [Theory]
    [InlineData(89, 300, 1051)] // 89 / 25.4 × 300 = 1051.18
    [InlineData(183, 300, 2161)] // 183 / 25.4 × 300 = 2161.42
    [InlineData(120, 600, 2835)] // 120 / 25.4 × 600 = 2834.65
    public void Png_WidthAndDpi_HasExactPixelWidthAndStatesDpi(double widthMm, int dpi, int expectedPixels)
    {
        var png = _renderer.Render(SampleFigures.Bar(), FigureFormat.Png, new FigureExportOptions(widthMm, dpi, HeightMm: 50.8));

        Assert.Equal(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A }, png[..8]);
        Assert.Equal("IHDR", Encoding.ASCII.GetString(png, 12, 4));
        Assert.Equal(expectedPixels, BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(16)));
        Assert.Equal(2 * dpi, BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(20))); // 50.8 mm is 2 inches
        var phys = IndexOf(png, "pHYs");
        Assert.True(phys > 0, "no pHYs chunk");
        Assert.Equal((int)Math.Round(dpi / 0.0254), BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(phys + 4)));
    }

    [Fact]
    public void Png_Chunks_HaveValidCrcs()
    {
        var png = _renderer.Render(SampleFigures.Line(), FigureFormat.Png, new FigureExportOptions(89, 72));

        var offset = 8;
        var types = new List<string>();
        while (offset < png.Length)
        {
            var length = BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(offset));
            var type = Encoding.ASCII.GetString(png, offset + 4, 4);
            var crc = BinaryPrimitives.ReadUInt32BigEndian(png.AsSpan(offset + 8 + length));
            Assert.Equal(Crc32(png.AsSpan(offset + 4, 4 + length)), crc);
            types.Add(type);
            offset += 12 + length;
        }

        Assert.Equal("IHDR", types[0]);
        Assert.Equal("IEND", types[^1]);
        Assert.Contains("pHYs", types);
    }

    [Theory]
    [InlineData(89)]
    [InlineData(183)]
    public async Task Pdf_Width_RendersWithPdftoppmToPageOfThatSize(double widthMm)
    {
        var tools = PopplerTools.Require();
        var directory = Directory.CreateTempSubdirectory("ptmreuse-pdf-");
        try
        {
            var pdf = Path.Combine(directory.FullName, "figure.pdf");
            await File.WriteAllBytesAsync(pdf, _renderer.Render(SampleFigures.Line(), FigureFormat.Pdf, new FigureExportOptions(widthMm)));

            var info = await tools.RunAsync("pdfinfo", pdf);
            var size = info.Split('\n').Single(l => l.StartsWith("Page size:", StringComparison.Ordinal));
            var points = size.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            Assert.Equal(widthMm / 25.4 * 72, double.Parse(points[2], CultureInfo.InvariantCulture), 0);

            // At 72 DPI one point is one pixel; pdftoppm rounds a partial pixel up (252.28 pt → 253 px).
            await tools.RunAsync("pdftoppm", "-r", "72", "-png", "-singlefile", pdf, Path.Combine(directory.FullName, "page"));
            var png = await File.ReadAllBytesAsync(Path.Combine(directory.FullName, "page.png"));
            Assert.Equal(Math.Ceiling(widthMm / 25.4 * 72), BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(16)), 0);
            Assert.True(png.Length > 2000, "the rendered page is blank");
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    [Theory]
    [InlineData(0, 300, "Width")]
    [InlineData(89, 0, "DPI")]
    [InlineData(89, -5, "DPI")]
    [InlineData(1000, 300, "Width")]
    [InlineData(500, 2400, "DPI 2400 at 500 × 250 mm makes a 47244 × 23622 pixel image")]
    public void Render_BadSize_ThrowsClearError(double widthMm, int dpi, string subject)
    {
        var error = Assert.Throws<ArgumentException>(() => _renderer.Render(SampleFigures.Line(), FigureFormat.Png, new FigureExportOptions(widthMm, dpi)));

        Assert.StartsWith(subject, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ParseFormats_UnknownName_ListsKnownFormats()
    {
        Assert.Equal([FigureFormat.Svg, FigureFormat.Pdf], FigureExportOptions.ParseFormats("SVG, pdf,svg"));
        var error = Assert.Throws<ArgumentException>(() => FigureExportOptions.ParseFormats("svg,tiff"));
        Assert.Contains("'tiff'", error.Message, StringComparison.Ordinal);
        Assert.Contains("svg, png, pdf", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_Preview_WritesFilesWhenAsked()
    {
        // Set PTMREUSE_FIGURE_PREVIEW=/some/dir to look at every kind at both column widths.
        var dir = Environment.GetEnvironmentVariable("PTMREUSE_FIGURE_PREVIEW");
        if (dir is null)
        {
            return;
        }

        Directory.CreateDirectory(dir);
        foreach (var figure in SampleFigures.All())
        {
            foreach (var width in new[] { FigureExportOptions.SingleColumnMm, FigureExportOptions.DoubleColumnMm })
            {
                foreach (var format in Enum.GetValues<FigureFormat>())
                {
                    File.WriteAllBytes(Path.Combine(dir, $"{figure.Id}-{width}.{FigureExportOptions.Extension(format)}"), _renderer.Render(figure, format, new FigureExportOptions(width, 150)));
                }
            }
        }
    }

    private XDocument Svg(Figure figure)
    {
        using var stream = new MemoryStream(_renderer.Render(figure, FigureFormat.Svg, FigureExportOptions.Default));
        return XDocument.Load(stream);
    }

    /// <summary>The text of every &lt;text&gt; element (Skia indents it, hence the trim).</summary>
    private static List<string> Texts(XDocument svg) =>
        [.. svg.Descendants().Where(e => e.Name.LocalName == "text").Select(e => e.Value.Trim())];

    private static int IndexOf(byte[] bytes, string ascii) => bytes.AsSpan().IndexOf(Encoding.ASCII.GetBytes(ascii));

    private static uint Crc32(ReadOnlySpan<byte> data)
    {
        // Bitwise CRC-32 (ISO 3309, as PNG specifies), independent of the table-driven one under test.
        var crc = 0xFFFFFFFFu;
        foreach (var b in data)
        {
            crc ^= b;
            for (var k = 0; k < 8; k++)
            {
                crc = (crc & 1) != 0 ? (crc >> 1) ^ 0xEDB88320u : crc >> 1;
            }
        }

        return crc ^ 0xFFFFFFFFu;
    }
}

/// <summary>poppler-utils (pdfinfo, pdftoppm): installed by scripts/test.sh like chromium; a test needing them fails with the install command if they are missing.</summary>
internal sealed class PopplerTools
{
    public static PopplerTools Require()
    {
        foreach (var tool in new[] { "pdfinfo", "pdftoppm" })
        {
            if (!File.Exists(Path.Combine("/usr/bin", tool)))
            {
                Assert.Fail($"{tool} is missing: install poppler-utils (apt-get install -y poppler-utils) or run scripts/test.sh, which does.");
            }
        }

        return new PopplerTools();
    }

    public async Task<string> RunAsync(string tool, params string[] arguments)
    {
        var start = new ProcessStartInfo(Path.Combine("/usr/bin", tool)) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var output = await process.StandardOutput.ReadToEndAsync();
        var error = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, $"{tool} failed ({process.ExitCode}): {error}");
        return output;
    }
}
