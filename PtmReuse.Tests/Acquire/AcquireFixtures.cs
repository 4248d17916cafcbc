using System.Globalization;
using PtmReuse.Tests.Infrastructure;
using PtmReuse.Tests.Ingest;
using UglyToad.PdfPig.Fonts.Standard14Fonts;
using UglyToad.PdfPig.Writer;

namespace PtmReuse.Tests.Acquire;

/// <summary>Works for the fixture services: synthetic metadata-only works, and real corpus papers with their JATS.</summary>
public static class AcquireFixtures
{
    public const int BiochemistryId = 13;
    public const string Biochemistry = "Biochemistry, Genetics and Molecular Biology";

    /// <summary>Works W{first}..W{first+count-1} with DOIs 10.5555/fixture.{n}, CC BY, in a natural-science field.</summary>
    public static List<FixtureWork> Synthetic(int count, int first = 1) =>
        Enumerable.Range(first, count).Select(n => new FixtureWork(
            "W" + (100_000 + n).ToString(CultureInfo.InvariantCulture), $"10.5555/fixture.{n}", $"Fixture work {n}", 2010 + n % 15, "cc-by",
            BiochemistryId, Biochemistry)).ToList();

    /// <summary>A corpus paper (MANIFEST.csv row) served by <paramref name="route"/>.</summary>
    public static FixtureWork FromCorpus(string relativePath, int number, FullTextRoute route, string? licence = "cc-by")
    {
        var row = Manifest().Single(r => r.Path == relativePath);
        return new FixtureWork("W" + (200_000 + number).ToString(CultureInfo.InvariantCulture), row.Doi!, row.Title, row.Year, licence,
            BiochemistryId, Biochemistry, route, File.ReadAllBytes(TestPaths.CorpusFile(relativePath)));
    }

    /// <summary>The first <paramref name="count"/> PLOS papers of the corpus, served by PLOS.</summary>
    public static List<FixtureWork> PlosCorpus(int count, int first = 1) =>
        Manifest().Where(r => r.Path.StartsWith("plos/", StringComparison.Ordinal)).Take(count)
            .Select((r, i) => FromCorpus(r.Path, first + i, FullTextRoute.Plos)).ToList();

    /// <summary>A metadata-only work whose full text exists only as a PDF at OpenAlex's best_oa_location.</summary>
    public static FixtureWork PdfOnly(int number)
    {
        var doi = $"10.5555/pdf.{number}";
        var builder = new PdfDocumentBuilder();
        var page = builder.AddPage(595, 842);
        var font = builder.AddStandard14Font(Standard14Font.Helvetica);
        page.AddText("A fixture paper available only as a PDF", 14, new UglyToad.PdfPig.Core.PdfPoint(50, 780), font);
        page.AddText("https://doi.org/" + doi, 10, new UglyToad.PdfPig.Core.PdfPoint(50, 760), font);
        page.AddText("Methods: we trained a convolutional neural network on microscope images.", 10, new UglyToad.PdfPig.Core.PdfPoint(50, 730), font);
        return new FixtureWork("W" + (300_000 + number).ToString(CultureInfo.InvariantCulture), doi, "A fixture paper available only as a PDF", 2021, "cc-by",
            BiochemistryId, Biochemistry, FullTextRoute.Pdf, builder.Build());
    }

    private static IReadOnlyList<ManifestRow> Manifest() => ManifestRow.Load();
}
