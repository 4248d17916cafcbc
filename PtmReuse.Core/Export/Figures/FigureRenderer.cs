using System.Buffers.Binary;
using System.Globalization;
using System.Text;
using System.Xml.Linq;
using PtmReuse.Core.Analytics.Figures;
using ScottPlot;
using SkiaSharp;

namespace PtmReuse.Core.Export.Figures;

/// <summary>
/// Renders a <see cref="Figure"/> to SVG, PNG or PDF at print size. One plot (laid out in points) is drawn on an SVG
/// canvas, a PDF page or a bitmap scaled by DPI / 72, so the three formats show the same figure.
/// </summary>
public sealed class FigureRenderer
{
    /// <summary>Writes one figure to <paramref name="output"/> (left open).</summary>
    public void Write(Figure figure, FigureFormat format, FigureExportOptions options, Stream output)
    {
        options = OptionsFor(figure, options.Validate());
        var plot = FigurePlotBuilder.Build(figure, options.WidthPoints, options.HeightPoints);
        switch (format)
        {
            case FigureFormat.Svg:
                WriteSvg(plot, figure, options, output);
                break;
            case FigureFormat.Png:
                WritePng(plot, figure, options, output);
                break;
            case FigureFormat.Pdf:
                WritePdf(plot, figure, options, output);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(format), format, "Unknown figure format.");
        }
    }

    /// <summary>
    /// The size a figure is drawn at: the requested one, except that a narrow bar chart laid sideways with more rows than
    /// its default height holds grows taller (never when a height was given), so each row keeps a readable label.
    /// </summary>
    internal static FigureExportOptions OptionsFor(Figure figure, FigureExportOptions options)
    {
        if (options.HeightMm is not null || FigurePlotBuilder.SideRows(figure, options.WidthPoints) is not { } rows)
        {
            return options;
        }

        var neededPt = FigurePlotBuilder.SideRowsHeightPt(rows);
        var neededMm = Math.Ceiling(neededPt / 72 * 25.4);
        return neededMm > options.EffectiveHeightMm ? options with { HeightMm = neededMm } : options;
    }

    public byte[] Render(Figure figure, FigureFormat format, FigureExportOptions options)
    {
        using var buffer = new MemoryStream();
        Write(figure, format, options, buffer);
        return buffer.ToArray();
    }

    private static PixelRect PageRect(FigureExportOptions options) => new(0, (float)options.WidthPoints, (float)options.HeightPoints, 0);

    private static void WriteSvg(Plot plot, Figure figure, FigureExportOptions options, Stream output)
    {
        using var svgBuffer = new MemoryStream();
        using (var canvas = SKSvgCanvas.Create(new SKRect(0, 0, (float)options.WidthPoints, (float)options.HeightPoints), svgBuffer))
        {
            plot.Render(canvas, PageRect(options));
        }

        // Skia writes the size in user units (points here); state it in millimetres so the figure prints at its width.
        svgBuffer.Position = 0;
        var svg = XDocument.Load(svgBuffer);
        var root = svg.Root ?? throw new InvalidOperationException("The SVG renderer wrote an empty document.");
        XNamespace ns = "http://www.w3.org/2000/svg";
        root.SetAttributeValue("width", Mm(options.WidthMm));
        root.SetAttributeValue("height", Mm(options.EffectiveHeightMm));
        root.SetAttributeValue("viewBox", string.Create(CultureInfo.InvariantCulture, $"0 0 {options.WidthPoints:0.###} {options.HeightPoints:0.###}"));
        root.AddFirst(new XElement(ns + "title", figure.Title), new XElement(ns + "desc", figure.Caption));
        using var writer = System.Xml.XmlWriter.Create(output, new System.Xml.XmlWriterSettings { Encoding = new UTF8Encoding(false), CloseOutput = false });
        svg.Save(writer);
    }

    private static void WritePng(Plot plot, Figure figure, FigureExportOptions options, Stream output)
    {
        var info = new SKImageInfo(options.PixelWidth, options.PixelHeight, SKColorType.Rgba8888, SKAlphaType.Premul);
        using var surface = SKSurface.Create(info) ?? throw new InvalidOperationException($"Cannot allocate a {info.Width}×{info.Height} bitmap.");
        var canvas = surface.Canvas;
        canvas.Clear(SKColors.White);
        canvas.Scale((float)(options.PixelWidth / options.WidthPoints), (float)(options.PixelHeight / options.HeightPoints));
        plot.Render(canvas, PageRect(options));
        using var image = surface.Snapshot();
        using var encoded = image.Encode(SKEncodedImageFormat.Png, 100);
        PngChunks.WriteWithMetadata(encoded.AsSpan(), options.Dpi, figure.Title, figure.Caption, output);
    }

    private static void WritePdf(Plot plot, Figure figure, FigureExportOptions options, Stream output)
    {
        var metadata = new SKDocumentPdfMetadata
        {
            Title = figure.Title,
            Subject = figure.Caption,
            Creator = "PtmReuse",
            Producer = "PtmReuse (ScottPlot, SkiaSharp)",
            RasterDpi = options.Dpi,
            // Vector output; heatmap cells are the only bitmap and stay exact at any DPI.
            EncodingQuality = 100,
        };
        using var managed = new SKManagedWStream(output, disposeManagedStream: false);
        using var document = SKDocument.CreatePdf(managed, metadata);
        var canvas = document.BeginPage((float)options.WidthPoints, (float)options.HeightPoints);
        plot.Render(canvas, PageRect(options));
        document.EndPage();
        document.Close();
    }

    private static string Mm(double value) => value.ToString("0.###", CultureInfo.InvariantCulture) + "mm";

    /// <summary>PNG chunks Skia does not write: pHYs (so the file states its DPI) and tEXt (title and caption).</summary>
    internal static class PngChunks
    {
        private const int SignatureLength = 8;
        private static readonly uint[] CrcTable = BuildCrcTable();

        public static void WriteWithMetadata(ReadOnlySpan<byte> png, int dpi, string title, string caption, Stream output)
        {
            // IHDR is always the first chunk: 4 length + 4 type + 13 data + 4 CRC after the signature.
            var afterHeader = SignatureLength + 4 + 4 + 13 + 4;
            output.Write(png[..afterHeader]);
            var pixelsPerMetre = (uint)Math.Round(dpi / 0.0254);
            var physical = new byte[9];
            BinaryPrimitives.WriteUInt32BigEndian(physical.AsSpan(0), pixelsPerMetre);
            BinaryPrimitives.WriteUInt32BigEndian(physical.AsSpan(4), pixelsPerMetre);
            physical[8] = 1; // unit: metre
            WriteChunk(output, "pHYs", physical);
            WriteChunk(output, "tEXt", Text("Title", title));
            WriteChunk(output, "tEXt", Text("Description", caption));
            output.Write(png[afterHeader..]);
        }

        /// <summary>tEXt is Latin-1; characters outside it become '?', as the PNG specification allows nothing else there.</summary>
        private static byte[] Text(string keyword, string value) =>
            [.. Encoding.Latin1.GetBytes(keyword), 0, .. Encoding.Latin1.GetBytes(value)];

        private static void WriteChunk(Stream output, string type, byte[] data)
        {
            Span<byte> header = stackalloc byte[8];
            BinaryPrimitives.WriteUInt32BigEndian(header, (uint)data.Length);
            Encoding.ASCII.GetBytes(type, header[4..]);
            output.Write(header);
            output.Write(data);
            var crc = Crc(Crc(0xFFFFFFFFu, header[4..]), data) ^ 0xFFFFFFFFu;
            Span<byte> trailer = stackalloc byte[4];
            BinaryPrimitives.WriteUInt32BigEndian(trailer, crc);
            output.Write(trailer);
        }

        private static uint Crc(uint crc, ReadOnlySpan<byte> bytes)
        {
            foreach (var b in bytes)
            {
                crc = CrcTable[(crc ^ b) & 0xFF] ^ (crc >> 8);
            }

            return crc;
        }

        private static uint[] BuildCrcTable()
        {
            var table = new uint[256];
            for (uint n = 0; n < 256; n++)
            {
                var c = n;
                for (var k = 0; k < 8; k++)
                {
                    c = (c & 1) != 0 ? 0xEDB88320u ^ (c >> 1) : c >> 1;
                }

                table[n] = c;
            }

            return table;
        }
    }
}
