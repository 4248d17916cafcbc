using PtmReuse.Core.Classification;
using PtmReuse.Core.Classification.Runs;
using PtmReuse.Tests.Classification.Llm;

namespace PtmReuse.Tests.Classification.Runs;

public sealed class ClassificationRunCoordinatorTests : IAsyncLifetime
{
    private FakeChatServer _server = null!;

    public async Task InitializeAsync()
    {
        _server = await FakeChatServer.StartAsync();
        // Slow enough that the run is still going when it is cancelled.
        _server.Responder = r => RunTestResponder.Answer(r) with { Delay = TimeSpan.FromMilliseconds(150) };
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "timed out waiting for the background run");
            await Task.Delay(20);
        }
    }

    [Fact]
    public async Task StartCancelResume_InTheBackground_EndsWithEveryPaperDecidedOnce()
    {
        await using var database = await LlmTestSetup.DatabaseAsync(LlmTestSetup.BackendSettings("fake", _server.Endpoint));
        await TestPapers.AddAsync(database, Enumerable.Range(1, 6).Select(i => new TestPaperBuilder($"Paper {i}")).ToArray());
        var coordinator = database.Get<ClassificationRunCoordinator>();
        var runner = database.Get<ClassificationRunner>();

        var runId = await coordinator.StartAsync(new RunRequest("fake", null, [Stage.UsesDl], PaperSelection.All, Concurrency: 1), CancellationToken.None);
        await WaitUntilAsync(() => coordinator.Progress(runId) is { Done: >= 1 });
        Assert.True(coordinator.Cancel(runId));
        await WaitUntilAsync(() => !coordinator.IsActive(runId));
        var cancelled = await runner.GetRunAsync(runId, CancellationToken.None);

        coordinator.Resume(runId);
        await WaitUntilAsync(() => !coordinator.IsActive(runId));
        var finished = await runner.GetRunAsync(runId, CancellationToken.None);

        Assert.Equal(RunStatus.Cancelled, cancelled!.Status);
        Assert.InRange(cancelled.PapersDone, 1, 5);
        Assert.Equal((RunStatus.Completed, 6), (finished!.Status, finished.PapersDone));
        Assert.Equal(6, _server.Requests.Select(r => r.PaperTitle).Distinct().Count());
        // Concurrency 1: at most the one request in flight at the cancel was lost and asked again.
        Assert.InRange(_server.RequestCount, 6, 7);
    }
}
