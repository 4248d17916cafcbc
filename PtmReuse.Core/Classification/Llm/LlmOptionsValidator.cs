using PtmReuse.Core.Classification.Runs;
using System.ComponentModel.DataAnnotations;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;

namespace PtmReuse.Core.Classification.Llm;

/// <summary>Cross-field rules for the LLM backends; every failure names the backend and the setting.</summary>
public sealed partial class LlmOptionsValidator : IValidateOptions<LlmOptions>
{
    public ValidateOptionsResult Validate(string? name, LlmOptions options)
    {
        var failures = new List<string>();
        foreach (var (backend, settings) in options.Backends)
        {
            failures.AddRange(ValidateBackend(backend, settings).Select(f => $"Classification:Backends:{backend}: {f}"));
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static IEnumerable<string> ValidateBackend(string name, LlmBackendOptions o)
    {
        // ValidateDataAnnotations does not descend into dictionary values, so the attributes are checked here.
        var results = new List<ValidationResult>();
        Validator.TryValidateObject(o, new ValidationContext(o), results, validateAllProperties: true);
        foreach (var result in results)
        {
            yield return result.ErrorMessage ?? "invalid value";
        }

        if (!BackendName().IsMatch(name))
        {
            yield return "the backend name may contain only letters, digits, '-' and '_' (it becomes part of an environment variable name)";
        }

        if (string.Equals(name, ClassificationBackendNames.Embedded, StringComparison.OrdinalIgnoreCase))
        {
            yield return "'embedded' is the built-in backend and cannot be configured as an LLM";
        }

        if (o.Endpoint is null || !o.Endpoint.IsAbsoluteUri || (o.Endpoint.Scheme != Uri.UriSchemeHttp && o.Endpoint.Scheme != Uri.UriSchemeHttps))
        {
            yield return "Endpoint must be an absolute http(s) URL including /v1, e.g. http://localhost:11434/v1";
        }
        else if (!string.IsNullOrEmpty(o.Endpoint.UserInfo) || o.Endpoint.Query.Contains("key", StringComparison.OrdinalIgnoreCase))
        {
            yield return "Endpoint must not carry credentials; put the API key in the environment variable " + LlmApiKeys.VariableName(name);
        }
        else if (o.Kind == LlmServerKind.Azure && !o.Endpoint.AbsolutePath.TrimEnd('/').EndsWith("/openai/v1", StringComparison.OrdinalIgnoreCase))
        {
            yield return "an Azure endpoint must be the v1 route https://<resource>.openai.azure.com/openai/v1/";
        }

        if (string.IsNullOrWhiteSpace(o.Model))
        {
            yield return "Model is required (for Azure, the deployment name)";
        }

        if (o.AttemptTimeout <= TimeSpan.Zero)
        {
            yield return "AttemptTimeout must be positive";
        }

        if (o.TotalTimeout <= o.AttemptTimeout)
        {
            yield return "TotalTimeout must be longer than AttemptTimeout (it covers every attempt and the back-off between them)";
        }

        if (o.RetryBaseDelay < TimeSpan.Zero)
        {
            yield return "RetryBaseDelay must not be negative";
        }

        if (o.SupportsJsonSchema && !o.SupportsJsonObject && o.Kind is LlmServerKind.OpenAI or LlmServerKind.Azure)
        {
            yield return "OpenAI and Azure accept json_object whenever they accept json_schema; SupportsJsonObject=false looks like a mistake";
        }
    }

    [GeneratedRegex("^[A-Za-z0-9_-]{1,64}$")]
    private static partial Regex BackendName();
}
