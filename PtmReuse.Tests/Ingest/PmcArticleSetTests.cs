using System.IO.Compression;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using PtmReuse.Core.Ingest.Formats;
using PtmReuse.Tests.Infrastructure;

namespace PtmReuse.Tests.Ingest;

/// <summary>
/// PMC's E-utilities (efetch db=pmc) answer with one or many &lt;article&gt; inside a &lt;pmc-articleset&gt; wrapper; each
/// article is a paper. The sets here are built from real corpus JATS the way PMC builds them: each article without its
/// own XML declaration and DOCTYPE, under the article-set DOCTYPE.
/// </summary>
public sealed partial class PmcArticleSetTests
{
    private static readonly string[] Members = ["plos/journal.pbio.0020188.xml", "biorxiv/10.1101_2023.01.17.524456.xml", "mixed/10.7554_eLife.00005.xml"];

    private static string ArticleSet(IEnumerable<string> articles) =>
        "<?xml version=\"1.0\" ?>\n<!DOCTYPE pmc-articleset PUBLIC \"-//NLM//DTD ARTICLE SET 2.0//EN\" \"https://dtd.nlm.nih.gov/ncbi/pmc/articleset/nlm-articleset-2.0.dtd\">\n" +
        "<pmc-articleset>" + string.Concat(articles) + "</pmc-articleset>\n";

    private static string ArticleOf(string corpusPath)
    {
        var xml = File.ReadAllText(TestPaths.CorpusFile(corpusPath));
        return xml[Prolog().Match(xml).Length..];
    }

    [Fact]
    public void ReadFile_ArticleSetOfThreeAndOneBroken_ThreePapersAndAnErrorLocatedAtTheBrokenOne()
    {
        var folder = Directory.CreateTempSubdirectory("ptmreuse-pmc-").FullName;
        try
        {
            var broken = ArticleOf(Members[0]).Replace("<article-title>Taking the Stem Cell Debate to the Public</article-title>", "", StringComparison.Ordinal);
            var path = Path.Combine(folder, "efetch.xml");
            File.WriteAllText(path, ArticleSet(Members.Select(ArticleOf).Append(broken)));

            var records = PaperReader.Read(SourceItem.FromFile(path), CancellationToken.None).ToList();

            var expected = Members.Select(m => ManifestRow.Load().Single(r => r.Path == m)).ToList();
            Assert.Equal(expected.Select(r => r.Doi!.ToLowerInvariant()), records.Take(3).Select(r => r.Paper!.Doi));
            Assert.Equal(expected.Select(r => ManifestRow.Squash(r.Title)), records.Take(3).Select(r => ManifestRow.Squash(r.Paper!.Title)));
            Assert.Equal(["article 1", "article 2", "article 3", "article 4"], records.Select(r => r.Locator));
            Assert.Null(records[3].Paper);
            Assert.Contains("without an article-title", records[3].Error, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task IngestAsync_ArticleSetsInAFolderAndAZip_EachArticleBecomesAPaperOnce()
    {
        await using var database = await TestDatabase.CreateAsync();
        var folder = database.NewFolder("pmc");
        await File.WriteAllTextAsync(Path.Combine(folder, "set.xml"), ArticleSet(Members.Take(2).Select(ArticleOf)));
        var zip = Path.Combine(database.Directory, "pmc.zip");
        using (var archive = ZipFile.Open(zip, ZipArchiveMode.Create))
        {
            using var entry = archive.CreateEntry("results/one.xml").Open();
            entry.Write(Encoding.UTF8.GetBytes(ArticleSet([ArticleOf(Members[2])])));
        }

        var first = await database.IngestAsync(folder, zip);
        var again = await database.IngestAsync(folder, zip);

        Assert.Equal((3, 0), (first.Added, first.Failed));
        Assert.Equal((0, 0, 2), (again.Added, again.Updated, again.Unchanged));
        await using var db = await database.OpenAsync();
        var sources = await db.Sources.AsNoTracking().OrderBy(s => s.Id).Select(s => new { s.Path, s.Entry }).ToListAsync();
        Assert.Equal([(Path.Combine(folder, "set.xml"), "article 1"), (Path.Combine(folder, "set.xml"), "article 2"), (zip, "results/one.xml")], sources.Select(s => (s.Path, s.Entry)));
        // A set of one article reads as that article alone: same DOI, title and sections as its own file.
        var alone = Assert.Single(PaperReader.ReadFile(TestPaths.CorpusFile(Members[2])));
        var fromSet = await db.Papers.AsNoTracking().Include(p => p.Sections).SingleAsync(p => p.Doi == alone.Doi);
        Assert.Equal(alone.Sections.Select(s => s.Text), fromSet.Sections.OrderBy(s => s.Ordinal).Select(s => s.Text));
    }

    [GeneratedRegex(@"\A\s*<\?xml[^>]*\?>\s*(<!DOCTYPE[^>]*>\s*)?")]
    private static partial Regex Prolog();
}
