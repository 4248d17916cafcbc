using Microsoft.Extensions.Http;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;
using Polly;
using PtmReuse.Core.Http;

namespace PtmReuse.Core.Classification.Llm;

/// <summary>
/// Gives every configured backend its own IHttpClientFactory client ("ptmreuse-llm:&lt;name&gt;") with one resilience
/// handler built from that backend's options through the shared <see cref="ResilientHttp"/> stack (total timeout, retry
/// honouring Retry-After, per-attempt timeout). Semantic Kernel turns its
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
        ResilientHttp.BuildPipeline(new HttpResilienceSettings(settings.TotalTimeout, settings.AttemptTimeout, settings.MaxRetries, settings.RetryBaseDelay), name: "llm");
}
