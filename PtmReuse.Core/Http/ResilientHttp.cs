using System.Net;
using System.Threading.RateLimiting;
using Microsoft.Extensions.Http.Resilience;
using Polly;
using Polly.RateLimiting;

namespace PtmReuse.Core.Http;

/// <summary>Timeouts and retry budget of one resilient HTTP client.</summary>
public sealed record HttpResilienceSettings(TimeSpan TotalTimeout, TimeSpan AttemptTimeout, int MaxRetries, TimeSpan RetryBaseDelay);

/// <summary>
/// The one resilience stack of every outgoing HTTP client (LLM backends, OpenAlex, full-text sources): total timeout,
/// then retry (429 honouring Retry-After, 408, 5xx, network errors and broken bodies, attempt timeouts; exponential
/// back-off with jitter), then an optional rate limiter (so every attempt, retries included, is counted against a
/// service's limit), then the per-attempt timeout.
/// </summary>
public static class ResilientHttp
{
    public static ResiliencePipeline<HttpResponseMessage> BuildPipeline(
        HttpResilienceSettings settings, PartitionedRateLimiter<HttpRequestMessage>? limiter = null, string name = "http")
    {
        var builder = new ResiliencePipelineBuilder<HttpResponseMessage>()
            .AddTimeout(new HttpTimeoutStrategyOptions { Timeout = settings.TotalTimeout, Name = name + "-total" })
            .AddRetry(new HttpRetryStrategyOptions
            {
                Name = name + "-retry",
                MaxRetryAttempts = Math.Max(1, settings.MaxRetries),
                ShouldHandle = settings.MaxRetries == 0
                    ? _ => PredicateResult.False()
                    : args => ValueTask.FromResult(ShouldRetry(args.Outcome)),
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = settings.RetryBaseDelay,
                ShouldRetryAfterHeader = true,
            });
        if (limiter is not null)
        {
            builder.AddRateLimiter(new RateLimiterStrategyOptions
            {
                Name = name + "-limit",
                RateLimiter = args => limiter.AcquireAsync(
                    args.Context.GetRequestMessage() ?? throw new InvalidOperationException("The rate limiter needs the request message."),
                    1, args.Context.CancellationToken),
            });
        }

        return builder
            .AddTimeout(new HttpTimeoutStrategyOptions { Timeout = settings.AttemptTimeout, Name = name + "-attempt" })
            .Build();
    }

    public static bool ShouldRetry(Outcome<HttpResponseMessage> outcome) =>
        outcome.Exception is HttpRequestException or IOException or Polly.Timeout.TimeoutRejectedException
        || outcome.Result is { StatusCode: HttpStatusCode.TooManyRequests or HttpStatusCode.RequestTimeout }
        || outcome.Result is { StatusCode: >= HttpStatusCode.InternalServerError };
}
