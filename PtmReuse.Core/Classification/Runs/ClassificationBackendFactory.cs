using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.SemanticKernel.Connectors.OpenAI;
using PtmReuse.Core.Classification.Llm;

namespace PtmReuse.Core.Classification.Runs;

/// <summary>A backend as the UI and CLI list it. Never carries a key, only whether one was found.</summary>
public sealed record BackendDescription(string Name, string Kind, string Model, string? Endpoint, bool HasApiKey, string? ApiKeyVariable, int MaxConcurrency);

/// <summary>Resolves backends by name: the ones registered in DI (the embedded backend) and the configured LLMs.</summary>
public interface IClassificationBackendFactory
{
    IReadOnlyList<BackendDescription> Describe();

    /// <summary>The backend called <paramref name="name"/>; <paramref name="model"/> overrides an LLM's configured model.</summary>
    /// <exception cref="ArgumentException">No backend has that name, or the backend cannot take another model.</exception>
    IClassificationBackend Create(string name, string? model = null);

    /// <summary>Sends a tiny chat request to a configured LLM backend.</summary>
    Task<LlmConnectionTest> TestConnectionAsync(string name, CancellationToken cancellationToken);
}

public sealed class ClassificationBackendFactory(
    IEnumerable<IClassificationBackend> registered,
    IOptionsMonitor<LlmOptions> options,
    IHttpClientFactory httpClients,
    LlmApiKeys apiKeys,
    IPtmCatalog catalog,
    ILoggerFactory loggerFactory) : IClassificationBackendFactory
{
    private readonly IReadOnlyList<IClassificationBackend> _registered = registered.ToList();

    public IReadOnlyList<BackendDescription> Describe()
    {
        var list = _registered
            .Select(b => new BackendDescription(b.Name, "built-in", b.Model, null, HasApiKey: false, ApiKeyVariable: null, MaxConcurrency: Environment.ProcessorCount))
            .ToList();
        foreach (var (name, settings) in options.CurrentValue.Backends.OrderBy(b => b.Key, StringComparer.OrdinalIgnoreCase))
        {
            list.Add(new BackendDescription(name, settings.Kind.ToString(), settings.Model, settings.Endpoint?.ToString(),
                apiKeys.Find(name) is not null, LlmApiKeys.VariableName(name), settings.MaxConcurrency));
        }

        return list;
    }

    public IClassificationBackend Create(string name, string? model = null)
    {
        var builtIn = _registered.FirstOrDefault(b => string.Equals(b.Name, name, StringComparison.OrdinalIgnoreCase));
        if (builtIn is not null)
        {
            if (!string.IsNullOrEmpty(model) && !string.Equals(model, builtIn.Model, StringComparison.Ordinal))
            {
                throw new ArgumentException($"Backend '{name}' has a fixed model ({builtIn.Model}); --model applies to LLM backends only.", nameof(model));
            }

            return builtIn;
        }

        return CreateLlm(name, model);
    }

    public Task<LlmConnectionTest> TestConnectionAsync(string name, CancellationToken cancellationToken) =>
        CreateLlm(name, null).TestConnectionAsync(cancellationToken);

    private LlmBackend CreateLlm(string name, string? model)
    {
        if (!options.CurrentValue.Backends.TryGetValue(name, out var settings))
        {
            var known = string.Join(", ", Describe().Select(d => d.Name));
            throw new ArgumentException($"No backend named '{name}'. Known backends: {(known.Length == 0 ? "(none)" : known)}. LLM backends are configured under Classification:Backends.", nameof(name));
        }

        // The key lives only in this call chain: read from the environment / user-secrets and handed to the client.
        var modelId = string.IsNullOrWhiteSpace(model) ? settings.Model : model;
        var http = httpClients.CreateClient(LlmHttpClients.ClientName(name));
        // The custom-endpoint constructor is marked experimental (SKEXP0010) but is SK's documented way to reach
        // OpenAI-compatible servers (Ollama, vLLM, llama.cpp, LM Studio, Azure's v1 route).
#pragma warning disable SKEXP0010
        var chat = new OpenAIChatCompletionService(modelId, settings.Endpoint!, apiKeys.Find(name), organization: null, httpClient: http, loggerFactory: loggerFactory);
#pragma warning restore SKEXP0010
        return new LlmBackend(name, modelId, settings, chat, new LlmStagePrompts(catalog), catalog, loggerFactory.CreateLogger<LlmBackend>());
    }
}
