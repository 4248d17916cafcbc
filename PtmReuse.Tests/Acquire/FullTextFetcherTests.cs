using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using PtmReuse.Core.Acquire;
using PtmReuse.Core.Papers;
using PtmReuse.Tests.Infrastructure;

namespace PtmReuse.Tests.Acquire;

/// <summary>Open full-text fetching against the loopback PLOS, Europe PMC, bioRxiv and OpenAlex fixtures.</summary>
public sealed class FullTextFetcherTests : IAsyncLifetime
{
    private AcquireFixtureServer _server = default!;
    private TestDatabase _database = default!;

    public async Task InitializeAsync()
    {
        _server = await AcquireFixtureServer.StartAsync();
        _database = await TestDatabase.CreateAsync(settings: _server.Settings());
    }

    public async Task DisposeAsync()
    {
        await _database.DisposeAsync();
        await _server.DisposeAsync();
    }

    private FullTextFetcher Fetcher => _database.Get<FullTextFetcher>();

    private async Task HarvestAsync()
    {
        var harvest = await _database.Get<OpenAlexHarvester>().HarvestAsync(new OpenAlexQuery(), "test", null, CancellationToken.None);
        Assert.Equal(HarvestStatus.Completed, harvest.Status);
    }

    private async Task<(Paper Paper, FullTextFile? File)> OutcomeAsync(string doi)
    {
        await using var db = await _database.OpenAsync();
        var paper = await db.Papers.AsNoTracking().Include(p => p.Sections).SingleAsync(p => p.Doi == doi.ToLowerInvariant());
        return (paper, await db.FullTextFiles.AsNoTracking().SingleOrDefaultAsync(f => f.PaperId == paper.Id));
    }

    [Fact]
    public async Task Fetch_EverySource_KeepsFilesWithChecksumsIngestsThemAndStoresEachFailure()
    {
        var plos = AcquireFixtures.FromCorpus("plos/journal.pbio.0020188.xml", 1, FullTextRoute.Plos);
        var europePmc = AcquireFixtures.FromCorpus("dl/10.1101_2023.04.05.535764.xml", 2, FullTextRoute.EuropePmc);
        var biorxiv = AcquireFixtures.FromCorpus("biorxiv/10.1101_2021.06.21.449261.xml", 3, FullTextRoute.Biorxiv);
        var pdf = AcquireFixtures.PdfOnly(4);
        var missing = AcquireFixtures.Synthetic(1, first: 5)[0];
        var html = AcquireFixtures.Synthetic(1, first: 6)[0] with { Doi = "10.1371/journal.pone.9999996", Route = FullTextRoute.PlosHtml };
        var closed = AcquireFixtures.FromCorpus("dl/10.1101_2023.05.18.541272.xml", 7, FullTextRoute.EuropePmc, licence: null);
        _server.Works.AddRange([plos, europePmc, biorxiv, pdf, missing, html, closed]);
        await HarvestAsync();

        var summary = await Fetcher.FetchAsync(new FetchRequest(), null, CancellationToken.None);

        Assert.Equal((7, 4, 2, 1), (summary.Total, summary.Fetched, summary.Failed, summary.NotOpen));
        var root = _database.Get<AcquireFolder>().Root;
        foreach (var (work, source, format) in new[] { (plos, "plos", SourceFormat.Jats), (europePmc, "europepmc", SourceFormat.Jats), (biorxiv, "biorxiv", SourceFormat.Jats), (pdf, "openalex-pdf", SourceFormat.Pdf) })
        {
            var (paper, file) = await OutcomeAsync(work.Doi);
            Assert.Equal(FullTextStatus.Fetched, file!.Status);
            Assert.Equal(source, file.Source);
            Assert.Equal(format, paper.SourceFormat);
            Assert.NotEmpty(paper.Sections);
            var bytes = await File.ReadAllBytesAsync(Path.Combine(root, file.Path!));
            Assert.Equal(work.FullText, bytes);
            Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(bytes)), file.Sha256);
            Assert.Equal(AcquireFixtures.Biochemistry, paper.PrimaryField); // the harvested topics survive the text's merge
        }

        Assert.Equal(_server.BaseUrl + "/plos/plosbiology/article/file?id=10.1371/journal.pbio.0020188&type=manuscript", (await OutcomeAsync(plos.Doi)).File!.Url);
        Assert.EndsWith($"/europepmc/webservices/rest/{europePmc.PmcId}/fullTextXML", (await OutcomeAsync(europePmc.Doi)).File!.Url);
        Assert.Equal("cc by", (await OutcomeAsync(europePmc.Doi)).File!.Licence);
        Assert.Equal("cc_by", (await OutcomeAsync(biorxiv.Doi)).File!.Licence);

        var notFound = (await OutcomeAsync(missing.Doi)).File!;
        Assert.Equal(FullTextStatus.Failed, notFound.Status);
        Assert.Contains("no open full text found", notFound.Error);
        Assert.Contains("Europe PMC has no record of this DOI", notFound.Error);
        Assert.Contains("openalex-pdf: OpenAlex lists no open-access PDF", notFound.Error);
        var notJats = (await OutcomeAsync(html.Doi)).File!;
        Assert.Contains("plos: not JATS: the document's root element is <html>", notJats.Error);
        var notOpen = (await OutcomeAsync(closed.Doi)).File!;
        Assert.Equal(FullTextStatus.NotOpen, notOpen.Status);
        Assert.Contains("licence is not known", notOpen.Error);
        Assert.Equal(SourceFormat.OpenAlex, (await OutcomeAsync(closed.Doi)).Paper.SourceFormat);
        Assert.Equal(0, _server.CountRequests($"/europepmc/webservices/rest/{closed.PmcId}/"));

        await using (var db = await _database.OpenAsync())
        {
            var errors = await db.IngestErrors.Where(e => e.Entry == FullTextFetcher.Origin).ToListAsync();
            Assert.Equal(3, errors.Count); // two failures and the paper not fetched for its licence, listed like ingest errors
        }

        // Nothing left to do; the non-open paper comes only when asked for.
        Assert.Equal(0, (await Fetcher.FetchAsync(new FetchRequest(), null, CancellationToken.None)).Total);
        var optedIn = await Fetcher.FetchAsync(new FetchRequest(IncludeNonOpen: true, RetryFailed: true), null, CancellationToken.None);
        Assert.Equal(1, optedIn.Fetched);
        Assert.Equal(FullTextStatus.Fetched, (await OutcomeAsync(closed.Doi)).File!.Status);
    }

    [Fact]
    public async Task Fetch_TruncatedBodyAndServerError_AreRetried()
    {
        var plos = AcquireFixtures.FromCorpus("plos/journal.pbio.0020188.xml", 1, FullTextRoute.Plos);
        _server.Works.Add(plos);
        await HarvestAsync();
        _server.Fail("/plos/", Fault.Truncated, Fault.ServerError);

        var summary = await Fetcher.FetchAsync(new FetchRequest(), null, CancellationToken.None);

        Assert.Equal(1, summary.Fetched);
        Assert.Equal(3, _server.CountRequests("/plos/"));
        Assert.Equal(plos.FullText, await File.ReadAllBytesAsync(Path.Combine(_database.Get<AcquireFolder>().Root, (await OutcomeAsync(plos.Doi)).File!.Path!)));
    }

    [Fact]
    public async Task Fetch_KilledMidway_ResumesWithThePapersLeftAndNoDuplicate()
    {
        _server.Works.AddRange(AcquireFixtures.PlosCorpus(12));
        await HarvestAsync();
        using var kill = new CancellationTokenSource();
        _server.OnRequest = request =>
        {
            if (request.StartsWith("/plos/", StringComparison.Ordinal) && _server.CountRequests("/plos/") == 10)
            {
                kill.Cancel();
            }
        };

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Fetcher.FetchAsync(new FetchRequest(), null, kill.Token));
        _server.OnRequest = null;
        var counts = await Fetcher.CountsAsync(CancellationToken.None);
        // The first chunk (8 papers: FullTextConcurrency 4 × 2) was stored; the chunk in hand was not.
        Assert.Equal(8, counts.GetValueOrDefault(FullTextStatus.Fetched));

        var resumed = await Fetcher.FetchAsync(new FetchRequest(), null, CancellationToken.None);

        Assert.Equal((4, 4), (resumed.Total, resumed.Fetched));
        await using var db = await _database.OpenAsync();
        Assert.Equal(12, await db.Papers.CountAsync());
        Assert.Equal(12, await db.Papers.CountAsync(p => p.SourceFormat == SourceFormat.Jats));
        Assert.Equal(12, await db.FullTextFiles.CountAsync(f => f.Status == FullTextStatus.Fetched));
        Assert.True(_server.CountRequests("/plos/") <= 12 + 4, "only the papers in hand at the kill are fetched twice");
    }
}
