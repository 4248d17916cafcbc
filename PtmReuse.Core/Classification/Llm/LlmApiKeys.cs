using Microsoft.Extensions.Configuration;

namespace PtmReuse.Core.Classification.Llm;

/// <summary>
/// Finds a backend's API key in the environment (PTMREUSE_&lt;NAME&gt;_API_KEY) or in configuration under the same
/// key, which is where user-secrets put it. Keys are never part of options, settings JSON, logs or the UI.
/// </summary>
public sealed class LlmApiKeys(IConfiguration configuration)
{
    public static string VariableName(string backend) =>
        "PTMREUSE_" + backend.ToUpperInvariant().Replace('-', '_') + "_API_KEY";

    public string? Find(string backend)
    {
        var variable = VariableName(backend);
        var value = Environment.GetEnvironmentVariable(variable);
        if (string.IsNullOrWhiteSpace(value))
        {
            value = configuration[variable];
        }

        return string.IsNullOrWhiteSpace(value) ? null : value;
    }
}
