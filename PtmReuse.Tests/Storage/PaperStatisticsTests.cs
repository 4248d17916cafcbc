using PtmReuse.Core.Ingest;
using PtmReuse.Core.Papers;
using PtmReuse.Tests.Infrastructure;
using PtmReuse.Core.Storage;

namespace PtmReuse.Tests.Storage;

public sealed class PaperStatisticsTests
{
    [Theory, SqliteData, PostgresData]
    public async Task GetAsync_MixedPapers_CountsByYearFieldAndErrors(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using (var db = await database.OpenAsync())
        {
            db.Papers.AddRange(
                new Paper { Doi = "10.1/a", ContentHash = "a", Title = "A", Year = 2010, PrimaryField = "Neuroscience" },
                new Paper { Doi = "10.1/b", ContentHash = "b", Title = "B", Year = 2010, PrimaryField = "Chemistry" },
                new Paper { Doi = null, ContentHash = "c", Title = "C", Year = null, PrimaryField = "Neuroscience" });
            db.IngestErrors.Add(new IngestError { File = "bad.xml", Reason = "truncated", At = DateTime.UtcNow });
            await db.SaveChangesAsync();
        }

        var stats = await database.Get<PaperStatistics>().GetAsync(CancellationToken.None);

        Assert.Equal(3, stats.Papers);
        Assert.Equal(1, stats.PapersWithoutDoi);
        Assert.Equal(1, stats.IngestErrors);
        Assert.Equal([new CountBy<int?>(2010, 2), new CountBy<int?>(null, 1)], stats.ByYear);
        Assert.Equal(new CountBy<string?>("Neuroscience", 2), stats.ByField[0]);
    }
}
