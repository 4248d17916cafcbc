using System.Globalization;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using PtmReuse.Core.Storage;

namespace PtmReuse.Core.Classification.Catalog;

public enum ProposalVerdictKind
{
    /// <summary>Added to the catalog as a new model or as an alias of one (<see cref="ModelProposalVerdict.Canonical"/>).</summary>
    Accepted,

    /// <summary>Not a model's name (or not one to count): no longer listed.</summary>
    Rejected,
}

/// <summary>A reviewer's decision on a proposed model name: who, when, and what it became. Rows are only ever added.</summary>
public sealed class ModelProposalVerdict
{
    public long Id { get; set; }

    /// <summary>The name's catalog key (<see cref="PtmCatalog.NormalizeKey(ReadOnlySpan{char})"/>): every spelling that shares it.</summary>
    public string Key { get; set; } = "";

    /// <summary>The name as it was shown.</summary>
    public string Name { get; set; } = "";

    public ProposalVerdictKind Verdict { get; set; }
    public string Reviewer { get; set; } = "";
    public DateTime DecidedAt { get; set; }

    /// <summary>Accepted: the catalog model the name now resolves to (itself when added as a new model).</summary>
    public string? Canonical { get; set; }

    /// <summary>Accepted as an alias (true) or as a new model (false); null when rejected.</summary>
    public bool? AsAlias { get; set; }

    public string? Note { get; set; }
}

/// <summary>Where a proposal was seen: the sentence with the highest confidence, its paper and the decision to review.</summary>
public sealed record ModelProposalExample(long PaperId, string PaperTitle, long DecisionId, string? Quote, string? Use);

/// <summary>
/// A model name some run found that the catalog does not know, aggregated over every spelling with the same key:
/// how many papers and decisions name it, the best confidence any backend gave (null when none reports one), and an example.
/// </summary>
public sealed record ModelProposal(string Key, string Name, IReadOnlyList<string> Spellings, int Papers, int Decisions, double? BestConfidence,
    ModelProposalExample Example, IReadOnlyList<string> Backends);

/// <summary>
/// Proposed models: names the catalog does not know that classification runs found. A run proposes a name when its
/// identify_ptms answer lists a model with no canonical name (any backend: an LLM may name anything; the embedded
/// backend names unknown models it found from their context) or, when the answer carries one, a per-mention decision
/// ("mentions") with no canonical name. Confidence comes from the model item ("confidence"), the mention
/// ("name_confidence") or the decision. A reviewer accepts a name as a new catalog model or as an alias of one (written
/// through <see cref="PtmCatalogStore"/>, so it counts at once everywhere names are resolved at read time: exports,
/// the analytics projection, the papers list) or rejects it (stored with who and when; rejected names are not listed again).
/// </summary>
public sealed partial class ModelProposals(
    IDbContextFactory<PtmReuseDbContext> dbFactory,
    PtmCatalogStore catalog,
    TimeProvider clock,
    ILogger<ModelProposals> logger)
{
    private const int PageSize = 2_000;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private (string Signature, IReadOnlyList<ModelProposal> Proposals)? _cached;

    /// <summary>Every open proposal, most papers first (then best confidence, then name).</summary>
    public async Task<IReadOnlyList<ModelProposal>> ListAsync(CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        // Decisions, verdicts and catalog edits are all that change the list: reuse it while none of them changed.
        var signature = await db.Decisions.Where(d => d.Stage == IdentifyWire).CountAsync(cancellationToken) + ":"
            + await db.Decisions.Where(d => d.Stage == IdentifyWire).MaxAsync(d => (long?)d.Id, cancellationToken) + ":"
            + await db.ModelProposalVerdicts.MaxAsync(v => (long?)v.Id, cancellationToken) + ":" + catalog.Edits.Count.ToString(CultureInfo.InvariantCulture);
        if (_cached is { } cached && cached.Signature == signature)
        {
            return cached.Proposals;
        }

        await _gate.WaitAsync(cancellationToken);
        try
        {
            var proposals = await BuildAsync(db, cancellationToken);
            _cached = (signature, proposals);
            return proposals;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>The latest decided names (accepted and rejected), newest first.</summary>
    public async Task<IReadOnlyList<ModelProposalVerdict>> DecidedAsync(int take, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.ModelProposalVerdicts.AsNoTracking().OrderByDescending(v => v.Id).Take(take).ToListAsync(cancellationToken);
    }

    /// <summary>Adds <paramref name="name"/> to the catalog as a new model of the given kind, family and modality.</summary>
    public async Task AcceptAsModelAsync(string reviewer, string name, PtmKind kind, string? family, string? modality, CancellationToken cancellationToken)
    {
        var (trimmed, key) = RequireUnknown(reviewer, name);
        if (kind == PtmKind.Framework)
        {
            throw new InvalidOperationException($"'{trimmed}': a framework is never counted as a PTM; reject the name instead.");
        }

        await catalog.ApplyAsync(new CatalogEdit(CatalogEditKind.AddEntry, trimmed, NewKind: kind)
        {
            Family = family,
            Modality = modality,
            By = reviewer,
            Reason = $"proposed by a classification run; accepted by {reviewer}",
        }, cancellationToken);
        await RecordAsync(new ModelProposalVerdict { Key = key, Name = trimmed, Verdict = ProposalVerdictKind.Accepted, Reviewer = reviewer, Canonical = trimmed, AsAlias = false },
            cancellationToken);
        LogAccepted(reviewer, trimmed, trimmed, false);
    }

    /// <summary>Adds <paramref name="name"/> as an alias of the catalog model <paramref name="canonical"/>.</summary>
    public async Task AcceptAsAliasAsync(string reviewer, string name, string canonical, CancellationToken cancellationToken)
    {
        var (trimmed, key) = RequireUnknown(reviewer, name);
        var target = catalog.Current.Find(canonical.Trim()) ?? catalog.Current.Resolve(canonical)
            ?? throw new InvalidOperationException($"There is no catalog model named '{canonical.Trim()}' to add '{trimmed}' to.");
        await catalog.ApplyAsync(new CatalogEdit(CatalogEditKind.AddAlias, target.Canonical, Alias: trimmed) { By = reviewer, Reason = "accepted proposal" }, cancellationToken);
        await RecordAsync(new ModelProposalVerdict { Key = key, Name = trimmed, Verdict = ProposalVerdictKind.Accepted, Reviewer = reviewer, Canonical = target.Canonical, AsAlias = true },
            cancellationToken);
        LogAccepted(reviewer, trimmed, target.Canonical, true);
    }

    /// <summary>Records that <paramref name="name"/> is not a model to count; it is not proposed again.</summary>
    public async Task RejectAsync(string reviewer, string name, string? note, CancellationToken cancellationToken)
    {
        var (trimmed, key) = RequireUnknown(reviewer, name);
        await RecordAsync(new ModelProposalVerdict
        {
            Key = key,
            Name = trimmed,
            Verdict = ProposalVerdictKind.Rejected,
            Reviewer = reviewer,
            Note = string.IsNullOrWhiteSpace(note) ? null : note.Trim(),
        }, cancellationToken);
        LogRejected(reviewer, trimmed);
    }

    private const string IdentifyWire = "identify_ptms";

    private (string Name, string Key) RequireUnknown(string reviewer, string name)
    {
        if (string.IsNullOrWhiteSpace(reviewer))
        {
            throw new InvalidOperationException("Sign in as a reviewer to decide on proposed models.");
        }

        var trimmed = (name ?? "").Trim();
        var key = PtmCatalog.NormalizeKey(trimmed);
        if (key.Length == 0)
        {
            throw new InvalidOperationException($"'{trimmed}' has no letters or digits: not a model name.");
        }

        if (catalog.Current.Resolve(trimmed) is { } known)
        {
            throw new InvalidOperationException($"'{trimmed}' is already in the catalog (as {known.Canonical}).");
        }

        return (trimmed, key);
    }

    private async Task RecordAsync(ModelProposalVerdict verdict, CancellationToken cancellationToken)
    {
        verdict.DecidedAt = clock.GetUtcNow().UtcDateTime;
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        db.ModelProposalVerdicts.Add(verdict);
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>One sighting of an unknown name in a stored answer.</summary>
    private sealed record Sighting(string Key, string Name, long PaperId, long DecisionId, string Backend, double? Confidence, string? Quote, string? Use);

    private async Task<IReadOnlyList<ModelProposal>> BuildAsync(PtmReuseDbContext db, CancellationToken cancellationToken)
    {
        var current = catalog.Current;
        var rejected = (await db.ModelProposalVerdicts.AsNoTracking().OrderBy(v => v.Id).Select(v => new { v.Key, v.Verdict }).ToListAsync(cancellationToken))
            .GroupBy(v => v.Key).Where(g => g.Last().Verdict == ProposalVerdictKind.Rejected).Select(g => g.Key).ToHashSet(StringComparer.Ordinal);
        var sightings = new List<Sighting>();
        long after = 0;
        while (true)
        {
            // Keyset pages of identify_ptms answers; failed requests carry no answer.
            var page = await db.Decisions.AsNoTracking()
                .Where(d => d.Stage == IdentifyWire && d.ErrorKind == null && d.ValueJson != null && d.Id > after)
                .OrderBy(d => d.Id).Take(PageSize)
                .Select(d => new { d.Id, d.PaperId, d.Backend, d.Model, d.ValueJson, d.Confidence })
                .ToListAsync(cancellationToken);
            if (page.Count == 0)
            {
                break;
            }

            foreach (var decision in page)
            {
                foreach (var (name, confidence, quote, use) in UnknownNames(decision.ValueJson!, decision.Confidence))
                {
                    var key = PtmCatalog.NormalizeKey(name);
                    if (key.Length > 0 && !rejected.Contains(key) && current.Resolve(name) is null)
                    {
                        sightings.Add(new Sighting(key, name.Trim(), decision.PaperId, decision.Id, $"{decision.Backend}/{decision.Model}", confidence, quote, use));
                    }
                }
            }

            after = page[^1].Id;
        }

        var groups = sightings.GroupBy(s => s.Key).ToList();
        var examples = groups.ToDictionary(g => g.Key, g => g
            .OrderByDescending(s => s.Quote is not null).ThenByDescending(s => s.Confidence ?? -1).ThenBy(s => s.DecisionId).First());
        var paperIds = examples.Values.Select(e => e.PaperId).Distinct().ToList();
        var titles = new Dictionary<long, string>();
        foreach (var chunk in paperIds.Chunk(500))
        {
            foreach (var paper in await db.Papers.AsNoTracking().Where(p => chunk.Contains(p.Id)).Select(p => new { p.Id, p.Title }).ToListAsync(cancellationToken))
            {
                titles[paper.Id] = paper.Title;
            }
        }

        return groups.Select(g =>
            {
                var spellings = g.GroupBy(s => s.Name, StringComparer.Ordinal).OrderByDescending(s => s.Count()).ThenBy(s => s.Key, StringComparer.Ordinal).Select(s => s.Key).ToList();
                var example = examples[g.Key];
                return new ModelProposal(g.Key, spellings[0], spellings, g.Select(s => s.PaperId).Distinct().Count(), g.Select(s => s.DecisionId).Distinct().Count(),
                    g.Max(s => s.Confidence), new ModelProposalExample(example.PaperId, titles.GetValueOrDefault(example.PaperId, ""), example.DecisionId, example.Quote, example.Use),
                    g.Select(s => s.Backend).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList());
            })
            .OrderByDescending(p => p.Papers).ThenByDescending(p => p.BestConfidence ?? -1).ThenBy(p => p.Name, StringComparer.OrdinalIgnoreCase).ToList();
    }

    /// <summary>
    /// Names without a canonical in an identify_ptms answer's JSON: its "models" and, when present, its "mentions". Read as
    /// JSON rather than as the typed answer, so fields a backend adds (confidence, per-mention decisions) are used when
    /// there and nothing breaks when they are not.
    /// </summary>
    internal static IEnumerable<(string Name, double? Confidence, string? Quote, string? Use)> UnknownNames(string valueJson, double? decisionConfidence)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(valueJson);
        }
        catch (JsonException)
        {
            yield break;
        }

        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                yield break;
            }

            foreach (var (list, confidenceField, useField) in new[] { ("models", "confidence", (string?)null), ("mentions", "name_confidence", "use") })
            {
                if (!document.RootElement.TryGetProperty(list, out var items) || items.ValueKind != JsonValueKind.Array)
                {
                    continue;
                }

                foreach (var item in items.EnumerateArray())
                {
                    if (item.ValueKind != JsonValueKind.Object || !item.TryGetProperty("model", out var model) || model.ValueKind != JsonValueKind.String
                        || string.IsNullOrWhiteSpace(model.GetString())
                        || (item.TryGetProperty("canonical", out var canonical) && canonical.ValueKind == JsonValueKind.String && !string.IsNullOrWhiteSpace(canonical.GetString())))
                    {
                        continue;
                    }

                    var confidence = item.TryGetProperty(confidenceField, out var c) && c.ValueKind == JsonValueKind.Number ? c.GetDouble() : decisionConfidence;
                    var quote = item.TryGetProperty("evidence", out var evidence) && evidence.ValueKind == JsonValueKind.Object
                        && evidence.TryGetProperty("quote", out var q) && q.ValueKind == JsonValueKind.String && !string.IsNullOrWhiteSpace(q.GetString())
                        ? q.GetString() : null;
                    var use = useField is not null && item.TryGetProperty(useField, out var u) && u.ValueKind == JsonValueKind.String ? u.GetString() : list == "models" ? "used" : null;
                    yield return (model.GetString()!, confidence, quote, use);
                }
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "{Reviewer} accepted proposed model {Name} as {Canonical} (alias: {AsAlias})")]
    private partial void LogAccepted(string reviewer, string name, string canonical, bool asAlias);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Reviewer} rejected proposed model {Name}")]
    private partial void LogRejected(string reviewer, string name);
}
