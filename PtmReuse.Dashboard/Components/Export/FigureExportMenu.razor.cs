using Microsoft.AspNetCore.Components;
using PtmReuse.Core.Analytics;
using PtmReuse.Core.Analytics.Figures;
using PtmReuse.Core.Export.Figures;
using PtmReuse.Dashboard.Export;

namespace PtmReuse.Dashboard.Components.Export;

/// <summary>
/// Export buttons for one chart card: the figure as SVG, PNG or PDF at print size, or its data as CSV, for the same
/// filters and counting rules the card shows. Place it on any card: <c>&lt;FigureExportMenu Figure="f" Query="q" /&gt;</c>.
/// </summary>
public sealed partial class FigureExportMenu
{
    private static readonly (string Label, string Extension, string Title)[] Links =
    [
        ("SVG", "svg", "Vector figure (SVG) at print size"),
        ("PNG", "png", "Bitmap figure (PNG) at print size and DPI"),
        ("PDF", "pdf", "Vector figure (PDF) at print size"),
        ("CSV", "csv", "The figure's data, one row per point"),
    ];

    [Parameter, EditorRequired]
    public Figure Figure { get; set; } = default!;

    [Parameter, EditorRequired]
    public AnalyticsQuery Query { get; set; } = AnalyticsQuery.Default;

    /// <summary>Print size; single column (89 mm) at 300 DPI unless given.</summary>
    [Parameter]
    public FigureExportOptions PrintSize { get; set; } = FigureExportOptions.Default;

    private string Url(string extension) => extension == "csv"
        ? ExportQueryString.Build(ExportEndpoints.FigureUrl(Figure.Id, extension), Query)
        : ExportQueryString.Build(ExportEndpoints.FigureUrl(Figure.Id, extension), Query, PrintSize);
}
