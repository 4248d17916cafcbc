using System.Diagnostics;
using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PtmReuse.Core.Coordination;
using PtmReuse.Core.Fields;
using PtmReuse.Core.Ingest;
using PtmReuse.Core.Storage;

namespace PtmReuse.Core.Acquire;

/// <summary>A harvest's live figures.</summary>
public sealed record HarvestProgress(long HarvestId, HarvestStatus Status, int? Expected, int? Limit, int Pages, int WorksSeen, int Added, int Updated, int Failed, TimeSpan Elapsed);

/// <summary>
/// Harvests OpenAlex works with cursor paging. Each page's works are kept as a JSON Lines file under the acquire folder
/// and ingested through <see cref="IPaperIngestor"/> (the same parser and DOI merge as `ingest` of OpenAlex JSON); only
/// then is the page's next cursor saved on the <see cref="Harvest"/> row. A kill before that save repeats the page on
/// resume: its file is skipped as unchanged or its works merge onto the stored papers (no duplicate), and no page is
/// skipped (no gap).
/// </summary>
public sealed partial class OpenAlexHarvester(
    IHttpClientFactory httpClients,
    IDbContextFactory<PtmReuseDbContext> dbFactory,
    IPaperIngestor ingestor,
    IOptions<IngestOptions> ingestOptions,
    AcquireFolder folder,
    IOptions<AcquireOptions> options,
    IOptions<FieldOptions> fields,
    IWorkLeases leases,
    ILogger<OpenAlexHarvester> logger)
{
    private AcquireOptions Settings => options.Value;

    private IReadOnlyList<string> NaturalScience => fields.Value.NaturalScienceFields;

    /// <summary>How many works OpenAlex has for the query (its meta.count), from a one-work page.</summary>
    public async Task<int> CountAsync(OpenAlexQuery query, CancellationToken cancellationToken)
    {
        query = await ResolveSourcesAsync(query, cancellationToken);
        using var page = await GetJsonAsync(query.PageUrl(Settings.OpenAlexBaseUrl, NaturalScience, "*", 1, Settings.Mailto), cancellationToken);
        return ReadMeta(page.RootElement, "count")?.GetInt32() ?? 0;
    }

    /// <summary>Stores a new harvest (sources resolved to OpenAlex ids) without running it.</summary>
    public async Task<Harvest> CreateAsync(OpenAlexQuery query, string origin, CancellationToken cancellationToken)
    {
        query.ResolveFields(NaturalScience);
        query = await ResolveSourcesAsync(query, cancellationToken);
        var harvest = new Harvest
        {
            QueryJson = query.ToJson(),
            Description = query.Describe(NaturalScience),
            Origin = origin,
            StartedAt = DateTime.UtcNow,
            Status = HarvestStatus.Pending,
            Limit = query.Limit,
        };
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        db.Harvests.Add(harvest);
        await db.SaveChangesAsync(cancellationToken);
        return harvest;
    }

    public async Task<Harvest> HarvestAsync(OpenAlexQuery query, string origin, IProgress<HarvestProgress>? progress, CancellationToken cancellationToken)
    {
        var harvest = await CreateAsync(query, origin, cancellationToken);
        return await RunAsync(harvest.Id, progress, cancellationToken);
    }

    /// <summary>
    /// Runs (or resumes) a harvest from its saved cursor until the last page or the limit. Cancellation stops after
    /// the page in hand and marks it Cancelled; a service that keeps failing marks it Failed with the reason.
    /// </summary>
    /// <param name="claimed">The harvest's lease when the caller already holds it (a takeover); otherwise it is claimed here.</param>
    public async Task<Harvest> RunAsync(long harvestId, IProgress<HarvestProgress>? progress, CancellationToken callerToken, IWorkLease? claimed = null)
    {
        // Held while this process works on the harvest, so a kill leaves it for the start-up sweep to mark Interrupted
        // (or, on a shared database, for another instance to take over); the work stops if the lease is lost.
        await using var lease = claimed ?? await leases.AcquireOrThrowAsync(HarvestWork.Kind, harvestId, callerToken);
        using var work = CancellationTokenSource.CreateLinkedTokenSource(callerToken, lease.Lost);
        var cancellationToken = work.Token;
        var clock = Stopwatch.StartNew();
        Harvest harvest;
        await using (var db = await dbFactory.CreateDbContextAsync(cancellationToken))
        {
            harvest = await db.Harvests.FirstOrDefaultAsync(h => h.Id == harvestId, cancellationToken)
                ?? throw new ArgumentException($"There is no harvest {harvestId}.");
            if (harvest.Status == HarvestStatus.Completed)
            {
                return harvest;
            }

            harvest.Status = HarvestStatus.Running;
            harvest.FinishedAt = null;
            harvest.LastError = null;
            await db.SaveChangesAsync(cancellationToken);
        }

        var query = OpenAlexQuery.FromJson(harvest.QueryJson);
        LogStarted(harvest.Id, harvest.Description, harvest.NextCursor is null ? "start" : "saved cursor");
        void Report() => progress?.Report(new HarvestProgress(harvest.Id, harvest.Status, harvest.ExpectedCount, harvest.Limit, harvest.Pages,
            harvest.WorksSeen, harvest.Added, harvest.Updated, harvest.Failed, clock.Elapsed));
        Report();
        try
        {
            var cursor = harvest.NextCursor ?? "*";
            while (true)
            {
                var remaining = harvest.Limit is { } limit ? limit - harvest.WorksSeen : int.MaxValue;
                if (remaining <= 0)
                {
                    break;
                }

                var perPage = Math.Min(Settings.PageSize, remaining);
                var url = query.PageUrl(Settings.OpenAlexBaseUrl, NaturalScience, cursor, perPage, Settings.Mailto);
                using var page = await GetJsonAsync(url, cancellationToken);
                var root = page.RootElement;
                if (!root.TryGetProperty("results", out var results) || results.ValueKind != JsonValueKind.Array)
                {
                    throw new HarvestException($"{Redact(url)} answered JSON without a \"results\" list; is Acquire:OpenAlexBaseUrl an OpenAlex API?");
                }

                var works = results.EnumerateArray().Where(w => w.ValueKind == JsonValueKind.Object).Take(remaining).ToList();
                var next = ReadMeta(root, "next_cursor") is { ValueKind: JsonValueKind.String } n ? n.GetString() : null;
                var summary = await IngestWorksAsync(harvest, works, cancellationToken);

                harvest.ExpectedCount ??= ReadMeta(root, "count")?.GetInt32();
                // OpenAlex ends a cursor walk with an empty page; that is no page of works.
                harvest.Pages += works.Count > 0 ? 1 : 0;
                harvest.WorksSeen += works.Count;
                harvest.Added += summary?.Added ?? 0;
                harvest.Updated += summary?.Updated ?? 0;
                harvest.Failed += summary?.Failed ?? 0;
                // The ingestor counts an unchanged file once; the harvest counts works.
                harvest.Unchanged += summary is null ? 0 : Math.Max(0, works.Count - summary.Added - summary.Updated - summary.Failed);
                // A short page is the last one: no need to ask for the empty page OpenAlex would end with.
                harvest.NextCursor = works.Count < perPage ? null : next;
                // Only now, with the page's works committed, does the harvest move past the page.
                await SaveAsync(harvest, CancellationToken.None);
                Report();
                if (harvest.NextCursor is null)
                {
                    break;
                }

                cursor = harvest.NextCursor;
                cancellationToken.ThrowIfCancellationRequested();
            }

            harvest.Status = HarvestStatus.Completed;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            harvest.Status = HarvestStatus.Cancelled;
        }
        catch (Exception ex) when (ex is HarvestException or HttpRequestException or ResponseTooLargeException or Polly.Timeout.TimeoutRejectedException or JsonException)
        {
            harvest.Status = HarvestStatus.Failed;
            harvest.LastError = ex.Message;
            LogFailed(ex, harvest.Id, ex.Message);
        }

        harvest.FinishedAt = DateTime.UtcNow;
        await SaveAsync(harvest, CancellationToken.None);
        Report();
        LogFinished(harvest.Id, harvest.Status, harvest.Pages, harvest.WorksSeen, harvest.Added, harvest.Updated, harvest.Failed);
        return harvest;
    }

    public async Task<IReadOnlyList<Harvest>> ListAsync(int take, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.Harvests.AsNoTracking().OrderByDescending(h => h.Id).Take(take).ToListAsync(cancellationToken);
    }

    public async Task<Harvest?> GetAsync(long harvestId, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.Harvests.AsNoTracking().FirstOrDefaultAsync(h => h.Id == harvestId, cancellationToken);
    }

    /// <summary>
    /// Keeps the page's works as JSON Lines files of at most <see cref="IngestOptions.BatchSize"/> works and ingests them
    /// as one batch. The ingestor commits a file of that size in one transaction together with the file's hash, so each
    /// file is all in or all out: a repeated page is skipped as unchanged or merged by DOI, never half-present.
    /// </summary>
    private async Task<IngestSummary?> IngestWorksAsync(Harvest harvest, List<JsonElement> works, CancellationToken cancellationToken)
    {
        if (works.Count == 0)
        {
            return null;
        }

        var inputs = new List<IngestInput>();
        var part = 0;
        foreach (var chunk in works.Chunk(Math.Max(1, ingestOptions.Value.BatchSize)))
        {
            var relative = Path.Combine("openalex", "pages", $"harvest-{harvest.Id}-page-{harvest.Pages + 1:D5}-{++part}.jsonl");
            await folder.WriteAsync(relative, PageFile(chunk), cancellationToken);
            inputs.Add(IngestInput.FromPath(folder.Full(relative)));
        }

        return await ingestor.IngestAsync(inputs, $"harvest {harvest.Id}", null, cancellationToken);
    }

    /// <summary>Works as OpenAlex sent them, one a line.</summary>
    internal static byte[] PageFile(IEnumerable<JsonElement> works) =>
        Encoding.UTF8.GetBytes(string.Join('\n', works.Select(w => w.GetRawText())) + "\n");

    private async Task<OpenAlexQuery> ResolveSourcesAsync(OpenAlexQuery query, CancellationToken cancellationToken)
    {
        if (query.Sources.Count == 0 || query.SourceIds is not null)
        {
            return query;
        }

        var ids = new List<string>();
        foreach (var source in query.Sources.Select(s => s.Trim()).Where(s => s.Length > 0))
        {
            if (SourceId().IsMatch(source))
            {
                ids.Add(source.ToUpperInvariant());
                continue;
            }

            var url = new StringBuilder(Settings.OpenAlexBaseUrl.TrimEnd('/'));
            url.Append(Issn().IsMatch(source) ? "/sources?filter=issn:" : "/sources?search=").Append(Uri.EscapeDataString(source)).Append("&per-page=1");
            OpenAlexQuery.AppendMailto(url, Settings.Mailto);
            using var found = await GetJsonAsync(new Uri(url.ToString()), cancellationToken);
            var first = found.RootElement.TryGetProperty("results", out var results) && results.ValueKind == JsonValueKind.Array
                ? results.EnumerateArray().FirstOrDefault() : default;
            var id = first.ValueKind == JsonValueKind.Object && first.TryGetProperty("id", out var value) ? value.GetString() : null;
            ids.Add(id?.Replace("https://openalex.org/", "", StringComparison.OrdinalIgnoreCase)
                ?? throw new ArgumentException($"OpenAlex knows no source called '{source}'."));
        }

        return query with { SourceIds = ids };
    }

    private async Task<JsonDocument> GetJsonAsync(Uri url, CancellationToken cancellationToken)
    {
        var http = httpClients.CreateClient(AcquireHttpClients.ClientName);
        using var response = await http.GetAsync(url, cancellationToken);
        var body = await response.Content.ReadAsByteArrayAsync(cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            var detail = Encoding.UTF8.GetString(body.AsSpan(0, Math.Min(body.Length, 300)));
            throw new HarvestException($"OpenAlex answered {(int)response.StatusCode} {response.ReasonPhrase} to {Redact(url)}: {detail}");
        }

        try
        {
            return JsonDocument.Parse(body);
        }
        catch (JsonException ex)
        {
            throw new HarvestException($"OpenAlex's answer to {Redact(url)} is not valid JSON ({body.Length} bytes): {ex.Message}");
        }
    }

    private static JsonElement? ReadMeta(JsonElement root, string name) =>
        root.TryGetProperty("meta", out var meta) && meta.ValueKind == JsonValueKind.Object && meta.TryGetProperty(name, out var value)
            && value.ValueKind is not JsonValueKind.Null ? value : null;

    /// <summary>The URL without the mailto address, for messages and logs.</summary>
    private static string Redact(Uri url) => MailtoParameter().Replace(url.ToString(), "");

    private async Task SaveAsync(Harvest harvest, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        db.Harvests.Update(harvest);
        await db.SaveChangesAsync(cancellationToken);
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"^[Ss]\d+$")]
    private static partial System.Text.RegularExpressions.Regex SourceId();

    [System.Text.RegularExpressions.GeneratedRegex(@"^\d{4}-\d{3}[\dXx]$")]
    private static partial System.Text.RegularExpressions.Regex Issn();

    [System.Text.RegularExpressions.GeneratedRegex(@"&mailto=[^&]*")]
    private static partial System.Text.RegularExpressions.Regex MailtoParameter();

    [LoggerMessage(Level = LogLevel.Information, Message = "Harvest {HarvestId} started ({From}): {Query}")]
    private partial void LogStarted(long harvestId, string query, string from);

    [LoggerMessage(Level = LogLevel.Information, Message = "Harvest {HarvestId} {Status}: {Pages} pages, {Works} works, {Added} added, {Updated} updated, {Failed} failed")]
    private partial void LogFinished(long harvestId, HarvestStatus status, int pages, int works, int added, int updated, int failed);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Harvest {HarvestId} failed: {Reason}")]
    private partial void LogFailed(Exception exception, long harvestId, string reason);
}

/// <summary>OpenAlex answered something a harvest cannot use; the message names the URL (without mailto) and the problem.</summary>
public sealed class HarvestException(string message) : Exception(message);
