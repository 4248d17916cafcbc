using Microsoft.EntityFrameworkCore;
using PtmReuse.Core.Fields;
using PtmReuse.Core.Ingest;
using PtmReuse.Core.Papers;
using PtmReuse.Tests.Infrastructure;

namespace PtmReuse.Tests.Ingest;

public sealed class PaperIngestorTests
{
    private static readonly string[] SmallSet =
    [
        "dl/10.7554_eLife.86628.xml", "dl/joss_deepof_paper.md", "dl/joss_geoai_paper.md", "dl/10.21105_joss.05663.pdf",
        "biorxiv/10.1101_2023.01.17.524456.xml", "plos/journal.pbio.0020188.xml", "plos/journal.pbio.0020334.xml",
    ];

    [Fact]
    public async Task IngestAsync_WholeCorpus_StoresEveryManifestPaper()
    {
        await using var database = await TestDatabase.CreateAsync();

        var summary = await database.IngestAsync(TestPaths.CorpusFile("plos"), TestPaths.CorpusFile("biorxiv"), TestPaths.CorpusFile("dl"), TestPaths.CorpusFile("mixed"));

        var manifest = ManifestRow.Load();
        Assert.Empty(summary.Errors);
        Assert.Equal(manifest.Count, summary.Added);
        await using var db = await database.OpenAsync();
        var papers = await db.Papers.AsNoTracking().Include(p => p.Sections).AsSplitQuery().ToListAsync();
        Assert.Equal(manifest.Count, papers.Count);
        foreach (var row in manifest)
        {
            var paper = row.Doi is null
                ? Assert.Single(papers, p => p.SourceFile == row.FullPath)
                : Assert.Single(papers, p => p.Doi == row.Doi.ToLowerInvariant());
            Assert.Equal(ManifestRow.Squash(row.Title), ManifestRow.Squash(paper.Title), ignoreCase: true);
            Assert.NotEmpty(paper.Sections);
            Assert.Equal(64, paper.ContentHash.Length);
            if (row.Doi is null)
            {
                // Drafts without a DOI are kept under the hash of their bytes.
                Assert.Null(paper.Doi);
                Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(row.FullPath))), paper.ContentHash);
            }
        }

        // Without OpenAlex topics a JATS paper's field is inferred from its subject terms or journal; a PLOS ONE paper
        // with no subject terms at all (a multidisciplinary journal) stays unknown rather than guessed.
        foreach (var paper in papers.Where(p => p.SourceFormat == SourceFormat.Jats))
        {
            if (paper.Subjects.Count == 0 && paper.Journal is "PLoS ONE" or "PLOS ONE")
            {
                Assert.Null(paper.PrimaryField);
                Assert.False(paper.FieldInferred);
            }
            else
            {
                Assert.True(paper.PrimaryField is not null && paper.FieldInferred, paper.Doi);
            }
        }
        var batch = await db.IngestBatches.SingleAsync();
        Assert.Equal(IngestBatchStatus.Completed, batch.Status);
        Assert.Equal(manifest.Count, batch.Added);
    }

    [Fact]
    public async Task IngestAsync_FolderAndZipOfSameFiles_GiveTheSameDatabase()
    {
        await using var fromFolder = await TestDatabase.CreateAsync();
        await using var fromZip = await TestDatabase.CreateAsync();
        var folder = fromFolder.NewFolder("papers");
        IngestTestKit.CopyCorpus(folder, SmallSet);
        var zip = IngestTestKit.ZipFolder(folder, Path.Combine(fromZip.Directory, "papers.zip"));

        var folderSummary = await fromFolder.IngestAsync(folder);
        var zipSummary = await fromZip.IngestAsync(zip);

        Assert.Equal(SmallSet.Length, folderSummary.Added);
        Assert.Equal(SmallSet.Length, zipSummary.Added);
        Assert.Equal(await fromFolder.ContentKeysAsync(), await fromZip.ContentKeysAsync());
        await using var db = await fromZip.OpenAsync();
        var source = await db.Sources.FirstAsync(s => s.Entry == "dl/10.7554_eLife.86628.xml");
        Assert.Equal(zip, source.Path);
    }

    [Fact]
    public async Task IngestAsync_UnchangedFilesAgain_IsANoOp()
    {
        await using var database = await TestDatabase.CreateAsync();
        var folder = database.NewFolder("papers");
        IngestTestKit.CopyCorpus(folder, SmallSet);
        await database.IngestAsync(folder);
        var before = await database.SnapshotAsync();

        var again = await database.IngestAsync(folder);

        Assert.Equal((0, 0, SmallSet.Length, 0), (again.Added, again.Updated, again.Unchanged, again.Failed));
        Assert.Equal(before, await database.SnapshotAsync());
    }

    [Fact]
    public async Task IngestAsync_OpenAlexWorksAfterJats_MergeOntoPapersAndSetFieldFromTopics()
    {
        await using var database = await TestDatabase.CreateAsync();
        await database.IngestAsync(TestPaths.CorpusFile("plos/journal.pbio.0020188.xml"), TestPaths.CorpusFile("biorxiv/10.1101_2023.01.17.524456.xml"));
        string jatsTitle;
        int sectionCount;
        await using (var db = await database.OpenAsync())
        {
            var before = await db.Papers.Include(p => p.Sections).SingleAsync(p => p.Doi == "10.1101/2023.01.17.524456");
            (jatsTitle, sectionCount) = (before.Title, before.Sections.Count);
            Assert.True(before.FieldInferred);
        }

        var summary = await database.IngestAsync(Fixture("openalex-works.jsonl"));

        Assert.Equal((0, 2, 0), (summary.Added, summary.Updated, summary.Failed));
        await using (var db = await database.OpenAsync())
        {
            Assert.Equal(2, await db.Papers.CountAsync());
            var preprint = await db.Papers.Include(p => p.Sections).SingleAsync(p => p.Doi == "10.1101/2023.01.17.524456");
            Assert.Equal("W4317895624", preprint.OpenAlexId);
            Assert.Equal(FieldNames.AgriculturalAndBiologicalSciences, preprint.PrimaryField);
            Assert.False(preprint.FieldInferred);
            Assert.Equal(3, preprint.Topics.Count);
            Assert.Equal("Plant Science", preprint.Topics[0].Subfield);
            Assert.Equal("Life Sciences", preprint.Topics[0].Domain);
            Assert.Equal(jatsTitle, preprint.Title);
            Assert.Equal(sectionCount, preprint.Sections.Count);
            Assert.Equal(SourceFormat.Jats, preprint.SourceFormat);
            var letter = await db.Papers.SingleAsync(p => p.Doi == "10.1371/journal.pbio.0020188");
            Assert.Equal(FieldNames.BiochemistryGeneticsMolecularBiology, letter.PrimaryField);
            Assert.False(letter.FieldInferred);
        }
    }

    [Fact]
    public async Task IngestAsync_OpenAlexBeforeJats_FullTextFillsTheSamePaper()
    {
        await using var database = await TestDatabase.CreateAsync();
        await database.IngestAsync(Fixture("openalex-work.json"));
        await using (var db = await database.OpenAsync())
        {
            var metadataOnly = await db.Papers.Include(p => p.Sections).SingleAsync();
            Assert.Empty(metadataOnly.Sections);
            Assert.Equal("PLoS Biology", metadataOnly.Journal);
        }

        var summary = await database.IngestAsync(TestPaths.CorpusFile("plos/journal.pbio.0020188.xml"));

        Assert.Equal((0, 1), (summary.Added, summary.Updated));
        await using var check = await database.OpenAsync();
        var paper = await check.Papers.Include(p => p.Sections).Include(p => p.Sources).SingleAsync();
        Assert.NotEmpty(paper.Sections);
        Assert.Equal(SourceFormat.Jats, paper.SourceFormat);
        Assert.Equal("W2140953373", paper.OpenAlexId);
        Assert.Equal(FieldNames.BiochemistryGeneticsMolecularBiology, paper.PrimaryField);
        Assert.False(paper.FieldInferred);
        Assert.Equal(2, paper.Sources.Count);
    }

    [Fact]
    public async Task IngestAsync_SameDoiFromTableRow_MergesInsteadOfDuplicating()
    {
        await using var database = await TestDatabase.CreateAsync();
        await database.IngestAsync(TestPaths.CorpusFile("plos/journal.pbio.0020188.xml"));
        var csv = Path.Combine(database.NewFolder("tables"), "papers.csv");
        await File.WriteAllTextAsync(csv, "doi,title,year,journal,text\nhttps://doi.org/10.1371/JOURNAL.PBIO.0020188,Other title,2004,PLoS Biology,Short text\n10.5555/new.1,\"A new, quoted title\",2021,Some Journal,Body text of the new paper\n");

        var summary = await database.IngestAsync(csv);

        Assert.Equal((1, 1, 0), (summary.Added, summary.Updated, summary.Failed));
        await using var db = await database.OpenAsync();
        Assert.Equal(2, await db.Papers.CountAsync());
        var merged = await db.Papers.Include(p => p.Sections).SingleAsync(p => p.Doi == "10.1371/journal.pbio.0020188");
        Assert.Equal("Taking the Stem Cell Debate to the Public", merged.Title);
        Assert.DoesNotContain(merged.Sections, s => s.Text == "Short text");
        var added = await db.Papers.Include(p => p.Sections).SingleAsync(p => p.Doi == "10.5555/new.1");
        Assert.Equal("A new, quoted title", added.Title);
        Assert.Equal("Body text of the new paper", Assert.Single(added.Sections).Text);
    }

    [Fact]
    public async Task IngestAsync_TableRowWithoutDoiOrText_IsOneErrorAndAddsNoTitleOnlyPaper()
    {
        // Like ../shared/corpus/MANIFEST.csv: a row for a draft without a DOI carries only a title and a path.
        await using var database = await TestDatabase.CreateAsync();
        var csv = Path.Combine(database.NewFolder("tables"), "manifest.csv");
        await File.WriteAllTextAsync(csv, "path,doi,title,year\ndl/draft.md,,A draft without DOI,2024\nplos/x.xml,10.5555/with.doi,Has a DOI,2010\n");

        var summary = await database.IngestAsync(csv);

        Assert.Equal((1, 1), (summary.Added, summary.Failed));
        var error = Assert.Single(summary.Errors);
        Assert.Contains("manifest.csv", error.File + error.Reason, StringComparison.Ordinal);
        Assert.Contains("no DOI and no text", error.Reason, StringComparison.Ordinal);
        await using var db = await database.OpenAsync();
        Assert.Equal("10.5555/with.doi", (await db.Papers.SingleAsync()).Doi);
    }

    [Fact]
    public async Task IngestAsync_MarkdownWithSidecarJson_TakesJournalAndDoiFromSidecar()
    {
        await using var database = await TestDatabase.CreateAsync();
        var folder = database.NewFolder("md");
        IngestTestKit.CopyCorpus(folder, "dl/joss_geoai_paper.md");
        var markdown = Path.Combine(folder, "dl", "joss_geoai_paper.md");
        await File.WriteAllTextAsync(markdown + ".json", """{"journal": "Journal of Open Source Software", "doi": "https://doi.org/10.21105/joss.99999"}""");

        var summary = await database.IngestAsync(folder);

        Assert.Equal((1, 0), (summary.Added, summary.Failed));
        await using var db = await database.OpenAsync();
        var paper = await db.Papers.SingleAsync();
        Assert.Equal("Journal of Open Source Software", paper.Journal);
        Assert.Equal("10.21105/joss.99999", paper.Doi);
        Assert.Equal(FieldNames.ComputerScience, paper.PrimaryField);
    }

    internal static string Fixture(string name) => Path.Combine(TestPaths.RepositoryRoot, "PtmReuse.Tests", "Ingest", "Fixtures", name);
}
