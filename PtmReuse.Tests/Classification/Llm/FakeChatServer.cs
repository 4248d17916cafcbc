using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using PtmReuse.Core.Classification;

namespace PtmReuse.Tests.Classification.Llm;

/// <summary>A request as the fake server saw it.</summary>
public sealed record ChatRequestSeen(string Model, string System, string User, IReadOnlyList<string> Messages, JsonNode Body, Stage? Stage, string Authorization)
{
    /// <summary>The paper title: the first line of the paper text in the user message.</summary>
    public string PaperTitle
    {
        get
        {
            const string marker = "'[...]' marks text left out):";
            var at = User.IndexOf(marker, StringComparison.Ordinal);
            return at < 0 ? "" : User[(at + marker.Length)..].TrimStart().Split('\n')[0].Trim();
        }
    }
}

/// <summary>What the fake server answers to one request.</summary>
public sealed record FakeReply
{
    public string? Content { get; init; }
    public string FinishReason { get; init; } = "stop";
    public string? Refusal { get; init; }
    public int Status { get; init; } = 200;
    public int? RetryAfterSeconds { get; init; }
    public TimeSpan Delay { get; init; }
    public int PromptTokens { get; init; } = 1000;
    public int CompletionTokens { get; init; } = 50;

    /// <summary>A body sent as is instead of a chat completion (a misbehaving proxy or server).</summary>
    public string? RawBody { get; init; }

    public static FakeReply Json(string content) => new() { Content = content };

    public static FakeReply Error(int status, int? retryAfter = null) => new() { Status = status, RetryAfterSeconds = retryAfter };
}

/// <summary>
/// A real HTTP server on 127.0.0.1 speaking the OpenAI chat-completions protocol (POST /v1/chat/completions).
/// Replies come from a script (first) or a responder function; every request is recorded.
/// </summary>
public sealed class FakeChatServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<FakeReply> _script = new();
    private readonly ConcurrentQueue<ChatRequestSeen> _requests = new();

    private FakeChatServer(WebApplication app) => _app = app;

    public Uri Endpoint { get; private set; } = null!;

    /// <summary>Answers requests once the script is used up.</summary>
    public Func<ChatRequestSeen, FakeReply> Responder { get; set; } = _ => FakeReply.Json("""{"result": false, "evidence": ""}""");

    public IReadOnlyList<ChatRequestSeen> Requests => _requests.ToList();

    public int RequestCount => _requests.Count;

    public void Enqueue(params FakeReply[] replies)
    {
        foreach (var reply in replies)
        {
            _script.Enqueue(reply);
        }
    }

    public static async Task<FakeChatServer> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var server = new FakeChatServer(app);
        app.MapPost("/v1/chat/completions", server.HandleAsync);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        server.Endpoint = new Uri(address.TrimEnd('/') + "/v1");
        return server;
    }

    private async Task HandleAsync(HttpContext context)
    {
        var body = (await JsonNode.ParseAsync(context.Request.Body, cancellationToken: context.RequestAborted))!;
        var messages = body["messages"]!.AsArray().Select(m => m!["content"]?.GetValue<string>() ?? "").ToList();
        var roles = body["messages"]!.AsArray().Select(m => m!["role"]!.GetValue<string>()).ToList();
        var system = roles.Count > 0 && roles[0] == "system" ? messages[0] : "";
        var user = messages[roles.IndexOf("user")];
        var seen = new ChatRequestSeen(body["model"]?.GetValue<string>() ?? "", system, user, messages, body, StageOf(system), context.Request.Headers.Authorization.ToString());
        _requests.Enqueue(seen);

        var reply = _script.TryDequeue(out var scripted) ? scripted : Responder(seen);
        if (reply.Delay > TimeSpan.Zero)
        {
            try
            {
                await Task.Delay(reply.Delay, context.RequestAborted);
            }
            catch (OperationCanceledException)
            {
                return; // the client gave up (attempt timeout)
            }
        }

        if (reply.Status != 200)
        {
            context.Response.StatusCode = reply.Status;
            if (reply.RetryAfterSeconds is { } seconds)
            {
                context.Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
            }

            await context.Response.WriteAsJsonAsync(new { error = new { message = $"scripted status {reply.Status}", type = "server_error" } });
            return;
        }

        if (reply.RawBody is not null)
        {
            context.Response.ContentType = "text/html";
            await context.Response.WriteAsync(reply.RawBody);
            return;
        }

        var response = new JsonObject
        {
            ["id"] = "chatcmpl-" + Guid.NewGuid().ToString("N"),
            ["object"] = "chat.completion",
            ["created"] = DateTimeOffset.UtcNow.ToUnixTimeSeconds(),
            ["model"] = seen.Model,
            ["choices"] = new JsonArray(new JsonObject
            {
                ["index"] = 0,
                ["finish_reason"] = reply.FinishReason,
                ["message"] = new JsonObject { ["role"] = "assistant", ["content"] = reply.Content, ["refusal"] = reply.Refusal },
            }),
            ["usage"] = new JsonObject
            {
                ["prompt_tokens"] = reply.PromptTokens,
                ["completion_tokens"] = reply.CompletionTokens,
                ["total_tokens"] = reply.PromptTokens + reply.CompletionTokens,
            },
        };
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(response.ToJsonString());
    }

    private static Stage? StageOf(string system)
    {
        foreach (var definition in StageDefinitions.All)
        {
            if (system.Contains(definition.Question, StringComparison.Ordinal))
            {
                return definition.Stage;
            }
        }

        return null;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
