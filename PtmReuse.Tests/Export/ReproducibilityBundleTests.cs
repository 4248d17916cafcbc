using System.IO.Compression;
using System.Security.Cryptography;
using System.Text.Json;
using PtmReuse.Core.Analytics;
using PtmReuse.Core.Classification;
using PtmReuse.Core.Export;
using PtmReuse.Core.Export.Figures;
using PtmReuse.Tests.Analytics;
using PtmReuse.Tests.Infrastructure;
using static PtmReuse.Tests.Analytics.AnalyticsTestData;

namespace PtmReuse.Tests.Export;

/// <summary>The bundle built from a small real database through the analytics feature's figure source.</summary>
public sealed class ReproducibilityBundleTests : IAsyncLifetime
{
    private TestDatabase _database = default!;

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync();
        await SeedAsync(_database);
    }

    /// <summary>Three papers: one reusing AlexNet (a reviewer confirms DL), one without PTMs, one with a failed decision.</summary>
    internal static async Task SeedAsync(TestDatabase database)
    {
        var data = new AnalyticsTestData(database);
        var run = await data.AddRunAsync();
        var p1 = await data.AddPaperAsync("P1", 2020, Biochemistry);
        var p2 = await data.AddPaperAsync("P2", 2021, Biochemistry);
        var p3 = await data.AddPaperAsync("P3", 2021, Neuroscience);
        await data.AddPtmPaperDecisionsAsync(run, p1, "AlexNet", ReusePattern.Adaptation, ScienceStep.Test);
        await data.AddHumanLabelAsync(p1, Dl(true));
        await data.AddDecisionAsync(run, p2, Dl(true));
        await data.AddDecisionAsync(run, p2, Ptms(false));
        await data.AddDecisionAsync(run, p3, null, Stage.UsesDl);
    }

    public async Task DisposeAsync() => await _database.DisposeAsync();

    private static BundleRequest Request(params FigureFormat[] formats) =>
        new(new FigureSetRequest(AnalyticsQuery.Default, formats.Length == 0 ? [FigureFormat.Svg] : formats, new FigureExportOptions(89, 100)));

    [Fact]
    public async Task Bundle_Manifest_HashesAndSizesMatchEveryFile()
    {
        var path = Path.Combine(_database.Directory, "bundle.zip");

        await _database.Get<ReproducibilityBundle>().WriteFileAsync(path, Request(FigureFormat.Svg, FigureFormat.Png, FigureFormat.Pdf), CancellationToken.None);

        using var zip = ZipFile.OpenRead(path);
        using var manifestJson = JsonDocument.Parse(zip.GetEntry("manifest.json")!.Open());
        var listed = manifestJson.RootElement.GetProperty("files").EnumerateArray()
            .ToDictionary(f => f.GetProperty("path").GetString()!, f => (Sha: f.GetProperty("sha256").GetString()!, Bytes: f.GetProperty("bytes").GetInt64()));
        Assert.Equal(zip.Entries.Select(e => e.FullName).Where(n => n != "manifest.json").Order(), listed.Keys.Order());
        foreach (var entry in zip.Entries.Where(e => e.FullName != "manifest.json"))
        {
            await using var stream = entry.Open();
            var bytes = new MemoryStream();
            await stream.CopyToAsync(bytes);
            Assert.Equal(listed[entry.FullName].Bytes, bytes.Length);
            Assert.Equal(listed[entry.FullName].Sha, Convert.ToHexStringLower(SHA256.HashData(bytes.ToArray())));
        }

        Assert.False(string.IsNullOrEmpty(manifestJson.RootElement.GetProperty("app_version").GetString()));
        Assert.False(File.Exists(path + ".partial"));
    }

    [Fact]
    public async Task Bundle_Contents_HaveFiguresDataLabelsCatalogRunsAndMethods()
    {
        using var buffer = new MemoryStream();
        await _database.Get<ReproducibilityBundle>().WriteAsync(buffer, Request(), CancellationToken.None);

        buffer.Position = 0;
        using var zip = new ZipArchive(buffer, ZipArchiveMode.Read);
        var names = zip.Entries.Select(e => e.FullName).ToList();
        Assert.Contains("figures/funnel.svg", names);
        Assert.Contains("data/funnel.csv", names);
        Assert.Contains(names, n => n.StartsWith("tables/", StringComparison.Ordinal) && n.EndsWith(".tex", StringComparison.Ordinal));
        foreach (var required in new[] { "labels/effective-labels.jsonl", "labels/human-labels.csv", "catalog/ptm-catalog.json", "catalog/overrides.json", "runs/runs.json", "runs/prompt-versions.csv", "methods.md", "query.json", "figures.json", "manifest.json" })
        {
            Assert.Contains(required, names);
        }

        // Figures are written sorted by id, so two exports of the same data list their files identically.
        var figureIds = names.Where(n => n.StartsWith("figures/", StringComparison.Ordinal)).Select(n => n["figures/".Length..^".svg".Length]).ToList();
        Assert.Equal(figureIds.Order(StringComparer.Ordinal), figureIds);

        var labels = Read(zip, "labels/effective-labels.jsonl").Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(3, labels.Length);
        Assert.Contains(labels, l => l.Contains("\"label_source\":\"human\"", StringComparison.Ordinal));
        Assert.Equal(2, Read(zip, "labels/human-labels.csv").Split('\n', StringSplitOptions.RemoveEmptyEntries).Length); // header + P1's label

        var methods = Read(zip, "methods.md");
        Assert.Contains("The database held 3 papers published 2020–2021", methods, StringComparison.Ordinal);
        Assert.Contains("backend `fake` model `m` (3 papers", methods, StringComparison.Ordinal);
        Assert.Contains("1 current human labels on 1 papers", methods, StringComparison.Ordinal);
        Assert.Contains("No validation sample was recorded", methods, StringComparison.Ordinal);
        Assert.Contains("a paper counts in its primary field only", methods, StringComparison.Ordinal);

        using var query = JsonDocument.Parse(Read(zip, "query.json"));
        Assert.Equal("primary_only", query.RootElement.GetProperty("rules").GetProperty("multi_field").GetString());
    }

    private static string Read(ZipArchive zip, string name)
    {
        using var reader = new StreamReader(zip.GetEntry(name)!.Open());
        return reader.ReadToEnd();
    }
}
