using Bunit;
using Microsoft.Extensions.DependencyInjection;
using PtmReuse.Core.Classification;
using PtmReuse.Core.Classification.Runs;
using PtmReuse.Dashboard.Components.Classification;
using PtmReuse.Dashboard.Components.Pages.Classify;
using PtmReuse.Tests.Classification.Llm;
using PtmReuse.Tests.Infrastructure;

namespace PtmReuse.Tests.Classification.Runs;

public sealed class ClassificationComponentsTests : IAsyncLifetime
{
    private FakeChatServer _server = null!;

    public async Task InitializeAsync()
    {
        _server = await FakeChatServer.StartAsync();
        _server.Responder = RunTestResponder.Answer;
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    private static BunitContext Context(TestDatabase database)
    {
        // BunitDashboard already registers PaperDecisions with the MudBlazor services and loose JS interop.
        var ctx = Dashboard.Components.BunitDashboard.Create(database);
        ctx.Services.AddSingleton(database.Get<ClassificationRunner>());
        ctx.Services.AddSingleton(database.Get<ClassificationRunCoordinator>());
        ctx.Services.AddSingleton(database.Get<RunComparer>());
        ctx.Services.AddSingleton(database.Get<IClassificationBackendFactory>());
        ctx.Services.AddSingleton(database.Get<PtmReuse.Core.Storage.InterruptedWorkSweeper>());
        ctx.Services.AddSingleton(database.Get<PtmReuse.Core.Ingest.IngestHistoryQueries>());
        return ctx;
    }

    [Fact]
    public async Task DecisionList_ClassifiedPaper_HighlightsGroundedEvidenceAndFlagsTheRest()
    {
        await using var database = await LlmTestSetup.DatabaseAsync(LlmTestSetup.BackendSettings("fake", _server.Endpoint));
        var paper = (await TestPapers.AddAsync(database, new TestPaperBuilder("DL micrographs")))[0];
        _server.Responder = r => r.Stage == Stage.UsesPtms
            ? FakeReply.Json("""{"result": true, "evidence": "We used a model that appears nowhere in the paper."}""")
            : RunTestResponder.Answer(r);
        await database.Get<ClassificationRunner>().RunAsync(new RunRequest("fake", null, [Stage.UsesDl, Stage.UsesPtms], PaperSelection.All), null, CancellationToken.None);
        await using var ctx = Context(database);

        var cut = ctx.Render<DecisionList>(p => p.Add(c => c.PaperId, paper.Id));

        cut.WaitForAssertion(() => Assert.Equal(2, cut.FindAll("[data-stage]").Count));
        Assert.Equal(RunTestResponder.Evidence, cut.Find("[data-stage=uses_dl] mark").TextContent);
        Assert.Contains("not found in the paper", cut.Find("[data-stage=uses_ptms] .evidence.ungrounded").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DecisionList_FailedDecision_ShowsUnknownWithKindAndRawAnswer()
    {
        await using var database = await LlmTestSetup.DatabaseAsync(LlmTestSetup.BackendSettings("fake", _server.Endpoint));
        var paper = (await TestPapers.AddAsync(database, new TestPaperBuilder("DL micrographs")))[0];
        _server.Responder = _ => FakeReply.Json("no json here");
        await database.Get<ClassificationRunner>().RunAsync(new RunRequest("fake", null, [Stage.UsesDl], PaperSelection.All), null, CancellationToken.None);
        await using var ctx = Context(database);

        var cut = ctx.Render<DecisionList>(p => p.Add(c => c.PaperId, paper.Id));

        cut.WaitForAssertion(() => Assert.Contains("unknown: unparseable", cut.Markup, StringComparison.Ordinal));
        Assert.Contains("no json here", cut.Find("pre.raw-answer").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ClassifyPage_AfterRuns_ListsThemWithFailureActions()
    {
        await using var database = await LlmTestSetup.DatabaseAsync(LlmTestSetup.BackendSettings("fake", _server.Endpoint));
        await TestPapers.AddAsync(database, new TestPaperBuilder("DL one"), new TestPaperBuilder("DL two"));
        _server.Responder = r => r.PaperTitle == "DL two" ? FakeReply.Error(400) : RunTestResponder.Answer(r);
        var run = await database.Get<ClassificationRunner>().RunAsync(new RunRequest("fake", null, [Stage.UsesDl], PaperSelection.All), null, CancellationToken.None);
        await using var ctx = Context(database);

        var cut = ctx.Render<Classify>();

        cut.WaitForAssertion(() => Assert.NotNull(cut.Find($"tr[data-run='{run.Id}']")));
        var row = cut.Find($"tr[data-run='{run.Id}']");
        Assert.Contains("CompletedWithErrors", row.TextContent, StringComparison.Ordinal);
        Assert.Contains("Re-run failures", row.TextContent, StringComparison.Ordinal);
        cut.FindAll($"tr[data-run='{run.Id}'] button").First(b => b.TextContent.Contains("Failures", StringComparison.Ordinal)).Click();
        cut.WaitForAssertion(() => Assert.Contains("http: 1", cut.Find(".failures").TextContent, StringComparison.Ordinal));
    }

    [Fact]
    public async Task BackendsPage_ConfiguredLlm_TestConnectionShowsTheReplyAndNeverAKey()
    {
        Environment.SetEnvironmentVariable("PTMREUSE_KEYED_API_KEY", "sk-test-secret-value");
        try
        {
            await using var database = await LlmTestSetup.DatabaseAsync(LlmTestSetup.BackendSettings("keyed", _server.Endpoint));
            _server.Responder = _ => FakeReply.Json("OK");
            await using var ctx = Context(database);

            var cut = ctx.Render<Backends>();
            cut.Find("tr[data-backend=keyed] button").Click();

            cut.WaitForAssertion(() => Assert.Contains("OK in", cut.Find("tr[data-backend=keyed]").TextContent, StringComparison.Ordinal));
            Assert.Contains("found in PTMREUSE_KEYED_API_KEY", cut.Markup, StringComparison.Ordinal);
            Assert.DoesNotContain("sk-test-secret-value", cut.Markup, StringComparison.Ordinal);
            Assert.Equal("Bearer sk-test-secret-value", _server.Requests.Last().Authorization);
        }
        finally
        {
            Environment.SetEnvironmentVariable("PTMREUSE_KEYED_API_KEY", null);
        }
    }
}
