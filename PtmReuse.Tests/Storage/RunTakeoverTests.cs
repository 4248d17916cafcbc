using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using PtmReuse.Core.Classification;
using PtmReuse.Core.Storage;
using PtmReuse.Tests.Classification.Llm;
using PtmReuse.Tests.Infrastructure;
using PtmReuse.Tests.Review;

namespace PtmReuse.Tests.Storage;

/// <summary>
/// An instance killed (SIGKILL, a real `ptmreuse classify` process) in the middle of a classification run on
/// PostgreSQL: a second instance (a real dashboard host) takes the run over once the dead one's lease expires.
/// </summary>
public sealed class RunTakeoverTests
{
    private const int Papers = 30;

    [PostgresFact]
    public async Task ClassificationRun_InstanceKilledMidRun_OtherInstanceTakesOverAndCompletesOneDecisionPerPaperAndStage()
    {
        await using var chat = await FakeChatServer.StartAsync();
        // Slow enough that the run is mid-way when killed: 30 papers × 2 stages × 100 ms, one at a time.
        chat.Responder = _ => FakeReply.Json("""{"result": true, "evidence": ""}""") with { Delay = TimeSpan.FromMilliseconds(100) };
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Postgres);
        for (var i = 0; i < Papers; i++)
        {
            await ReviewTestData.PaperAsync(database, $"Takeover paper {i}");
        }

        var settings = LlmTestSetup.BackendSettings("fake", chat.Endpoint);
        settings["Leases:Duration"] = "00:00:03";
        settings["Leases:RenewInterval"] = "00:00:01";
        settings["Leases:TakeoverInterval"] = "00:00:01";

        using (var doomed = StartCli(settings, "classify", "--backend", "fake", "--stages", "uses_dl,uses_ptms", "--concurrency", "1", "--db", database.DatabaseArgument))
        {
            var errors = new System.Text.StringBuilder();
            doomed.ErrorDataReceived += (_, line) => { lock (errors) { errors.AppendLine(line.Data); } };
            doomed.OutputDataReceived += (_, _) => { };
            doomed.BeginErrorReadLine();
            doomed.BeginOutputReadLine();
            var started = Stopwatch.StartNew();
            while (await DecisionsAsync(database) < 6)
            {
                Assert.False(doomed.HasExited, "the classify process ended before it could be killed: " + errors);
                Assert.True(started.Elapsed < TimeSpan.FromSeconds(60), "the classify process stored no decisions within 60 s");
                await Task.Delay(100);
            }

            doomed.Kill(entireProcessTree: true);
            await doomed.WaitForExitAsync();
        }

        long runId;
        await using (var db = await database.OpenAsync())
        {
            var run = await db.Runs.SingleAsync();
            runId = run.Id;
            Assert.Equal(RunStatus.Running, run.Status);
            Assert.True(await db.Decisions.CountAsync() < Papers * 2, "the run finished before the kill; nothing to take over");
        }

        // The surviving instance: same database, same backend settings, short leases.
        var instanceSettings = new Dictionary<string, string?>(database.StorageSettings);
        foreach (var (key, value) in settings)
        {
            instanceSettings[key] = value;
        }

        await using var survivor = await DashboardServer.StartAsync(settings: instanceSettings, seedTestUsers: false);
        var waited = Stopwatch.StartNew();
        RunStatus status;
        do
        {
            await Task.Delay(250);
            await using var db = await database.OpenAsync();
            status = await db.Runs.Where(r => r.Id == runId).Select(r => r.Status).SingleAsync();
        }
        while (status == RunStatus.Running && waited.Elapsed < TimeSpan.FromSeconds(90));

        Assert.Equal(RunStatus.Completed, status);
        await using (var db = await database.OpenAsync())
        {
            var perPaperAndStage = await db.Decisions.Where(d => d.RunId == runId)
                .GroupBy(d => new { d.PaperId, d.Stage }).Select(g => g.Count()).ToListAsync();
            Assert.Equal(Papers * 2, perPaperAndStage.Count);
            Assert.All(perPaperAndStage, count => Assert.Equal(1, count));
            Assert.Empty(await db.WorkLeases.Where(l => l.Job == Core.Coordination.WorkKinds.Job(Core.Classification.Runs.ClassificationRunWork.Kind, runId)).ToListAsync());
        }
    }

    private static async Task<int> DecisionsAsync(TestDatabase database)
    {
        await using var db = await database.OpenAsync();
        return await db.Decisions.CountAsync();
    }

    /// <summary>The real `ptmreuse` executable in its own process, configured through environment variables.</summary>
    private static Process StartCli(IReadOnlyDictionary<string, string?> settings, params string[] args)
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "ptmreuse.dll");
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = TestPaths.RepositoryRoot };
        start.ArgumentList.Add(dll);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        foreach (var (key, value) in settings)
        {
            start.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }

        return Process.Start(start) ?? throw new InvalidOperationException("Could not start " + dll);
    }
}
