using PtmReuse.Core.Analytics;
using PtmReuse.Core.Analytics.Figures;

namespace PtmReuse.Tests.Export.Figures;

/// <summary>Known figures of every kind, with series names that need escaping, for the exporter's tests.</summary>
internal static class SampleFigures
{
    public const string Caption = "Unit: paper; multi-field papers counted in their primary field only; effective labels (human over machine).";

    private static readonly string[] Years = [.. Enumerable.Range(2000, 26).Select(y => y.ToString(System.Globalization.CultureInfo.InvariantCulture))];

    public static Figure Line(bool log = false) => new(
        "trends-ptms", "Papers reusing PTMs by field", FigureKind.Line, "Year", log ? "Papers (log)" : "Papers",
        [
            Series("Biochemistry, Genetics & Molecular Biology", "13", y => y < 2012 ? 0 : Math.Pow(1.5, y - 2010), withErrors: true),
            Series("Earth and Planetary Sciences", "19", y => y < 2015 ? 0 : (y - 2014) * 2),
            Series("Physics_and <Astronomy>", "31", y => y < 2016 ? 0 : y - 2015),
        ],
        Caption, LogY: log);

    public static Figure StackedArea() => Line() with { Id = "trends-stacked", Kind = FigureKind.StackedArea };

    public static Figure Bar() => new(
        "patterns-by-field", "Reuse patterns by field", FigureKind.Bar, "Field", "Share of PTM papers (%)",
        [
            Categorical("conceptual", "conceptual", [("Biochemistry", 20), ("Medicine", 25), ("Physics", 30)], withErrors: true),
            Categorical("adaptation", "adaptation", [("Biochemistry", 70), ("Medicine", 65), ("Physics", 60)]),
            Categorical("deployment", "deployment", [("Biochemistry", 10), ("Medicine", 10), ("Physics", 10)]),
        ],
        Caption);

    public static Figure StackedBar() => Bar() with { Id = "patterns-stacked", Kind = FigureKind.StackedBar };

    public static Figure HorizontalBar() => new(
        "top-models", "Top PTMs", FigureKind.HorizontalBar, "Papers", "Model",
        [Categorical("all", "all", [("AlexNet", 25), ("AlphaFold 2", 23), ("VGG 16", 19), ("ResNet 50", 18), ("AlphaFold", 18)], withErrors: true)],
        Caption);

    public static Figure Funnel() => new(
        "funnel", "Pipeline", FigureKind.Funnel, "Step", "Papers",
        [Categorical("papers", "all", [("Ingested", 17511), ("Natural science", 15000), ("Classified", 14000), ("Using DL", 2100), ("Using PTMs", 631), ("Grounded evidence", 600), ("Human-reviewed", 120)])],
        Caption);

    public static Figure Heatmap() => new(
        "field-year-heatmap", "PTM reuse by field and year", FigureKind.Heatmap, "Year", "Field",
        [],
        Caption,
        Heatmap: new FigureHeatmap(
            Years,
            ["Biochemistry", "Medicine", "Physics"],
            [
                [.. Years.Select((_, i) => (double?)i)],
                [.. Years.Select((_, i) => i % 5 == 0 ? null : (double?)(i / 2.0))],
                [.. Years.Select(_ => (double?)0)],
            ],
            "Papers reusing PTMs"));

    public static IReadOnlyList<Figure> All() => [Line(), Line(log: true) with { Id = "trends-ptms-log" }, StackedArea(), Bar(), StackedBar(), HorizontalBar(), Funnel(), Heatmap()];

    public static FigureTable Table() => new(
        "top-models-table", "Top PTMs & their share", ["Model", "Papers", "Share (%)", "Field_name"],
        [
            ["AlexNet", "25", "3.96", "Biochemistry & Genetics"],
            ["ResNet_50 {v1}", "18", "2.85", "100% ~ $5 #1 ^x \\path"],
        ],
        Caption);

    private static FigureSeries Series(string name, string colourKey, Func<int, double> value, bool withErrors = false) =>
        new(name, colourKey, [.. Years.Select(x =>
        {
            var y = value(int.Parse(x, System.Globalization.CultureInfo.InvariantCulture));
            return new FigurePoint(x, y, withErrors ? y * 0.8 : null, withErrors ? y * 1.2 : null, Denominator: 100 + y);
        })]);

    private static FigureSeries Categorical(string name, string colourKey, (string X, double Y)[] points, bool withErrors = false) =>
        new(name, colourKey, [.. points.Select(p => new FigurePoint(p.X, p.Y, withErrors ? p.Y - 2 : null, withErrors ? p.Y + 3 : null, Denominator: 631))]);

    /// <summary>A figure source that returns the samples, standing in for the analytics feature in export tests.</summary>
    public sealed class Source : IFigureSource
    {
        public List<AnalyticsQuery> Queries { get; } = [];

        public Task<IReadOnlyList<Figure>> BuildFiguresAsync(AnalyticsQuery query, CancellationToken cancellationToken)
        {
            Queries.Add(query);
            return Task.FromResult(All());
        }

        public Task<IReadOnlyList<FigureTable>> BuildTablesAsync(AnalyticsQuery query, CancellationToken cancellationToken) =>
            Task.FromResult<IReadOnlyList<FigureTable>>([Table()]);
    }
}
