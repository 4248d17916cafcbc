using System.Diagnostics;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Xml;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PtmReuse.Core.Coordination;
using PtmReuse.Core.Ingest;
using PtmReuse.Core.Papers;
using PtmReuse.Core.Storage;

namespace PtmReuse.Core.Acquire;

/// <summary>What a fetch covers: how many papers at most, and whether non-open licences and earlier failures are tried.</summary>
public sealed record FetchRequest(int? Limit = null, bool IncludeNonOpen = false, bool RetryFailed = false);

public sealed record FetchProgress(int Done, int Total, int Fetched, int Failed, int NotOpen, string? Current, TimeSpan Elapsed);

public sealed record FetchSummary(int Total, int Fetched, int Failed, int NotOpen, TimeSpan Elapsed, IReadOnlyList<string> Errors);

/// <summary>
/// Fetches open full text for papers that have metadata but no text (harvested from OpenAlex). Sources are tried in
/// <see cref="FullTextSources"/>' order; the first JATS (or PDF) file wins, is kept under the acquire folder with its
/// source URL, licence and SHA-256, and is ingested through <see cref="IPaperIngestor"/> (shared parsing and safety
/// limits; the DOI merge puts the text on the harvested paper). Papers go a chunk at a time; each chunk's outcomes are
/// stored after its ingest, so a kill loses at most the chunk in hand and a rerun continues with the papers left.
/// A paper whose licence is not open is never fetched unless asked for; failures are stored per paper (and as ingest
/// errors, where the dashboard lists errors) with the reason of every source tried.
/// </summary>
public sealed partial class FullTextFetcher(
    IHttpClientFactory httpClients,
    IDbContextFactory<PtmReuseDbContext> dbFactory,
    IPaperIngestor ingestor,
    AcquireFolder folder,
    IOptions<AcquireOptions> options,
    Coordination.IWorkLeases leases,
    ILogger<FullTextFetcher> logger)
{
    public const string Origin = "fetch-fulltext";

    private AcquireOptions Settings => options.Value;

    /// <summary>Papers a fetch would try now.</summary>
    public async Task<int> CountPendingAsync(FetchRequest request, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var count = await Pending(db, request).CountAsync(cancellationToken);
        return request.Limit is { } limit ? Math.Min(limit, count) : count;
    }

    /// <summary>
    /// Fetches the papers still without text. One fetch at a time across instances (it claims
    /// <see cref="Coordination.WorkKinds.FullTextFetch"/>), since two would work through the same papers; a dead instance's
    /// claim expires and the next fetch goes on with the rest.
    /// </summary>
    public async Task<FetchSummary> FetchAsync(FetchRequest request, IProgress<FetchProgress>? progress, CancellationToken callerToken)
    {
        await using var lease = await leases.AcquireOrThrowAsync(Coordination.WorkKinds.FullTextFetch, 0, callerToken);
        using var work = CancellationTokenSource.CreateLinkedTokenSource(callerToken, lease.Lost);
        var cancellationToken = work.Token;
        var clock = Stopwatch.StartNew();
        var total = await CountPendingAsync(request, cancellationToken);
        var run = new RunState(total, progress, clock);
        // Small chunks: a kill loses at most one chunk's downloads, and each chunk's files are ingested as one batch.
        var chunkSize = Math.Max(4, Settings.FullTextConcurrency * 2);
        var includeNonOpen = request.IncludeNonOpen || Settings.FetchNonOpenLicences;
        long afterId = 0;
        LogStarted(total);
        try
        {
            while (run.Done < total)
            {
                List<PaperRow> chunk;
                await using (var db = await dbFactory.CreateDbContextAsync(cancellationToken))
                {
                    chunk = await Pending(db, request).Where(p => p.Id > afterId).OrderBy(p => p.Id).Take(Math.Min(chunkSize, total - run.Done))
                        .Select(p => new PaperRow(p.Id, p.Doi!, p.Licence)).ToListAsync(cancellationToken);
                }

                if (chunk.Count == 0)
                {
                    break;
                }

                afterId = chunk[^1].Id;
                var outcomes = new Outcome[chunk.Count];
                await Parallel.ForEachAsync(Enumerable.Range(0, chunk.Count),
                    new ParallelOptions { MaxDegreeOfParallelism = Settings.FullTextConcurrency, CancellationToken = cancellationToken },
                    async (i, token) => outcomes[i] = await FetchOneAsync(chunk[i], includeNonOpen, token));
                await IngestAndRecordAsync(chunk, outcomes, run, cancellationToken);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            LogCancelled(run.Done, total);
            throw;
        }

        LogFinished(run.Fetched, run.Failed, run.NotOpen, clock.Elapsed.TotalSeconds);
        return new FetchSummary(total, run.Fetched, run.Failed, run.NotOpen, clock.Elapsed, run.Errors);
    }

    /// <summary>The stored outcome for a paper, if it was tried.</summary>
    public async Task<FullTextFile?> GetAsync(long paperId, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.FullTextFiles.AsNoTracking().FirstOrDefaultAsync(f => f.PaperId == paperId, cancellationToken);
    }

    /// <summary>Counts of stored outcomes by status, for the page.</summary>
    public async Task<IReadOnlyDictionary<FullTextStatus, int>> CountsAsync(CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.FullTextFiles.GroupBy(f => f.Status).Select(g => new { g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Key, g => g.Count, cancellationToken);
    }

    private static IQueryable<Paper> Pending(PtmReuseDbContext db, FetchRequest request) =>
        db.Papers.Where(p => p.SourceFormat == SourceFormat.OpenAlex && p.Doi != null
            && !db.FullTextFiles.Any(f => f.PaperId == p.Id && (f.Status == FullTextStatus.Fetched || !request.RetryFailed)));

    private sealed record PaperRow(long Id, string Doi, string? Licence);

    /// <summary>A fetched file (not yet ingested), or why the paper has none.</summary>
    private sealed record Outcome(FullTextStatus Status, FullTextCandidate? Candidate, string? Licence, string? RelativePath, string? Sha256, long Bytes, string? Error);

    private async Task<Outcome> FetchOneAsync(PaperRow paper, bool includeNonOpen, CancellationToken cancellationToken)
    {
        var problems = new List<string>();
        var http = httpClients.CreateClient(AcquireHttpClients.ClientName);
        await foreach (var candidate in CandidatesAsync(http, paper, problems, cancellationToken))
        {
            var licence = candidate.Licence ?? paper.Licence;
            if (!includeNonOpen && !Licences.IsOpen(licence))
            {
                return new Outcome(FullTextStatus.NotOpen, candidate, licence, null, null, 0,
                    $"{paper.Doi}: not fetched, its licence is {(licence is null ? "not known" : $"'{licence}'")}, not an open one (fetch-fulltext --include-non-open fetches it anyway)");
            }

            byte[] body;
            try
            {
                using var response = await http.GetAsync(candidate.Url, cancellationToken);
                if (!response.IsSuccessStatusCode)
                {
                    problems.Add($"{candidate.Source}: {(int)response.StatusCode} {response.ReasonPhrase} at {candidate.Url}");
                    continue;
                }

                body = await response.Content.ReadAsByteArrayAsync(cancellationToken);
            }
            catch (Exception ex) when (ex is HttpRequestException or ResponseTooLargeException or Polly.Timeout.TimeoutRejectedException)
            {
                problems.Add($"{candidate.Source}: {ex.Message} at {candidate.Url}");
                continue;
            }

            var problem = candidate.IsPdf ? CheckPdf(body) : CheckJats(body);
            if (problem is not null)
            {
                problems.Add($"{candidate.Source}: {problem} at {candidate.Url}");
                continue;
            }

            var relative = Path.Combine("fulltext", candidate.Source, AcquireFolder.SafeName(paper.Doi) + (candidate.IsPdf ? ".pdf" : ".xml"));
            var sha = await folder.WriteAsync(relative, body, cancellationToken);
            return new Outcome(FullTextStatus.Fetched, candidate, licence, relative, sha, body.Length, null);
        }

        return new Outcome(FullTextStatus.Failed, null, paper.Licence, null, null, 0,
            $"{paper.Doi}: no open full text found ({(problems.Count == 0 ? "no source covers this DOI" : string.Join("; ", problems))})");
    }

    /// <summary>The sources for one DOI, looked up lazily: a later source is asked only when the earlier ones gave nothing.</summary>
    private async IAsyncEnumerable<FullTextCandidate> CandidatesAsync(HttpClient http, PaperRow paper, List<string> problems,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        if (FullTextSources.PlosUrl(Settings.PlosBaseUrl, paper.Doi) is { } plos)
        {
            // PLOS publishes every article under CC BY (a few under CC0).
            yield return new FullTextCandidate("plos", plos, paper.Licence ?? "CC BY");
        }

        using (var search = await GetJsonAsync(http, FullTextSources.EuropePmcSearchUrl(Settings.EuropePmcBaseUrl, paper.Doi), "europepmc", problems, cancellationToken))
        {
            if (search is not null)
            {
                var (pmcid, licence, problem) = FullTextSources.ReadEuropePmcSearch(search.RootElement);
                if (pmcid is not null)
                {
                    yield return new FullTextCandidate("europepmc", FullTextSources.EuropePmcFullTextUrl(Settings.EuropePmcBaseUrl, pmcid), licence);
                }
                else
                {
                    problems.Add("europepmc: " + problem);
                }
            }
        }

        if (FullTextSources.IsPreprintDoi(paper.Doi))
        {
            foreach (var server in new[] { "biorxiv", "medrxiv" })
            {
                using var details = await GetJsonAsync(http, FullTextSources.BiorxivDetailsUrl(Settings.BiorxivBaseUrl, server, paper.Doi), server, problems, cancellationToken);
                var (jats, licence) = details is null ? (null, null) : FullTextSources.ReadBiorxivDetails(details.RootElement);
                if (jats is not null && Uri.TryCreate(jats, UriKind.Absolute, out var url))
                {
                    yield return new FullTextCandidate(server, url, licence);
                    break;
                }
            }
        }

        using var work = await GetJsonAsync(http, FullTextSources.OpenAlexWorkUrl(Settings.OpenAlexBaseUrl, paper.Doi, Settings.Mailto), "openalex-pdf", problems, cancellationToken);
        var (pdf, pdfLicence) = work is null ? (null, null) : FullTextSources.ReadBestOaLocation(work.RootElement);
        if (pdf is not null && Uri.TryCreate(pdf, UriKind.Absolute, out var pdfUrl))
        {
            yield return new FullTextCandidate("openalex-pdf", pdfUrl, pdfLicence, IsPdf: true);
        }
        else if (work is not null)
        {
            problems.Add("openalex-pdf: OpenAlex lists no open-access PDF");
        }
    }

    private static async Task<JsonDocument?> GetJsonAsync(HttpClient http, Uri url, string source, List<string> problems, CancellationToken cancellationToken)
    {
        try
        {
            using var response = await http.GetAsync(url, cancellationToken);
            if (response.StatusCode == HttpStatusCode.NotFound)
            {
                problems.Add($"{source}: 404 Not Found");
                return null;
            }

            if (!response.IsSuccessStatusCode)
            {
                problems.Add($"{source}: {(int)response.StatusCode} {response.ReasonPhrase} at {RedactMailto(url)}");
                return null;
            }

            return JsonDocument.Parse(await response.Content.ReadAsByteArrayAsync(cancellationToken));
        }
        catch (Exception ex) when (ex is HttpRequestException or ResponseTooLargeException or Polly.Timeout.TimeoutRejectedException or JsonException)
        {
            problems.Add($"{source}: {ex.Message} at {RedactMailto(url)}");
            return null;
        }
    }

    private static string RedactMailto(Uri url) => MailtoParameter().Replace(url.ToString(), "");

    /// <summary>A JATS article (or a PMC &lt;pmc-articleset&gt; holding one): the root element says so; null when it is.</summary>
    internal static string? CheckJats(byte[] body)
    {
        try
        {
            using var reader = XmlReader.Create(new MemoryStream(body), new XmlReaderSettings { DtdProcessing = DtdProcessing.Ignore, XmlResolver = null });
            reader.MoveToContent();
            return reader.LocalName is "article" or "pmc-articleset"
                ? null
                : $"not JATS: the document's root element is <{reader.LocalName}>";
        }
        catch (XmlException ex)
        {
            var head = Encoding.UTF8.GetString(body.AsSpan(0, Math.Min(body.Length, 40))).ReplaceLineEndings(" ");
            return $"not JATS: not XML ({ex.Message}; starts \"{head}\")";
        }
    }

    internal static string? CheckPdf(byte[] body) =>
        body.AsSpan().StartsWith("%PDF-"u8) ? null : "not a PDF: the body does not start with %PDF-";

    /// <summary>Ingests the chunk's fetched files in one batch, then stores every paper's outcome (and failures as ingest errors).</summary>
    private async Task IngestAndRecordAsync(List<PaperRow> chunk, Outcome[] outcomes, RunState run, CancellationToken cancellationToken)
    {
        var fetched = Enumerable.Range(0, chunk.Count).Where(i => outcomes[i].Status == FullTextStatus.Fetched).ToList();
        var ingestErrors = new Dictionary<string, string>(StringComparer.Ordinal);
        if (fetched.Count > 0)
        {
            var inputs = fetched.Select(i => IngestInput.FromPath(folder.Full(outcomes[i].RelativePath!))).ToList();
            var summary = await ingestor.IngestAsync(inputs, Origin, null, cancellationToken);
            foreach (var error in summary.Errors)
            {
                ingestErrors.TryAdd(Path.GetFullPath(error.File), error.Reason);
            }
        }

        await using var db = await dbFactory.CreateDbContextAsync(CancellationToken.None);
        var ids = chunk.Select(p => p.Id).ToList();
        // A paper whose text the ingest did not reach (its file names another DOI) stays metadata-only: a failure.
        var stillBare = await db.Papers.Where(p => ids.Contains(p.Id) && p.SourceFormat == SourceFormat.OpenAlex).Select(p => p.Id).ToListAsync(CancellationToken.None);
        var existing = await db.FullTextFiles.Where(f => ids.Contains(f.PaperId)).ToDictionaryAsync(f => f.PaperId, CancellationToken.None);
        var now = DateTime.UtcNow;
        for (var i = 0; i < chunk.Count; i++)
        {
            var outcome = outcomes[i];
            var status = outcome.Status;
            var error = outcome.Error;
            if (status == FullTextStatus.Fetched && stillBare.Contains(chunk[i].Id))
            {
                status = FullTextStatus.Failed;
                error = ingestErrors.GetValueOrDefault(folder.Full(outcome.RelativePath!))
                    ?? $"{chunk[i].Doi}: the file fetched from {outcome.Candidate!.Url} did not give this paper its text (it names another DOI)";
            }

            if (!existing.TryGetValue(chunk[i].Id, out var row))
            {
                row = new FullTextFile { PaperId = chunk[i].Id };
                db.FullTextFiles.Add(row);
            }

            row.Status = status;
            row.Source = outcome.Candidate?.Source;
            row.Url = outcome.Candidate?.Url.ToString();
            row.Licence = outcome.Licence;
            row.Path = outcome.RelativePath;
            row.Sha256 = outcome.Sha256;
            row.Bytes = outcome.Bytes;
            row.Error = error;
            row.FetchedAt = now;
            if (status != FullTextStatus.Fetched)
            {
                db.IngestErrors.Add(new IngestError { File = outcome.Candidate?.Url.ToString() ?? "doi:" + chunk[i].Doi, Entry = Origin, Reason = error!, At = now });
                LogPaperFailed(chunk[i].Doi, error!);
            }

            run.Record(status, error, chunk[i].Doi);
        }

        await db.SaveChangesAsync(CancellationToken.None);
    }

    private sealed class RunState(int total, IProgress<FetchProgress>? progress, Stopwatch clock)
    {
        private readonly List<string> _errors = [];

        public int Done { get; private set; }
        public int Fetched { get; private set; }
        public int Failed { get; private set; }
        public int NotOpen { get; private set; }
        public IReadOnlyList<string> Errors => _errors;

        public void Record(FullTextStatus status, string? error, string doi)
        {
            Done++;
            switch (status)
            {
                case FullTextStatus.Fetched:
                    Fetched++;
                    break;
                case FullTextStatus.NotOpen:
                    NotOpen++;
                    break;
                default:
                    Failed++;
                    break;
            }

            if (error is not null && _errors.Count < 200)
            {
                _errors.Add(error);
            }

            progress?.Report(new FetchProgress(Done, total, Fetched, Failed, NotOpen, doi, clock.Elapsed));
        }
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"&mailto=[^&]*")]
    private static partial System.Text.RegularExpressions.Regex MailtoParameter();

    [LoggerMessage(Level = LogLevel.Information, Message = "Full-text fetch started for {Total} papers")]
    private partial void LogStarted(int total);

    [LoggerMessage(Level = LogLevel.Information, Message = "Full-text fetch cancelled after {Done} of {Total} papers")]
    private partial void LogCancelled(int done, int total);

    [LoggerMessage(Level = LogLevel.Information, Message = "Full-text fetch finished: {Fetched} fetched, {Failed} failed, {NotOpen} not open, in {Seconds:F1} s")]
    private partial void LogFinished(int fetched, int failed, int notOpen, double seconds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "No full text for {Doi}: {Reason}")]
    private partial void LogPaperFailed(string doi, string reason);
}
