using System.Globalization;
using CsvHelper;
using PtmReuse.Core.Analytics.Figures;

namespace PtmReuse.Core.Export.Figures;

/// <summary>
/// A figure's numbers as CSV, one row per point: figure_id, series, colour_key, x, y, error_low, error_high,
/// denominator. A heatmap given only as cells has a row per cell (series = row label, x = column label). Empty means no value.
/// </summary>
public static class FigureDataCsv
{
    public static readonly IReadOnlyList<string> Header = ["figure_id", "series", "colour_key", "x", "y", "error_low", "error_high", "denominator"];

    public static void Write(Figure figure, TextWriter writer)
    {
        using var csv = CsvWriter.Create(writer, new CsvWriterOptions { Injection = CsvInjection.Escape }, leaveOpen: true);
        csv.WriteRecord([.. Header]);
        foreach (var series in figure.Series)
        {
            foreach (var point in series.Points)
            {
                csv.WriteRecord([figure.Id, series.Name, series.ColourKey, point.X, Number(point.Y), Number(point.ErrorLow), Number(point.ErrorHigh), Number(point.Denominator)]);
            }
        }

        // A heatmap given both ways lists its cells once, through its series.
        if (figure.Heatmap is { } heatmap && figure.Series.Count == 0)
        {
            for (var r = 0; r < heatmap.Rows.Count; r++)
            {
                for (var c = 0; c < heatmap.Columns.Count; c++)
                {
                    var value = heatmap.Values.ElementAtOrDefault(r)?.ElementAtOrDefault(c);
                    csv.WriteRecord([figure.Id, heatmap.Rows[r], heatmap.Rows[r], heatmap.Columns[c], Number(value), "", "", ""]);
                }
            }
        }

        csv.Flush();
    }

    /// <summary>Shortest round-trip form, invariant culture: a reader gets back exactly the plotted number.</summary>
    internal static string Number(double? value) => value is { } v ? v.ToString("R", CultureInfo.InvariantCulture) : "";
}
