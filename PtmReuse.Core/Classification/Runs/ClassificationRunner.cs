using PtmReuse.Core.Classification.Embedded;
using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using PtmReuse.Core.Coordination;
using PtmReuse.Core.Papers;
using PtmReuse.Core.Review;
using PtmReuse.Core.Storage;

namespace PtmReuse.Core.Classification.Runs;

/// <summary>
/// Creates, executes, resumes and retries classification runs. Papers stream from SQL by keyset pages; each paper's
/// decisions commit in their own transaction together with the run's counters, so a killed process loses at most
/// the papers in flight and a resumed run re-requests nothing that is stored (see <see cref="DecisionKeys"/>). A run
/// executes under a lease (<see cref="ClassificationRunWork.Kind"/>): one instance at a time, and when that instance
/// dies another takes the run over after the lease expires (<see cref="WorkTakeover"/>).
/// </summary>
public sealed partial class ClassificationRunner(
    IDbContextFactory<PtmReuseDbContext> dbFactory,
    IClassificationBackendFactory backends,
    IEnumerable<ILabelsChangedListener> listeners,
    IWorkLeases leases,
    ILogger<ClassificationRunner> logger)
{
    private const int PageSize = 200;

    /// <summary>Creates a pending run (validating the backend and model) without classifying anything.</summary>
    public async Task<ClassificationRun> CreateRunAsync(RunRequest request, CancellationToken cancellationToken)
    {
        if (request.Stages.Count == 0)
        {
            throw new ArgumentException("A run needs at least one stage.", nameof(request));
        }

        var backend = backends.Create(request.Backend, request.Model);
        var stages = request.Stages.Distinct().Order().ToList();
        var hashes = stages.ToDictionary(s => s, backend.PromptHash);
        var settings = new RunSettings(stages, request.Selection, Math.Max(1, request.Concurrency), request.Cascade, hashes, request.Prefilter && request.Backend != EmbeddedBackend.BackendName);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var run = new ClassificationRun
        {
            Backend = backend.Name,
            Model = backend.Model,
            PromptVersion = PromptVersion(hashes),
            SettingsJson = settings.ToJson(),
            Selection = request.Selection.Describe(),
            StartedAt = DateTime.UtcNow,
            Status = RunStatus.Pending,
        };
        db.Runs.Add(run);
        await db.SaveChangesAsync(cancellationToken);
        run.PapersTotal = await CountAsync(db, run.Id, settings, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        return run;
    }

    /// <summary>Creates a run and executes it.</summary>
    public async Task<ClassificationRun> RunAsync(RunRequest request, IProgress<RunProgress>? progress, CancellationToken cancellationToken)
    {
        var run = await CreateRunAsync(request, cancellationToken);
        return await ExecuteAsync(run.Id, progress, cancellationToken);
    }

    /// <summary>Executes a pending run, or resumes a cancelled/interrupted one: stored decisions are reused, not re-requested.</summary>
    /// <param name="claimed">The run's lease when the caller already holds it (a takeover); otherwise it is claimed here.</param>
    public Task<ClassificationRun> ExecuteAsync(long runId, IProgress<RunProgress>? progress, CancellationToken cancellationToken, IWorkLease? claimed = null) =>
        ExecuteCoreAsync(runId, retryFailures: false, progress, cancellationToken, claimed);

    /// <summary>Re-requests only the run's failed decisions (and, where one now succeeds, the cascade below it).</summary>
    public Task<ClassificationRun> RetryFailedAsync(long runId, IProgress<RunProgress>? progress, CancellationToken cancellationToken) =>
        ExecuteCoreAsync(runId, retryFailures: true, progress, cancellationToken);

    public async Task<IReadOnlyList<ClassificationRun>> ListRunsAsync(int take, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.Runs.AsNoTracking().OrderByDescending(r => r.Id).Take(take).ToListAsync(cancellationToken);
    }

    public async Task<ClassificationRun?> GetRunAsync(long runId, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.Runs.AsNoTracking().FirstOrDefaultAsync(r => r.Id == runId, cancellationToken);
    }

    public async Task<RunFailureSummary> GetFailuresAsync(long runId, int take, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var errors = db.Decisions.AsNoTracking().Where(d => d.RunId == runId && d.ErrorKind != null);
        var counts = await errors.GroupBy(d => d.ErrorKind!).Select(g => new { Kind = g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Kind, g => g.Count, cancellationToken);
        var failures = await errors.OrderBy(d => d.PaperId).ThenBy(d => d.Id).Take(take)
            .Join(db.Papers, d => d.PaperId, p => p.Id, (d, p) => new RunFailure(d.Id, d.PaperId, p.Title, d.Stage, d.ErrorKind!, d.ErrorMessage, d.RawResponse))
            .ToListAsync(cancellationToken);
        return new RunFailureSummary(counts, failures);
    }

    private async Task<ClassificationRun> ExecuteCoreAsync(long runId, bool retryFailures, IProgress<RunProgress>? progress, CancellationToken callerToken,
        IWorkLease? claimed = null)
    {
        // Held until the final status is stored: a run marked Running with no holder was interrupted (see
        // InterruptedWorkSweeper) or, on a shared database, is taken over by another instance (WorkTakeover).
        await using var lease = claimed ?? await leases.AcquireOrThrowAsync(ClassificationRunWork.Kind, runId, callerToken);
        // The work stops when the caller cancels or when this instance loses the run to another one.
        using var work = CancellationTokenSource.CreateLinkedTokenSource(callerToken, lease.Lost);
        var cancellationToken = work.Token;
        ClassificationRun run;
        await using (var db = await dbFactory.CreateDbContextAsync(cancellationToken))
        {
            run = await db.Runs.FirstOrDefaultAsync(r => r.Id == runId, cancellationToken)
                ?? throw new ArgumentException($"No classification run {runId}.", nameof(runId));
        }

        var settings = RunSettings.FromJson(run.SettingsJson);
        var backend = backends.Create(run.Backend, run.Model);
        var current = settings.Stages.ToDictionary(s => s, backend.PromptHash);
        if (current.Any(h => settings.PromptHashes.GetValueOrDefault(h.Key) != h.Value))
        {
            LogPromptChanged(logger, runId);
        }

        var concurrency = Math.Min(settings.Concurrency, (backend as IPricedBackend)?.MaxConcurrency ?? int.MaxValue);
        var state = new RunState(run, backend as IPricedBackend)
        {
            Prefilter = settings.Prefilter ? (EmbeddedBackend)backends.Create(EmbeddedBackend.BackendName, null) : null,
        };
        await using (var db = await dbFactory.CreateDbContextAsync(cancellationToken))
        {
            var total = retryFailures
                ? await db.Decisions.Where(d => d.RunId == runId && d.ErrorKind != null).Select(d => d.PaperId).Distinct().CountAsync(cancellationToken)
                : await CountAsync(db, runId, settings, cancellationToken);
            state.Total = total;
            await db.Runs.Where(r => r.Id == runId).ExecuteUpdateAsync(s => s
                .SetProperty(r => r.Status, RunStatus.Running)
                .SetProperty(r => r.FinishedAt, (DateTime?)null)
                .SetProperty(r => r.PapersTotal, r => retryFailures ? r.PapersTotal : total)
                .SetProperty(r => r.PapersDone, r => retryFailures ? r.PapersDone : 0), cancellationToken);
        }

        LogRunStarting(logger, runId, run.Backend, run.Model, state.Total, concurrency, retryFailures);
        var status = RunStatus.Running;
        try
        {
            var papers = retryFailures ? FailedPaperIdsAsync(runId, cancellationToken) : PaperIdsAsync(runId, settings, cancellationToken);
            await Parallel.ForEachAsync(papers, new ParallelOptions { MaxDegreeOfParallelism = concurrency, CancellationToken = cancellationToken },
                async (paperId, token) =>
                {
                    await ProcessPaperWithRetryAsync(state, settings, backend, paperId, retryFailures, token);
                    progress?.Report(state.Snapshot(RunStatus.Running));
                });
            status = RunStatus.Completed;
        }
        catch (OperationCanceledException) when (lease.Lost.IsCancellationRequested && !callerToken.IsCancellationRequested)
        {
            // Another instance owns the run now: it keeps the run's status and counters; nothing more is written here.
            LogRunLost(logger, runId, state.Done);
            await using var db = await dbFactory.CreateDbContextAsync(CancellationToken.None);
            return await db.Runs.AsNoTracking().FirstAsync(r => r.Id == runId, CancellationToken.None);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            status = RunStatus.Cancelled;
            LogRunCancelled(logger, runId, state.Done);
        }
        catch (Exception ex)
        {
            status = RunStatus.Failed;
            LogRunFailed(logger, ex, runId);
            throw;
        }
        finally
        {
            if (!lease.Lost.IsCancellationRequested || callerToken.IsCancellationRequested)
            {
                run = await FinishAsync(runId, status, state, progress);
            }
        }

        return run;
    }

    /// <summary>Final bookkeeping, done even when the caller's token was cancelled.</summary>
    private async Task<ClassificationRun> FinishAsync(long runId, RunStatus status, RunState state, IProgress<RunProgress>? progress)
    {
        await using var db = await dbFactory.CreateDbContextAsync(CancellationToken.None);
        var errors = await db.Decisions.CountAsync(d => d.RunId == runId && d.ErrorKind != null, CancellationToken.None);
        if (status == RunStatus.Completed && errors > 0)
        {
            status = RunStatus.CompletedWithErrors;
        }

        await db.Runs.Where(r => r.Id == runId).ExecuteUpdateAsync(s => s
            .SetProperty(r => r.Status, status)
            .SetProperty(r => r.Errors, errors)
            .SetProperty(r => r.FinishedAt, DateTime.UtcNow), CancellationToken.None);
        var run = await db.Runs.AsNoTracking().FirstAsync(r => r.Id == runId, CancellationToken.None);
        progress?.Report(state.Snapshot(status) with { Errors = errors });
        return run;
    }

    private async Task ProcessPaperWithRetryAsync(RunState state, RunSettings settings, IClassificationBackend backend, long paperId, bool retryFailures, CancellationToken cancellationToken)
    {
        try
        {
            await ProcessPaperAsync(state, settings, backend, paperId, retryFailures, cancellationToken);
        }
        catch (DbUpdateException ex)
        {
            // Another run stored one of these keys at the same moment; the second pass reuses its answer.
            LogKeyRace(logger, ex, paperId);
            await ProcessPaperAsync(state, settings, backend, paperId, retryFailures, cancellationToken);
        }
    }

    private async Task ProcessPaperAsync(RunState state, RunSettings settings, IClassificationBackend backend, long paperId, bool retryFailures, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var paper = await db.Papers.AsNoTracking().AsSplitQuery()
            .Include(p => p.Sections).Include(p => p.Captions)
            .FirstOrDefaultAsync(p => p.Id == paperId, cancellationToken);
        if (paper is null)
        {
            return; // deleted while the run was going
        }

        var document = PaperDocument.FromPaper(paper);
        var runErrors = await db.Decisions.Where(d => d.RunId == state.RunId && d.PaperId == paperId && d.ErrorKind != null).ToListAsync(cancellationToken);
        var earlier = new Dictionary<Stage, StageAnswer>();
        int promptTokens = 0, completionTokens = 0, errorDelta = 0;
        var cancelled = false;

        if (state.Prefilter is { } prefilter && settings.Stages[0] == Stage.UsesDl && prefilter.Prefilter(document) is { RuledOut: true } verdict)
        {
            await StorePrefilteredAsync(db, state, prefilter, document, paperId, verdict, cancellationToken);
            return;
        }

        foreach (var stage in settings.Stages)
        {
            if (settings.Cascade && !CascadeAllows(stage, settings.Stages, earlier))
            {
                continue;
            }

            var promptHash = backend.PromptHash(stage);
            var key = DecisionKeys.For(document.ContentHash, stage, promptHash, backend.Name, backend.Model);
            var errorRow = runErrors.FirstOrDefault(d => d.Stage == stage.WireName());
            var stored = await db.Decisions.AsNoTracking().Where(d => d.DecisionKey == key).Select(d => d.ValueJson).FirstOrDefaultAsync(cancellationToken);
            if (stored is not null)
            {
                earlier[stage] = StageJson.Deserialize(stored)!;
                if (errorRow is not null)
                {
                    db.Decisions.Remove(errorRow); // answered meanwhile (e.g. by another run): the failure is obsolete
                    errorDelta--;
                }

                continue;
            }

            if (errorRow is not null && !retryFailures)
            {
                continue; // a kept failure: unknown, so the stages that depend on it do not run
            }

            StageOutcome outcome;
            try
            {
                outcome = await backend.ClassifyAsync(new StageRequest(stage, document, earlier), cancellationToken);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                cancelled = true;
                break;
            }
            catch (Exception ex)
            {
                // One paper's crash must not end the run: it becomes a visible, retryable error decision.
                LogBackendThrew(logger, ex, backend.Name, paperId, stage.WireName());
                outcome = StageOutcome.Failed(Llm.StageErrorKinds.BackendError, $"{ex.GetType().Name}: {ex.Message}");
            }

            var row = errorRow ?? new MachineDecision { RunId = state.RunId, PaperId = paperId, Stage = stage.WireName() };
            Fill(row, outcome, key, promptHash, backend.Name, backend.Model, state.RunId);
            if (errorRow is null)
            {
                db.Decisions.Add(row);
                errorDelta += row.ErrorKind is null ? 0 : 1;
            }
            else if (row.ErrorKind is null)
            {
                errorDelta--;
            }

            if (outcome.Answer is not null)
            {
                earlier[stage] = outcome.Answer;
            }

            promptTokens += outcome.PromptTokens;
            completionTokens += outcome.CompletionTokens;
        }

        // Answers already paid for are stored even when the run is being cancelled.
        var cost = state.Pricing?.Cost(promptTokens, completionTokens) ?? 0;
        var countsAsDone = !cancelled && !retryFailures;
        await using (var transaction = await db.Database.BeginTransactionAsync(CancellationToken.None))
        {
            await db.SaveChangesAsync(CancellationToken.None);
            await db.Runs.Where(r => r.Id == state.RunId).ExecuteUpdateAsync(s => s
                .SetProperty(r => r.PapersDone, r => r.PapersDone + (countsAsDone ? 1 : 0))
                .SetProperty(r => r.Errors, r => r.Errors + errorDelta)
                .SetProperty(r => r.PromptTokens, r => r.PromptTokens + promptTokens)
                .SetProperty(r => r.CompletionTokens, r => r.CompletionTokens + completionTokens)
                .SetProperty(r => r.Cost, r => r.Cost + cost), CancellationToken.None);
            await transaction.CommitAsync(CancellationToken.None);
        }

        await NotifyListenersAsync(paperId);
        state.Add(cancelled ? 0 : 1, errorDelta, promptTokens, completionTokens, cost);
        if (cancelled)
        {
            cancellationToken.ThrowIfCancellationRequested();
        }
    }

    /// <summary>
    /// Tells derived data (the analytics projection) that the paper's decisions changed. A listener failing must not
    /// stop the run: listeners detect and repair what they missed.
    /// </summary>
    private async Task NotifyListenersAsync(long paperId)
    {
        foreach (var listener in listeners)
        {
            try
            {
                await listener.PapersChangedAsync([paperId], CancellationToken.None);
            }
            catch (Exception ex)
            {
                LogListenerFailed(logger, ex, listener.GetType().Name, paperId);
            }
        }
    }

    /// <summary>
    /// A paper the pre-filter ruled out: its uses_dl "no" (with the rule as the reason) is stored for this run under the
    /// pre-filter's own backend name, so it is never taken for the paid backend's answer, and no later stage runs.
    /// </summary>
    private async Task StorePrefilteredAsync(PtmReuseDbContext db, RunState state, EmbeddedBackend prefilter, PaperDocument document, long paperId, PrefilterVerdict verdict, CancellationToken cancellationToken)
    {
        var promptHash = prefilter.PromptHash(Stage.UsesDl);
        var key = DecisionKeys.For(document.ContentHash, Stage.UsesDl, promptHash, PrefilterVerdict.BackendName, prefilter.Model) + $"@{state.RunId}";
        if (!await db.Decisions.AnyAsync(d => d.DecisionKey == key, cancellationToken))
        {
            var row = new MachineDecision { RunId = state.RunId, PaperId = paperId, Stage = Stage.UsesDl.WireName() };
            var outcome = new StageOutcome { Answer = new UsesDlAnswer(false, null) { Rule = verdict.Reason }, Confidence = 0.99 };
            Fill(row, outcome, key, promptHash, PrefilterVerdict.BackendName, prefilter.Model, state.RunId);
            db.Decisions.Add(row);
        }

        await using (var transaction = await db.Database.BeginTransactionAsync(CancellationToken.None))
        {
            await db.SaveChangesAsync(CancellationToken.None);
            await db.Runs.Where(r => r.Id == state.RunId).ExecuteUpdateAsync(s => s.SetProperty(r => r.PapersDone, r => r.PapersDone + 1), CancellationToken.None);
            await transaction.CommitAsync(CancellationToken.None);
        }

        await NotifyListenersAsync(paperId);
        state.Add(1, 0, 0, 0, 0);
    }

    /// <summary>How many of a run's papers the pre-filter ruled out (each one a paid call, at least, not made).</summary>
    public async Task<int> PrefilteredCountAsync(long runId, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.Decisions.CountAsync(d => d.RunId == runId && d.Backend == PrefilterVerdict.BackendName, cancellationToken);
    }

    /// <summary>Writes a backend's outcome into a decision row (also used by the AIUS import, whose answers come from a file).</summary>
    internal static void Fill(MachineDecision row, StageOutcome outcome, string key, string promptHash, string backend, string model, long runId)
    {
        var evidence = outcome.Answer?.AllEvidence().FirstOrDefault();
        row.RunId = runId;
        row.DecisionKey = outcome.Answer is null ? DecisionKeys.ForError(key, runId) : key;
        row.PromptHash = promptHash;
        row.Backend = backend;
        row.Model = model;
        row.ValueJson = outcome.Answer is null ? null : StageJson.Serialize(outcome.Answer);
        row.Evidence = evidence?.Quote;
        row.EvidenceStart = evidence?.Start;
        row.EvidenceLength = evidence?.Length;
        row.EvidenceGrounded = outcome.Answer is null ? null : outcome.Answer.AllEvidence().All(e => e.Grounded != false);
        row.RawResponse = outcome.RawResponse;
        row.Reasoning = outcome.Reasoning;
        row.SentText = outcome.SentText;
        row.LatencyMs = (int)Math.Min(int.MaxValue, outcome.Latency.TotalMilliseconds);
        row.PromptTokens = outcome.PromptTokens;
        row.CompletionTokens = outcome.CompletionTokens;
        row.Confidence = outcome.Confidence;
        row.ErrorKind = outcome.Answer is null ? outcome.ErrorKind ?? "unknown" : null;
        row.ErrorMessage = outcome.Answer is null ? outcome.ErrorMessage : null;
        row.CreatedAt = DateTime.UtcNow;
    }

    /// <summary>
    /// The shared cascade rule (<see cref="StageDefinition.ShouldRun"/>), applied only when the gating stage is part of
    /// the run: a failed gate is unknown, never "no", and also stops the stages below it.
    /// </summary>
    public static bool CascadeAllows(Stage stage, IReadOnlyCollection<Stage> runStages, IReadOnlyDictionary<Stage, StageAnswer> earlier)
    {
        var definition = StageDefinitions.For(stage);
        return definition.GatedBy is not { } gate || !runStages.Contains(gate) || definition.ShouldRun(earlier);
    }

    private IQueryable<Paper> Selected(PtmReuseDbContext db, long runId, RunSettings settings)
    {
        var papers = db.Papers.AsNoTracking();
        var selection = settings.Selection;
        if (selection.PaperIds is { } ids)
        {
            papers = papers.Where(p => ids.Contains(p.Id));
        }

        if (!string.IsNullOrEmpty(selection.Field))
        {
            papers = papers.Where(p => p.PrimaryField == selection.Field);
        }

        if (selection.YearFrom is { } from)
        {
            papers = papers.Where(p => p.Year >= from);
        }

        if (selection.YearTo is { } to)
        {
            papers = papers.Where(p => p.Year <= to);
        }

        if (selection.UnclassifiedOnly)
        {
            // "Unclassified" excludes this run's own decisions, so a resumed run keeps its selection.
            var first = settings.Stages[0].WireName();
            papers = papers.Where(p => !db.Decisions.Any(d => d.PaperId == p.Id && d.Stage == first && d.RunId != runId));
        }

        return papers;
    }

    private Task<int> CountAsync(PtmReuseDbContext db, long runId, RunSettings settings, CancellationToken cancellationToken) =>
        Selected(db, runId, settings).CountAsync(cancellationToken);

    /// <summary>Paper ids by keyset pages, one short query per page: never the whole table in memory.</summary>
    private async IAsyncEnumerable<long> PaperIdsAsync(long runId, RunSettings settings, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        long after = 0;
        while (true)
        {
            List<long> page;
            await using (var db = await dbFactory.CreateDbContextAsync(cancellationToken))
            {
                page = await Selected(db, runId, settings).Where(p => p.Id > after).OrderBy(p => p.Id).Select(p => p.Id).Take(PageSize).ToListAsync(cancellationToken);
            }

            foreach (var id in page)
            {
                yield return id;
            }

            if (page.Count < PageSize)
            {
                yield break;
            }

            after = page[^1];
        }
    }

    private async IAsyncEnumerable<long> FailedPaperIdsAsync(long runId, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        List<long> ids;
        await using (var db = await dbFactory.CreateDbContextAsync(cancellationToken))
        {
            ids = await db.Decisions.Where(d => d.RunId == runId && d.ErrorKind != null).Select(d => d.PaperId).Distinct().OrderBy(id => id).ToListAsync(cancellationToken);
        }

        foreach (var id in ids)
        {
            yield return id;
        }
    }

    private static string PromptVersion(IReadOnlyDictionary<Stage, string> hashes) =>
        string.Join(",", hashes.OrderBy(h => h.Key).Select(h => $"{h.Key.WireName()}:{h.Value[..Math.Min(12, h.Value.Length)]}"));

    /// <summary>Live counters of an executing run (thread-safe), for progress reports.</summary>
    private sealed class RunState(ClassificationRun run, IPricedBackend? pricing)
    {
        /// <summary>The embedded pre-filter when the run asked for one.</summary>
        public EmbeddedBackend? Prefilter { get; init; }

        private readonly Stopwatch _clock = Stopwatch.StartNew();
        private readonly Lock _gate = new();
        private int _done;
        private int _errors = run.Errors;
        private long _promptTokens = run.PromptTokens;
        private long _completionTokens = run.CompletionTokens;
        private double _cost = run.Cost;

        public long RunId { get; } = run.Id;
        public IPricedBackend? Pricing { get; } = pricing;
        public int Total { get; set; }
        public int Done => _done;

        public void Add(int done, int errors, int promptTokens, int completionTokens, double cost)
        {
            lock (_gate)
            {
                _done += done;
                _errors += errors;
                _promptTokens += promptTokens;
                _completionTokens += completionTokens;
                _cost += cost;
            }
        }

        public RunProgress Snapshot(RunStatus status)
        {
            lock (_gate)
            {
                var seconds = _clock.Elapsed.TotalSeconds;
                var rate = seconds > 0 ? _done / seconds : 0;
                TimeSpan? eta = rate > 0 ? TimeSpan.FromSeconds(Math.Max(0, Total - _done) / rate) : null;
                return new RunProgress(RunId, status, _done, Total, _errors, _promptTokens, _completionTokens, _cost, rate, eta);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Run {RunId}: {Backend}/{Model} over {Total} papers, concurrency {Concurrency}, retrying failures: {Retry}")]
    private static partial void LogRunStarting(ILogger logger, long runId, string backend, string model, int total, int concurrency, bool retry);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Run {RunId}: the prompts changed since the run was created; new decisions use the current prompts")]
    private static partial void LogPromptChanged(ILogger logger, long runId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Run {RunId} cancelled after {Done} papers; run it again to resume")]
    private static partial void LogRunCancelled(ILogger logger, long runId, int done);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Classification run {RunId} stopped after {Done} papers here: another instance took it over")]
    private static partial void LogRunLost(ILogger logger, long runId, int done);

    [LoggerMessage(Level = LogLevel.Error, Message = "Run {RunId} failed")]
    private static partial void LogRunFailed(ILogger logger, Exception exception, long runId);

    [LoggerMessage(Level = LogLevel.Error, Message = "Backend {Backend} threw on paper {PaperId} stage {Stage}")]
    private static partial void LogBackendThrew(ILogger logger, Exception exception, string backend, long paperId, string stage);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Labels-changed listener {Listener} failed for paper {PaperId}; it repairs itself later")]
    private static partial void LogListenerFailed(ILogger logger, Exception exception, string listener, long paperId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Paper {PaperId}: a decision key was stored concurrently; reprocessing the paper")]
    private static partial void LogKeyRace(ILogger logger, Exception exception, long paperId);
}
