using System.Text.Json.Nodes;
using PtmReuse.Core.Classification;
using PtmReuse.Core.Classification.Llm;
using PtmReuse.Core.Papers;

namespace PtmReuse.Tests.Classification.Llm;

public sealed class LlmBackendTests : IAsyncLifetime
{
    private const string MethodsText = "We fine-tuned a pre-trained ResNet50 network on 4,000 labelled micrographs. Training used the Adam optimiser.";
    // Long enough that a retry's request reaches the loopback server on a loaded 2-core CI machine (200 ms was not:
    // the second attempt timed out before it was sent), far below the 10 s a "too slow" reply waits.
    private const string AttemptTimeoutUnderLoad = "00:00:01.500";
    private FakeChatServer _server = null!;

    private static PaperDocument Paper() => PaperDocument.FromPaper(new TestPaperBuilder("Cell shapes under stress")
        .Section(SectionKind.Abstract, "Abstract", "We measure how yeast cells change shape under osmotic stress.")
        .Section(SectionKind.Methods, "Methods", MethodsText)
        .Build());

    public async Task InitializeAsync() => _server = await FakeChatServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task ClassifyAsync_CorrectJson_ReturnsGroundedAnswerTokensAndSchemaRequest()
    {
        _server.Enqueue(FakeReply.Json("""{"result": true, "evidence": "We fine-tuned a pre-trained ResNet50 network on 4,000 labelled micrographs."}"""));
        await using var db = await LlmTestSetup.DatabaseAsync(LlmTestSetup.BackendSettings("fake", _server.Endpoint));
        var paper = Paper();

        var outcome = await LlmTestSetup.Backend(db).ClassifyAsync(LlmTestSetup.Request(Stage.UsesDl, paper), CancellationToken.None);

        var answer = Assert.IsType<UsesDlAnswer>(outcome.Answer);
        Assert.True(answer.Result);
        Assert.True(answer.Evidence!.Grounded);
        Assert.Equal(paper.Text.IndexOf("We fine-tuned", StringComparison.Ordinal), answer.Evidence.Start);
        Assert.Equal(1000, outcome.PromptTokens);
        Assert.Equal(50, outcome.CompletionTokens);
        var request = Assert.Single(_server.Requests);
        Assert.Equal("test-model", request.Model);
        Assert.Equal(Stage.UsesDl, request.Stage);
        Assert.Equal("json_schema", request.Body["response_format"]!["type"]!.GetValue<string>());
        Assert.Contains(MethodsText, request.User, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ClassifyAsync_ServerWithoutJsonSchema_AsksForJsonObject()
    {
        _server.Enqueue(FakeReply.Json("""{"result": false, "evidence": ""}"""));
        await using var db = await LlmTestSetup.DatabaseAsync(LlmTestSetup.BackendSettings("fake", _server.Endpoint,
            adjust: s => s["Classification:Backends:fake:SupportsJsonSchema"] = "false"));

        await LlmTestSetup.Backend(db).ClassifyAsync(LlmTestSetup.Request(Stage.UsesDl, Paper()), CancellationToken.None);

        Assert.Equal("json_object", _server.Requests[0].Body["response_format"]!["type"]!.GetValue<string>());
    }

    [Fact]
    public async Task ClassifyAsync_FencedJsonWithProseAndPascalCase_IsParsed()
    {
        _server.Enqueue(FakeReply.Json("Here is my answer:\n```json\n{\"Result\": \"yes\", \"Evidence\": \"Training used the Adam optimiser.\"}\n```\nHope this helps."));
        await using var db = await LlmTestSetup.DatabaseAsync(LlmTestSetup.BackendSettings("fake", _server.Endpoint));

        var outcome = await LlmTestSetup.Backend(db).ClassifyAsync(LlmTestSetup.Request(Stage.UsesDl, Paper()), CancellationToken.None);

        Assert.Null(outcome.ErrorKind);
        Assert.True(Assert.IsType<UsesDlAnswer>(outcome.Answer).Result);
        Assert.Equal(1, _server.RequestCount);
    }

    [Fact]
    public async Task ClassifyAsync_TruncatedAnswer_IsTruncatedErrorWithRawAnswerAndNoRepair()
    {
        _server.Enqueue(new FakeReply { Content = "{\"models\": [{\"model\": \"ResNet50\", \"evid", FinishReason = "length" });
        await using var db = await LlmTestSetup.DatabaseAsync(LlmTestSetup.BackendSettings("fake", _server.Endpoint));

        var outcome = await LlmTestSetup.Backend(db).ClassifyAsync(LlmTestSetup.Request(Stage.IdentifyPtms, Paper()), CancellationToken.None);

        Assert.Null(outcome.Answer);
        Assert.Equal(StageErrorKinds.Truncated, outcome.ErrorKind);
        Assert.Equal("{\"models\": [{\"model\": \"ResNet50\", \"evid", outcome.RawResponse);
        Assert.Equal(1, _server.RequestCount);
    }

    [Fact]
    public async Task ClassifyAsync_EmptyContentTwice_IsEmptyErrorAfterOneRepairRequest()
    {
        _server.Enqueue(FakeReply.Json(""), FakeReply.Json(""));
        await using var db = await LlmTestSetup.DatabaseAsync(LlmTestSetup.BackendSettings("fake", _server.Endpoint));

        var outcome = await LlmTestSetup.Backend(db).ClassifyAsync(LlmTestSetup.Request(Stage.UsesDl, Paper()), CancellationToken.None);

        Assert.Equal(StageErrorKinds.Empty, outcome.ErrorKind);
        Assert.Equal(2, _server.RequestCount);
        // Both exchanges are paid for: 2 × 1000 prompt tokens.
        Assert.Equal(2000, outcome.PromptTokens);
    }

    [Fact]
    public async Task ClassifyAsync_UnparseableThenValid_RepairMessageQuotesTheProblemAndSucceeds()
    {
        _server.Enqueue(FakeReply.Json("I think the answer is probably true."), FakeReply.Json("""{"result": false, "evidence": ""}"""));
        await using var db = await LlmTestSetup.DatabaseAsync(LlmTestSetup.BackendSettings("fake", _server.Endpoint));

        var outcome = await LlmTestSetup.Backend(db).ClassifyAsync(LlmTestSetup.Request(Stage.UsesPtms, Paper()), CancellationToken.None);

        Assert.False(Assert.IsType<UsesPtmsAnswer>(outcome.Answer).Result);
        var repair = _server.Requests[1];
        Assert.Equal(4, repair.Messages.Count); // system, user, the bad reply, the repair request
        Assert.Equal("I think the answer is probably true.", repair.Messages[2]);
        Assert.Contains("no JSON object", repair.Messages[3], StringComparison.Ordinal);
    }

    [Fact]
    public async Task ClassifyAsync_PatternOutsideTheSetTwice_IsOutOfSetErrorKeepingBothRawAnswers()
    {
        const string bad = """{"items": [{"model": "ResNet50", "canonical": null, "form": "fine-tuned", "pattern": "transfer", "evidence": "Training used the Adam optimiser."}]}""";
        _server.Enqueue(FakeReply.Json(bad), FakeReply.Json(bad));
        await using var db = await LlmTestSetup.DatabaseAsync(LlmTestSetup.BackendSettings("fake", _server.Endpoint));

        var outcome = await LlmTestSetup.Backend(db).ClassifyAsync(LlmTestSetup.Request(Stage.PtmReuse, Paper()), CancellationToken.None);

        Assert.Equal(StageErrorKinds.OutOfSet, outcome.ErrorKind);
        Assert.Contains("transfer", outcome.ErrorMessage, StringComparison.Ordinal);
        Assert.Equal(2, outcome.RawResponse!.Split(bad).Length - 1);
    }

    [Fact]
    public async Task ClassifyAsync_MissingResultField_IsSchemaInvalid()
    {
        _server.Enqueue(FakeReply.Json("""{"evidence": "x"}"""), FakeReply.Json("""{"evidence": "x"}"""));
        await using var db = await LlmTestSetup.DatabaseAsync(LlmTestSetup.BackendSettings("fake", _server.Endpoint));

        var outcome = await LlmTestSetup.Backend(db).ClassifyAsync(LlmTestSetup.Request(Stage.UsesDl, Paper()), CancellationToken.None);

        Assert.Equal(StageErrorKinds.SchemaInvalid, outcome.ErrorKind);
    }

    [Fact]
    public async Task ClassifyAsync_RefusalField_IsRefusalErrorWithoutRepair()
    {
        _server.Enqueue(new FakeReply { Content = null, Refusal = "I can't help with that." });
        await using var db = await LlmTestSetup.DatabaseAsync(LlmTestSetup.BackendSettings("fake", _server.Endpoint));

        var outcome = await LlmTestSetup.Backend(db).ClassifyAsync(LlmTestSetup.Request(Stage.UsesDl, Paper()), CancellationToken.None);

        Assert.Equal(StageErrorKinds.Refusal, outcome.ErrorKind);
        Assert.Equal(1, _server.RequestCount);
    }

    [Fact]
    public async Task ClassifyAsync_429WithRetryAfterThenSuccess_RetriesOnceAndSucceeds()
    {
        _server.Enqueue(FakeReply.Error(429, retryAfter: 1), FakeReply.Json("""{"result": true, "evidence": "Training used the Adam optimiser."}"""));
        await using var db = await LlmTestSetup.DatabaseAsync(LlmTestSetup.BackendSettings("fake", _server.Endpoint));
        var clock = System.Diagnostics.Stopwatch.StartNew();

        var outcome = await LlmTestSetup.Backend(db).ClassifyAsync(LlmTestSetup.Request(Stage.UsesDl, Paper()), CancellationToken.None);

        Assert.True(Assert.IsType<UsesDlAnswer>(outcome.Answer).Result);
        Assert.Equal(2, _server.RequestCount);
        // Retry-After: 1 is honoured instead of the 10 ms back-off.
        Assert.True(clock.Elapsed >= TimeSpan.FromSeconds(0.9), $"retried after {clock.Elapsed}");
    }

    [Fact]
    public async Task ClassifyAsync_500ThenSuccess_RetriesWithBackOff()
    {
        _server.Enqueue(FakeReply.Error(500), FakeReply.Error(503), FakeReply.Json("""{"result": true, "evidence": "Training used the Adam optimiser."}"""));
        await using var db = await LlmTestSetup.DatabaseAsync(LlmTestSetup.BackendSettings("fake", _server.Endpoint));

        var outcome = await LlmTestSetup.Backend(db).ClassifyAsync(LlmTestSetup.Request(Stage.UsesDl, Paper()), CancellationToken.None);

        Assert.Null(outcome.ErrorKind);
        Assert.Equal(3, _server.RequestCount);
    }

    [Fact]
    public async Task ClassifyAsync_500BeyondTheRetryLimit_IsHttpErrorWithStatus()
    {
        _server.Enqueue(FakeReply.Error(500), FakeReply.Error(500), FakeReply.Error(500));
        await using var db = await LlmTestSetup.DatabaseAsync(LlmTestSetup.BackendSettings("fake", _server.Endpoint));

        var outcome = await LlmTestSetup.Backend(db).ClassifyAsync(LlmTestSetup.Request(Stage.UsesDl, Paper()), CancellationToken.None);

        Assert.Equal(StageErrorKinds.Http, outcome.ErrorKind);
        Assert.Contains("500", outcome.ErrorMessage, StringComparison.Ordinal);
        Assert.Equal(3, _server.RequestCount); // the first attempt and MaxRetries = 2
    }

    [Fact]
    public async Task ClassifyAsync_BodyThatIsNotAChatCompletion_IsHttpErrorNotACrash()
    {
        _server.Enqueue(new FakeReply { RawBody = "<html>502 Bad Gateway from a proxy</html>" });
        await using var db = await LlmTestSetup.DatabaseAsync(LlmTestSetup.BackendSettings("fake", _server.Endpoint));

        var outcome = await LlmTestSetup.Backend(db).ClassifyAsync(LlmTestSetup.Request(Stage.UsesDl, Paper()), CancellationToken.None);

        Assert.Equal(StageErrorKinds.Http, outcome.ErrorKind);
        Assert.Equal(1, _server.RequestCount);
    }

    [Fact]
    public async Task ClassifyAsync_SlowFirstAttempt_TimesOutAndRetries()
    {
        _server.Enqueue(new FakeReply { Content = """{"result": true, "evidence": ""}""", Delay = TimeSpan.FromSeconds(10) },
            FakeReply.Json("""{"result": true, "evidence": "Training used the Adam optimiser."}"""));
        await using var db = await LlmTestSetup.DatabaseAsync(LlmTestSetup.BackendSettings("fake", _server.Endpoint,
            adjust: s => s["Classification:Backends:fake:AttemptTimeout"] = AttemptTimeoutUnderLoad));

        var outcome = await LlmTestSetup.Backend(db).ClassifyAsync(LlmTestSetup.Request(Stage.UsesDl, Paper()), CancellationToken.None);

        Assert.Null(outcome.ErrorKind);
        Assert.Equal(2, _server.RequestCount);
    }

    [Fact]
    public async Task ClassifyAsync_EveryAttemptTooSlow_IsTimeoutError()
    {
        _server.Responder = _ => new FakeReply { Content = """{"result": true, "evidence": ""}""", Delay = TimeSpan.FromSeconds(10) };
        await using var db = await LlmTestSetup.DatabaseAsync(LlmTestSetup.BackendSettings("fake", _server.Endpoint, adjust: s =>
        {
            s["Classification:Backends:fake:AttemptTimeout"] = AttemptTimeoutUnderLoad;
            s["Classification:Backends:fake:MaxRetries"] = "1";
        }));

        var outcome = await LlmTestSetup.Backend(db).ClassifyAsync(LlmTestSetup.Request(Stage.UsesDl, Paper()), CancellationToken.None);

        Assert.Equal(StageErrorKinds.Timeout, outcome.ErrorKind);
        Assert.Equal(2, _server.RequestCount);
    }

    [Fact]
    public async Task ClassifyAsync_EvidenceNotInThePaper_IsKeptButFlaggedUngrounded()
    {
        _server.Enqueue(FakeReply.Json("""{"models": [{"model": "ResNet50", "canonical": null, "evidence": "We used ResNet50 pretrained on ImageNet to classify tumours."}]}"""));
        await using var db = await LlmTestSetup.DatabaseAsync(LlmTestSetup.BackendSettings("fake", _server.Endpoint));

        var outcome = await LlmTestSetup.Backend(db).ClassifyAsync(LlmTestSetup.Request(Stage.IdentifyPtms, Paper()), CancellationToken.None);

        var mention = Assert.Single(Assert.IsType<IdentifyPtmsAnswer>(outcome.Answer).Models);
        Assert.Equal("ResNet50", mention.Model);
        Assert.Equal("ResNet-50", mention.Canonical); // canonicalised through the catalog
        Assert.False(mention.Evidence!.Grounded);
        Assert.Null(mention.Evidence.Start);
    }

    [Fact]
    public async Task ClassifyAsync_PerModelStage_SendsTheModelsIdentifiedEarlier()
    {
        _server.Enqueue(FakeReply.Json("""{"items": [{"model": "ResNet50", "canonical": "ResNet-50", "step": "Observation", "evidence": "Training used the Adam optimiser."}]}"""));
        await using var db = await LlmTestSetup.DatabaseAsync(LlmTestSetup.BackendSettings("fake", _server.Endpoint));
        var earlier = new Dictionary<Stage, StageAnswer>
        {
            [Stage.IdentifyPtms] = new IdentifyPtmsAnswer([new PtmMention("ResNet50", "ResNet-50", null)]),
        };

        var outcome = await LlmTestSetup.Backend(db).ClassifyAsync(LlmTestSetup.Request(Stage.PtmImpact, Paper(), earlier), CancellationToken.None);

        var item = Assert.Single(Assert.IsType<PtmImpactAnswer>(outcome.Answer).Items);
        Assert.Equal(ScienceStep.Observation, item.Step);
        Assert.Contains("Models identified:\n- ResNet50", _server.Requests[0].User.ReplaceLineEndings("\n"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ClassifyAsync_LongPaper_SendsSectionsByPriorityWithinTheBudgetAndRecordsThem()
    {
        var methods = "Methods sentence about the network. " + new string('m', 1500);
        var results = "Results sentence about accuracy. " + new string('r', 1500);
        var discussion = "Discussion sentence that must not be sent. " + new string('d', 3000);
        var paper = PaperDocument.FromPaper(new TestPaperBuilder("A long paper")
            .Section(SectionKind.Introduction, "Introduction", "Introduction sentence. " + new string('i', 3000))
            .Section(SectionKind.Methods, "Methods", methods)
            .Section(SectionKind.Results, "Results", results)
            .Section(SectionKind.Discussion, "Discussion", discussion)
            .Build());
        _server.Enqueue(FakeReply.Json("""{"result": true, "evidence": "Methods sentence about the network."}"""));
        // 1000 tokens ≈ 4000 characters: the title, Methods and Results whole, then part of the (third-priority) Introduction.
        await using var db = await LlmTestSetup.DatabaseAsync(LlmTestSetup.BackendSettings("fake", _server.Endpoint,
            adjust: s => s["Classification:Backends:fake:TokenBudget"] = "1000"));

        var outcome = await LlmTestSetup.Backend(db).ClassifyAsync(LlmTestSetup.Request(Stage.UsesDl, paper), CancellationToken.None);

        var user = _server.Requests[0].User;
        Assert.Contains(methods, user, StringComparison.Ordinal);
        Assert.Contains(results, user, StringComparison.Ordinal);
        Assert.DoesNotContain("Discussion sentence", user, StringComparison.Ordinal);
        Assert.True(user.IndexOf("Introduction sentence", StringComparison.Ordinal) < user.IndexOf("Methods sentence", StringComparison.Ordinal), "sent in document order");
        var sent = JsonNode.Parse(outcome.SentText!)!.AsArray().Select(r => (Heading: r!["heading"]!.GetValue<string>(), Truncated: r["truncated"]!.GetValue<bool>())).ToList();
        Assert.Equal([("(title)", false), ("Introduction", true), ("Methods", false), ("Results", false)], sent);
    }

    [Fact]
    public async Task Cost_UsesConfiguredPricesPerThousandTokens()
    {
        await using var db = await LlmTestSetup.DatabaseAsync(LlmTestSetup.BackendSettings("fake", _server.Endpoint));

        // 0.5 per 1k input and 2 per 1k output: 2000 in + 500 out = 1.0 + 1.0.
        Assert.Equal(2.0, LlmTestSetup.Backend(db).Cost(2000, 500), precision: 10);
    }

    [Fact]
    public async Task TestConnectionAsync_ReachableServer_ReportsTheReply()
    {
        _server.Enqueue(FakeReply.Json("OK"));
        await using var db = await LlmTestSetup.DatabaseAsync(LlmTestSetup.BackendSettings("fake", _server.Endpoint));

        var result = await LlmTestSetup.Backend(db).TestConnectionAsync(CancellationToken.None);

        Assert.True(result.Ok);
        Assert.Equal("OK", result.Reply);
    }
}
