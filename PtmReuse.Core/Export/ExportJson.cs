using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using PtmReuse.Core.Analytics;

namespace PtmReuse.Core.Export;

/// <summary>JSON and plain-English forms of an export's query, shared by the figure set, the bundle and the methods text.</summary>
public static class ExportJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        WriteIndented = true,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower) },
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static async Task WriteAsync<T>(ExportTarget target, string path, T value, CancellationToken cancellationToken)
    {
        await using var stream = target.Create(path);
        await JsonSerializer.SerializeAsync(stream, value, Options, cancellationToken);
    }
}
