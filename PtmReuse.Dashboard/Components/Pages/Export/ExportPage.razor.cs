using Microsoft.AspNetCore.Components;
using PtmReuse.Core.Analytics;
using PtmReuse.Core.Analytics.Figures;
using PtmReuse.Core.Export.Figures;
using PtmReuse.Core.Export.Tables;
using PtmReuse.Dashboard.Export;

namespace PtmReuse.Dashboard.Components.Pages.Export;

/// <summary>
/// Choose figures, formats, print size and filters; every download is a link to <see cref="ExportEndpoints"/>, so
/// the files are produced by the same code as the CLI and never pass through the circuit.
/// </summary>
public sealed partial class ExportPage
{
    private readonly HashSet<FigureFormat> _formats = [FigureFormat.Svg, FigureFormat.Png, FigureFormat.Pdf];
    private readonly HashSet<string> _selected = new(StringComparer.Ordinal);
    private IReadOnlyList<Figure>? _figures;
    private IReadOnlyList<FigureTable>? _tables;
    private string? _error;
    private string _widthPreset = "single";
    private double _widthMm = FigureExportOptions.SingleColumnMm;
    private int _dpi = FigureExportOptions.DefaultDpi;
    private int _fromYear = AnalyticsFilter.Default.FromYear;
    private int _toYear = AnalyticsFilter.Default.ToYear;
    private bool _naturalScienceOnly = AnalyticsFilter.Default.NaturalScienceOnly;
    private LabelBasis _basis = CountingRules.Default.Basis;
    private CountingUnit _unit = CountingRules.Default.Unit;
    private MultiFieldRule _multiField = CountingRules.Default.MultiField;
    private AnalyticsQuery _loadedQuery = AnalyticsQuery.Default;

    [Inject]
    private FigureExporter Exporter { get; set; } = default!;

    /// <summary>The query the listed figures were built for (changed filters apply on "Apply filters").</summary>
    private AnalyticsQuery Query => _loadedQuery;

    /// <summary>The chosen print size, or null (with <see cref="SizeError"/>) when it is out of range.</summary>
    private FigureExportOptions? PrintSize
    {
        get
        {
            try
            {
                return new FigureExportOptions(_widthMm, _dpi).Validate();
            }
            catch (ArgumentException)
            {
                return null;
            }
        }
    }

    private string? SizeError
    {
        get
        {
            try
            {
                new FigureExportOptions(_widthMm, _dpi).Validate();
                return null;
            }
            catch (ArgumentException ex)
            {
                return ex.Message;
            }
        }
    }

    private bool CanDownload => PrintSize is not null && _figures is not null && Exporter.HasSource;

    private string? FiguresZipUrl => PrintSize is { } size
        ? ExportQueryString.Build(ExportEndpoints.FiguresZipUrl, Query, size, _formats.Order(), _figures?.Count == _selected.Count ? null : _selected.Order(StringComparer.Ordinal))
        : null;

    private string? BundleUrl => PrintSize is { } size ? ExportQueryString.Build(ExportEndpoints.BundleUrl, Query, size, _formats.Order()) : null;

    private string ReportUrl => ExportQueryString.Build(ExportEndpoints.ReportUrl, Query);

    private string TableUrl(string id, TableFormat format) => ExportQueryString.Build(ExportEndpoints.TableUrl(id, format), Query);

    protected override async Task OnInitializedAsync() => await LoadAsync();

    private async Task LoadAsync()
    {
        _error = null;
        if (!Exporter.HasSource)
        {
            _figures = [];
            _tables = [];
            _error = "No figure source is registered in this build, so there is nothing to export.";
            return;
        }

        if (_fromYear > _toYear)
        {
            _error = $"From year ({_fromYear}) is after to year ({_toYear}).";
            return;
        }

        _loadedQuery = new AnalyticsQuery(
            AnalyticsFilter.Default with { FromYear = _fromYear, ToYear = _toYear, NaturalScienceOnly = _naturalScienceOnly },
            CountingRules.Default with { Basis = _basis, Unit = _unit, MultiField = _multiField });
        _figures = null;
        _figures = await Exporter.FiguresAsync(_loadedQuery, ComponentToken);
        _tables = await Exporter.TablesAsync(_loadedQuery, ComponentToken);
        _selected.Clear();
        _selected.UnionWith(_figures.Select(f => f.Id));
    }

    private void OnWidthPresetChanged(string preset)
    {
        _widthPreset = preset;
        _widthMm = preset switch
        {
            "single" => FigureExportOptions.SingleColumnMm,
            "double" => FigureExportOptions.DoubleColumnMm,
            _ => _widthMm,
        };
    }

    private void ToggleFormat(FigureFormat format, bool on)
    {
        if (on)
        {
            _formats.Add(format);
        }
        else
        {
            _formats.Remove(format);
        }
    }

    private void ToggleFigure(string id, bool on)
    {
        if (on)
        {
            _selected.Add(id);
        }
        else
        {
            _selected.Remove(id);
        }
    }
}
