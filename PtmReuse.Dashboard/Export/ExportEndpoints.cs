using PtmReuse.Core.Analytics.Figures;
using PtmReuse.Core.Export;
using PtmReuse.Core.Export.Figures;
using PtmReuse.Core.Export.Tables;

namespace PtmReuse.Dashboard.Export;

/// <summary>
/// Plain HTTP downloads for the export page and the chart cards' export menus, so files never travel over the
/// SignalR circuit: GET /export/figures/{id}.{svg|png|pdf|csv}, /export/figures.zip, /export/tables/{id}.{csv|tex} and
/// /export/bundle.zip, all with the filters and print size in the query string (<see cref="ExportQueryString"/>).
/// The content is the same as the CLI's (<see cref="FigureExporter"/>, <see cref="ReproducibilityBundle"/>).
/// </summary>
public static class ExportEndpoints
{
    public const string Prefix = "/export";

    public static string FigureUrl(string id, string extension) => $"{Prefix}/figures/{Uri.EscapeDataString(id)}.{extension}";

    public static string TableUrl(string id, TableFormat format) => $"{Prefix}/tables/{Uri.EscapeDataString(id)}.{TableWriter.Extension(format)}";

    public const string FiguresZipUrl = Prefix + "/figures.zip";

    public const string BundleUrl = Prefix + "/bundle.zip";

    public const string ReportUrl = Prefix + "/report.html";

    public static RouteGroupBuilder MapExportEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup(Prefix);
        group.MapGet("/figures/{id}.{extension}", FigureAsync);
        group.MapGet("/figures.zip", FiguresZipAsync);
        group.MapGet("/tables/{id}.{extension}", TableAsync);
        group.MapGet("/bundle.zip", BundleAsync);
        group.MapGet("/report.html", ReportAsync);
        return group;
    }

    /// <summary>The figures as one self-contained HTML file (<see cref="StaticHtmlReport"/>), downloaded as an attachment.</summary>
    private static async Task<IResult> ReportAsync(HttpRequest request, StaticHtmlReport report, CancellationToken cancellationToken)
    {
        var text = new StringWriter();
        await report.WriteAsync(text, ExportQueryString.ReadQuery(request.Query), cancellationToken);
        return Results.File(System.Text.Encoding.UTF8.GetBytes(text.ToString()), "text/html; charset=utf-8", "ptmreuse-figures.html");
    }

    private static async Task<IResult> FigureAsync(string id, string extension, HttpRequest request, FigureExporter exporter, CancellationToken cancellationToken) =>
        await GuardAsync(exporter, async () =>
        {
            var query = ExportQueryString.ReadQuery(request.Query);
            var figure = await exporter.FigureAsync(query, id, cancellationToken);
            if (figure is null)
            {
                return Results.NotFound($"No figure '{id}'.");
            }

            var name = FigureExporter.FileName(figure.Id);
            if (string.Equals(extension, "csv", StringComparison.OrdinalIgnoreCase))
            {
                return Results.File(Text(writer => FigureDataCsv.Write(figure, writer)), "text/csv; charset=utf-8", name + ".csv");
            }

            if (!FigureExportOptions.TryParseFormat(extension, out var format))
            {
                return Results.BadRequest($"Unknown figure format '{extension}'; use svg, png, pdf or csv.");
            }

            var bytes = await exporter.RenderAsync(figure, format, ExportQueryString.ReadSize(request.Query), cancellationToken);
            return Results.File(bytes, FigureExportOptions.ContentType(format), $"{name}.{FigureExportOptions.Extension(format)}");
        });

    private static async Task<IResult> TableAsync(string id, string extension, HttpRequest request, FigureExporter exporter, CancellationToken cancellationToken) =>
        await GuardAsync(exporter, async () =>
        {
            if (!Enum.TryParse<TableFormat>(extension, ignoreCase: true, out var format) || !extension.All(char.IsAsciiLetter))
            {
                return Results.BadRequest($"Unknown table format '{extension}'; use csv or tex.");
            }

            var table = await exporter.TableAsync(ExportQueryString.ReadQuery(request.Query), id, cancellationToken);
            return table is null
                ? Results.NotFound($"No table '{id}'.")
                : Results.File(Text(writer => TableWriter.Write(table, format, writer)), TableWriter.ContentType(format), $"{FigureExporter.FileName(table.Id)}.{TableWriter.Extension(format)}");
        });

    private static async Task<IResult> FiguresZipAsync(HttpRequest request, FigureExporter exporter, TimeProvider clock, CancellationToken cancellationToken) =>
        await GuardAsync(exporter, async () =>
        {
            var set = SetRequest(request);
            var file = TemporaryFile();
            await using (var target = new ZipExportTarget(file, clock.GetUtcNow()))
            {
                await exporter.WriteSetAsync(set, target, cancellationToken);
            }

            file.Position = 0;
            return Results.File(file, "application/zip", $"ptmreuse-figures-{Stamp(clock)}.zip");
        });

    private static async Task<IResult> BundleAsync(HttpRequest request, FigureExporter exporter, ReproducibilityBundle bundle, TimeProvider clock, CancellationToken cancellationToken) =>
        await GuardAsync(exporter, async () =>
        {
            var file = TemporaryFile();
            await bundle.WriteAsync(file, new BundleRequest(SetRequest(request)), cancellationToken);
            file.Position = 0;
            return Results.File(file, "application/zip", $"ptmreuse-bundle-{Stamp(clock)}.zip");
        });

    private static FigureSetRequest SetRequest(HttpRequest request) =>
        new(ExportQueryString.ReadQuery(request.Query), ExportQueryString.ReadFormats(request.Query), ExportQueryString.ReadSize(request.Query), ExportQueryString.ReadFigureIds(request.Query));

    /// <summary>Bad query values are the client's mistake (400 with the reason); no figure source means the feature is absent (503).</summary>
    private static async Task<IResult> GuardAsync(FigureExporter exporter, Func<Task<IResult>> action)
    {
        if (!exporter.HasSource)
        {
            return Results.Problem("No figure source is registered.", statusCode: StatusCodes.Status503ServiceUnavailable);
        }

        try
        {
            return await action();
        }
        catch (ArgumentException ex)
        {
            return Results.BadRequest(ex.Message);
        }
        catch (FigureRenderBusyException ex)
        {
            // Large renders wait their turn (FigureRenderGate); when even the queue is full, the client comes back later.
            return new BusyResult(ex.Message);
        }
    }

    private sealed class BusyResult(string reason) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.Headers.RetryAfter = "5";
            return Results.Problem(reason, statusCode: StatusCodes.Status503ServiceUnavailable).ExecuteAsync(httpContext);
        }
    }

    /// <summary>Zips are assembled on disk, not in memory, and the file goes away when the response stream closes.</summary>
    private static FileStream TemporaryFile() =>
        new(Path.Combine(Path.GetTempPath(), $"ptmreuse-export-{Guid.NewGuid():N}.zip"), FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 64 * 1024,
            FileOptions.DeleteOnClose | FileOptions.Asynchronous);

    private static byte[] Text(Action<TextWriter> write)
    {
        using var buffer = new MemoryStream();
        using (var writer = new StreamWriter(buffer, new System.Text.UTF8Encoding(false), leaveOpen: true))
        {
            write(writer);
        }

        return buffer.ToArray();
    }

    private static string Stamp(TimeProvider clock) => clock.GetUtcNow().ToString("yyyyMMdd-HHmmss", System.Globalization.CultureInfo.InvariantCulture);
}
