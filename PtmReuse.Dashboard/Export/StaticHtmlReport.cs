using System.Net;
using System.Reflection;
using System.Text;
using System.Text.Json;
using PtmReuse.Core.Analytics;
using PtmReuse.Core.Analytics.Figures;
using PtmReuse.Dashboard.Components.Analytics;

namespace PtmReuse.Dashboard.Export;

/// <summary>
/// The analytics figures as one self-contained HTML file for a paper's supplementary material: Plotly.js (the copy
/// Plotly.Blazor ships, embedded in this assembly) and every figure's traces and layout inline, drawn by the same
/// Figure-to-Plotly mapping the dashboard uses (<see cref="FigureChart"/>). It needs no server and makes no network
/// request: open it from disk. Written by GET /export/report.html and `ptmreuse export report`.
/// </summary>
public sealed class StaticHtmlReport(IFigureSource figures)
{
    private const string PlotlyResource = "PtmReuse.Dashboard.plotly.min.js";

    private static readonly JsonSerializerOptions Json = new() { DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull };

    /// <summary>Plotly.js, read once from the embedded resource.</summary>
    private static readonly Lazy<string> PlotlyJs = new(() =>
    {
        using var stream = typeof(StaticHtmlReport).Assembly.GetManifestResourceStream(PlotlyResource)
            ?? throw new InvalidOperationException($"This build has no embedded {PlotlyResource}: the static report cannot be written.");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return reader.ReadToEnd();
    });

    public async Task<int> WriteAsync(TextWriter writer, AnalyticsQuery query, CancellationToken cancellationToken)
    {
        var list = await figures.BuildFiguresAsync(query, cancellationToken);
        var payload = list.Select((figure, index) => new Dictionary<string, object?>
        {
            ["element"] = $"figure-{index}",
            // Serialised by runtime type (object): Plotly.Blazor's attributes give the plotly.js names and enum values.
            ["data"] = FigureChart.Traces(figure).Select(trace => JsonSerializer.SerializeToElement<object>(trace, Json)).ToList(),
            ["layout"] = JsonSerializer.SerializeToElement<object>(FigureChart.Layout(figure, figure.LogY), Json),
        }).ToList();

        await writer.WriteLineAsync("<!DOCTYPE html>");
        await writer.WriteLineAsync("<html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">");
        await writer.WriteLineAsync("<title>PtmReuse figures</title>");
        await writer.WriteLineAsync("<style>body{font-family:system-ui,sans-serif;margin:1.5rem auto;max-width:70rem;padding:0 1rem;color:#222}"
            + "section{margin-bottom:2.5rem}.chart{width:100%;height:460px}.caption{font-size:.9rem;color:#444}.query{font-size:.85rem;color:#555}</style>");
        await writer.WriteLineAsync("</head><body>");
        await writer.WriteLineAsync("<h1>PtmReuse figures</h1>");
        await writer.WriteLineAsync($"<p class=\"query\">{Encode(Describe(query))}. Generated {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC; interactive charts drawn by Plotly.js, data embedded in this file.</p>");
        for (var index = 0; index < list.Count; index++)
        {
            var figure = list[index];
            await writer.WriteLineAsync($"<section data-figure=\"{Encode(figure.Id)}\"><h2>{Encode(figure.Title)}</h2>");
            await writer.WriteLineAsync($"<div class=\"chart\" id=\"figure-{index}\"></div><p class=\"caption\">{Encode(figure.Caption)}</p></section>");
        }

        // JSON in a data block: the default encoder escapes <, > and &, so no text in it can close the script element.
        await writer.WriteLineAsync($"<script type=\"application/json\" id=\"figure-data\">{JsonSerializer.Serialize(payload)}</script>");
        await writer.WriteAsync("<script>");
        await writer.WriteAsync(PlotlyJs.Value);
        await writer.WriteLineAsync("</script>");
        await writer.WriteLineAsync("<script>for (const f of JSON.parse(document.getElementById('figure-data').textContent)) {"
            + " Plotly.newPlot(f.element, f.data, f.layout, { displaylogo: false, responsive: true }); }</script>");
        await writer.WriteLineAsync("</body></html>");
        return list.Count;
    }

    /// <summary>Writes the report to a file (beside it first, then moved: a failed write leaves no half file).</summary>
    public async Task<int> WriteFileAsync(string path, AnalyticsQuery query, CancellationToken cancellationToken)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(path));
        if (!string.IsNullOrEmpty(directory))
        {
            Directory.CreateDirectory(directory);
        }

        var temporary = path + ".partial";
        int count;
        await using (var writer = new StreamWriter(temporary, append: false, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false)))
        {
            count = await WriteAsync(writer, query, cancellationToken);
        }

        File.Move(temporary, path, overwrite: true);
        return count;
    }

    /// <summary>The filters and counting rules, as the figures' captions state them.</summary>
    private static string Describe(AnalyticsQuery query)
    {
        var filter = query.Filter;
        var parts = new List<string> { $"Papers of {filter.FromYear}–{filter.ToYear}" };
        if (filter.Fields is { Count: > 0 } fields)
        {
            parts.Add("fields " + string.Join(", ", fields));
        }

        if (filter.Journals is { Count: > 0 } journals)
        {
            parts.Add("journals " + string.Join(", ", journals));
        }

        if (filter.RunId is { } run)
        {
            parts.Add($"run {run}");
        }

        parts.Add($"counted per {query.Rules.Unit.ToString().ToLowerInvariant()}, {query.Rules.Basis switch { LabelBasis.MachineOnly => "machine labels only", _ => "effective labels (a reviewer's label wins)" }}");
        return string.Join("; ", parts);
    }

    private static string Encode(string text) => WebUtility.HtmlEncode(text);
}
