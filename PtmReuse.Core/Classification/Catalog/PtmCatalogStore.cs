using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PtmReuse.Core.Storage;

namespace PtmReuse.Core.Classification.Catalog;

/// <summary>Where user edits of the catalog are kept. Bound from "Classification:Catalog".</summary>
public sealed class CatalogOptions
{
    public const string Section = "Classification:Catalog";

    /// <summary>Overrides file; default: ptm-catalog.overrides.json beside the database.</summary>
    public string? OverridesPath { get; set; }
}

/// <summary>
/// The live catalog: the shipped ptm-catalog.json with the user's edits (add alias, merge, split) replayed on top. Edits
/// are appended to a JSON overrides file beside the database (written atomically) and take effect at once: everything
/// that canonicalises through <see cref="IPtmCatalog"/> (counts, charts, the embedded backend) follows the change.
/// </summary>
public sealed partial class PtmCatalogStore : IPtmCatalog, IPtmCatalogSource, ICatalogHistory
{
    private readonly IReadOnlyList<CatalogEntry> _shipped;
    private readonly string _overridesPath;
    private readonly ILogger<PtmCatalogStore> _logger;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private List<CatalogEdit> _edits;
    private PtmCatalog _current;

    public PtmCatalogStore(IOptions<CatalogOptions> options, IOptions<StorageOptions> storage, ILogger<PtmCatalogStore> logger)
    {
        _logger = logger;
        _shipped = CatalogFile.LoadEmbedded().Models;
        _overridesPath = Path.GetFullPath(options.Value.OverridesPath
            ?? Path.Combine(Path.GetDirectoryName(Path.GetFullPath(storage.Value.DatabasePath)) ?? ".", "ptm-catalog.overrides.json"));
        _edits = ReadEdits(_overridesPath);
        _current = new PtmCatalog(CatalogOverridesFile.Apply(_shipped, _edits));
    }

    public event Action? Changed;

    public PtmCatalog Current => _current;

    public IReadOnlyList<CatalogEdit> Edits => _edits;

    public string OverridesPath => _overridesPath;

    public IReadOnlyList<PtmModel> Models => _current.Models;

    public string? Canonicalize(string mention) => _current.Canonicalize(mention);

    public Task AddAliasAsync(string canonical, string alias, CancellationToken cancellationToken) =>
        ApplyAsync(new CatalogEdit(CatalogEditKind.AddAlias, canonical, Alias: alias), cancellationToken);

    public Task MergeAsync(string canonical, string into, CancellationToken cancellationToken) =>
        ApplyAsync(new CatalogEdit(CatalogEditKind.Merge, canonical, Into: into), cancellationToken);

    public Task SplitAsync(string canonical, string newCanonical, IReadOnlyList<string> movedAliases, PtmKind? newKind, CancellationToken cancellationToken) =>
        ApplyAsync(new CatalogEdit(CatalogEditKind.Split, canonical, NewCanonical: newCanonical, MovedAliases: movedAliases, NewKind: newKind), cancellationToken);

    /// <summary>The shipped catalog alone (no user edits).</summary>
    public IReadOnlyList<CatalogEntry> Shipped => _shipped;

    /// <summary>The catalog as it was after the first <paramref name="editCount"/> edits (0: the shipped catalog).</summary>
    public PtmCatalog After(int editCount) => new(CatalogOverridesFile.Apply(_shipped, _edits.Take(editCount)));

    /// <summary>Validates an edit against the current catalog, persists it, and swaps in the new catalog.</summary>
    public async Task ApplyAsync(CatalogEdit edit, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            var edits = _edits.Append(edit with { At = edit.At ?? DateTime.UtcNow }).ToList();
            // Building the catalog checks the edit (unknown names, clashing aliases) before anything is written.
            var catalog = new PtmCatalog(CatalogOverridesFile.Apply(_shipped, edits));
            Directory.CreateDirectory(Path.GetDirectoryName(_overridesPath)!);
            var temporary = _overridesPath + ".tmp";
            await using (var stream = File.Create(temporary))
            {
                await JsonSerializer.SerializeAsync(stream, new CatalogOverridesFile(CatalogOverridesFile.FormatName, 1, edits), CatalogFile.JsonOptions, cancellationToken);
            }

            File.Move(temporary, _overridesPath, overwrite: true);
            _edits = edits;
            _current = catalog;
            LogEdit(edit.Kind, edit.Canonical, _overridesPath);
        }
        finally
        {
            _gate.Release();
        }

        Changed?.Invoke();
    }

    private static List<CatalogEdit> ReadEdits(string path)
    {
        if (!File.Exists(path))
        {
            return [];
        }

        try
        {
            var file = JsonSerializer.Deserialize<CatalogOverridesFile>(File.ReadAllText(path), CatalogFile.JsonOptions);
            if (file is null || file.Format != CatalogOverridesFile.FormatName)
            {
                throw new InvalidDataException($"{path}: expected {{\"format\":\"{CatalogOverridesFile.FormatName}\",\"version\":1,\"edits\":[...]}}.");
            }

            return [.. file.Edits ?? []];
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{path}: not a valid catalog overrides file ({e.Message}).", e);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Catalog edit {Kind} of {Canonical} saved to {Path}")]
    private partial void LogEdit(CatalogEditKind kind, string canonical, string path);
}
