using PtmReuse.Core.Classification;
using PtmReuse.Core.Classification.Llm;
using PtmReuse.Core.Classification.Runs;
using PtmReuse.Tests.Infrastructure;

namespace PtmReuse.Tests.Classification.Llm;

/// <summary>A test database whose configuration has LLM backends pointing at a fake chat server, with tiny delays.</summary>
public static class LlmTestSetup
{
    public static Dictionary<string, string?> BackendSettings(string name, Uri endpoint, string model = "test-model", Action<Dictionary<string, string?>>? adjust = null)
    {
        var prefix = $"Classification:Backends:{name}:";
        var settings = new Dictionary<string, string?>
        {
            [prefix + "Endpoint"] = endpoint.ToString(),
            [prefix + "Model"] = model,
            [prefix + "Kind"] = "Vllm",
            [prefix + "MaxConcurrency"] = "4",
            [prefix + "MaxRetries"] = "2",
            // Retries must stay fast: 10 ms base back-off; a Retry-After header is honoured as given.
            [prefix + "RetryBaseDelay"] = "00:00:00.010",
            [prefix + "AttemptTimeout"] = "00:00:05",
            [prefix + "TotalTimeout"] = "00:00:20",
            [prefix + "PricePer1kInputTokens"] = "0.5",
            [prefix + "PricePer1kOutputTokens"] = "2",
            [prefix + "SupportsJsonSchema"] = "true",
        };
        adjust?.Invoke(settings);
        return settings;
    }

    public static Task<TestDatabase> DatabaseAsync(IDictionary<string, string?> settings) => TestDatabase.CreateAsync(settings: settings);

    public static LlmBackend Backend(TestDatabase database, string name = "fake") =>
        (LlmBackend)database.Get<IClassificationBackendFactory>().Create(name);

    public static StageRequest Request(Stage stage, PaperDocument paper, IReadOnlyDictionary<Stage, StageAnswer>? earlier = null) =>
        new(stage, paper, earlier ?? new Dictionary<Stage, StageAnswer>());
}
