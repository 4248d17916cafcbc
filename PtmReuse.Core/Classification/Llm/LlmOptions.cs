using System.ComponentModel.DataAnnotations;

namespace PtmReuse.Core.Classification.Llm;

/// <summary>
/// The configured LLM backends, bound from "Classification:Backends:&lt;name&gt;". API keys are not options: they come
/// from the environment (PTMREUSE_&lt;NAME&gt;_API_KEY) or user-secrets only, see <see cref="LlmApiKeys"/>.
/// </summary>
public sealed class LlmOptions
{
    public const string Section = "Classification";

    public Dictionary<string, LlmBackendOptions> Backends { get; set; } = new(StringComparer.OrdinalIgnoreCase);
}

/// <summary>The kind of OpenAI-compatible server; it decides defaults such as whether a key is expected.</summary>
public enum LlmServerKind
{
    OpenAI,
    Azure,
    Ollama,
    Vllm,
    LlamaCpp,
    LmStudio,
}

/// <summary>One named LLM backend: where it is, which model, and how hard to push it.</summary>
public sealed class LlmBackendOptions
{
    /// <summary>Base URL including /v1, e.g. http://localhost:11434/v1 (Ollama) or https://res.openai.azure.com/openai/v1/.</summary>
    [Required]
    public Uri? Endpoint { get; set; }

    /// <summary>Model id (for Azure, the deployment name).</summary>
    [Required]
    public string Model { get; set; } = "";

    public LlmServerKind Kind { get; set; } = LlmServerKind.OpenAI;

    /// <summary>Requests in flight at once against this backend; a run never exceeds it.</summary>
    [Range(1, 64)]
    public int MaxConcurrency { get; set; } = 2;

    /// <summary>Tokens of paper text sent per request (estimated at ~4 characters per token).</summary>
    [Range(200, 2_000_000)]
    public int TokenBudget { get; set; } = 6000;

    /// <summary>Upper bound on the answer length; a longer answer is reported as truncated.</summary>
    [Range(16, 100_000)]
    public int MaxOutputTokens { get; set; } = 1200;

    [Range(0, 1000)]
    public double PricePer1kInputTokens { get; set; }

    [Range(0, 1000)]
    public double PricePer1kOutputTokens { get; set; }

    /// <summary>The server honours response_format json_schema (OpenAI, Azure, recent Ollama/vLLM/llama.cpp).</summary>
    public bool SupportsJsonSchema { get; set; }

    /// <summary>The server honours response_format json_object; when neither is supported the prompt alone asks for JSON.</summary>
    public bool SupportsJsonObject { get; set; } = true;

    [Range(0.0, 2.0)]
    public double Temperature { get; set; }

    /// <summary>One HTTP attempt; a local model reading a long paper needs minutes.</summary>
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>All attempts of one request together, retries and back-off included.</summary>
    public TimeSpan TotalTimeout { get; set; } = TimeSpan.FromMinutes(20);

    /// <summary>Retries after 429, 5xx, 408, network errors and attempt timeouts.</summary>
    [Range(0, 10)]
    public int MaxRetries { get; set; } = 3;

    /// <summary>Base of the exponential back-off (with jitter); a Retry-After header takes precedence.</summary>
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromSeconds(2);
}
