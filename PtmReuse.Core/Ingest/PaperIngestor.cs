using System.Diagnostics;
using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PtmReuse.Core.Fields;
using PtmReuse.Core.Ingest.Formats;
using PtmReuse.Core.Papers;
using PtmReuse.Core.Storage;

namespace PtmReuse.Core.Ingest;

/// <summary>
/// Streams inputs into the paper store. Each source is read and parsed completely before anything is written, so a
/// broken file never half-writes; parsed papers are written in batches of <see cref="IngestOptions.BatchSize"/>, one
/// transaction each, with a fresh DbContext per batch (memory does not grow with the number of files). A batch whose
/// write fails is retried paper by paper, so one bad paper cannot take others with it. Memory is bounded by bytes, not
/// files: documents wait for their parallel parse only up to <see cref="IngestOptions.MaxBytesInFlight"/>, large ones
/// are parsed alone, and none larger than <see cref="IngestOptions.MaxDocumentBytes"/> is held at all. While a batch
/// runs, this process holds its <see cref="Coordination.IWorkLeases"/> lease, so a kill leaves it to be marked interrupted.
/// </summary>
public sealed partial class PaperIngestor(
    IDbContextFactory<PtmReuseDbContext> factory,
    IOptions<IngestOptions> options,
    Coordination.IWorkLeases leases,
    IngestPathPolicy pathPolicy,
    ILogger<PaperIngestor> logger) : IPaperIngestor
{
    private readonly IngestOptions _options = options.Value;
    private readonly IDbContextFactory<PtmReuseDbContext> _factory = factory;

    public Task<IngestSummary> IngestAsync(
        IReadOnlyList<IngestInput> inputs,
        string origin,
        IProgress<IngestProgress>? progress,
        CancellationToken cancellationToken) =>
        // Parsing is CPU work: keep it off a caller's synchronization context (a Blazor circuit).
        Task.Run(() => RunAsync(inputs, origin, null, progress, cancellationToken), cancellationToken);

    public async Task<IngestSummary> ResumeAsync(long batchId, bool confine, IProgress<IngestProgress>? progress, CancellationToken cancellationToken)
    {
        IngestBatch batch;
        await using (var db = await _factory.CreateDbContextAsync(cancellationToken))
        {
            batch = await db.IngestBatches.AsNoTracking().FirstOrDefaultAsync(b => b.Id == batchId, cancellationToken)
                ?? throw new InvalidOperationException($"No ingest batch {batchId}.");
        }

        if (batch.Status is not (IngestBatchStatus.Interrupted or IngestBatchStatus.Cancelled))
        {
            throw new InvalidOperationException($"Ingest batch {batchId} is {batch.Status}; only an interrupted or cancelled batch is resumed.");
        }

        var inputs = StoredInputs.Read(batch.InputsJson);
        if (inputs is null)
        {
            throw new InvalidOperationException($"Ingest batch {batchId} was an upload (or predates resumable batches): its files are not on the server. Upload them again; unchanged files are skipped.");
        }

        if (confine || StoredInputs.Confined(batch.InputsJson))
        {
            // Confined when started (or resumed from the dashboard): confined now, against the allowed folders of today.
            inputs = inputs.Select(i => pathPolicy.Check(i.Path) is { Input: { } allowed } ? allowed : throw new InvalidOperationException(pathPolicy.Check(i.Path).Error)).ToList();
        }

        return await Task.Run(() => RunAsync(inputs, batch.Origin, batch, progress, cancellationToken), cancellationToken);
    }

    private async Task<IngestSummary> RunAsync(IReadOnlyList<IngestInput> inputs, string origin, IngestBatch? resumed, IProgress<IngestProgress>? progress, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var (batch, lease) = await StartBatchAsync(inputs, origin, resumed, cancellationToken);
        using var held = lease;
        LogStarted(batch.Id, batch.Inputs);
        var run = new Run(this, batch.Id, progress, clock);
        var enumerator = new InputEnumerator(_options);
        using var counting = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        // Counting walks the whole tree: it runs beside the ingest, so the first file is read at once.
        var count = Task.Run(() => run.Total = enumerator.CountItems(inputs, counting.Token), counting.Token);
        try
        {
            await foreach (var input in enumerator.EnumerateAsync(inputs, cancellationToken))
            {
                if (input.Error is not null)
                {
                    run.Fail(input.File, input.Entry, input.Error);
                }
                else
                {
                    await run.ReadAsync(input.Item!, cancellationToken);
                }

                run.ItemDone(input.Item?.Display ?? input.File);
            }

            await run.ProcessChunkAsync(cancellationToken);
            await run.FlushAsync(cancellationToken);
            // The count walked the same tree as the ingest and is done by now; the last report then reads "N/N".
            await count.ContinueWith(_ => { }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
            run.ReportFinal();
            batch.Status = run.Failed > 0 ? IngestBatchStatus.CompletedWithErrors : IngestBatchStatus.Completed;
        }
        catch (OperationCanceledException)
        {
            batch.Status = IngestBatchStatus.Cancelled;
            await run.FlushErrorsAsync(CancellationToken.None);
            await FinishAsync(batch, run, CancellationToken.None);
            throw;
        }
        catch (Exception ex)
        {
            batch.Status = IngestBatchStatus.Failed;
            run.Fail(batch.Inputs, null, "ingest stopped: " + ex.Message);
            await run.FlushErrorsAsync(CancellationToken.None);
            await FinishAsync(batch, run, CancellationToken.None);
            throw;
        }
        finally
        {
            await counting.CancelAsync();
            await count.ContinueWith(_ => { }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        }

        await FinishAsync(batch, run, cancellationToken);
        LogFinished(batch.Id, run.Added, run.Updated, run.Unchanged, run.Failed, clock.Elapsed.TotalSeconds);
        return new IngestSummary(batch.Id, run.Added, run.Updated, run.Unchanged, run.Failed, run.Bytes, clock.Elapsed, run.Errors);
    }

    /// <summary>
    /// Stores the batch as running (or, resuming, sets it running again and drops its old errors) and takes its lease
    /// before committing, so no other process can see it running without a holder.
    /// </summary>
    private async Task<(IngestBatch Batch, IDisposable Lease)> StartBatchAsync(IReadOnlyList<IngestInput> inputs, string origin, IngestBatch? resumed, CancellationToken cancellationToken)
    {
        await using var db = await _factory.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var batch = resumed ?? new IngestBatch
        {
            Inputs = string.Join("; ", inputs.Select(i => i.Path ?? i.Name)),
            InputsJson = StoredInputs.Write(inputs),
            Origin = origin,
        };
        batch.StartedAt = DateTime.UtcNow;
        batch.FinishedAt = null;
        batch.Status = IngestBatchStatus.Running;
        if (resumed is null)
        {
            db.IngestBatches.Add(batch);
        }
        else
        {
            db.IngestBatches.Update(batch);
            await db.IngestErrors.Where(e => e.BatchId == batch.Id).ExecuteDeleteAsync(cancellationToken);
        }

        await db.SaveChangesAsync(cancellationToken);
        IDisposable lease = await leases.TryAcquireAsync(IngestBatchWork.Kind, batch.Id, cancellationToken)
            ?? throw new InvalidOperationException($"Ingest batch {batch.Id} is already running in another process.");

        await transaction.CommitAsync(cancellationToken);
        return (batch, lease);
    }

    private async Task FinishAsync(IngestBatch batch, Run run, CancellationToken cancellationToken)
    {
        await using var db = await _factory.CreateDbContextAsync(cancellationToken);
        await db.IngestBatches.Where(b => b.Id == batch.Id).ExecuteUpdateAsync(
            set => set
                .SetProperty(b => b.FinishedAt, DateTime.UtcNow)
                .SetProperty(b => b.Status, batch.Status)
                .SetProperty(b => b.Added, run.Added)
                .SetProperty(b => b.Updated, run.Updated)
                .SetProperty(b => b.Unchanged, run.Unchanged)
                .SetProperty(b => b.Failed, run.Failed)
                .SetProperty(b => b.BytesRead, run.Bytes),
            cancellationToken);
    }

    /// <summary>A document read and hashed (its sidecar too), waiting to be parsed with the rest of its chunk.</summary>
    private sealed record ReadDocument(SourceItem Item, SourceFormat Format, byte[] Bytes, byte[]? Sidecar, string Hash);

    /// <summary>A parsed paper waiting for its batch to be written, with the source it came from.</summary>
    private sealed record PendingPaper(Paper Paper, SourceItem Item, string? Locator, string Hash);

    /// <summary>State of one ingest run: counters, the pending batch, and errors not yet stored.</summary>
    private sealed class Run(PaperIngestor owner, long batchId, IProgress<IngestProgress>? progress, Stopwatch clock)
    {
        private readonly List<IngestError> _unsavedErrors = [];
        // Hashes read in this run whose papers are not yet written: the same bytes twice in one run are one paper.
        private readonly HashSet<string> _pendingHashes = new(StringComparer.Ordinal);
        private readonly List<ReadDocument> _chunk = [];
        private readonly List<IngestError> _errors = [];
        private long _chunkBytes;
        private int _done;
        private long _lastReport = -1;

        public List<PendingPaper> Pending { get; } = [];

        // Set by the counting task on another thread once the tree is walked; -1 while unknown.
        private int _total = -1;

        public int? Total
        {
            get => Volatile.Read(ref _total) is var total and >= 0 ? total : null;
            set => Volatile.Write(ref _total, value ?? -1);
        }

        public int Added { get; private set; }

        public int Updated { get; private set; }

        public int Unchanged { get; private set; }

        public int Failed { get; private set; }

        public long Bytes { get; private set; }

        public IReadOnlyList<IngestError> Errors => _errors;

        public void Fail(string file, string? entry, string reason)
        {
            Failed++;
            var error = new IngestError { BatchId = batchId, File = file, Entry = entry, Reason = reason, At = DateTime.UtcNow };
            _unsavedErrors.Add(error);
            if (_errors.Count < owner._options.MaxErrorsInSummary)
            {
                _errors.Add(error);
            }

            owner.LogFailed(file, entry, reason);
        }

        /// <summary>Reports the finished state once more (the count may have arrived after the last item).</summary>
        public void ReportFinal() =>
            progress?.Report(new IngestProgress(_done, Total ?? _done, Bytes, null, Added, Updated, Unchanged, Failed, null, clock.Elapsed));

        public void ItemDone(string current)
        {
            _done++;
            // Report at most ~10 times a second, and always for the last item.
            var now = clock.ElapsedMilliseconds;
            if (progress is null || (now - _lastReport < 100 && _done != Total))
            {
                return;
            }

            _lastReport = now;
            progress.Report(new IngestProgress(_done, Total, Bytes, null, Added, Updated, Unchanged, Failed, current, clock.Elapsed));
        }

        /// <summary>
        /// Reads one item. Documents are read and hashed here, then parsed a chunk at a time on all cores (order kept);
        /// a chunk is parsed when it holds <see cref="IngestOptions.BatchSize"/> documents or
        /// <see cref="IngestOptions.MaxBytesInFlight"/> bytes, and a large document makes a chunk of its own. Tables and
        /// OpenAlex files stream record by record after the documents before them are written.
        /// </summary>
        public async Task ReadAsync(SourceItem item, CancellationToken cancellationToken)
        {
            var options = owner._options;
            try
            {
                var format = PaperReader.Detect(item);
                if (format == SourceFormat.Unknown)
                {
                    throw new PaperFormatException($"{item.Display}: unknown format (accepted: JATS/TEI .xml, .pdf, .md, .txt, OpenAlex .json/.jsonl, .csv/.jsonl tables, .zip)");
                }

                if (format is SourceFormat.OpenAlex or SourceFormat.Csv or SourceFormat.JsonLines)
                {
                    await ProcessChunkAsync(cancellationToken);
                    await ReadRecordsAsync(item, format, cancellationToken);
                    return;
                }

                // A PDF carries images beside its text, so it may be as large as any entry; text formats are parsed
                // whole, at several times their size, so they stop at the document limit.
                var bytes = format == SourceFormat.Pdf
                    ? PaperReader.ReadAllBytes(item, options.MaxEntryBytes, "Ingest:MaxEntryBytes")
                    : PaperReader.ReadAllBytes(item, options.DocumentLimit, options.DocumentLimitName);
                Bytes += bytes.Length;
                var hash = Convert.ToHexStringLower(SHA256.HashData(bytes));
                if (!_pendingHashes.Add(hash))
                {
                    Unchanged++;
                    return;
                }

                var large = bytes.Length >= options.LargeDocumentBytes;
                if (_chunk.Count > 0 && (large || _chunkBytes + bytes.Length > options.MaxBytesInFlight))
                {
                    await ProcessChunkAsync(cancellationToken);
                }

                // Read now, in order: archive entries must not be opened from the parallel parse (ZipArchive is not thread-safe).
                var sidecar = PaperReader.SidecarOf(item, format);
                _chunk.Add(new ReadDocument(item, format, bytes, sidecar, hash));
                _chunkBytes += bytes.Length;
                if (large || _chunk.Count >= options.BatchSize || _chunkBytes >= options.MaxBytesInFlight)
                {
                    await ProcessChunkAsync(cancellationToken);
                }
            }
            catch (PaperFormatException ex)
            {
                Fail(item.File, item.Entry, ex.Message);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or InvalidDataException)
            {
                Fail(item.File, item.Entry, $"{item.Display} could not be read: {ex.Message}");
            }
        }

        /// <summary>Skips documents already stored (one query for the chunk), parses the rest in parallel, writes them.</summary>
        public async Task ProcessChunkAsync(CancellationToken cancellationToken)
        {
            if (_chunk.Count == 0)
            {
                return;
            }

            var known = await KnownHashesAsync(_chunk.Select(d => d.Hash).ToList(), cancellationToken);
            var fresh = _chunk.Where(d => !known.Contains(d.Hash)).ToList();
            Unchanged += _chunk.Count - fresh.Count;
            var results = new IReadOnlyList<ParsedRecord>[fresh.Count];
            Parallel.For(0, fresh.Count, new ParallelOptions { CancellationToken = cancellationToken }, i =>
            {
                var document = fresh[i];
                try
                {
                    results[i] = PaperReader.ParseDocument(document.Item, document.Format, document.Bytes, document.Sidecar);
                }
                catch (PaperFormatException ex)
                {
                    results[i] = [new ParsedRecord(null, ex.Message)];
                }
                catch (Exception ex) when (ex is not OperationCanceledException and not OutOfMemoryException)
                {
                    // A parser bug on one odd file must not stop the batch; the file is reported like any bad input.
                    results[i] = [new ParsedRecord(null, $"{document.Item.Display} could not be parsed: {ex.GetType().Name}: {ex.Message}")];
                }
            });

            for (var i = 0; i < fresh.Count; i++)
            {
                var item = fresh[i].Item;
                foreach (var record in results[i])
                {
                    if (record.Paper is { } paper)
                    {
                        Stage(paper, item, record.Locator, fresh[i].Hash);
                    }
                    else
                    {
                        Fail(item.File, Join(item.Entry, record.Locator), record.Error!);
                    }
                }
            }

            _chunk.Clear();
            _chunkBytes = 0;
            await FlushAsync(cancellationToken);
        }

        private async Task ReadRecordsAsync(SourceItem item, SourceFormat format, CancellationToken cancellationToken)
        {
            var (hash, length) = HashStream(item);
            Bytes += length;
            if (_pendingHashes.Contains(hash) || (await KnownHashesAsync([hash], cancellationToken)).Count > 0)
            {
                Unchanged++;
                return;
            }

            _pendingHashes.Add(hash);
            var records = 0;
            foreach (var record in Guarded(item, PaperReader.Read(item, format, cancellationToken, owner._options.DocumentLimit)))
            {
                records++;
                if (record.Error is not null)
                {
                    Fail(item.File, Join(item.Entry, record.Locator), record.Error);
                }
                else
                {
                    Stage(record.Paper!, item, record.Locator, hash);
                }

                if (Pending.Count >= owner._options.BatchSize)
                {
                    await FlushAsync(cancellationToken);
                }
            }

            if (records == 0)
            {
                // Nothing stored and nothing wrong with a row: still say so, or the file would vanish without a word.
                Fail(item.File, item.Entry, $"{item.Display} holds no records (a header only, or nothing but blank lines)");
            }

            await FlushAsync(cancellationToken);
        }

        /// <summary>
        /// The records of a streamed source, where a parser bug (an exception other than the expected read and format
        /// errors) ends that file with one error record instead of stopping the batch, as in the documents' parallel parse.
        /// </summary>
        private static IEnumerable<ParsedRecord> Guarded(SourceItem item, IEnumerable<ParsedRecord> records)
        {
            using var enumerator = records.GetEnumerator();
            while (true)
            {
                string? bug = null;
                try
                {
                    if (!enumerator.MoveNext())
                    {
                        yield break;
                    }
                }
                catch (Exception ex) when (ex is not (OperationCanceledException or OutOfMemoryException or PaperFormatException or IOException or UnauthorizedAccessException or InvalidDataException))
                {
                    bug = $"{item.Display} could not be parsed: {ex.GetType().Name}: {ex.Message}";
                }

                if (bug is not null)
                {
                    yield return new ParsedRecord(null, bug);
                    yield break;
                }

                yield return enumerator.Current;
            }
        }

        private void Stage(Paper paper, SourceItem item, string? locator, string hash)
        {
            paper.SourceFile = item.Display;
            // A table row or OpenAlex record shares its file's hash; its own identity adds the row locator.
            paper.ContentHash = locator is null ? hash : Convert.ToHexStringLower(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(hash + "|" + locator)));
            Pending.Add(new PendingPaper(paper, item, locator, hash));
        }

        private async Task<HashSet<string>> KnownHashesAsync(List<string> hashes, CancellationToken cancellationToken)
        {
            await using var db = await owner._factory.CreateDbContextAsync(cancellationToken);
            var known = await db.Sources.Where(s => hashes.Contains(s.ContentHash)).Select(s => s.ContentHash).Distinct().ToListAsync(cancellationToken);
            return known.ToHashSet(StringComparer.Ordinal);
        }

        public async Task FlushAsync(CancellationToken cancellationToken)
        {
            if (Pending.Count > 0)
            {
                try
                {
                    await WriteAsync(Pending, cancellationToken);
                }
                catch (Exception batchError) when (batchError is DbUpdateException or System.Data.Common.DbException)
                {
                    // Isolate the paper that broke the batch: write the others one by one.
                    foreach (var single in Pending)
                    {
                        try
                        {
                            await WriteAsync([single], cancellationToken);
                        }
                        catch (Exception ex) when (ex is DbUpdateException or System.Data.Common.DbException)
                        {
                            Fail(single.Item.File, Join(single.Item.Entry, single.Locator), $"{single.Item.Display}: database write failed: {ex.InnerException?.Message ?? ex.Message}");
                        }
                    }
                }

                Pending.Clear();
                if (_chunk.Count == 0)
                {
                    _pendingHashes.Clear();
                }
            }

            await FlushErrorsAsync(cancellationToken);
        }

        public async Task FlushErrorsAsync(CancellationToken cancellationToken)
        {
            if (_unsavedErrors.Count == 0)
            {
                return;
            }

            await using var db = await owner._factory.CreateDbContextAsync(cancellationToken);
            db.IngestErrors.AddRange(_unsavedErrors);
            await db.SaveChangesAsync(cancellationToken);
            _unsavedErrors.Clear();
        }

        private async Task WriteAsync(IReadOnlyList<PendingPaper> papers, CancellationToken cancellationToken)
        {
            await using var db = await owner._factory.CreateDbContextAsync(cancellationToken);
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var dois = papers.Select(p => p.Paper.Doi).OfType<string>().Distinct().ToList();
            var hashes = papers.Where(p => p.Paper.Doi is null).Select(p => p.Paper.ContentHash).Distinct().ToList();
            var stored = await db.Papers
                .Where(p => (p.Doi != null && dois.Contains(p.Doi)) || (p.Doi == null && hashes.Contains(p.ContentHash)))
                .Include(p => p.Sections)
                .Include(p => p.Captions)
                .AsSplitQuery()
                .ToListAsync(cancellationToken);
            var byDoi = stored.Where(p => p.Doi is not null).ToDictionary(p => p.Doi!, StringComparer.Ordinal);
            var byHash = stored.Where(p => p.Doi is null).GroupBy(p => p.ContentHash).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
            var added = new List<Paper>();
            var addedSet = new HashSet<Paper>(ReferenceEqualityComparer.Instance);
            var updated = 0;
            var now = DateTime.UtcNow;
            foreach (var pending in papers)
            {
                var incoming = pending.Paper;
                var existing = incoming.Doi is not null ? byDoi.GetValueOrDefault(incoming.Doi) : byHash.GetValueOrDefault(incoming.ContentHash);
                var source = new PaperSource
                {
                    Path = pending.Item.File,
                    Entry = Join(pending.Item.Entry, pending.Locator),
                    Format = incoming.SourceFormat,
                    ContentHash = pending.Hash,
                    IngestedAt = now,
                };
                if (existing is null)
                {
                    incoming.IngestedAt = now;
                    incoming.UpdatedAt = now;
                    FieldResolver.Apply(incoming);
                    incoming.Sources.Add(source);
                    added.Add(incoming);
                    addedSet.Add(incoming);
                    if (incoming.Doi is not null)
                    {
                        byDoi[incoming.Doi] = incoming;
                    }
                    else
                    {
                        byHash[incoming.ContentHash] = incoming;
                    }
                }
                else
                {
                    // A stored paper is tracked by EF; a paper new in this batch is merged in memory before its insert.
                    PaperMerger.Merge(existing, incoming);
                    existing.UpdatedAt = now;
                    existing.Sources.Add(source);
                    if (!addedSet.Contains(existing))
                    {
                        updated++;
                    }
                }
            }

            await db.SaveChangesAsync(cancellationToken);
            using (var inserter = new PaperInserter(db.Database.GetDbConnection(), transaction.GetDbTransaction()))
            {
                foreach (var paper in added)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    inserter.Insert(paper);
                }
            }

            await transaction.CommitAsync(cancellationToken);
            Added += added.Count;
            Updated += updated;
        }

        private (string Hash, long Length) HashStream(SourceItem item)
        {
            using var stream = item.Open();
            using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            var buffer = new byte[81920];
            long length = 0;
            int read;
            while ((read = stream.Read(buffer, 0, buffer.Length)) > 0)
            {
                hash.AppendData(buffer, 0, read);
                length += read;
            }

            if (length == 0)
            {
                throw new PaperFormatException($"{item.Display} is empty");
            }

            return (Convert.ToHexStringLower(hash.GetHashAndReset()), length);
        }

        private static string? Join(string? entry, string? locator) =>
            locator is null ? entry : entry is null ? locator : $"{entry} {locator}";
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Ingest batch {BatchId} started: {Inputs}")]
    private partial void LogStarted(long batchId, string inputs);

    [LoggerMessage(Level = LogLevel.Information, Message = "Ingest batch {BatchId} finished: {Added} added, {Updated} updated, {Unchanged} unchanged, {Failed} failed in {Seconds:F1} s")]
    private partial void LogFinished(long batchId, int added, int updated, int unchanged, int failed, double seconds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Ingest failed for {File} {Entry}: {Reason}")]
    private partial void LogFailed(string file, string? entry, string reason);
}
