using System.Threading.RateLimiting;
using Microsoft.Extensions.Http;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;
using PtmReuse.Core.Http;

namespace PtmReuse.Core.Acquire;

/// <summary>
/// The IHttpClientFactory client used for OpenAlex and the full-text sources, on the shared <see cref="ResilientHttp"/>
/// stack. One limiter for the process: OpenAlex's host gets a token bucket under its documented rate, every other host
/// a concurrency limit, so parallel full-text fetches never crowd one publisher. Inside the retry, bodies are read
/// whole (up to <see cref="AcquireOptions.MaxResponseBytes"/>), so a truncated body is retried like a 5xx.
/// </summary>
public sealed class AcquireHttpClients(IOptions<AcquireOptions> options) : IConfigureNamedOptions<HttpClientFactoryOptions>, IDisposable
{
    public const string ClientName = "ptmreuse-acquire";

    private readonly Lazy<PartitionedRateLimiter<HttpRequestMessage>> _limiter = new(() => CreateLimiter(options.Value));

    public void Configure(HttpClientFactoryOptions options) => Configure(Options.DefaultName, options);

    public void Configure(string? name, HttpClientFactoryOptions factoryOptions)
    {
        if (name != ClientName)
        {
            return;
        }

        var settings = options.Value;
        factoryOptions.HttpClientActions.Add(client =>
        {
            client.Timeout = Timeout.InfiniteTimeSpan;
            client.DefaultRequestHeaders.UserAgent.ParseAdd("PtmReuse/1.0");
            if (!string.IsNullOrWhiteSpace(settings.Mailto))
            {
                // OpenAlex and Europe PMC both ask callers to say who they are.
                client.DefaultRequestHeaders.From = settings.Mailto.Trim();
            }
        });
        factoryOptions.HttpMessageHandlerBuilderActions.Add(builder =>
        {
            var pipeline = ResilientHttp.BuildPipeline(
                new HttpResilienceSettings(settings.TotalTimeout, settings.AttemptTimeout, settings.MaxRetries, settings.RetryBaseDelay),
                _limiter.Value, "acquire");
            builder.AdditionalHandlers.Add(new ResilienceHandler(pipeline));
            builder.AdditionalHandlers.Add(new BufferingHandler(settings.MaxResponseBytes));
        });
    }

    internal static PartitionedRateLimiter<HttpRequestMessage> CreateLimiter(AcquireOptions settings)
    {
        var openAlexHost = new Uri(settings.OpenAlexBaseUrl).Authority;
        var perSecond = settings.OpenAlexRequestsPerSecond;
        // A bucket refilled in small steps keeps bursts short: at 8/s, one token every 125 ms.
        var period = TimeSpan.FromSeconds(1 / perSecond);
        return PartitionedRateLimiter.Create<HttpRequestMessage, string>(request =>
        {
            var host = request.RequestUri?.Authority ?? "";
            return host == openAlexHost
                ? RateLimitPartition.GetTokenBucketLimiter(host, _ => new TokenBucketRateLimiterOptions
                {
                    TokenLimit = 1,
                    TokensPerPeriod = 1,
                    ReplenishmentPeriod = period,
                    QueueLimit = int.MaxValue,
                    QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
                    AutoReplenishment = true,
                })
                : RateLimitPartition.GetConcurrencyLimiter(host, _ => new ConcurrencyLimiterOptions
                {
                    PermitLimit = settings.FullTextConcurrencyPerHost,
                    QueueLimit = int.MaxValue,
                    QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
                });
        });
    }

    public void Dispose()
    {
        if (_limiter.IsValueCreated)
        {
            _limiter.Value.Dispose();
        }
    }

    /// <summary>Reads the body inside the retry loop, with a size cap; a body cut short fails the attempt.</summary>
    private sealed class BufferingHandler(long maxBytes) : DelegatingHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var response = await base.SendAsync(request, cancellationToken);
            if (response.Content.Headers.ContentLength > maxBytes)
            {
                var length = response.Content.Headers.ContentLength;
                response.Dispose();
                throw new ResponseTooLargeException($"{request.RequestUri} sends {length} bytes, more than Acquire:MaxResponseBytes ({maxBytes}).");
            }

            try
            {
                await response.Content.LoadIntoBufferAsync(maxBytes, cancellationToken);
            }
            catch (HttpRequestException ex) when (ex.InnerException is not IOException && !cancellationToken.IsCancellationRequested)
            {
                response.Dispose();
                throw new ResponseTooLargeException($"{request.RequestUri} sends more than Acquire:MaxResponseBytes ({maxBytes}).", ex);
            }

            return response;
        }
    }
}

/// <summary>A response larger than allowed: not retried (the next attempt would be as large).</summary>
public sealed class ResponseTooLargeException(string message, Exception? inner = null) : Exception(message, inner);
