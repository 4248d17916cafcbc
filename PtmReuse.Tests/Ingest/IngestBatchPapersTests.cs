using PtmReuse.Core.Ingest;
using PtmReuse.Tests.Infrastructure;

namespace PtmReuse.Tests.Ingest;

public sealed class IngestBatchPapersTests
{
    [Fact]
    public async Task PapersOfBatchAsync_SecondIngest_ListsOnlyThePapersItAdded()
    {
        await using var database = await TestDatabase.CreateAsync();
        var folder = Path.Combine(database.Directory, "in");
        Directory.CreateDirectory(folder);
        await File.WriteAllTextAsync(Path.Combine(folder, "one.md"), "# Plankton counted by a network\n\n## Methods\n\nWe counted plankton with a convolutional network.\n");
        var ingestor = database.Get<IPaperIngestor>();
        var first = await ingestor.IngestAsync([IngestInput.FromPath(Path.Combine(folder, "one.md"))], "cli", null, CancellationToken.None);
        await File.WriteAllTextAsync(Path.Combine(folder, "two.md"), "# Soil carbon after drought\n\n## Methods\n\nWe measured soil carbon in 40 plots.\n");
        var second = await ingestor.IngestAsync([IngestInput.FromPath(Path.Combine(folder, "two.md"))], "cli", null, CancellationToken.None);
        var history = database.Get<IngestHistoryQueries>();

        var firstPapers = await history.PapersOfBatchAsync(first.BatchId, CancellationToken.None);
        var secondPapers = await history.PapersOfBatchAsync(second.BatchId, CancellationToken.None);

        Assert.Single(firstPapers);
        Assert.Single(secondPapers);
        Assert.NotEqual(firstPapers[0], secondPapers[0]);
        Assert.Empty(await history.PapersOfBatchAsync(999, CancellationToken.None));
    }
}
