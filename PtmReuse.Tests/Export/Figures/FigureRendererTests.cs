using PtmReuse.Core.Export.Figures;

namespace PtmReuse.Tests.Export.Figures;

public sealed class FigureRendererTests
{
    [Fact]
    public void Render_EveryKind_WritesPreviewFiles()
    {
        var dir = Environment.GetEnvironmentVariable("PTMREUSE_FIGURE_PREVIEW");
        if (dir is null)
        {
            return;
        }

        Directory.CreateDirectory(dir);
        var renderer = new FigureRenderer();
        foreach (var figure in SampleFigures.All())
        {
            foreach (var width in new[] { 89.0, 183.0 })
            {
                var options = new FigureExportOptions(width, 150);
                foreach (var format in Enum.GetValues<FigureFormat>())
                {
                    File.WriteAllBytes(Path.Combine(dir, $"{figure.Id}-{width}.{FigureExportOptions.Extension(format)}"), renderer.Render(figure, format, options));
                }
            }
        }
    }
}
