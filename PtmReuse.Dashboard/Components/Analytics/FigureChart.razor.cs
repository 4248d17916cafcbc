using System.Globalization;
using Microsoft.AspNetCore.Components;
using Plotly.Blazor;
using Plotly.Blazor.Interop;
using Plotly.Blazor.LayoutLib;
using Plotly.Blazor.Traces;
using PtmReuse.Core.Analytics.Figures;

namespace PtmReuse.Dashboard.Components.Analytics;

/// <summary>
/// The one mapping from the chart-neutral <see cref="Figure"/> to Plotly traces: lines, stacked areas, (stacked or
/// horizontal) bars, heatmap and funnel; colours from <see cref="FigurePalette"/>; hover shows the count and, where
/// there is one, the denominator; a click reports the <see cref="FigurePoint"/> so the caller can list its papers.
/// </summary>
public sealed partial class FigureChart
{
    private PlotlyChart? _chart;
    private IList<ITrace> _data = [];
    private Plotly.Blazor.Layout _layout = new();
    private readonly Config _config = new() { Responsive = true, DisplayLogo = false };
    private Figure? _rendered;
    private bool _renderedLog;
    private bool _renderedDark;
    private bool _restylePending;
    private bool _subscribed;
    private int _version;

    [Parameter, EditorRequired] public Figure Figure { get; set; } = default!;

    /// <summary>Logarithmic Y axis (the figure's own setting when not given).</summary>
    [Parameter] public bool? LogY { get; set; }

    [Parameter] public EventCallback<FigurePoint> PointClicked { get; set; }

    /// <summary>The dashboard's theme (cascaded by the layout): charts follow it.</summary>
    [CascadingParameter(Name = "DarkMode")] public bool Dark { get; set; }

    /// <summary>True once Plotly has drawn the current figure; until then a loading indicator shows.</summary>
    private bool _drawn;

    public string ChartId => "chart-" + Figure.Id;

    protected override async Task OnParametersSetAsync()
    {
        var log = LogY ?? Figure.LogY;
        if (ReferenceEquals(_rendered, Figure) && _renderedLog == log)
        {
            if (_renderedDark != Dark)
            {
                // Only the theme changed: restyle the drawn chart in place. Re-creating it under the same element id would
                // race the old chart's purge against the new chart's draw.
                _layout = Layout(Figure, log, Dark);
                _renderedDark = Dark;
                _restylePending = true;
            }

            return;
        }

        _data = Traces(Figure);
        _layout = Layout(Figure, log, Dark);
        _rendered = Figure;
        _renderedLog = log;
        _renderedDark = Dark;
        _drawn = false;
        _version++;
        _subscribed = false;
        await Task.CompletedTask;
    }

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (_restylePending && _chart is not null)
        {
            _restylePending = false;
            await _chart.React();
        }
    }

    private void OnChartRendered() => _ = InvokeAsync(async () =>
    {
        if (!_drawn)
        {
            _drawn = true;
            StateHasChanged();
        }

        if (!_subscribed && _chart is not null)
        {
            _subscribed = true;
            await _chart.SubscribeClickEvent();
        }
    });

    private void OnClick(IEnumerable<EventDataPoint> points)
    {
        var clicked = points.FirstOrDefault();
        if (clicked is null || _rendered is null)
        {
            return;
        }

        var point = Resolve(_rendered, clicked);
        if (point is not null)
        {
            _ = InvokeAsync(() => PointClicked.InvokeAsync(point));
        }
    }

    /// <summary>The figure point behind a Plotly click: by trace and point index, or by cell for a heatmap.</summary>
    internal static FigurePoint? Resolve(Figure figure, EventDataPoint clicked)
    {
        if (figure.Kind == FigureKind.Heatmap)
        {
            var row = Convert.ToString(clicked.Y, CultureInfo.InvariantCulture);
            var column = Convert.ToString(clicked.X, CultureInfo.InvariantCulture);
            return figure.Series.FirstOrDefault(s => s.Name == row)?.Points.FirstOrDefault(p => p.X == column);
        }

        var curve = ToIndex(clicked.CurveNumber ?? clicked.TraceIndex);
        var index = ToIndex(clicked.PointNumber ?? clicked.PointIndex);
        if (curve is not { } c || index is not { } i || c < 0 || c >= figure.Series.Count || i < 0 || i >= figure.Series[c].Points.Count)
        {
            return null;
        }

        return figure.Series[c].Points[i];
    }

    private static int? ToIndex(object? value) => value switch
    {
        null => null,
        System.Text.Json.JsonElement { ValueKind: System.Text.Json.JsonValueKind.Number } json => json.GetInt32(),
        IConvertible convertible => convertible.ToInt32(CultureInfo.InvariantCulture),
        _ => int.TryParse(value.ToString(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var parsed) ? parsed : null,
    };

    internal static IList<ITrace> Traces(Figure figure)
    {
        if (figure.Kind == FigureKind.Heatmap && figure.Heatmap is { } heatmap)
        {
            return
            [
                new HeatMap
                {
                    X = heatmap.Columns.Cast<object>().ToList(),
                    Y = heatmap.Rows.Cast<object>().ToList(),
                    Z = heatmap.Values.Select(row => (object)row.Select(v => (object?)v).ToList()).ToList(),
                    ColorScale = "Viridis",
                    HoverTemplate = "%{y}<br>%{x}: %{z}<extra></extra>",
                },
            ];
        }

        var traces = new List<ITrace>();
        foreach (var series in figure.Series)
        {
            var colour = FigurePalette.ColourFor(series.ColourKey);
            var xs = series.Points.Select(p => (object)p.X).ToList();
            var ys = series.Points.Select(p => (object)p.Y).ToList();
            // The hover's "of …" also names the error bar's ends (an interval's ends, not distances from the point).
            var denominators = series.Points.Select(p => (object)((p.Denominator is { } d ? d.ToString("0.###", CultureInfo.InvariantCulture) : "–")
                + (p.ErrorLow is { } low && p.ErrorHigh is { } high
                    ? string.Create(CultureInfo.InvariantCulture, $" (error bar {low:0.##}–{high:0.##})")
                    : ""))).ToList();
            var hasDenominator = series.Points.Any(p => p.Denominator is not null);
            var hover = $"{Escape(series.Name)}<br>%{{x}}: %{{y}}" + (hasDenominator ? " of %{customdata}" : "") + "<extra></extra>";
            var errors = series.Points.Any(p => p.ErrorHigh is not null);
            switch (figure.Kind)
            {
                case FigureKind.Bar or FigureKind.StackedBar:
                    traces.Add(new Bar
                    {
                        Name = series.Name, X = xs, Y = ys, CustomData = denominators, HoverTemplate = hover,
                        Marker = new Plotly.Blazor.Traces.BarLib.Marker { Color = colour },
                        ErrorY = errors ? BarErrors(series) : null,
                    });
                    break;
                case FigureKind.HorizontalBar:
                    traces.Add(new Bar
                    {
                        Name = series.Name, X = ys, Y = xs, CustomData = denominators, Orientation = Plotly.Blazor.Traces.BarLib.OrientationEnum.H,
                        HoverTemplate = $"%{{y}}: %{{x}}" + (hasDenominator ? " of %{customdata}" : "") + "<extra></extra>",
                        Marker = new Plotly.Blazor.Traces.BarLib.Marker { Color = colour },
                    });
                    break;
                case FigureKind.Funnel:
                    traces.Add(new Funnel
                    {
                        Name = series.Name, X = ys, Y = xs, CustomData = denominators,
                        HoverTemplate = "%{y}: %{x}" + (hasDenominator ? " (of %{customdata} at the step before)" : "") + "<extra></extra>",
                        Marker = new Plotly.Blazor.Traces.FunnelLib.Marker { Color = colour },
                    });
                    break;
                default:
                    traces.Add(new Scatter
                    {
                        Name = series.Name, X = xs, Y = ys, CustomData = denominators, HoverTemplate = hover,
                        Mode = Plotly.Blazor.Traces.ScatterLib.ModeFlag.Lines | Plotly.Blazor.Traces.ScatterLib.ModeFlag.Markers,
                        Line = new Plotly.Blazor.Traces.ScatterLib.Line { Color = colour },
                        Marker = new Plotly.Blazor.Traces.ScatterLib.Marker { Color = colour },
                        StackGroup = figure.Kind == FigureKind.StackedArea ? "stack" : null,
                        ErrorY = errors ? ScatterErrors(series) : null,
                    });
                    break;
            }
        }

        return traces;
    }

    private static Plotly.Blazor.Traces.ScatterLib.ErrorY ScatterErrors(FigureSeries series) => new()
    {
        Type = Plotly.Blazor.Traces.ScatterLib.ErrorYLib.TypeEnum.Data,
        Symmetric = false,
        Array = series.Points.Select(p => (object)((p.ErrorHigh ?? p.Y) - p.Y)).ToList(),
        ArrayMinus = series.Points.Select(p => (object)(p.Y - (p.ErrorLow ?? p.Y))).ToList(),
        Visible = true,
    };

    private static Plotly.Blazor.Traces.BarLib.ErrorY BarErrors(FigureSeries series) => new()
    {
        Type = Plotly.Blazor.Traces.BarLib.ErrorYLib.TypeEnum.Data,
        Symmetric = false,
        Array = series.Points.Select(p => (object)((p.ErrorHigh ?? p.Y) - p.Y)).ToList(),
        ArrayMinus = series.Points.Select(p => (object)(p.Y - (p.ErrorLow ?? p.Y))).ToList(),
        Visible = true,
    };

    private static string Escape(string text) => System.Net.WebUtility.HtmlEncode(text);

    /// <summary>
    /// The chart's look for the dashboard's theme: transparent backgrounds (the card's colour shows through), text and
    /// grid colours that read on it. The one Plotly template of the dashboard, light or dark.
    /// </summary>
    internal sealed record ChartTheme(string Text, string Grid, string Line)
    {
        public static ChartTheme Light { get; } = new("#424242", "#e6e6e6", "#9e9e9e");

        public static ChartTheme Dark { get; } = new("#e0e0e0", "#3c3c44", "#8a8a94");

        public static ChartTheme For(bool dark) => dark ? Dark : Light;
    }

    internal static Plotly.Blazor.Layout Layout(Figure figure, bool logY, bool dark = false)
    {
        var theme = ChartTheme.For(dark);
        var horizontal = figure.Kind is FigureKind.HorizontalBar or FigureKind.Funnel;
        var heatmap = figure.Kind == FigureKind.Heatmap;
        // A horizontal bar figure already names its values in XTitle (as the print export reads it); only the funnel's
        // titles follow its points (steps as X) and must swap when the steps go down the side.
        var swapTitles = figure.Kind == FigureKind.Funnel;
        // Category values (years, fields, models, steps) go on category axes: laid out as linear they draw nothing.
        var xCategorical = !horizontal;
        var yCategorical = horizontal || heatmap;
        var layout = new Plotly.Blazor.Layout
        {
            Height = heatmap ? 520 : 420,
            Margin = new Margin { L = horizontal || heatmap ? 220 : 60, R = 20, T = 20, B = 60 },
            BarMode = figure.Kind == FigureKind.StackedBar ? BarModeEnum.Stack : BarModeEnum.Group,
            HoverMode = HoverModeEnum.Closest,
            PaperBgColor = "rgba(0,0,0,0)",
            PlotBgColor = "rgba(0,0,0,0)",
            Font = new Font { Color = theme.Text },
            XAxis =
            [
                new XAxis
                {
                    Title = new Plotly.Blazor.LayoutLib.XAxisLib.Title { Text = swapTitles ? figure.YTitle : figure.XTitle },
                    Type = xCategorical ? Plotly.Blazor.LayoutLib.XAxisLib.TypeEnum.Category : Plotly.Blazor.LayoutLib.XAxisLib.TypeEnum.Linear,
                    GridColor = theme.Grid, LineColor = theme.Line, ZeroLineColor = theme.Line,
                },
            ],
            YAxis =
            [
                new YAxis
                {
                    Title = new Plotly.Blazor.LayoutLib.YAxisLib.Title { Text = swapTitles ? figure.XTitle : figure.YTitle },
                    Type = yCategorical ? Plotly.Blazor.LayoutLib.YAxisLib.TypeEnum.Category
                        : logY ? Plotly.Blazor.LayoutLib.YAxisLib.TypeEnum.Log : Plotly.Blazor.LayoutLib.YAxisLib.TypeEnum.Linear,
                    AutoRange = horizontal ? Plotly.Blazor.LayoutLib.YAxisLib.AutoRangeEnum.Reversed : Plotly.Blazor.LayoutLib.YAxisLib.AutoRangeEnum.True,
                    GridColor = theme.Grid, LineColor = theme.Line, ZeroLineColor = theme.Line,
                },
            ],
        };
        return layout;
    }
}
