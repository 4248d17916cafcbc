using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using PtmReuse.Core.Benchmark;
using PtmReuse.Core.Classification;
using PtmReuse.Core.Classification.Runs;
using PtmReuse.Core.Coordination;
using PtmReuse.Core.Ingest;
using PtmReuse.Core.Storage;
using PtmReuse.Tests.Infrastructure;

namespace PtmReuse.Tests.Storage;

/// <summary>
/// Issue 11, finding 6: an ingest batch or classification run whose process is killed used to stay "Running" forever.
/// Here the real `ptmreuse` executable is started on a real SQLite file and killed with SIGKILL mid-run; the start-up
/// sweep marks the row Interrupted, and resuming it completes the work without losing or repeating anything.
/// </summary>
public sealed class InterruptedWorkTests
{
    private static string Executable
    {
        get
        {
            // The Dashboard's own build output (bin/<Configuration>/net10.0), as the test assembly's configuration.
            var configuration = Path.GetFileName(Path.GetDirectoryName(AppContext.BaseDirectory.TrimEnd('/', '\\'))!);
            return Path.Combine(TestPaths.RepositoryRoot, "PtmReuse.Dashboard", "bin", configuration, "net10.0", "ptmreuse.dll");
        }
    }

    /// <summary>Starts `ptmreuse args` and kills it (SIGKILL, no clean-up of any kind) once <paramref name="started"/> holds.</summary>
    private static async Task RunAndKillAsync(string[] args, Func<Task<bool>> started)
    {
        Assert.True(File.Exists(Executable), $"build the solution first: {Executable} is missing");
        var info = new ProcessStartInfo("dotnet") { RedirectStandardError = true, RedirectStandardOutput = true, WorkingDirectory = TestPaths.RepositoryRoot };
        info.ArgumentList.Add(Executable);
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        using var process = Process.Start(info)!;
        process.BeginErrorReadLine();
        process.BeginOutputReadLine();
        var clock = Stopwatch.StartNew();
        while (!await started())
        {
            Assert.False(process.HasExited, $"the process ended (exit {(process.HasExited ? process.ExitCode : 0)}) before it could be killed mid-run");
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(120), "the run never started");
            await Task.Delay(20);
        }

        process.Kill(entireProcessTree: true);
        await process.WaitForExitAsync();
    }

    [Fact]
    public async Task Ingest_KilledMidBatch_IsMarkedInterruptedAndResumesToTheFullSet()
    {
        await using var database = await TestDatabase.CreateAsync();
        var zip = Path.Combine(database.Directory, "copies.zip");
        var total = HostileInputs.WriteRenamedCopiesZip(TestPaths.CorpusFile("plos"), zip, copies: 4);

        // Killed once the first batch of papers is committed: the rest of the archive is still to come.
        await RunAndKillAsync(["ingest", zip, "--db", database.DatabasePath], async () =>
        {
            await using var db = await database.OpenAsync();
            return await db.Papers.AnyAsync();
        });

        long batchId;
        int storedBeforeResume;
        await using (var db = await database.OpenAsync())
        {
            var batch = await db.IngestBatches.AsNoTracking().SingleAsync();
            Assert.Equal(IngestBatchStatus.Running, batch.Status);
            batchId = batch.Id;
            storedBeforeResume = await db.Papers.CountAsync();
            Assert.InRange(storedBeforeResume, 1, total - 1);
        }

        var swept = await database.Get<InterruptedWorkSweeper>().SweepAsync(CancellationToken.None);
        var sweptAgain = await database.Get<InterruptedWorkSweeper>().SweepAsync(CancellationToken.None);
        await using (var db = await database.OpenAsync())
        {
            Assert.Equal(IngestBatchStatus.Interrupted, (await db.IngestBatches.AsNoTracking().SingleAsync()).Status);
        }

        var resumed = await database.Get<IPaperIngestor>().ResumeAsync(batchId, confine: false, null, CancellationToken.None);

        Assert.Equal([new InterruptedWorkItem(IngestBatchWork.Kind, batchId)], swept);
        Assert.Empty(sweptAgain);
        Assert.Equal(batchId, resumed.BatchId);
        Assert.Equal((total - storedBeforeResume, storedBeforeResume, 0), (resumed.Added, resumed.Unchanged, resumed.Failed));
        await using (var db = await database.OpenAsync())
        {
            Assert.Equal(total, await db.Papers.CountAsync());
            Assert.Equal(total, await db.Papers.Select(p => p.Doi).Distinct().CountAsync());
            var batch = await db.IngestBatches.AsNoTracking().SingleAsync();
            Assert.Equal((IngestBatchStatus.Completed, total - storedBeforeResume), (batch.Status, batch.Added));
        }
    }

    [Fact]
    public async Task Classify_KilledMidRun_IsMarkedInterruptedAndResumesWithoutRepeatingADecision()
    {
        await using var database = await TestDatabase.CreateAsync();
        var zip = Path.Combine(database.Directory, "copies.zip");
        var total = HostileInputs.WriteRenamedCopiesZip(TestPaths.CorpusFile("plos"), zip, copies: 6);
        Assert.Equal(total, (await database.Get<IPaperIngestor>().IngestAsync([IngestInput.FromPath(zip)], "test", null, CancellationToken.None)).Added);

        await RunAndKillAsync(["classify", "--concurrency", "1", "--db", database.DatabasePath], async () =>
        {
            await using var db = await database.OpenAsync();
            return await db.Decisions.CountAsync() >= 20;
        });

        long runId;
        await using (var db = await database.OpenAsync())
        {
            var run = await db.Runs.AsNoTracking().SingleAsync();
            Assert.Equal(RunStatus.Running, run.Status);
            runId = run.Id;
        }

        var swept = await database.Get<InterruptedWorkSweeper>().SweepAsync(CancellationToken.None);
        var resumed = await database.Get<ClassificationRunner>().ExecuteAsync(runId, null, CancellationToken.None);

        Assert.Equal([new InterruptedWorkItem(ClassificationRunWork.Kind, runId)], swept);
        Assert.Equal((RunStatus.Completed, total), (resumed.Status, resumed.PapersDone));
        await using (var db = await database.OpenAsync())
        {
            var decisions = await db.Decisions.AsNoTracking().Select(d => new { d.PaperId, d.Stage }).ToListAsync();
            Assert.Equal(total, decisions.Count(d => d.Stage == "uses_dl"));
            Assert.All(decisions.GroupBy(d => (d.PaperId, d.Stage)), g => Assert.Single(g));
        }
    }

    [Theory, SqliteData, PostgresData]
    public async Task Sweep_WorkHeldByALiveLease_IsLeftRunning(DatabaseProvider provider)
    {
        // The same lease concept on both stores: a file lock beside SQLite, an expiring row in PostgreSQL.
        await using var database = await TestDatabase.CreateAsync(provider);
        await using (var db = await database.OpenAsync())
        {
            db.IngestBatches.Add(new IngestBatch { Inputs = "a", Status = IngestBatchStatus.Running, StartedAt = DateTime.UtcNow });
            db.IngestBatches.Add(new IngestBatch { Inputs = "b", Status = IngestBatchStatus.Running, StartedAt = DateTime.UtcNow });
            await db.SaveChangesAsync();
        }

        // Batch 1 is "alive" (its lease is held, as by another process); batch 2's process is gone.
        await using (var lease = await database.Get<IWorkLeases>().AcquireOrThrowAsync(IngestBatchWork.Kind, 1, CancellationToken.None))
        {
            var swept = await database.Get<InterruptedWorkSweeper>().SweepAsync(CancellationToken.None);

            Assert.Equal([new InterruptedWorkItem(IngestBatchWork.Kind, 2)], swept);
        }

        await using var read = await database.OpenAsync();
        Assert.Equal([IngestBatchStatus.Running, IngestBatchStatus.Interrupted], await read.IngestBatches.OrderBy(b => b.Id).Select(b => b.Status).ToListAsync());
    }

    [Fact]
    public async Task ResumeAsync_UploadBatch_RefusedWithTheReason()
    {
        await using var database = await TestDatabase.CreateAsync();
        var ingestor = database.Get<IPaperIngestor>();
        var upload = new IngestInput("paper.md", OpenStream: _ => Task.FromResult<Stream>(new MemoryStream("# T\n\ntext\n"u8.ToArray())));
        var summary = await ingestor.IngestAsync([upload], "upload", null, CancellationToken.None);
        await using (var db = await database.OpenAsync())
        {
            await db.IngestBatches.ExecuteUpdateAsync(set => set.SetProperty(b => b.Status, IngestBatchStatus.Interrupted));
        }

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => ingestor.ResumeAsync(summary.BatchId, confine: false, null, CancellationToken.None));

        Assert.Contains("Upload them again", error.Message, StringComparison.Ordinal);
    }

    [Theory, SqliteData, PostgresData]
    public async Task Lease_HeldByOneHost_RefusedToAnotherHostUntilReleased(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        // A second host on the same database, as another process or instance would be.
        await using var other = await TestDatabase.CreateAsync(provider, settings: new Dictionary<string, string?>(database.StorageSettings));
        var mine = database.Get<IWorkLeases>();
        var theirs = other.Get<IWorkLeases>();
        Assert.Equal(provider == DatabaseProvider.Postgres, mine.SharedByInstances);

        var lease = await mine.AcquireOrThrowAsync(ClassificationRunWork.Kind, 7, CancellationToken.None);
        Assert.Null(await theirs.TryAcquireAsync(ClassificationRunWork.Kind, 7, CancellationToken.None));
        Assert.True(await theirs.IsHeldAsync(ClassificationRunWork.Kind, 7, CancellationToken.None));
        var refused = await Assert.ThrowsAsync<WorkClaimedException>(() => theirs.AcquireOrThrowAsync(ClassificationRunWork.Kind, 7, CancellationToken.None));
        Assert.Contains("classification-run:7", refused.Message, StringComparison.Ordinal);
        await using (var another = await theirs.TryAcquireAsync(ClassificationRunWork.Kind, 8, CancellationToken.None))
        {
            Assert.NotNull(another);
        }

        await lease.DisposeAsync();
        Assert.False(await theirs.IsHeldAsync(ClassificationRunWork.Kind, 7, CancellationToken.None));
        await using var taken = await theirs.TryAcquireAsync(ClassificationRunWork.Kind, 7, CancellationToken.None);
        Assert.NotNull(taken);
    }
}
