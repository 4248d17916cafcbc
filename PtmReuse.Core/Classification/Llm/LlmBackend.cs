using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.SemanticKernel;
using Microsoft.SemanticKernel.ChatCompletion;
using Microsoft.SemanticKernel.Connectors.OpenAI;
using OpenAI.Chat;
using PtmReuse.Core.Classification.Runs;

namespace PtmReuse.Core.Classification.Llm;

/// <summary>Result of a "test connection" request.</summary>
public sealed record LlmConnectionTest(bool Ok, string? Reply, string? ErrorKind, string? Error, TimeSpan Latency);

/// <summary>
/// One OpenAI-compatible chat model serving all five stages through Semantic Kernel. Stage differences live in
/// <see cref="LlmStagePrompts"/>; this class only sends, reads, repairs once, canonicalises and grounds.
/// </summary>
public sealed partial class LlmBackend : IClassificationBackend, IPricedBackend
{
    private readonly LlmBackendOptions _options;
    private readonly IChatCompletionService _chat;
    private readonly LlmStagePrompts _prompts;
    private readonly IPtmCatalog _catalog;
    private readonly ILogger _logger;

    public LlmBackend(string name, string model, LlmBackendOptions options, IChatCompletionService chat, LlmStagePrompts prompts,
        IPtmCatalog catalog, ILogger<LlmBackend> logger)
    {
        Name = name;
        Model = model;
        _options = options;
        _chat = chat;
        _prompts = prompts;
        _catalog = catalog;
        _logger = logger;
    }

    public string Name { get; }

    public string Model { get; }

    public int MaxConcurrency => _options.MaxConcurrency;

    public string PromptHash(Stage stage) => _prompts.For(stage).Hash;

    public double Cost(long promptTokens, long completionTokens) =>
        (promptTokens * _options.PricePer1kInputTokens + completionTokens * _options.PricePer1kOutputTokens) / 1000.0;

    public async Task<StageOutcome> ClassifyAsync(StageRequest request, CancellationToken cancellationToken)
    {
        var prompt = _prompts.For(request.Stage);
        var excerpt = LlmPaperExcerpt.Select(request.Paper, _options.TokenBudget);
        var history = new ChatHistory(prompt.SystemPrompt);
        history.AddUserMessage(LlmStagePrompts.UserMessage(request, excerpt.Text));
        var settings = ExecutionSettings(prompt);
        var clock = Stopwatch.StartNew();
        int promptTokens = 0, completionTokens = 0;
        var raw = new List<string>();

        StageOutcome Finish(StageOutcome outcome) => outcome with
        {
            SentText = excerpt.Describe(),
            PromptTokens = promptTokens,
            CompletionTokens = completionTokens,
            Latency = clock.Elapsed,
            RawResponse = outcome.RawResponse ?? (raw.Count == 0 ? null : string.Join("\n----- repair reply -----\n", raw)),
        };

        // At most two exchanges: the question, and once a repair request quoting what was wrong.
        for (var attempt = 1; ; attempt++)
        {
            Reply reply;
            try
            {
                reply = await SendAsync(history, settings, cancellationToken);
            }
            catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
            {
                var failure = TransportFailure(ex);
                LogRequestFailed(_logger, Name, request.Paper.PaperId, request.Stage.WireName(), failure.Kind, failure.Message);
                return Finish(StageOutcome.Failed(failure.Kind, failure.Message, raw.Count == 0 ? failure.Body : null));
            }

            promptTokens += reply.PromptTokens;
            completionTokens += reply.CompletionTokens;
            raw.Add(reply.Content ?? "");

            if (!string.IsNullOrEmpty(reply.Refusal) || reply.FinishReason == ChatFinishReason.ContentFilter)
            {
                return Finish(StageOutcome.Failed(StageErrorKinds.Refusal, reply.Refusal ?? "the server's content filter stopped the answer"));
            }

            if (reply.FinishReason == ChatFinishReason.Length)
            {
                return Finish(StageOutcome.Failed(StageErrorKinds.Truncated,
                    $"the answer was cut at the output limit ({_options.MaxOutputTokens} tokens, finish_reason=length)"));
            }

            var parsed = LlmAnswerParser.Parse(request.Stage, reply.Content);
            if (parsed.Answer is not null)
            {
                var answer = LlmAnswerPostProcessing.Complete(parsed.Answer, request.Paper, _catalog);
                return Finish(new StageOutcome { Answer = answer });
            }

            if (attempt >= 2 || parsed.ErrorKind == StageErrorKinds.Refusal)
            {
                return Finish(StageOutcome.Failed(parsed.ErrorKind!, parsed.Problem!));
            }

            LogRepairing(_logger, Name, request.Paper.PaperId, request.Stage.WireName(), parsed.ErrorKind!);
            history.AddAssistantMessage(reply.Content ?? "");
            history.AddUserMessage(LlmStagePrompts.RepairMessage(parsed.Problem!));
        }
    }

    /// <summary>A tiny chat request to show that the endpoint, model and key work.</summary>
    public async Task<LlmConnectionTest> TestConnectionAsync(CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var history = new ChatHistory("You are a connectivity check. Reply with the single word OK.");
        history.AddUserMessage("Are you there?");
        try
        {
            var reply = await SendAsync(history, new OpenAIPromptExecutionSettings { MaxTokens = 8, Temperature = 0 }, cancellationToken);
            return new LlmConnectionTest(true, reply.Content, null, null, clock.Elapsed);
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            var failure = TransportFailure(ex);
            return new LlmConnectionTest(false, null, failure.Kind, failure.Message, clock.Elapsed);
        }
    }

    private OpenAIPromptExecutionSettings ExecutionSettings(LlmStagePrompt prompt) => new()
    {
        Temperature = _options.Temperature,
        MaxTokens = _options.MaxOutputTokens,
        ResponseFormat = _options.SupportsJsonSchema
            ? ChatResponseFormat.CreateJsonSchemaFormat(prompt.SchemaName, BinaryData.FromString(prompt.Schema), jsonSchemaIsStrict: true)
            : _options.SupportsJsonObject ? "json_object" : null,
    };

    private async Task<Reply> SendAsync(ChatHistory history, OpenAIPromptExecutionSettings settings, CancellationToken cancellationToken)
    {
        var message = await _chat.GetChatMessageContentAsync(history, settings, kernel: null, cancellationToken);
        var completion = message.InnerContent as ChatCompletion;
        return new Reply(
            message.Content,
            completion?.Refusal,
            completion?.FinishReason,
            completion?.Usage?.InputTokenCount ?? 0,
            completion?.Usage?.OutputTokenCount ?? 0);
    }

    /// <summary>Maps what is left after the resilience pipeline gave up to an error kind.</summary>
    private static (string Kind, string Message, string? Body) TransportFailure(Exception ex)
    {
        for (var e = ex; e is not null; e = e.InnerException)
        {
            switch (e)
            {
                case Polly.Timeout.TimeoutRejectedException:
                case TimeoutException:
                case OperationCanceledException:
                    return (StageErrorKinds.Timeout, "the request timed out: " + e.Message, null);
                case HttpOperationException http:
                    if (http.InnerException is not null && TransportFailure(http.InnerException) is { Kind: StageErrorKinds.Timeout } timeout)
                    {
                        return timeout;
                    }

                    return (StageErrorKinds.Http, http.StatusCode is { } status ? $"HTTP {(int)status} {status}: {http.Message}" : http.Message, http.ResponseContent);
                case HttpRequestException request:
                    return (StageErrorKinds.Http, request.Message, null);
            }
        }

        // Anything else the client stack throws (a body that is not chat-completions JSON, a server that closes the
        // connection mid-answer) is still the server's doing: kept as an http error with the exception's message.
        return (StageErrorKinds.Http, $"{ex.GetType().Name}: {ex.Message}", null);
    }

    private sealed record Reply(string? Content, string? Refusal, ChatFinishReason? FinishReason, int PromptTokens, int CompletionTokens);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Backend {Backend}: paper {PaperId} stage {Stage} failed ({Kind}): {Problem}")]
    private static partial void LogRequestFailed(ILogger logger, string backend, long paperId, string stage, string kind, string problem);

    [LoggerMessage(Level = LogLevel.Information, Message = "Backend {Backend}: paper {PaperId} stage {Stage} answer unusable ({Kind}); asking once to repair")]
    private static partial void LogRepairing(ILogger logger, string backend, long paperId, string stage, string kind);
}
