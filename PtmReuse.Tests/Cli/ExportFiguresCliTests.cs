using System.Buffers.Binary;
using System.IO.Compression;
using System.Text.Json;
using System.Xml.Linq;
using PtmReuse.Dashboard.Cli;
using PtmReuse.Tests.Export;
using PtmReuse.Tests.Infrastructure;

namespace PtmReuse.Tests.Cli;

/// <summary>`export figures` and `export bundle` through the real command line against a seeded SQLite file.</summary>
public sealed class ExportFiguresCliTests : IAsyncLifetime
{
    private TestDatabase _database = default!;

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync();
        await ReproducibilityBundleTests.SeedAsync(_database);
    }

    public async Task DisposeAsync() => await _database.DisposeAsync();

    private string Out(string name) => Path.Combine(_database.Directory, name);

    private async Task<(int Code, string Output, string Error)> RunAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = await CommandLineApp.RunAsync([.. args, "--db", _database.DatabasePath], output, error);
        return (code, output.ToString(), error.ToString());
    }

    [Fact]
    public async Task ExportFigures_SvgAndPng_WritesEveryFigureAtTheRequestedSize()
    {
        var folder = Out("figures-out");

        var (code, output, error) = await RunAsync("export", "figures", "--out", folder, "--format", "svg,png", "--width-mm", "183", "--dpi", "150");

        Assert.True(code == 0, $"exit {code}: {output}{error}");
        using var figures = JsonDocument.Parse(File.ReadAllText(Path.Combine(folder, "figures.json")));
        var ids = figures.RootElement.GetProperty("figures").EnumerateArray().Select(f => f.GetProperty("id").GetString()!).ToList();
        Assert.Contains("funnel", ids);
        Assert.Contains($"Wrote {ids.Count} figures (svg, png, 183 mm, 150 dpi)", output, StringComparison.Ordinal);
        foreach (var id in ids)
        {
            Assert.Equal("183mm", XDocument.Load(Path.Combine(folder, "figures", id + ".svg")).Root!.Attribute("width")!.Value);
            var png = File.ReadAllBytes(Path.Combine(folder, "figures", id + ".png"));
            Assert.Equal(1081, BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(16))); // 183 / 25.4 × 150 = 1080.7
            Assert.True(File.Exists(Path.Combine(folder, "data", id + ".csv")));
            Assert.False(File.Exists(Path.Combine(folder, "figures", id + ".pdf")));
        }

        Assert.NotEmpty(Directory.GetFiles(Path.Combine(folder, "tables"), "*.tex"));
    }

    [Fact]
    public async Task ExportBundle_WithFilters_WritesZipWhoseQueryStatesThem()
    {
        var path = Out("bundle.zip");

        var (code, output, error) = await RunAsync("export", "bundle", "--out", path, "--format", "svg", "--from-year", "2020", "--to-year", "2021",
            "--basis", "machine", "--multi-field", "fractional", "--unit", "paper-model", "--natural-science", "false", "--field", "Neuroscience,Chemistry");

        Assert.True(code == 0, $"exit {code}: {output}{error}");
        Assert.Contains($"to {path}", output, StringComparison.Ordinal);
        using var zip = ZipFile.OpenRead(path);
        using var query = JsonDocument.Parse(zip.GetEntry("query.json")!.Open());
        var filter = query.RootElement.GetProperty("filter");
        Assert.Equal(2020, filter.GetProperty("from_year").GetInt32());
        Assert.False(filter.GetProperty("natural_science_only").GetBoolean());
        Assert.Equal(["Neuroscience", "Chemistry"], filter.GetProperty("fields").EnumerateArray().Select(f => f.GetString()));
        var rules = query.RootElement.GetProperty("rules");
        Assert.Equal("machine_only", rules.GetProperty("basis").GetString());
        Assert.Equal("fractional", rules.GetProperty("multi_field").GetString());
        Assert.Equal("paper_model", rules.GetProperty("unit").GetString());
        Assert.NotNull(zip.GetEntry("manifest.json"));
    }

    [Theory]
    [InlineData("--dpi", "0", "DPI must be between 1 and 2400 (got 0)")]
    [InlineData("--dpi", "-3", "DPI must be between 1 and 2400 (got -3)")]
    [InlineData("--format", "svg,tiff", "Unknown figure format 'tiff'")]
    [InlineData("--width-mm", "wide", "Width 'wide' is not single, double or a number")]
    [InlineData("--width-mm", "5", "Width must be between 20 and 500 mm (got 5)")]
    [InlineData("--figure", "no-such-figure", "Unknown figure id(s): no-such-figure")]
    public async Task ExportFigures_BadOption_ExitsOneWithClearError(string option, string value, string message)
    {
        var (code, _, error) = await RunAsync("export", "figures", "--out", Out("bad"), option, value);

        Assert.Equal(1, code);
        Assert.Contains(message, error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ExportBundle_UnwritablePath_ExitsOneNamingThePath()
    {
        // A file where the bundle's folder should be: the folder cannot be created.
        var blocker = Out("blocker");
        await File.WriteAllTextAsync(blocker, "not a folder");
        var path = Path.Combine(blocker, "bundle.zip");

        var (code, _, error) = await RunAsync("export", "bundle", "--out", path, "--format", "svg");

        Assert.Equal(1, code);
        Assert.Contains($"export bundle: cannot write {path}", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ExportFigures_FromYearAfterToYear_IsAUsageError()
    {
        var (code, _, error) = await RunAsync("export", "figures", "--out", Out("x"), "--from-year", "2022", "--to-year", "2020");

        Assert.NotEqual(0, code);
        Assert.Contains("--from-year (2022) is after --to-year (2020)", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ExportReport_WritesOneSelfContainedHtmlFileWithEveryFigure()
    {
        var path = Out("report/figures.html");

        var (code, output, error) = await RunAsync("export", "report", "--out", path, "--from-year", "2020", "--to-year", "2021");

        Assert.True(code == 0, error);
        Assert.Matches(@"^Wrote \d+ figures \([\d,]+ bytes, Plotly.js included\) to ", output);
        var html = await File.ReadAllTextAsync(path);
        Assert.Contains("id=\"figure-data\"", html, StringComparison.Ordinal);
        Assert.Contains("Papers of 2020–2021", html, StringComparison.Ordinal);
        // Plotly.js is inside the file (no <script src>), so it opens without a server or a network.
        Assert.Contains("plotly.js", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<script src", html, StringComparison.Ordinal);
        Assert.False(File.Exists(path + ".partial"));
    }
}
