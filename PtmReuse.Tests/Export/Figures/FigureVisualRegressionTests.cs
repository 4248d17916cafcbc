using PtmReuse.Core.Analytics;
using PtmReuse.Core.Analytics.Figures;
using PtmReuse.Core.Classification;
using PtmReuse.Core.Export.Figures;
using PtmReuse.Tests.Analytics;
using PtmReuse.Tests.Infrastructure;
using ScottPlot;
using SkiaSharp;

namespace PtmReuse.Tests.Export.Figures;

/// <summary>
/// Every analytics figure, rendered at single (89 mm) and double (183 mm) column width from a fixed database, must match
/// its reviewed reference PNG (References/, looked at by a person before it was committed) within a small pixel
/// tolerance, and its layout must keep tick labels apart and legends off the data. To accept a deliberate change, run
/// with UPDATE_FIGURE_REFERENCES=1, look at every changed PNG, and commit them.
/// </summary>
public sealed class FigureVisualRegressionTests : IClassFixture<FigureVisualRegressionTests.FiguresFixture>
{
    /// <summary>Reference renders are at 150 DPI: enough to see a layout change, small enough to keep in the repository.</summary>
    private const int Dpi = 150;

    /// <summary>A pixel differs when a channel moves by more than this (anti-aliasing and font hinting stay below it).</summary>
    private const int ChannelTolerance = 48;

    /// <summary>Share of differing pixels a render may have against its reference (text rendering varies a little).</summary>
    private const double PixelTolerance = 0.004;

    private static readonly string ReferenceDirectory = Path.Combine(TestPaths.RepositoryRoot, "PtmReuse.Tests", "Export", "Figures", "References");

    private readonly FiguresFixture _fixture;

    public FigureVisualRegressionTests(FiguresFixture fixture) => _fixture = fixture;

    public static TheoryData<string, double> Cases()
    {
        var data = new TheoryData<string, double>();
        foreach (var id in FiguresFixture.FigureIds)
        {
            data.Add(id, FigureExportOptions.SingleColumnMm);
            data.Add(id, FigureExportOptions.DoubleColumnMm);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Figure_RenderedAtColumnWidth_MatchesItsReviewedReference(string id, double widthMm)
    {
        var figure = _fixture.Figures.Single(f => f.Id == id);
        var options = new FigureExportOptions(widthMm, Dpi);
        var png = new FigureRenderer().Render(figure, FigureFormat.Png, options);
        var reference = Path.Combine(ReferenceDirectory, $"{id}-{widthMm:0}mm.png");
        if (Environment.GetEnvironmentVariable("UPDATE_FIGURE_REFERENCES") == "1")
        {
            Directory.CreateDirectory(ReferenceDirectory);
            File.WriteAllBytes(reference, png);
            return;
        }

        Assert.True(File.Exists(reference), $"No reference for {id} at {widthMm} mm: run with UPDATE_FIGURE_REFERENCES=1, look at {reference}, commit it.");
        using var actual = SKBitmap.Decode(png);
        using var expected = SKBitmap.Decode(reference);
        Assert.Equal((expected.Width, expected.Height), (actual.Width, actual.Height));
        Assert.Equal(options.PixelWidth, actual.Width); // the print width is a contract; a sideways bar chart may grow taller

        var differing = 0;
        for (var y = 0; y < actual.Height; y++)
        {
            for (var x = 0; x < actual.Width; x++)
            {
                var a = actual.GetPixel(x, y);
                var e = expected.GetPixel(x, y);
                if (Math.Abs(a.Red - e.Red) > ChannelTolerance || Math.Abs(a.Green - e.Green) > ChannelTolerance || Math.Abs(a.Blue - e.Blue) > ChannelTolerance)
                {
                    differing++;
                }
            }
        }

        var share = (double)differing / (actual.Width * actual.Height);
        Assert.True(share <= PixelTolerance, $"{id} at {widthMm} mm: {share:P2} of pixels differ from {reference}");
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Figure_LaidOutAtColumnWidth_TickLabelsDoNotOverlapAndLegendStaysOffTheData(string id, double widthMm)
    {
        var figure = _fixture.Figures.Single(f => f.Id == id);
        var options = FigureRenderer.OptionsFor(figure, new FigureExportOptions(widthMm, Dpi));
        var plot = FigurePlotBuilder.Build(figure, options.WidthPoints, options.HeightPoints);
        plot.RenderInMemory((int)Math.Ceiling(options.WidthPoints), (int)Math.Ceiling(options.HeightPoints));
        using var font = FigurePlotBuilder.TickFont();

        foreach (IAxis axis in new IAxis[] { plot.Axes.Bottom, plot.Axes.Left })
        {
            var vertical = axis == plot.Axes.Left;
            var rotation = Math.Abs(axis.TickLabelStyle.Rotation);
            // Each labelled tick's extent along its axis, in points: level labels by their width (height on the
            // vertical axis), slanted ones by their thickness across the slant.
            var extents = axis.TickGenerator.Ticks.Where(t => t.IsMajor && !string.IsNullOrEmpty(t.Label))
                .Select(t =>
                {
                    var centre = vertical ? plot.GetPixel(new Coordinates(0, t.Position)).Y : plot.GetPixel(new Coordinates(t.Position, 0)).X;
                    var lines = t.Label.Split('\n');
                    double size = vertical || rotation == 0
                        ? (vertical ? lines.Length * font.Spacing : lines.Max(l => font.MeasureText(l)))
                        : lines.Length * font.Spacing / Math.Sin(rotation * Math.PI / 180);
                    return (Label: t.Label, Low: centre - (size / 2), High: centre + (size / 2));
                })
                .OrderBy(e => e.Low).ToList();
            for (var i = 1; i < extents.Count; i++)
            {
                Assert.True(extents[i].Low >= extents[i - 1].High,
                    $"{id} at {widthMm} mm: tick labels '{extents[i - 1].Label}' and '{extents[i].Label}' overlap on the {(vertical ? "left" : "bottom")} axis");
            }
        }

        if (figure.Series.Count > 1 && figure.Kind != FigureKind.Heatmap)
        {
            // The legend is a panel beside the axes (below them), never drawn inside the data area.
            Assert.False(plot.Legend.IsVisible, $"{id}: a legend inside the data area");
            Assert.Contains(plot.Axes.GetPanels(), p => p is ScottPlot.Panels.LegendPanel);
        }
    }

    [Fact]
    public void FieldSeries_EveryAdoptionFigure_HasDistinctColoursAndGroupsTheRest()
    {
        foreach (var figure in _fixture.Figures.Where(f => f.Id.StartsWith("adoption-", StringComparison.Ordinal)))
        {
            var colours = figure.Series.Select(s => FigurePalette.ColourFor(s.ColourKey)).ToList();
            Assert.Equal(colours.Count, colours.Distinct(StringComparer.OrdinalIgnoreCase).Count());
            // Ten fields in the fixture: the eight largest apart, two summed.
            Assert.Equal(FigurePalette.MaxFieldSeries + 1, figure.Series.Count);
            Assert.Equal("Other fields (2)", figure.Series[^1].Name);
            Assert.Contains("summed as \"Other fields\"", figure.Caption, StringComparison.Ordinal);
        }
    }

    /// <summary>A fixed database (ten fields, 2000–2025 with gaps, PTM reuse rising) and every figure built from it once.</summary>
    public sealed class FiguresFixture : IAsyncLifetime
    {
        private static readonly string[] Fields =
        [
            "Biochemistry, Genetics and Molecular Biology", "Medicine", "Neuroscience", "Agricultural and Biological Sciences",
            "Environmental Science", "Earth and Planetary Sciences", "Chemistry", "Physics and Astronomy", "Immunology and Microbiology", "Mathematics",
        ];

        private static readonly string[] Models = ["AlphaFold 2", "ResNet-50", "BERT", "U-Net", "VGG-16"];

        public static IReadOnlyList<string> FigureIds { get; } =
        [
            "adoption-ingested", "adoption-dl", "adoption-dl-share", "adoption-ptms", "adoption-ptms-share", "outcomes-uses_dl", "outcomes-uses_ptms",
            "patterns-overall", "patterns-field", "patterns-year", "steps-overall", "steps-field", "models-top", "models-trend", "heatmap-field-year", "funnel",
        ];

        public IReadOnlyList<Figure> Figures { get; private set; } = [];

        public async Task InitializeAsync()
        {
            await using var database = await TestDatabase.CreateAsync();
            var data = new AnalyticsTestData(database);
            var run = await data.AddRunAsync();
            var n = 0;
            for (var year = 2000; year <= 2025; year++)
            {
                if (year is 2003 or 2004)
                {
                    continue; // years without papers must show as empty
                }

                for (var f = 0; f < Fields.Length; f++)
                {
                    var papers = 1 + ((year - 2000 + (f * 3)) % 4) + (f < 3 ? 2 : 0);
                    for (var p = 0; p < papers; p++, n++)
                    {
                        var paper = await data.AddPaperAsync($"Fixture {year} {f} {p}", year, Fields[f]);
                        var dl = (n * 7 % 10) < (year - 1995) / 3;
                        await data.AddDecisionAsync(run, paper, AnalyticsTestData.Dl(dl));
                        if (!dl)
                        {
                            continue;
                        }

                        var ptms = n % 3 != 0;
                        await data.AddDecisionAsync(run, paper, AnalyticsTestData.Ptms(ptms));
                        if (!ptms)
                        {
                            continue;
                        }

                        var model = Models[n % Models.Length];
                        await data.AddDecisionAsync(run, paper, AnalyticsTestData.Models(model));
                        await data.AddDecisionAsync(run, paper, AnalyticsTestData.Reuse((model, (ReusePattern)(n % 3))));
                        await data.AddDecisionAsync(run, paper, new PtmImpactAnswer([new PtmImpactItem(model, model, (ScienceStep)(n % 6), AnalyticsTestData.Quote)]));
                    }
                }
            }

            var query = new AnalyticsQuery(AnalyticsFilter.Default with { NaturalScienceOnly = false }, CountingRules.Default);
            Figures = await database.Get<AnalyticsFigures>().BuildFiguresAsync(query, CancellationToken.None);
            Assert.Equal(FigureIds.Order(), Figures.Select(f => f.Id).Order());
        }

        public Task DisposeAsync() => Task.CompletedTask;
    }
}
