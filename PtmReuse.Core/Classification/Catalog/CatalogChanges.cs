using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using PtmReuse.Core.Storage;

namespace PtmReuse.Core.Classification.Catalog;

/// <summary>The catalog's history: the shipped file and the user edits replayed on it (implemented by <see cref="PtmCatalogStore"/>).</summary>
public interface ICatalogHistory
{
    IReadOnlyList<CatalogEntry> Shipped { get; }

    IReadOnlyList<CatalogEdit> Edits { get; }

    /// <summary>The catalog after the first <paramref name="editCount"/> edits.</summary>
    PtmCatalog After(int editCount);
}

/// <summary>
/// What a catalog edit changes for stored answers: the name keys (<see cref="PtmCatalog.NormalizeKey(ReadOnlySpan{char})"/>)
/// that now resolve to another canonical model (or to one at all), and the papers whose stored answers or labels name one
/// of them. Readers that cache canonical names (the analytics projection) rebuild just those papers.
/// </summary>
public static class CatalogChanges
{
    private static readonly string[] PtmStageWires = ["identify_ptms", "ptm_reuse", "ptm_impact"];

    /// <summary>Keys of every name whose canonical model differs between the two catalogs.</summary>
    public static IReadOnlySet<string> ChangedKeys(PtmCatalog before, PtmCatalog after)
    {
        var keys = new HashSet<string>(StringComparer.Ordinal);
        foreach (var name in before.Entries.Concat(after.Entries).SelectMany(e => e.AllNames()))
        {
            var key = PtmCatalog.NormalizeKey(name);
            if (key.Length > 0 && !string.Equals(before.Resolve(name)?.Canonical, after.Resolve(name)?.Canonical, StringComparison.Ordinal))
            {
                keys.Add(key);
            }
        }

        return keys;
    }

    /// <summary>A short fingerprint of a list of edits (the analytics projection records which edits it has applied).</summary>
    public static string Fingerprint(IEnumerable<CatalogEdit> edits) =>
        Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(JsonSerializer.SerializeToUtf8Bytes(edits.ToList(), CatalogFile.JsonOptions)))[..16];

    /// <summary>The model names (as written, and the stored canonical) of an answer's JSON: identify_ptms "models", ptm_reuse/ptm_impact "items".</summary>
    public static IEnumerable<(string Model, string? Canonical)> ModelNames(string? valueJson)
    {
        if (string.IsNullOrWhiteSpace(valueJson))
        {
            return [];
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(valueJson);
        }
        catch (JsonException)
        {
            return []; // a stored answer that is not JSON names no model
        }

        using var _ = document;
        var names = new List<(string, string?)>();
        foreach (var list in new[] { "models", "items" })
        {
            if (document.RootElement.ValueKind == JsonValueKind.Object && document.RootElement.TryGetProperty(list, out var items) && items.ValueKind == JsonValueKind.Array)
            {
                foreach (var item in items.EnumerateArray())
                {
                    if (item.ValueKind == JsonValueKind.Object && item.TryGetProperty("model", out var model) && model.ValueKind == JsonValueKind.String)
                    {
                        names.Add((model.GetString()!, item.TryGetProperty("canonical", out var canonical) && canonical.ValueKind == JsonValueKind.String ? canonical.GetString() : null));
                    }
                }
            }
        }

        return names;
    }

    /// <summary>
    /// Papers with a PTM-stage decision or human label that names one of <paramref name="keys"/> (as written or as its stored
    /// canonical). Every PTM-stage row is read (only papers with PTMs have them; a rare catalog edit, ~100k small JSON
    /// documents at the full corpus' scale), so spellings that share a key but not a word are found too.
    /// </summary>
    public static async Task<IReadOnlyList<long>> PapersNamingAsync(PtmReuseDbContext db, IReadOnlySet<string> keys, CancellationToken cancellationToken)
    {
        if (keys.Count == 0)
        {
            return [];
        }

        var papers = new HashSet<long>();
        var connection = db.Database.GetDbConnection();
        if (connection.State != System.Data.ConnectionState.Open)
        {
            await db.Database.OpenConnectionAsync(cancellationToken);
        }

        foreach (var table in new[] { "Decisions", "HumanLabels" })
        {
            await using var command = connection.CreateCommand();
            command.CommandText = $"""SELECT "PaperId", "ValueJson" FROM "{table}" WHERE "Stage" IN ('{string.Join("','", PtmStageWires)}') AND "ValueJson" IS NOT NULL AND "ValueJson" <> ''""";
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                var paperId = reader.GetInt64(0);
                if (!papers.Contains(paperId) && ModelNames(reader.GetString(1)).Any(n => keys.Contains(PtmCatalog.NormalizeKey(n.Model))
                        || (n.Canonical is { } canonical && keys.Contains(PtmCatalog.NormalizeKey(canonical)))))
                {
                    papers.Add(paperId);
                }
            }
        }

        return [.. papers.Order()];
    }
}
