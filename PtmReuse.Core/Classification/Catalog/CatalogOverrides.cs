namespace PtmReuse.Core.Classification.Catalog;

/// <summary>A user edit of the shipped catalog. Edits are replayed in order on top of ptm-catalog.json.</summary>
public sealed record CatalogEdit(
    CatalogEditKind Kind,
    string Canonical,
    string? Alias = null,
    string? Into = null,
    string? NewCanonical = null,
    IReadOnlyList<string>? MovedAliases = null,
    PtmKind? NewKind = null,
    DateTime? At = null)
{
    /// <summary>For <see cref="CatalogEditKind.AddEntry"/>: the new model's family (e.g. "YOLO") and modality (e.g. "vision").</summary>
    public string? Family { get; init; }

    public string? Modality { get; init; }

    /// <summary>Who made the edit (a reviewer's name), and why: e.g. "proposed by run 3 (fake/test-model)".</summary>
    public string? By { get; init; }

    public string? Reason { get; init; }
}

public enum CatalogEditKind
{
    /// <summary>Add <see cref="CatalogEdit.Alias"/> to <see cref="CatalogEdit.Canonical"/>.</summary>
    AddAlias,

    /// <summary>Merge <see cref="CatalogEdit.Canonical"/> into <see cref="CatalogEdit.Into"/>: its names become aliases there.</summary>
    Merge,

    /// <summary>Split <see cref="CatalogEdit.NewCanonical"/> (with <see cref="CatalogEdit.MovedAliases"/>) off <see cref="CatalogEdit.Canonical"/>.</summary>
    Split,

    /// <summary>A new model <see cref="CatalogEdit.Canonical"/> of kind <see cref="CatalogEdit.NewKind"/> (an accepted proposal).</summary>
    AddEntry,
}

/// <summary>The overrides file: <c>{"format":"ptm-catalog-overrides","version":1,"edits":[...]}</c>.</summary>
public sealed record CatalogOverridesFile(string Format, int Version, IReadOnlyList<CatalogEdit> Edits)
{
    public const string FormatName = "ptm-catalog-overrides";

    /// <summary>
    /// Applies edits in order; an edit that names an unknown model is an error naming that edit. An edit saved against
    /// an older catalog whose canonical name has since become an alias (or changed spelling) applies to the entry that
    /// now carries that name, so old overrides keep working when the shipped catalog is regenerated.
    /// </summary>
    public static IReadOnlyList<CatalogEntry> Apply(IReadOnlyList<CatalogEntry> shipped, IEnumerable<CatalogEdit> edits)
    {
        var entries = shipped.ToList();
        foreach (var edit in edits)
        {
            if (edit.Kind == CatalogEditKind.AddEntry)
            {
                entries.Add(NewEntry(entries, edit));
                continue;
            }

            var index = IndexOf(entries, edit.Canonical);
            if (index < 0)
            {
                throw new InvalidOperationException($"Catalog edit {edit.Kind}: no model named '{edit.Canonical}'.");
            }

            var entry = entries[index];
            switch (edit.Kind)
            {
                case CatalogEditKind.AddAlias:
                    var alias = Require(edit.Alias, edit, "alias");
                    if (!entry.AllNames().Contains(alias, StringComparer.OrdinalIgnoreCase))
                    {
                        entries[index] = entry with { Aliases = [.. entry.Aliases, alias] };
                    }

                    break;
                case CatalogEditKind.Merge:
                    var intoName = Require(edit.Into, edit, "into");
                    var into = IndexOf(entries, intoName);
                    if (into < 0 || into == index)
                    {
                        throw new InvalidOperationException($"Catalog edit Merge: no other model named '{intoName}'.");
                    }

                    var target = entries[into];
                    entries[into] = target with
                    {
                        Aliases = [.. target.Aliases, .. entry.AllNames().Where(n => !target.AllNames().Contains(n, StringComparer.OrdinalIgnoreCase))],
                        Guards = [.. target.Guards ?? [], .. entry.Guards ?? []],
                    };
                    entries.RemoveAt(index);
                    break;
                case CatalogEditKind.Split:
                    var newName = Require(edit.NewCanonical, edit, "new canonical");
                    if (entries.Any(e => e.AllNames().Contains(newName, StringComparer.OrdinalIgnoreCase) && e != entry))
                    {
                        throw new InvalidOperationException($"Catalog edit Split: '{newName}' already names another model.");
                    }

                    var moved = (edit.MovedAliases ?? []).Where(a => entry.Aliases.Contains(a, StringComparer.OrdinalIgnoreCase)).ToList();
                    entries[index] = entry with
                    {
                        Aliases = entry.Aliases.Where(a => !moved.Contains(a, StringComparer.OrdinalIgnoreCase) && !string.Equals(a, newName, StringComparison.OrdinalIgnoreCase)).ToList(),
                        Guards = entry.Guards?.Where(g => !moved.Contains(g.Alias, StringComparer.OrdinalIgnoreCase)).ToList(),
                    };
                    entries.Add(entry with
                    {
                        Id = entries.Max(e => e.Id) + 1,
                        Canonical = newName,
                        Aliases = moved,
                        Kind = edit.NewKind ?? entry.Kind,
                        Guards = entry.Guards?.Where(g => moved.Contains(g.Alias, StringComparer.OrdinalIgnoreCase)).ToList(),
                        Provenance = new CatalogProvenance(CatalogProvenance.Override, Reference: $"split from {entry.Canonical}"),
                        Wraps = null,
                    });
                    break;
                default:
                    throw new InvalidOperationException($"Unknown catalog edit kind {edit.Kind}.");
            }
        }

        return entries;
    }

    private static CatalogEntry NewEntry(List<CatalogEntry> entries, CatalogEdit edit)
    {
        var name = Require(edit.Canonical, edit, "name");
        if (PtmCatalog.NormalizeKey(name).Length == 0)
        {
            throw new InvalidOperationException($"Catalog edit AddEntry: '{name}' has no letters or digits.");
        }

        var taken = IndexOf(entries, name);
        if (taken >= 0)
        {
            throw new InvalidOperationException($"Catalog edit AddEntry: '{name}' already names '{entries[taken].Canonical}'.");
        }

        return new CatalogEntry(
            Id: entries.Count == 0 ? 1 : entries.Max(e => e.Id) + 1,
            Canonical: name,
            Aliases: [],
            Family: string.IsNullOrWhiteSpace(edit.Family) ? name : edit.Family.Trim(),
            Modality: string.IsNullOrWhiteSpace(edit.Modality) ? "general" : edit.Modality.Trim(),
            Organisation: null,
            Year: null,
            Kind: edit.NewKind ?? PtmKind.TrainedModel,
            Provenance: new CatalogProvenance(CatalogProvenance.Override, Reference: edit.Reason ?? (edit.By is null ? "added on /catalog" : $"added by {edit.By}")));
    }

    private static int IndexOf(List<CatalogEntry> entries, string name)
    {
        var exact = entries.FindIndex(e => string.Equals(e.Canonical, name, StringComparison.OrdinalIgnoreCase));
        if (exact >= 0)
        {
            return exact;
        }

        var key = PtmCatalog.NormalizeKey(name);
        return key.Length == 0 ? -1 : entries.FindIndex(e => e.AllNames().Any(n => PtmCatalog.NormalizeKey(n) == key));
    }

    private static string Require(string? value, CatalogEdit edit, string what) =>
        string.IsNullOrWhiteSpace(value) ? throw new InvalidOperationException($"Catalog edit {edit.Kind} of '{edit.Canonical}' needs a {what}.") : value.Trim();
}
