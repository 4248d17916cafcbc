using PtmReuse.Core.Ingest;
using PtmReuse.Tests.Infrastructure;

namespace PtmReuse.Tests.Ingest;

public sealed class IngestHistoryQueriesTests
{
    [Fact]
    public async Task History_TwoBatchesWithErrors_ListsNewestFirstAndFiltersErrorsByBatch()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using (var db = await database.OpenAsync())
        {
            var older = new IngestBatch { Inputs = "a", StartedAt = new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc), Status = IngestBatchStatus.Completed };
            var newer = new IngestBatch { Inputs = "b", StartedAt = new DateTime(2026, 1, 2, 0, 0, 0, DateTimeKind.Utc), Status = IngestBatchStatus.CompletedWithErrors };
            db.IngestBatches.AddRange(older, newer);
            await db.SaveChangesAsync();
            db.IngestErrors.AddRange(
                new IngestError { BatchId = older.Id, File = "old.xml", Reason = "truncated", At = older.StartedAt },
                new IngestError { BatchId = newer.Id, File = "new1.xml", Reason = "empty", At = newer.StartedAt },
                new IngestError { BatchId = newer.Id, File = "new2.xml", Reason = "empty", At = newer.StartedAt });
            await db.SaveChangesAsync();
        }

        var queries = database.Get<IngestHistoryQueries>();
        var batches = await queries.GetRecentBatchesAsync(10, CancellationToken.None);
        var all = await queries.GetErrorsAsync(null, 0, 2, CancellationToken.None);
        var ofNewer = await queries.GetErrorsAsync(batches[0].Id, 0, 10, CancellationToken.None);

        Assert.Equal(["b", "a"], batches.Select(b => b.Inputs));
        Assert.Equal(3, all.TotalCount);
        Assert.Equal(["new2.xml", "new1.xml"], all.Items.Select(e => e.File));
        Assert.Equal(["new2.xml", "new1.xml"], ofNewer.Items.Select(e => e.File));
    }
}
