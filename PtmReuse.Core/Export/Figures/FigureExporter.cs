using Microsoft.Extensions.Logging;
using PtmReuse.Core.Analytics;
using PtmReuse.Core.Analytics.Figures;
using PtmReuse.Core.Export.Tables;

namespace PtmReuse.Core.Export.Figures;

/// <summary>What to export: the query the figures are built for, formats, print size and optionally a subset of figures.</summary>
public sealed record FigureSetRequest(
    AnalyticsQuery Query,
    IReadOnlyList<FigureFormat> Formats,
    FigureExportOptions Size,
    IReadOnlyCollection<string>? FigureIds = null,
    bool IncludeTables = true);

/// <summary>Metadata of one exported figure (figures.json): what it shows, its counting rules and its files.</summary>
public sealed record ExportedFigure(string Id, string Title, string Kind, string XTitle, string YTitle, bool LogY, string Caption, IReadOnlyList<string> Files);

/// <summary>What a figure set wrote.</summary>
public sealed record FigureSetResult(IReadOnlyList<ExportedFigure> Figures, IReadOnlyList<string> Tables, IReadOnlyList<Figure> Source);

/// <summary>
/// The one code path for figure export (CLI, dashboard endpoints and the bundle): asks the registered
/// <see cref="IFigureSource"/> for the query's figures and tables and writes figures/&lt;id&gt;.&lt;svg|png|pdf&gt;,
/// data/&lt;id&gt;.csv, tables/&lt;id&gt;.&lt;csv|tex&gt;, figures.json and query.json to a target.
/// </summary>
public sealed partial class FigureExporter(IEnumerable<IFigureSource> sources, FigureRenderer renderer, FigureRenderGate gate, ILogger<FigureExporter> logger)
{
    private readonly IFigureSource? _source = sources.LastOrDefault();

    public bool HasSource => _source is not null;

    public FigureRenderer Renderer => renderer;

    /// <summary>Renders one figure when its turn comes in the render queue (large PNGs never run side by side past the limit).</summary>
    public Task<byte[]> RenderAsync(Figure figure, FigureFormat format, FigureExportOptions size, CancellationToken cancellationToken)
    {
        size.Validate();
        return gate.RunAsync(format, size, () => renderer.Render(figure, format, size), cancellationToken);
    }

    public async Task<IReadOnlyList<Figure>> FiguresAsync(AnalyticsQuery query, CancellationToken cancellationToken) =>
        await Source.BuildFiguresAsync(query, cancellationToken);

    public async Task<IReadOnlyList<FigureTable>> TablesAsync(AnalyticsQuery query, CancellationToken cancellationToken) =>
        await Source.BuildTablesAsync(query, cancellationToken);

    /// <summary>One figure by id; null when the query produces no figure of that id.</summary>
    public async Task<Figure?> FigureAsync(AnalyticsQuery query, string id, CancellationToken cancellationToken) =>
        (await FiguresAsync(query, cancellationToken)).FirstOrDefault(f => string.Equals(f.Id, id, StringComparison.Ordinal));

    public async Task<FigureTable?> TableAsync(AnalyticsQuery query, string id, CancellationToken cancellationToken) =>
        (await TablesAsync(query, cancellationToken)).FirstOrDefault(t => string.Equals(t.Id, id, StringComparison.Ordinal));

    public async Task<FigureSetResult> WriteSetAsync(FigureSetRequest request, ExportTarget target, CancellationToken cancellationToken)
    {
        request.Size.Validate();
        if (request.Formats.Count == 0)
        {
            throw new ArgumentException("No figure format chosen; use one or more of svg, png, pdf.");
        }

        var all = await FiguresAsync(request.Query, cancellationToken);
        var unknown = request.FigureIds?.Where(id => all.All(f => f.Id != id)).ToList() ?? [];
        if (unknown.Count > 0)
        {
            throw new ArgumentException($"Unknown figure id(s): {string.Join(", ", unknown)}. Known: {string.Join(", ", all.Select(f => f.Id))}.");
        }

        // Sorted by id: the same query always lists and writes its files in the same order.
        var figures = all.Where(f => request.FigureIds is null || request.FigureIds.Contains(f.Id)).OrderBy(f => f.Id, StringComparer.Ordinal).ToList();
        var exported = new List<ExportedFigure>();
        foreach (var figure in figures)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var files = new List<string>();
            foreach (var format in request.Formats.Order())
            {
                var path = $"figures/{FileName(figure.Id)}.{FigureExportOptions.Extension(format)}";
                var bytes = await RenderAsync(figure, format, request.Size, cancellationToken);
                await using (var stream = target.Create(path))
                {
                    // The target's stream is a file or a zip entry.
                    await stream.WriteAsync(bytes, cancellationToken);
                }

                files.Add(path);
            }

            var dataPath = $"data/{FileName(figure.Id)}.csv";
            await target.WriteTextAsync(dataPath, writer => FigureDataCsv.Write(figure, writer));
            files.Add(dataPath);
            exported.Add(new ExportedFigure(figure.Id, figure.Title, figure.Kind.ToString(), figure.XTitle, figure.YTitle, figure.LogY, figure.Caption, files));
        }

        var tablePaths = new List<string>();
        if (request.IncludeTables)
        {
            foreach (var table in (await TablesAsync(request.Query, cancellationToken)).OrderBy(t => t.Id, StringComparer.Ordinal))
            {
                foreach (var format in Enum.GetValues<TableFormat>())
                {
                    var path = $"tables/{FileName(table.Id)}.{TableWriter.Extension(format)}";
                    await target.WriteTextAsync(path, writer => TableWriter.Write(table, format, writer));
                    tablePaths.Add(path);
                }
            }
        }

        await ExportJson.WriteAsync(target, "figures.json", new { size = request.Size, figures = exported }, cancellationToken);
        await ExportJson.WriteAsync(target, "query.json", new
        {
            request.Query.Filter,
            request.Query.Rules,
            filter_text = FigureCaptions.DescribeFilter(request.Query.Filter),
            rules_text = FigureCaptions.DescribeRules(request.Query.Rules),
        }, cancellationToken);
        LogWritten(figures.Count, tablePaths.Count, request.Formats.Count);
        return new FigureSetResult(exported, tablePaths, figures);
    }

    /// <summary>A figure id as a file name: ids are slugs already, but nothing outside [A-Za-z0-9._-] reaches the disk.</summary>
    public static string FileName(string id) =>
        new([.. id.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' ? c : '-')]);

    private IFigureSource Source => _source
        ?? throw new InvalidOperationException("No figure source is registered: the analytics feature (IFigureSource) builds the figures to export.");

    [LoggerMessage(Level = LogLevel.Information, Message = "Exported {Figures} figures in {Formats} formats and {Tables} table files")]
    private partial void LogWritten(int figures, int tables, int formats);
}
