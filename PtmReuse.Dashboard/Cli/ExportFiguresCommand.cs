using System.CommandLine;
using PtmReuse.Core.Export;
using PtmReuse.Core.Export.Figures;

namespace PtmReuse.Dashboard.Cli;

/// <summary>
/// `export figures` and `export bundle`: the analytics figures at print size (SVG/PNG/PDF with their data as CSV,
/// tables as CSV and LaTeX), or the whole reproducibility bundle. Same code path as the dashboard's /export downloads.
/// </summary>
public static class ExportFiguresCommand
{
    public static Command CreateFigures()
    {
        var output = new Option<string>("--out") { Description = "Folder to write figures/, data/, tables/, figures.json and query.json into.", Required = true };
        var size = new FigureSizeOptions();
        var query = new AnalyticsQueryOptions();
        var command = new Command("figures", "Write every analytics figure at print size (SVG, PNG, PDF), its data as CSV, and the tables as CSV and LaTeX.");
        command.Options.Add(output);
        size.AddTo(command);
        query.AddTo(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            var folder = Path.GetFullPath(parse.GetValue(output)!);
            if (!size.TryRead(parse, "export figures", out var request, query.Read(parse)))
            {
                return 1;
            }

            using var host = await CliHost.StartAsync(parse, cancellationToken);
            return await RunAsync(parse, "export figures", folder, async () =>
            {
                await using var target = new DirectoryExportTarget(folder);
                var result = await host.Services.GetRequiredService<FigureExporter>().WriteSetAsync(request!, target, cancellationToken);
                await CliHost.Out(parse).WriteLineAsync(
                    $"Wrote {result.Figures.Count} figures ({string.Join(", ", request!.Formats.Select(FigureExportOptions.Extension))}, " +
                    $"{request.Size.WidthMm:0.#} mm, {request.Size.Dpi} dpi) and {result.Tables.Count} table files to {folder}");
            });
        });
        return command;
    }

    public static Command CreateBundle()
    {
        var output = new Option<string>("--out") { Description = "The .zip file to write.", Required = true };
        var size = new FigureSizeOptions();
        var query = new AnalyticsQueryOptions();
        var command = new Command("bundle", "Write a reproducibility bundle (.zip): figures, data, tables, labels, catalog, runs, prompt versions, methods and a hashed manifest.");
        command.Options.Add(output);
        size.AddTo(command);
        query.AddTo(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            var path = Path.GetFullPath(parse.GetValue(output)!);
            if (!size.TryRead(parse, "export bundle", out var request, query.Read(parse)))
            {
                return 1;
            }

            using var host = await CliHost.StartAsync(parse, cancellationToken);
            return await RunAsync(parse, "export bundle", path, async () =>
            {
                var manifest = await host.Services.GetRequiredService<ReproducibilityBundle>().WriteFileAsync(path, new BundleRequest(request!), cancellationToken);
                await CliHost.Out(parse).WriteLineAsync($"Wrote {manifest.Files.Count + 1} files ({new FileInfo(path).Length:N0} bytes) to {path}");
            });
        });
        return command;
    }

    /// <summary>`export report --out FILE.html`: every figure in one self-contained HTML file (<see cref="Export.StaticHtmlReport"/>).</summary>
    public static Command CreateReport()
    {
        var output = new Option<string>("--out") { Description = "The .html file to write.", Required = true };
        var query = new AnalyticsQueryOptions();
        var command = new Command("report", "Write every analytics figure, interactive with its data, to one HTML file that opens without a server (Plotly.js embedded).");
        command.Options.Add(output);
        query.AddTo(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            var path = Path.GetFullPath(parse.GetValue(output)!);
            var analytics = query.Read(parse);
            using var host = await CliHost.StartAsync(parse, cancellationToken);
            return await RunAsync(parse, "export report", path, async () =>
            {
                var report = ActivatorUtilities.CreateInstance<Export.StaticHtmlReport>(host.Services);
                var count = await report.WriteFileAsync(path, analytics, cancellationToken);
                await CliHost.Out(parse).WriteLineAsync($"Wrote {count} figures ({new FileInfo(path).Length:N0} bytes, Plotly.js included) to {path}");
            });
        });
        return command;
    }

    /// <summary>Runs an export, turning the expected failures into one clear line on stderr and exit code 1.</summary>
    private static async Task<int> RunAsync(ParseResult parse, string verb, string path, Func<Task> export)
    {
        try
        {
            await export();
            return 0;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            await CliHost.Error(parse).WriteLineAsync($"{verb}: cannot write {path}: {ex.Message}");
            return 1;
        }
        catch (Exception ex) when (ex is ArgumentException or InvalidOperationException)
        {
            await CliHost.Error(parse).WriteLineAsync($"{verb}: {ex.Message}");
            return 1;
        }
    }

    /// <summary>--format, --width-mm (or --width single|double), --height-mm, --dpi and --figure, validated by <see cref="FigureExportOptions"/>.</summary>
    private sealed class FigureSizeOptions
    {
        private readonly Option<string> _format = new("--format") { Description = "Comma-separated figure formats: svg, png, pdf.", DefaultValueFactory = _ => "svg,png,pdf" };
        private readonly Option<string> _width = new("--width-mm") { Description = "Figure width: single (89 mm), double (183 mm) or a number of millimetres.", DefaultValueFactory = _ => "single" };
        private readonly Option<double?> _height = new("--height-mm") { Description = "Figure height in mm (default: from the width)." };
        private readonly Option<int> _dpi = new("--dpi") { Description = "PNG resolution in dots per inch.", DefaultValueFactory = _ => FigureExportOptions.DefaultDpi };
        private readonly Option<string[]> _figures = new("--figure") { Description = "Only these figure ids (repeat or comma-separate; default: all).", AllowMultipleArgumentsPerToken = true };

        public void AddTo(Command command)
        {
            foreach (var option in new Option[] { _format, _width, _height, _dpi, _figures })
            {
                command.Options.Add(option);
            }
        }

        public bool TryRead(ParseResult parse, string verb, out FigureSetRequest? request, Core.Analytics.AnalyticsQuery query)
        {
            request = null;
            try
            {
                var formats = FigureExportOptions.ParseFormats(parse.GetValue(_format));
                var size = new FigureExportOptions(FigureExportOptions.ParseWidth(parse.GetValue(_width)), parse.GetValue(_dpi), parse.GetValue(_height)).Validate();
                var ids = (parse.GetValue(_figures) ?? []).SelectMany(v => v.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).ToList();
                request = new FigureSetRequest(query, formats, size, ids.Count == 0 ? null : ids);
                return true;
            }
            catch (ArgumentException ex)
            {
                CliHost.Error(parse).WriteLine($"{verb}: {ex.Message}");
                return false;
            }
        }
    }
}
