using System.Globalization;

namespace PtmReuse.Core.Export.Figures;

public enum FigureFormat
{
    Svg,
    Png,
    Pdf,
}

/// <summary>
/// Print size of an exported figure. Width is what journals specify (single column 89 mm, double 183 mm); height
/// follows from <see cref="AspectRatio"/>. The PNG is <see cref="PixelWidth"/> pixels wide, exactly
/// width_mm / 25.4 × DPI rounded to the nearest pixel; SVG and PDF carry the size in millimetres and points.
/// </summary>
public sealed record FigureExportOptions(double WidthMm = FigureExportOptions.SingleColumnMm, int Dpi = FigureExportOptions.DefaultDpi, double? HeightMm = null)
{
    public const double SingleColumnMm = 89;
    public const double DoubleColumnMm = 183;
    public const int DefaultDpi = 300;
    public const double MinWidthMm = 20;
    public const double MaxWidthMm = 500;
    public const int MaxDpi = 2400;

    /// <summary>Largest PNG (pixels) a request may ask for: a server must not allocate gigabytes for one figure.</summary>
    public const long MaxPixels = 100_000_000;
    public const double PointsPerInch = 72;
    public const double MmPerInch = 25.4;

    public static FigureExportOptions Default { get; } = new();

    /// <summary>Height over width when no height is given: wide figures are relatively flatter.</summary>
    public double AspectRatio => WidthMm >= 150 ? 0.5 : 0.75;

    public double EffectiveHeightMm => HeightMm ?? Math.Round(WidthMm * AspectRatio, 1);

    public double WidthPoints => WidthMm / MmPerInch * PointsPerInch;

    public double HeightPoints => EffectiveHeightMm / MmPerInch * PointsPerInch;

    public int PixelWidth => (int)Math.Round(WidthMm / MmPerInch * Dpi, MidpointRounding.AwayFromZero);

    public int PixelHeight => (int)Math.Round(EffectiveHeightMm / MmPerInch * Dpi, MidpointRounding.AwayFromZero);

    /// <summary>Throws <see cref="ArgumentException"/> with a message a user can act on.</summary>
    public FigureExportOptions Validate()
    {
        if (!double.IsFinite(WidthMm) || WidthMm < MinWidthMm || WidthMm > MaxWidthMm)
        {
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"Width must be between {MinWidthMm} and {MaxWidthMm} mm (got {WidthMm})."));
        }

        if (HeightMm is { } height && (!double.IsFinite(height) || height < MinWidthMm / 2 || height > MaxWidthMm))
        {
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"Height must be between {MinWidthMm / 2} and {MaxWidthMm} mm (got {height})."));
        }

        if (Dpi <= 0 || Dpi > MaxDpi)
        {
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"DPI must be between 1 and {MaxDpi} (got {Dpi})."));
        }

        if ((long)PixelWidth * PixelHeight > MaxPixels)
        {
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
                $"DPI {Dpi} at {WidthMm} × {EffectiveHeightMm} mm makes a {PixelWidth} × {PixelHeight} pixel image; the limit is {MaxPixels / 1_000_000} megapixels."));
        }

        return this;
    }

    /// <summary>"single" (89 mm), "double" (183 mm) or a number of millimetres (invariant culture).</summary>
    public static double ParseWidth(string? text) => text?.Trim().ToLowerInvariant() switch
    {
        null or "" or "single" => SingleColumnMm,
        "double" => DoubleColumnMm,
        var number when double.TryParse(number, NumberStyles.Float, CultureInfo.InvariantCulture, out var mm) => mm,
        var other => throw new ArgumentException($"Width '{other}' is not single, double or a number of millimetres."),
    };

    /// <summary>File extension (no dot) of a format.</summary>
    public static string Extension(FigureFormat format) => format.ToString().ToLowerInvariant();

    public static string ContentType(FigureFormat format) => format switch
    {
        FigureFormat.Svg => "image/svg+xml",
        FigureFormat.Png => "image/png",
        _ => "application/pdf",
    };

    /// <summary>Parses "svg,png,pdf" (any case, any order, duplicates ignored); unknown names are an error that lists the known ones.</summary>
    public static IReadOnlyList<FigureFormat> ParseFormats(string? list)
    {
        var names = (list ?? "").Split([',', ' '], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (names.Length == 0)
        {
            throw new ArgumentException("No format given; use one or more of svg, png, pdf.");
        }

        var formats = new List<FigureFormat>();
        foreach (var name in names)
        {
            if (!TryParseFormat(name, out var format))
            {
                throw new ArgumentException($"Unknown figure format '{name}'; use one or more of svg, png, pdf.");
            }

            if (!formats.Contains(format))
            {
                formats.Add(format);
            }
        }

        return formats;
    }

    public static bool TryParseFormat(string? name, out FigureFormat format)
    {
        format = default;
        return name is not null && name.All(char.IsAsciiLetter) && Enum.TryParse(name, ignoreCase: true, out format);
    }
}
