using System.Globalization;
using PtmReuse.Core.Analytics.Figures;
using ScottPlot;
using ScottPlot.TickGenerators;

namespace PtmReuse.Core.Export.Figures;

/// <summary>
/// Turns a chart-neutral <see cref="Figure"/> into a ScottPlot <see cref="Plot"/> styled for print. The plot is laid
/// out in points (1 unit = 1/72 inch) so font sizes are true print sizes; the writers scale it to pixels or pages.
/// </summary>
internal static class FigurePlotBuilder
{
    public const string FontName = "DejaVu Sans";
    public const float TickFontPt = 7;
    public const float AxisTitleFontPt = 8;
    public const float LegendFontPt = 7;
    public const float LineWidthPt = 1;
    public const float MarkerSizePt = 3;

    private static readonly Color AxisColour = Color.FromHex("#333333");

    /// <summary>
    /// Builds the plot for a print size in points: category labels are thinned (and rotated where long) until they no
    /// longer overlap at that size, and legends sit outside the data area.
    /// </summary>
    public static Plot Build(Figure figure, double widthPt, double heightPt)
    {
        // Named categories (fields, models) under a narrow figure leave no room to read them: lay the bars sideways.
        var flip = SideRows(figure, widthPt) is not null;
        var plot = Build(figure, flip, narrow: widthPt < NarrowWidthPt);
        if (!flip)
        {
            FitCategoryLabels(plot, figure, widthPt, heightPt);
        }

        return plot;
    }

    /// <summary>The number of category rows down the side when <see cref="Build(Figure, double, double)"/> lays this figure sideways at this width; else null.</summary>
    internal static int? SideRows(Figure figure, double widthPt) =>
        figure.Kind is FigureKind.Bar or FigureKind.StackedBar && widthPt < NarrowWidthPt
            && CategoryLayout.From(figure) is { IsNumeric: false } categories && categories.Categories.Any(c => c.Length > 4)
            ? categories.Categories.Count : null;

    /// <summary>Height (points) that keeps <paramref name="rows"/> one-line labels apart, plus room for the axis and a legend below.</summary>
    internal static double SideRowsHeightPt(int rows)
    {
        using var font = TickFont();
        return (rows * font.Spacing * 1.4) + 110;
    }

    /// <summary>Below this width (in points, about 140 mm) bar charts of named categories are drawn horizontally.</summary>
    internal const double NarrowWidthPt = 400;

    public static Plot Build(Figure figure, bool flip = false, bool narrow = false)
    {
        var plot = new Plot();
        plot.Font.Set(FontName);
        var layout = CategoryLayout.From(figure, flip);
        switch (figure.Kind)
        {
            case FigureKind.Line:
                AddLines(plot, figure, layout);
                break;
            case FigureKind.StackedArea:
                AddStackedAreas(plot, figure, layout);
                break;
            case FigureKind.Bar:
            case FigureKind.StackedBar:
            case FigureKind.HorizontalBar:
                AddBars(plot, figure, layout, flip);
                break;
            case FigureKind.Funnel:
                AddFunnel(plot, figure, layout);
                break;
            case FigureKind.Heatmap:
                AddHeatmap(plot, figure, narrow);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(figure), figure.Kind, "Unknown figure kind.");
        }

        Style(plot, figure, layout, flip, narrow);
        return plot;
    }

    /// <summary>Whether the y values are drawn on a log10 scale (stacked kinds and heatmaps never are: stacking in log space misleads).</summary>
    internal static bool UsesLogY(Figure figure) => figure.LogY && figure.Kind is FigureKind.Line or FigureKind.Bar or FigureKind.HorizontalBar;

    private static void AddLines(Plot plot, Figure figure, CategoryLayout layout)
    {
        var log = UsesLogY(figure);
        foreach (var series in figure.Series)
        {
            var colour = ColourOf(series);
            var points = series.Points.Where(p => !log || p.Y > 0).ToList();
            var xs = points.Select(p => layout.Position(p.X)).ToArray();
            var ys = points.Select(p => Value(p.Y, log)).ToArray();
            var line = plot.Add.Scatter(xs, ys, colour);
            line.LineWidth = LineWidthPt;
            line.MarkerSize = MarkerSizePt;
            line.LegendText = series.Name;
            AddErrorBars(plot, points, xs, log, colour, horizontal: false);
        }
    }

    private static void AddStackedAreas(Plot plot, Figure figure, CategoryLayout layout)
    {
        var xs = layout.Categories.Select(layout.Position).ToArray();
        var lower = new double[xs.Length];
        foreach (var series in figure.Series)
        {
            var values = layout.Categories.Select(c => series.Points.FirstOrDefault(p => p.X == c)?.Y ?? 0).ToArray();
            var upper = lower.Zip(values, (l, v) => l + v).ToArray();
            var colour = ColourOf(series);
            var fill = plot.Add.FillY(xs, lower, upper);
            fill.FillColor = colour.WithAlpha(0.85);
            fill.LineColor = colour;
            fill.LineWidth = 0.5f;
            fill.LegendText = series.Name;
            lower = upper;
        }
    }

    private static void AddBars(Plot plot, Figure figure, CategoryLayout layout, bool flip)
    {
        var horizontal = figure.Kind == FigureKind.HorizontalBar || flip;
        var stacked = figure.Kind == FigureKind.StackedBar;
        var log = UsesLogY(figure);
        var groupWidth = 0.8;
        var barWidth = stacked ? groupWidth : groupWidth / Math.Max(1, figure.Series.Count);
        var baseByCategory = new Dictionary<string, double>();
        for (var s = 0; s < figure.Series.Count; s++)
        {
            var series = figure.Series[s];
            var colour = ColourOf(series);
            var points = series.Points.Where(p => !log || p.Y > 0).ToList();
            var positions = new double[points.Count];
            var bars = new List<Bar>();
            for (var i = 0; i < points.Count; i++)
            {
                var point = points[i];
                var centre = layout.Position(point.X);
                positions[i] = stacked ? centre : centre - (groupWidth / 2) + (barWidth * (s + 0.5));
                var start = stacked ? baseByCategory.GetValueOrDefault(point.X) : 0;
                var value = Value(point.Y, log);
                bars.Add(new Bar
                {
                    Position = positions[i],
                    ValueBase = start,
                    Value = start + value,
                    Size = barWidth * 0.92,
                    FillColor = colour,
                    LineWidth = 0,
                    Orientation = horizontal ? Orientation.Horizontal : Orientation.Vertical,
                });
                if (stacked)
                {
                    baseByCategory[point.X] = start + value;
                }
            }

            var barPlot = plot.Add.Bars(bars);
            barPlot.Horizontal = horizontal;
            barPlot.LegendText = series.Name;
            if (!stacked)
            {
                AddErrorBars(plot, points, positions, log, AxisColour, horizontal);
            }
        }

        if (!log)
        {
            // Bars start at zero: no padding below the baseline.
            if (horizontal)
            {
                plot.Axes.Margins(left: 0, right: 0.05, bottom: 0.02, top: 0.02);
            }
            else
            {
                plot.Axes.Margins(left: 0.02, right: 0.02, bottom: 0, top: 0.08);
            }
        }
    }

    /// <summary>The pipeline funnel: one centred horizontal bar per step, widest first, each labelled with its count.</summary>
    private static void AddFunnel(Plot plot, Figure figure, CategoryLayout layout)
    {
        foreach (var series in figure.Series)
        {
            var colour = ColourOf(series);
            var bars = series.Points.Select(p => new Bar
            {
                Position = layout.Position(p.X),
                ValueBase = -p.Y / 2,
                Value = p.Y / 2,
                Size = 0.8,
                FillColor = colour,
                LineWidth = 0,
                Orientation = Orientation.Horizontal,
            }).ToList();
            var barPlot = plot.Add.Bars(bars);
            barPlot.Horizontal = true;
            barPlot.LegendText = series.Name;
            foreach (var point in series.Points)
            {
                // The count sits just right of its bar, so it reads on any bar colour and on bars too thin to hold it.
                var label = plot.Add.Text(" " + Count(point.Y), point.Y / 2, layout.Position(point.X));
                label.LabelFontSize = TickFontPt;
                label.LabelFontName = FontName;
                label.LabelFontColor = AxisColour;
                label.LabelAlignment = Alignment.MiddleLeft;
            }
        }

        var widest = figure.Series.SelectMany(s => s.Points).Select(p => p.Y).DefaultIfEmpty(1).Max();
        // Room on the right for the widest bar's count label.
        plot.Axes.SetLimitsX(-widest / 2 * 1.02, widest / 2 * 1.6);
        plot.Axes.Bottom.TickGenerator = new NumericManual();
        plot.Axes.Bottom.FrameLineStyle.Width = 0;
    }

    private static void AddHeatmap(Plot plot, Figure figure, bool narrow)
    {
        var heatmap = figure.Heatmap ?? FromSeries(figure);
        var rows = heatmap.Rows.Count;
        var columns = heatmap.Columns.Count;
        var intensities = new double[Math.Max(1, rows), Math.Max(1, columns)];
        for (var r = 0; r < rows; r++)
        {
            for (var c = 0; c < columns; c++)
            {
                // Row 0 of the intensities is drawn at the top, matching the order rows are listed in.
                intensities[r, c] = heatmap.Values.ElementAtOrDefault(r)?.ElementAtOrDefault(c) ?? double.NaN;
            }
        }

        var cells = plot.Add.Heatmap(intensities);
        cells.Colormap = new ScottPlot.Colormaps.Viridis();
        cells.NaNCellColor = Color.FromHex("#F2F2F2");
        cells.Rectangle = new CoordinateRect(-0.5, columns - 0.5, -0.5, rows - 0.5);
        var colourBar = plot.Add.ColorBar(cells, Edge.Right);
        colourBar.Label = heatmap.ValueTitle;
        colourBar.LabelStyle.FontSize = AxisTitleFontPt;
        colourBar.LabelStyle.FontName = FontName;
        colourBar.Axis.TickLabelStyle.FontSize = TickFontPt;
        colourBar.Axis.TickLabelStyle.FontName = FontName;
        colourBar.Width = 8;

        plot.Axes.Bottom.TickGenerator = CategoryTicks(heatmap.Columns, i => i, thin: true);
        plot.Axes.Left.TickGenerator = CategoryTicks([.. heatmap.Rows.Select(r => SideLabel(r, narrow))], i => rows - 1 - i, thin: false);
        plot.Axes.SetLimits(-0.5, columns - 0.5, -0.5, rows - 0.5);
    }

    /// <summary>A heatmap given only as series: one row per series, one column per x value (in order of first appearance).</summary>
    private static FigureHeatmap FromSeries(Figure figure)
    {
        var columns = figure.Series.SelectMany(s => s.Points).Select(p => p.X).Distinct(StringComparer.Ordinal).ToList();
        var values = figure.Series
            .Select(s => (IReadOnlyList<double?>)[.. columns.Select(c => s.Points.FirstOrDefault(p => p.X == c)?.Y)])
            .ToList();
        return new FigureHeatmap(columns, [.. figure.Series.Select(s => s.Name)], values, figure.YTitle);
    }

    private static void AddErrorBars(Plot plot, IReadOnlyList<FigurePoint> points, double[] positions, bool log, Color colour, bool horizontal)
    {
        var indexes = Enumerable.Range(0, points.Count).Where(i => points[i].ErrorLow is not null || points[i].ErrorHigh is not null).ToList();
        if (indexes.Count == 0)
        {
            return;
        }

        // ErrorLow/ErrorHigh are the interval's bounds (values on the y scale); ScottPlot wants distances from the point.
        // Not clamped at 0: an interval that does not contain the point (a corrected share's interval around an observed
        // share) is drawn from end to end, as ScottPlot draws y − below to y + above whatever their signs. On a log scale
        // an end ≤ 0 has no position: that whisker stops at the point rather than stretching the axis to 1e-323.
        var at = indexes.Select(i => positions[i]).ToArray();
        var values = indexes.Select(i => Value(points[i].Y, log)).ToArray();
        var below = indexes.Select(i => Value(points[i].Y, log) - Value(Drawable(points[i].ErrorLow, points[i].Y, log), log)).ToArray();
        var above = indexes.Select(i => Value(Drawable(points[i].ErrorHigh, points[i].Y, log), log) - Value(points[i].Y, log)).ToArray();
        var zeros = new double[at.Length];
        var bars = horizontal
            ? new ScottPlot.Plottables.ErrorBar(values, at, above, below, zeros, zeros)
            : new ScottPlot.Plottables.ErrorBar(at, values, zeros, zeros, above, below);
        plot.Add.Plottable(bars);
        bars.Color = colour;
        bars.LineWidth = 0.75f;
        bars.CapSize = 3;
        bars.LegendText = "";
    }

    private static double Drawable(double? end, double y, bool log) => end is not { } value || (log && value <= 0) ? y : value;

    private static double Value(double y, bool log) => log ? Math.Log10(y) : y;

    private static void Style(Plot plot, Figure figure, CategoryLayout layout, bool flip, bool narrow)
    {
        var horizontal = figure.Kind is FigureKind.HorizontalBar or FigureKind.Funnel || flip;
        IAxis categoryAxis = horizontal ? plot.Axes.Left : plot.Axes.Bottom;
        IAxis valueAxis = horizontal ? plot.Axes.Bottom : plot.Axes.Left;

        if (figure.Kind != FigureKind.Heatmap)
        {
            categoryAxis.TickGenerator = layout.IsNumeric
                ? new NumericAutomatic { LabelFormatter = v => v.ToString("0", CultureInfo.InvariantCulture), IntegerTicksOnly = true }
                : CategoryTicks([.. layout.Categories.Select(c => flip ? SideLabel(c, narrow) : c)], i => layout.Position(layout.Categories[i]), thin: false);
            if (figure.Kind != FigureKind.Funnel)
            {
                valueAxis.TickGenerator = UsesLogY(figure)
                    ? new NumericAutomatic
                    {
                        IntegerTicksOnly = true,
                        MinorTickGenerator = new LogMinorTickGenerator(),
                        LabelFormatter = v => Math.Pow(10, v).ToString("#,0.##", CultureInfo.InvariantCulture),
                    }
                    : new NumericAutomatic { LabelFormatter = v => v.ToString("#,0.###", CultureInfo.InvariantCulture) };
            }
        }

        // Axis titles are literal: XTitle under the horizontal axis, YTitle beside the vertical one (for horizontal
        // bars XTitle names the values). The funnel's step names say enough, and its width axis has no scale.
        // A flipped bar chart keeps its titles with their values: categories on the left, counts along the bottom.
        plot.Axes.Bottom.Label.Text = figure.Kind == FigureKind.Funnel ? "" : flip ? figure.YTitle : figure.XTitle;
        plot.Axes.Left.Label.Text = figure.Kind == FigureKind.Funnel ? "" : flip ? figure.XTitle : figure.YTitle;

        foreach (IAxis axis in new IAxis[] { plot.Axes.Left, plot.Axes.Bottom })
        {
            axis.Label.FontSize = AxisTitleFontPt;
            axis.Label.FontName = FontName;
            axis.Label.Bold = false;
            axis.Label.ForeColor = AxisColour;
            axis.TickLabelStyle.FontSize = TickFontPt;
            axis.TickLabelStyle.FontName = FontName;
            axis.TickLabelStyle.ForeColor = AxisColour;
            axis.MajorTickStyle.Length = 3;
            axis.MajorTickStyle.Width = 0.5f;
            axis.MajorTickStyle.Color = AxisColour;
            axis.MinorTickStyle.Length = 1.5f;
            axis.MinorTickStyle.Width = 0.5f;
            axis.MinorTickStyle.Color = AxisColour;
            axis.FrameLineStyle.Width = axis.FrameLineStyle.Width == 0 ? 0 : 0.75f;
            axis.FrameLineStyle.Color = AxisColour;
        }

        // Publication style: an open frame (no top or right spine) and faint major grid lines only.
        plot.Axes.Top.FrameLineStyle.Width = 0;
        plot.Axes.Right.FrameLineStyle.Width = 0;
        plot.Grid.MajorLineColor = Colors.Black.WithAlpha(0.08);
        plot.Grid.MajorLineWidth = 0.5f;
        plot.Grid.MinorLineWidth = 0;
        if (figure.Kind is FigureKind.Heatmap or FigureKind.Funnel)
        {
            plot.HideGrid();
        }

        if (!flip && !layout.IsNumeric && figure.Kind is FigureKind.Line or FigureKind.StackedArea or FigureKind.Bar or FigureKind.StackedBar
            && layout.Categories.Count > 4 && layout.Categories.Any(c => c.Length > 6))
        {
            plot.Axes.Bottom.TickLabelStyle.Rotation = SlantDegrees;
            plot.Axes.Bottom.TickLabelStyle.Alignment = Alignment.MiddleRight;
        }

        if (figure.Series.Count > 1 && figure.Kind != FigureKind.Heatmap)
        {
            // Always below the plot, never over the data: at 89 mm a legend inside the axes hides points.
            plot.ShowLegend(Edge.Bottom);
            plot.Legend.Orientation = Orientation.Horizontal;
            plot.Legend.TightHorizontalWrapping = true;

            plot.Legend.FontSize = LegendFontPt;
            plot.Legend.FontName = FontName;
            plot.Legend.OutlineWidth = 0;
            plot.Legend.ShadowColor = Colors.Transparent;
            plot.Legend.ShadowOffset = new PixelOffset(0, 0);
            plot.Legend.BackgroundColor = Colors.White.WithAlpha(0.8);
            plot.Legend.SymbolWidth = 10;
            plot.Legend.SymbolPadding = 3;
            plot.Legend.InterItemPadding = new PixelPadding(2, 2, 0.5f, 0.5f);
            plot.Legend.Margin = new PixelPadding(2);
            plot.Legend.Padding = new PixelPadding(2);
        }
        else
        {
            plot.HideLegend();
        }
    }

    /// <summary>Ticks at category positions; with <paramref name="thin"/> only every k-th label so dense year columns stay legible.</summary>
    private static NumericManual CategoryTicks(IReadOnlyList<string> labels, Func<int, double> position, bool thin) =>
        CategoryTicks(labels, position, thin && labels.Count > 12 ? (int)Math.Ceiling(labels.Count / 8.0) : 1);

    private static NumericManual CategoryTicks(IReadOnlyList<string> labels, Func<int, double> position, int step)
    {
        var ticks = new NumericManual();
        for (var i = 0; i < labels.Count; i++)
        {
            if (i % step == 0)
            {
                ticks.AddMajor(position(i), labels[i]);
            }
            else
            {
                ticks.AddMinor(position(i));
            }
        }

        return ticks;
    }

    /// <summary>A category name down the side: a field's short name in a narrow figure (rows must fit one line each), else wrapped.</summary>
    private static string SideLabel(string label, bool narrow) => narrow ? Wrap(Fields.FieldAbbreviations.For(label)) : Wrap(label);

    /// <summary>Long category names (field names on a heatmap's rows) on two lines, split at the space nearest the middle.</summary>
    internal static string Wrap(string label)
    {
        const int longest = 30;
        if (label.Length <= longest)
        {
            return label;
        }

        var middle = label.Length / 2;
        var spaces = Enumerable.Range(0, label.Length).Where(i => label[i] == ' ').ToList();
        if (spaces.Count == 0)
        {
            return label;
        }

        var split = spaces.MinBy(i => Math.Abs(i - middle));
        return label[..split] + "\n" + label[(split + 1)..];
    }

    /// <summary>
    /// Lays the plot out at its print size and thins the category labels of the horizontal axis until neighbours keep a
    /// gap: short labels (years) stay level and show every k-th; longer ones are turned 90° first, then thinned.
    /// </summary>
    private static void FitCategoryLabels(Plot plot, Figure figure, double widthPt, double heightPt)
    {
        var layout = CategoryLayout.From(figure);
        IReadOnlyList<string> labels;
        Func<int, double> position;
        if (figure.Kind == FigureKind.Heatmap)
        {
            var heatmap = figure.Heatmap ?? FromSeries(figure);
            labels = heatmap.Columns;
            position = i => i;
        }
        else if (!layout.IsNumeric && figure.Kind is FigureKind.Line or FigureKind.StackedArea or FigureKind.Bar or FigureKind.StackedBar)
        {
            labels = layout.Categories;
            position = i => layout.Position(layout.Categories[i]);
        }
        else
        {
            return; // numeric axes pick their own tick density; horizontal kinds list categories down the side
        }

        if (labels.Count < 2)
        {
            return;
        }

        plot.RenderInMemory((int)Math.Ceiling(widthPt), (int)Math.Ceiling(heightPt));
        var pitch = Math.Abs(plot.GetPixel(new Coordinates(position(1), 0)).X - plot.GetPixel(new Coordinates(position(0), 0)).X);
        using var font = TickFont();
        // Years (four characters) stay level; longer names are wrapped onto two lines and slanted, as Style() sets up.
        var level = labels.Max(l => l.Length) <= 4;
        var shown = level ? labels : [.. labels.Select(Wrap)];
        var footprint = level
            ? shown.Max(l => font.MeasureText(l))
            : shown.Max(l => l.Split('\n').Length) * font.Spacing / Math.Sin(Math.Abs(SlantDegrees) * Math.PI / 180);
        var step = Math.Max(1, (int)Math.Ceiling((footprint + LabelGapPt) / Math.Max(pitch, 0.01)));
        plot.Axes.Bottom.TickGenerator = CategoryTicks(shown, position, step);
        if (!level)
        {
            plot.Axes.Bottom.TickLabelStyle.Rotation = SlantDegrees;
            plot.Axes.Bottom.TickLabelStyle.Alignment = Alignment.MiddleRight;
            // The automatic layout sizes the axis for level labels: make room for the slanted ones below the axis (and
            // their axis title under them) and, on the left, for the first label reaching past the plot's edge.
            var radians = Math.Abs(SlantDegrees) * Math.PI / 180;
            var longest = shown.Max(l => l.Split('\n').Max(line => font.MeasureText(line)));
            var lines = shown.Max(l => l.Split('\n').Length);
            var drop = (longest * Math.Sin(radians)) + (lines * font.Spacing * Math.Cos(radians));
            plot.Axes.Bottom.MinimumSize = (float)(drop + 6 + (AxisTitleFontPt * 1.6));
            var reach = font.MeasureText(shown[0].Split('\n')[0]) * Math.Cos(radians);
            plot.Axes.Left.MinimumSize = (float)Math.Max(reach - (pitch / 2), 0);
        }
    }

    /// <summary>The slant of long category labels under the horizontal axis.</summary>
    internal const float SlantDegrees = -40;

    /// <summary>Smallest gap between two neighbouring tick labels, in points.</summary>
    internal const float LabelGapPt = 4;

    internal static SkiaSharp.SKFont TickFont() => new(SkiaSharp.SKTypeface.FromFamilyName(FontName), TickFontPt);

    private static Color ColourOf(FigureSeries series) => Color.FromHex(FigurePalette.ColourFor(series.ColourKey));

    private static string Count(double value) =>
        value == Math.Floor(value) ? value.ToString("#,0", CultureInfo.InvariantCulture) : value.ToString("#,0.##", CultureInfo.InvariantCulture);

    /// <summary>
    /// Where each x value sits. Years (all x values integers) keep their numeric position so gaps show; anything else is
    /// a category at 0, 1, 2... in order of first appearance (for horizontal kinds, the first category is at the top).
    /// </summary>
    internal sealed class CategoryLayout
    {
        private readonly Dictionary<string, double> _positions;

        private CategoryLayout(IReadOnlyList<string> categories, bool isNumeric, bool topDown)
        {
            Categories = categories;
            IsNumeric = isNumeric;
            _positions = new Dictionary<string, double>(StringComparer.Ordinal);
            for (var i = 0; i < categories.Count; i++)
            {
                _positions[categories[i]] = isNumeric
                    ? int.Parse(categories[i], NumberStyles.Integer, CultureInfo.InvariantCulture)
                    : topDown ? categories.Count - 1 - i : i;
            }
        }

        public IReadOnlyList<string> Categories { get; }

        public bool IsNumeric { get; }

        public double Position(string category) => _positions[category];

        public static CategoryLayout From(Figure figure, bool flip = false)
        {
            var categories = figure.Series.SelectMany(s => s.Points).Select(p => p.X).Distinct(StringComparer.Ordinal).ToList();
            var numeric = figure.Kind is FigureKind.Line or FigureKind.StackedArea or FigureKind.Bar or FigureKind.StackedBar
                && categories.Count > 0
                && categories.All(c => int.TryParse(c, NumberStyles.Integer, CultureInfo.InvariantCulture, out _));
            if (numeric)
            {
                categories = [.. categories.OrderBy(c => int.Parse(c, NumberStyles.Integer, CultureInfo.InvariantCulture))];
            }

            return new CategoryLayout(categories, numeric, topDown: figure.Kind is FigureKind.HorizontalBar or FigureKind.Funnel || flip);
        }
    }
}
