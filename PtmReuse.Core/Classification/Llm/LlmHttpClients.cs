using System.Net;
using Microsoft.Extensions.Http;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;
using Polly;

namespace PtmReuse.Core.Classification.Llm;

/// <summary>
/// Gives every configured backend its own IHttpClientFactory client ("ptmreuse-llm:&lt;name&gt;") with one resilience
/// handler built from that backend's options: total timeout, then retry (429 honouring Retry-After, 408, 5xx, network
/// errors, attempt timeouts; exponential back-off with jitter), then the per-attempt timeout. Semantic Kernel turns its
/// own retries off when it is handed an HttpClient, so this is the only retry layer.
/// </summary>
public sealed class LlmHttpClients(IOptionsMonitor<LlmOptions> options) : IConfigureNamedOptions<HttpClientFactoryOptions>
{
    private const string Prefix = "ptmreuse-llm:";

    public static string ClientName(string backend) => Prefix + backend;

    public void Configure(HttpClientFactoryOptions options) => Configure(Options.DefaultName, options);

    public void Configure(string? name, HttpClientFactoryOptions factoryOptions)
    {
        if (name is null || !name.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return;
        }

        var backend = name[Prefix.Length..];
        factoryOptions.HttpClientActions.Add(client => client.Timeout = Timeout.InfiniteTimeSpan);
        factoryOptions.HttpMessageHandlerBuilderActions.Add(builder =>
        {
            if (options.CurrentValue.Backends.TryGetValue(backend, out var settings))
            {
                builder.AdditionalHandlers.Add(new ResilienceHandler(BuildPipeline(settings)));
            }
        });
    }

    internal static ResiliencePipeline<HttpResponseMessage> BuildPipeline(LlmBackendOptions settings) =>
        new ResiliencePipelineBuilder<HttpResponseMessage>()
            .AddTimeout(new HttpTimeoutStrategyOptions { Timeout = settings.TotalTimeout, Name = "llm-total" })
            .AddRetry(new HttpRetryStrategyOptions
            {
                Name = "llm-retry",
                MaxRetryAttempts = Math.Max(1, settings.MaxRetries),
                ShouldHandle = settings.MaxRetries == 0
                    ? _ => PredicateResult.False()
                    : args => ValueTask.FromResult(ShouldRetry(args.Outcome)),
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = settings.RetryBaseDelay,
                ShouldRetryAfterHeader = true,
            })
            .AddTimeout(new HttpTimeoutStrategyOptions { Timeout = settings.AttemptTimeout, Name = "llm-attempt" })
            .Build();

    private static bool ShouldRetry(Outcome<HttpResponseMessage> outcome) =>
        outcome.Exception is HttpRequestException or Polly.Timeout.TimeoutRejectedException
        || outcome.Result is { StatusCode: HttpStatusCode.TooManyRequests or HttpStatusCode.RequestTimeout }
        || outcome.Result is { StatusCode: >= HttpStatusCode.InternalServerError };
}
