using Microsoft.EntityFrameworkCore;
using PtmReuse.Core.Classification;
using PtmReuse.Core.Classification.Embedded;
using PtmReuse.Core.Classification.Llm;
using PtmReuse.Core.Papers;
using PtmReuse.Core.Classification.Runs;
using PtmReuse.Tests.Classification.Llm;
using PtmReuse.Tests.Infrastructure;

namespace PtmReuse.Tests.Classification.Runs;

public sealed class ClassificationRunnerTests : IAsyncLifetime
{
    private FakeChatServer _server = null!;

    public async Task InitializeAsync()
    {
        _server = await FakeChatServer.StartAsync();
        _server.Responder = RunTestResponder.Answer;
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    private Task<TestDatabase> DatabaseAsync() => LlmTestSetup.DatabaseAsync(LlmTestSetup.BackendSettings("fake", _server.Endpoint));

    private static RunRequest AllStages(int concurrency = 3) => new("fake", null, RunRequest.AllStages, PaperSelection.All, concurrency);

    private static async Task<List<MachineDecision>> DecisionsAsync(TestDatabase database)
    {
        await using var db = await database.OpenAsync();
        return await db.Decisions.AsNoTracking().ToListAsync();
    }

    [Fact]
    public async Task RunAsync_MixedPapers_CascadesStagesAndCountsTokensAndCost()
    {
        await using var database = await DatabaseAsync();
        await TestPapers.AddAsync(database, new("DL one"), new("DL two"), new("DL three"), new("DL four"), new("Field ecology"), new("Soil carbon"), new("Bird song"));

        var run = await database.Get<ClassificationRunner>().RunAsync(AllStages(), progress: null, CancellationToken.None);

        Assert.Equal(RunStatus.Completed, run.Status);
        Assert.Equal(7, run.PapersTotal);
        Assert.Equal(7, run.PapersDone);
        Assert.Equal(0, run.Errors);
        // 4 DL papers × 5 stages + 3 others × uses_dl only.
        var decisions = await DecisionsAsync(database);
        Assert.Equal(23, decisions.Count);
        Assert.Equal(23, _server.RequestCount);
        Assert.Equal(23 * 1000, run.PromptTokens);
        Assert.Equal(23 * 50, run.CompletionTokens);
        Assert.Equal(23 * (0.5 + 0.1), run.Cost, precision: 6); // 1000 in at 0.5/1k + 50 out at 2/1k per request
        Assert.All(decisions, d => Assert.True(d.EvidenceGrounded));
        var backend = LlmTestSetup.Backend(database);
        Assert.All(decisions, d => Assert.Equal(backend.PromptHash(StageNames.TryParse(d.Stage, out var stage) ? stage : throw new InvalidOperationException(d.Stage)), d.PromptHash));
        var reuse = decisions.Where(d => d.Stage == "ptm_reuse").Select(d => Assert.IsType<PtmReuseAnswer>(StageJson.Deserialize(d.ValueJson))).ToList();
        Assert.All(reuse, r => Assert.Equal(("ResNet-50", ReusePattern.Adaptation), (r.Items[0].Canonical, r.Items[0].Pattern)));
    }

    [Fact]
    public async Task RunAsync_PrefilterWithEmbedded_SendsOnlyPapersThatMightUseDeepLearningAndRecordsWhy()
    {
        await using var database = await DatabaseAsync();
        await TestPapers.AddAsync(database,
            new TestPaperBuilder("DL one"),
            new TestPaperBuilder("Soil carbon").Section(SectionKind.Methods, "Methods", "Soil cores were dried at 60 degrees and weighed."),
            new TestPaperBuilder("Bird song").Section(SectionKind.Methods, "Methods", "Songs were recorded at dawn and counted by two observers."),
            new TestPaperBuilder("Leaf traits").Section(SectionKind.Methods, "Methods", "A random forest classifier was trained on leaf traits."));
        var runner = database.Get<ClassificationRunner>();

        var run = await runner.RunAsync(AllStages() with { Prefilter = true }, null, CancellationToken.None);

        Assert.Equal(RunStatus.Completed, run.Status);
        Assert.Equal(4, run.PapersDone);
        // Only "DL one" (5 stages) and "Leaf traits" (trained classifier: uses_dl, answered no) reach the chat server.
        Assert.Equal(["DL one", "Leaf traits"], _server.Requests.Select(r => r.PaperTitle).Distinct().Order());
        Assert.Equal(6, _server.RequestCount);
        Assert.Equal(2, await runner.PrefilteredCountAsync(run.Id, CancellationToken.None));
        var skipped = (await DecisionsAsync(database)).Where(d => d.Backend == PrefilterVerdict.BackendName).ToList();
        Assert.Equal(2, skipped.Count);
        Assert.All(skipped, d =>
        {
            Assert.Equal("uses_dl", d.Stage);
            var answer = Assert.IsType<UsesDlAnswer>(StageJson.Deserialize(d.ValueJson));
            Assert.False(answer.Result);
            Assert.Equal(PrefilterVerdict.RuledOutRule, answer.Rule);
        });
    }

    [Fact]
    public async Task RunAsync_SameBackendModelAndPromptsAgain_RequestsNothing()
    {
        await using var database = await DatabaseAsync();
        await TestPapers.AddAsync(database, new("DL one"), new("Soil carbon"));
        var runner = database.Get<ClassificationRunner>();
        await runner.RunAsync(AllStages(), null, CancellationToken.None);
        var requests = _server.RequestCount;

        var second = await runner.RunAsync(AllStages(), null, CancellationToken.None);

        Assert.Equal(requests, _server.RequestCount);
        Assert.Equal(RunStatus.Completed, second.Status);
        Assert.Equal(2, second.PapersDone);
        Assert.Equal(6, (await DecisionsAsync(database)).Count);
    }

    [Fact]
    public async Task ExecuteAsync_CancelledPartWayThenResumed_EveryPaperHasExactlyOneDecisionPerStageAndNoKeyIsRequestedTwice()
    {
        await using var database = await DatabaseAsync();
        await TestPapers.AddAsync(database, Enumerable.Range(1, 10).Select(i => new TestPaperBuilder($"DL paper {i}")).ToArray());
        var runner = database.Get<ClassificationRunner>();
        var request = new RunRequest("fake", null, [Stage.UsesDl, Stage.UsesPtms, Stage.IdentifyPtms], PaperSelection.All, Concurrency: 1);
        var created = await runner.CreateRunAsync(request, CancellationToken.None);
        using var kill = new CancellationTokenSource();
        var reports = 0;
        var progress = new InlineProgress(_ =>
        {
            if (Interlocked.Increment(ref reports) == 3)
            {
                kill.Cancel();
            }
        });

        var interrupted = await runner.ExecuteAsync(created.Id, progress, kill.Token);
        var requestsBeforeResume = _server.RequestCount;
        var resumed = await runner.ExecuteAsync(created.Id, null, CancellationToken.None);

        Assert.Equal(RunStatus.Cancelled, interrupted.Status);
        Assert.InRange(interrupted.PapersDone, 3, 9);
        Assert.Equal(interrupted.PapersDone * 3, requestsBeforeResume);
        Assert.Equal(RunStatus.Completed, resumed.Status);
        Assert.Equal(10, resumed.PapersDone);
        var decisions = await DecisionsAsync(database);
        Assert.Equal(30, decisions.Count);
        Assert.All(decisions.GroupBy(d => (d.PaperId, d.Stage)), g => Assert.Single(g));
        var requested = _server.Requests.Select(r => (r.PaperTitle, r.Stage)).ToList();
        Assert.Equal(30, requested.Count);
        Assert.Equal(requested.Count, requested.Distinct().Count());
        Assert.Equal(30 * 1000, resumed.PromptTokens); // counters persisted across the interruption
    }

    [Fact]
    public async Task RetryFailedAsync_AfterAnUnparseableAnswer_ReplacesTheErrorAndRunsTheCascadeBelowIt()
    {
        await using var database = await DatabaseAsync();
        var papers = await TestPapers.AddAsync(database, new("DL good"), new("DL flaky"));
        var broken = true;
        _server.Responder = r => broken && r.PaperTitle == "DL flaky" && r.Stage == Stage.UsesDl
            ? FakeReply.Json("Sorry, here is garbage without braces")
            : RunTestResponder.Answer(r);
        var runner = database.Get<ClassificationRunner>();

        var run = await runner.RunAsync(AllStages(), null, CancellationToken.None);
        var failures = await runner.GetFailuresAsync(run.Id, 50, CancellationToken.None);

        Assert.Equal(RunStatus.CompletedWithErrors, run.Status);
        Assert.Equal(1, run.Errors);
        Assert.Equal(new Dictionary<string, int> { [StageErrorKinds.Unparseable] = 1 }, failures.CountsByKind);
        var failure = Assert.Single(failures.Failures);
        Assert.Equal(("DL flaky", "uses_dl"), (failure.Title, failure.Stage));
        Assert.Contains("garbage without braces", failure.RawResponse, StringComparison.Ordinal);
        // Unknown is not "no": nothing below the failed stage ran for that paper.
        Assert.Single(await DecisionsAsync(database), d => d.PaperId == papers[1].Id);

        broken = false;
        var retried = await runner.RetryFailedAsync(run.Id, null, CancellationToken.None);

        Assert.Equal(RunStatus.Completed, retried.Status);
        Assert.Equal(0, retried.Errors);
        var flaky = (await DecisionsAsync(database)).Where(d => d.PaperId == papers[1].Id).ToList();
        Assert.Equal(5, flaky.Count);
        Assert.All(flaky, d => Assert.Null(d.ErrorKind));
        Assert.DoesNotContain(flaky, d => d.DecisionKey.Contains("!error!", StringComparison.Ordinal));
        Assert.Empty((await runner.GetFailuresAsync(run.Id, 50, CancellationToken.None)).Failures);
    }

    [Fact]
    public async Task ExecuteAsync_ResumingARunWithAKeptFailure_DoesNotRequestItAgain()
    {
        await using var database = await DatabaseAsync();
        await TestPapers.AddAsync(database, new TestPaperBuilder("DL flaky"));
        _server.Responder = r => r.Stage == Stage.UsesPtms ? FakeReply.Error(400) : RunTestResponder.Answer(r);
        var runner = database.Get<ClassificationRunner>();
        var run = await runner.RunAsync(AllStages(), null, CancellationToken.None);
        var requests = _server.RequestCount;

        var resumed = await runner.ExecuteAsync(run.Id, null, CancellationToken.None);

        Assert.Equal(requests, _server.RequestCount);
        Assert.Equal(1, resumed.Errors);
        var failure = Assert.Single((await runner.GetFailuresAsync(run.Id, 10, CancellationToken.None)).Failures);
        Assert.Equal(StageErrorKinds.Http, failure.Kind);
    }

    [Fact]
    public async Task CreateRunAsync_Selections_CountTheMatchingPapers()
    {
        await using var database = await DatabaseAsync();
        var papers = await TestPapers.AddAsync(database,
            new TestPaperBuilder("DL a").Year(2014).Field("Medicine"),
            new TestPaperBuilder("DL b").Year(2018).Field("Medicine"),
            new TestPaperBuilder("DL c").Year(2022).Field("Physics"),
            new TestPaperBuilder("DL d").Year(2025).Field("Medicine"));
        var runner = database.Get<ClassificationRunner>();
        async Task<int> Total(PaperSelection selection) =>
            (await runner.CreateRunAsync(new RunRequest("fake", null, [Stage.UsesDl], selection), CancellationToken.None)).PapersTotal;

        Assert.Equal(4, await Total(PaperSelection.All));
        Assert.Equal(3, await Total(new PaperSelection { Field = "Medicine" }));
        Assert.Equal(2, await Total(new PaperSelection { YearFrom = 2015, YearTo = 2024 }));
        Assert.Equal(1, await Total(new PaperSelection { Field = "Medicine", YearFrom = 2015, YearTo = 2020 }));
        Assert.Equal(2, await Total(new PaperSelection { PaperIds = [papers[0].Id, papers[2].Id] }));

        await runner.RunAsync(new RunRequest("fake", null, [Stage.UsesDl], new PaperSelection { PaperIds = [papers[0].Id] }), null, CancellationToken.None);
        Assert.Equal(3, await Total(new PaperSelection { UnclassifiedOnly = true }));
    }

    [Fact]
    public async Task CreateRunAsync_UnknownBackend_FailsNamingTheKnownOnes()
    {
        await using var database = await DatabaseAsync();

        var error = await Assert.ThrowsAsync<ArgumentException>(() =>
            database.Get<ClassificationRunner>().CreateRunAsync(new RunRequest("nope", null, [Stage.UsesDl], PaperSelection.All), CancellationToken.None));

        Assert.Contains("fake", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CompareAsync_TwoModelsOverTheSamePapers_ListsTheDisagreements()
    {
        await using var database = await LlmTestSetup.DatabaseAsync(
            LlmTestSetup.BackendSettings("fake-a", _server.Endpoint, "model-a")
                .Concat(LlmTestSetup.BackendSettings("fake-b", _server.Endpoint, "model-b")).ToDictionary());
        await TestPapers.AddAsync(database, new("DL one"), new("DL two"), new("Soil carbon"));
        _server.Responder = r => r.Model == "model-b" && r.PaperTitle == "DL two" && r.Stage == Stage.UsesDl
            ? FakeReply.Json("""{"result": false, "evidence": ""}""")
            : RunTestResponder.Answer(r);
        var runner = database.Get<ClassificationRunner>();
        var stages = new[] { Stage.UsesDl, Stage.UsesPtms };
        var a = await runner.RunAsync(new RunRequest("fake-a", null, stages, PaperSelection.All), null, CancellationToken.None);
        var b = await runner.RunAsync(new RunRequest("fake-b", null, stages, PaperSelection.All), null, CancellationToken.None);

        var comparison = await database.Get<RunComparer>().CompareAsync(a.Id, b.Id, 100, CancellationToken.None);

        Assert.Equal(3, comparison.PapersCompared);
        var usesDl = comparison.Stages.Single(s => s.Stage == Stage.UsesDl);
        Assert.Equal((3, 2), (usesDl.Compared, usesDl.Agreed));
        var disagreement = Assert.Single(comparison.Disagreements);
        Assert.Equal(("DL two", Stage.UsesDl, "yes", "no"), (disagreement.Title, disagreement.Stage, disagreement.AnswerA, disagreement.AnswerB));
    }

    private sealed class InlineProgress(Action<RunProgress> report) : IProgress<RunProgress>
    {
        public void Report(RunProgress value) => report(value);
    }
}
