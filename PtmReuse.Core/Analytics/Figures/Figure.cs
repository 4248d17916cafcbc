namespace PtmReuse.Core.Analytics.Figures;

/// <summary>
/// A chart-neutral figure: the one model both the dashboard (Plotly) and the server-side exporter (SVG/PNG/PDF)
/// draw, so a figure exported from the browser and from the command line carries the same data.
/// </summary>
public sealed record Figure(
    string Id,
    string Title,
    FigureKind Kind,
    string XTitle,
    string YTitle,
    IReadOnlyList<FigureSeries> Series,
    string Caption,
    bool LogY = false,
    FigureHeatmap? Heatmap = null);

public enum FigureKind
{
    Line,
    StackedArea,
    Bar,
    StackedBar,
    HorizontalBar,
    Heatmap,
    Funnel,
}

/// <summary>A named series. <see cref="ColourKey"/> (a field id, pattern or step name) picks the same colour in every figure.</summary>
public sealed record FigureSeries(string Name, string ColourKey, IReadOnlyList<FigurePoint> Points);

/// <summary>
/// One point or bar. <see cref="Denominator"/> is shown with shares; <see cref="DrillKey"/> identifies the papers behind
/// the point (opaque to renderers; the analytics service resolves it to a paper list).
/// </summary>
public sealed record FigurePoint(string X, double Y, double? ErrorLow = null, double? ErrorHigh = null, double? Denominator = null, string? DrillKey = null);

/// <summary>Heatmap cells: <c>Values[row][column]</c>, null where there is no data.</summary>
public sealed record FigureHeatmap(IReadOnlyList<string> Columns, IReadOnlyList<string> Rows, IReadOnlyList<IReadOnlyList<double?>> Values, string ValueTitle);

/// <summary>A table for CSV and LaTeX export.</summary>
public sealed record FigureTable(string Id, string Title, IReadOnlyList<string> Columns, IReadOnlyList<IReadOnlyList<string>> Rows, string Caption);

/// <summary>Builds every figure and table of the analytics pages for one query; implemented by the analytics feature.</summary>
public interface IFigureSource
{
    Task<IReadOnlyList<Figure>> BuildFiguresAsync(AnalyticsQuery query, CancellationToken cancellationToken);

    Task<IReadOnlyList<FigureTable>> BuildTablesAsync(AnalyticsQuery query, CancellationToken cancellationToken);
}
