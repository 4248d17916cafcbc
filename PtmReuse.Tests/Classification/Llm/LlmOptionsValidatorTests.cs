using PtmReuse.Core.Classification.Llm;

namespace PtmReuse.Tests.Classification.Llm;

public sealed class LlmOptionsValidatorTests
{
    private static LlmBackendOptions Valid() => new()
    {
        Endpoint = new Uri("http://localhost:11434/v1"),
        Model = "llama3.1:8b",
        Kind = LlmServerKind.Ollama,
    };

    private static IReadOnlyList<string> Failures(string name, LlmBackendOptions backend)
    {
        var options = new LlmOptions { Backends = { [name] = backend } };
        var result = new LlmOptionsValidator().Validate(null, options);
        return result.Failed ? result.Failures!.ToList() : [];
    }

    [Fact]
    public void Validate_DefaultsWithEndpointAndModel_Succeeds() => Assert.Empty(Failures("local", Valid()));

    [Fact]
    public void Validate_NoBackends_Succeeds() => Assert.True(new LlmOptionsValidator().Validate(null, new LlmOptions()).Succeeded);

    [Theory]
    [InlineData("has space")]
    [InlineData("dot.name")]
    public void Validate_NameUnfitForAnEnvironmentVariable_Fails(string name) =>
        Assert.Contains(Failures(name, Valid()), f => f.Contains("environment variable name", StringComparison.Ordinal));

    [Fact]
    public void Validate_NamedEmbedded_Fails() =>
        Assert.Contains(Failures("Embedded", Valid()), f => f.Contains("built-in", StringComparison.Ordinal));

    [Fact]
    public void Validate_MissingEndpoint_Fails()
    {
        var backend = Valid();
        backend.Endpoint = null;
        Assert.Contains(Failures("local", backend), f => f.Contains("Endpoint", StringComparison.Ordinal));
    }

    [Fact]
    public void Validate_NonHttpEndpoint_Fails()
    {
        var backend = Valid();
        backend.Endpoint = new Uri("ftp://localhost/v1");
        Assert.Contains(Failures("local", backend), f => f.Contains("absolute http(s) URL", StringComparison.Ordinal));
    }

    [Fact]
    public void Validate_EndpointWithCredentials_FailsAndNamesTheKeyVariable()
    {
        var backend = Valid();
        backend.Endpoint = new Uri("https://user:secret@api.example.org/v1");
        Assert.Contains(Failures("my-llm", backend), f => f.Contains("PTMREUSE_MY_LLM_API_KEY", StringComparison.Ordinal));
    }

    [Fact]
    public void Validate_AzureWithoutTheV1Route_Fails()
    {
        var backend = Valid();
        backend.Kind = LlmServerKind.Azure;
        backend.Endpoint = new Uri("https://res.openai.azure.com/openai/deployments/gpt4o");
        Assert.Contains(Failures("azure", backend), f => f.Contains("/openai/v1/", StringComparison.Ordinal));

        backend.Endpoint = new Uri("https://res.openai.azure.com/openai/v1/");
        Assert.Empty(Failures("azure", backend));
    }

    [Fact]
    public void Validate_EmptyModel_Fails()
    {
        var backend = Valid();
        backend.Model = " ";
        Assert.Contains(Failures("local", backend), f => f.Contains("Model is required", StringComparison.Ordinal));
    }

    [Fact]
    public void Validate_NonPositiveAttemptTimeout_Fails()
    {
        var backend = Valid();
        backend.AttemptTimeout = TimeSpan.Zero;
        Assert.Contains(Failures("local", backend), f => f.Contains("AttemptTimeout must be positive", StringComparison.Ordinal));
    }

    [Fact]
    public void Validate_TotalTimeoutNotLongerThanAttempt_Fails()
    {
        var backend = Valid();
        backend.AttemptTimeout = TimeSpan.FromMinutes(5);
        backend.TotalTimeout = TimeSpan.FromMinutes(5);
        Assert.Contains(Failures("local", backend), f => f.Contains("TotalTimeout must be longer", StringComparison.Ordinal));
    }

    [Fact]
    public void Validate_NegativeRetryDelay_Fails()
    {
        var backend = Valid();
        backend.RetryBaseDelay = TimeSpan.FromSeconds(-1);
        Assert.Contains(Failures("local", backend), f => f.Contains("RetryBaseDelay", StringComparison.Ordinal));
    }

    [Fact]
    public void Validate_OpenAiWithSchemaButWithoutJsonObject_Fails()
    {
        var backend = Valid();
        backend.Kind = LlmServerKind.OpenAI;
        backend.SupportsJsonSchema = true;
        backend.SupportsJsonObject = false;
        Assert.Contains(Failures("openai", backend), f => f.Contains("json_object", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(nameof(LlmBackendOptions.MaxConcurrency), 0)]
    [InlineData(nameof(LlmBackendOptions.TokenBudget), 10)]
    [InlineData(nameof(LlmBackendOptions.MaxRetries), 11)]
    [InlineData(nameof(LlmBackendOptions.PricePer1kInputTokens), -1)]
    public void Validate_RangeAttributesInsideTheDictionary_AreChecked(string property, int value)
    {
        var backend = Valid();
        var info = typeof(LlmBackendOptions).GetProperty(property)!;
        info.SetValue(backend, Convert.ChangeType(value, info.PropertyType, System.Globalization.CultureInfo.InvariantCulture));
        var failures = Failures("local", backend);
        Assert.Contains(failures, f => f.Contains(property, StringComparison.Ordinal));
        Assert.All(failures, f => Assert.StartsWith("Classification:Backends:local:", f, StringComparison.Ordinal));
    }

    [Fact]
    public void ApiKeyVariable_IsUpperCasedWithUnderscores() =>
        Assert.Equal("PTMREUSE_LOCAL_OLLAMA_API_KEY", LlmApiKeys.VariableName("local-ollama"));
}
