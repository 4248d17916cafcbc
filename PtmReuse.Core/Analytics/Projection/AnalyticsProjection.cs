using System.Data.Common;
using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.Logging;
using PtmReuse.Core.Classification;
using PtmReuse.Core.Classification.Catalog;
using PtmReuse.Core.Coordination;
using PtmReuse.Core.Review;
using PtmReuse.Core.Storage;

namespace PtmReuse.Core.Analytics.Projection;

/// <summary>Outcome of a rebuild or repair.</summary>
public sealed record ProjectionReport(int PapersProjected, int StalePapersFound, bool FullRebuild, TimeSpan Elapsed);

/// <summary>
/// Maintains the analytics read model (<see cref="PaperLabel"/>, <see cref="PaperModelLabel"/>) from decisions and human
/// labels through the one effective-label rule. Kept current by <see cref="PapersChangedAsync"/> after each commit, and
/// repairable: every paper's rows carry a signature of their sources, so rows a crash left behind are found by one
/// GROUP BY and rebuilt (<see cref="RepairAsync"/>, run before queries whenever the stores changed); a projection
/// built by another version of this code or shipped catalog is rebuilt whole (<see cref="RebuildAsync"/>). Model rows
/// hold canonical names read through the catalog, so a user's catalog edit (alias, merge, split, an accepted proposal)
/// makes the rows of the papers naming an affected model stale: they are rebuilt before the next query, and the edits
/// applied are recorded, so a crash in between is caught up on the next check. Instances sharing a database rebuild and
/// repair under one lease (<see cref="WorkKinds.AnalyticsProjection"/>), and every write of rows and counts serialises
/// in the database (<see cref="WriterLock.AnalyticsProjection"/>).
/// </summary>
public sealed partial class AnalyticsProjection(
    IDbContextFactory<PtmReuseDbContext> dbFactory,
    IPtmCatalog catalog,
    IWorkLeases leases,
    ILogger<AnalyticsProjection> logger,
    ICatalogHistory? catalogHistory = null) : ILabelsChangedListener
{
    /// <summary>Bump when the projection's rules or columns change: existing projections are then rebuilt.</summary>
    public const int Version = 4;

    /// <summary>Marker scope of <see cref="ProjectionModel.ScopeStateTable"/>: the catalog edits the rows reflect ("count:fingerprint").</summary>
    private const long CatalogEditsScope = long.MinValue + 1;

    private const int BatchSize = 500;
    private static readonly TimeSpan FreshnessInterval = TimeSpan.FromSeconds(2);

    private readonly SemaphoreSlim _gate = new(1, 1);
    private string? _lastSourcesFingerprint;
    private long _lastCheckTicks;
    private int _checkedCatalogEdits;

    public async Task PapersChangedAsync(IReadOnlyCollection<long> paperIds, CancellationToken cancellationToken)
    {
        if (paperIds.Count == 0)
        {
            return;
        }

        await _gate.WaitAsync(cancellationToken);
        try
        {
            await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
            await db.Database.OpenConnectionAsync(cancellationToken);
            if (await ScopeSignatureAsync(db, ProjectionScope.Effective, cancellationToken) != BaseSignature())
            {
                return; // never built (or built by another version): the next query's freshness check rebuilds it whole
            }

            foreach (var chunk in paperIds.Distinct().Chunk(BatchSize))
            {
                await ProjectAsync(db, chunk, runId: null, cancellationToken);
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>
    /// Makes the projection current before a query: a rebuild when missing or built by another version or catalog;
    /// otherwise, when the stores changed since the last check, a repair of the papers whose sources changed.
    /// Cheap when nothing changed (a few MAX() lookups, at most every two seconds).
    /// </summary>
    public async Task EnsureFreshAsync(CancellationToken cancellationToken)
    {
        var now = Stopwatch.GetTimestamp();
        // A catalog edit is seen at once (an in-memory count): the page that made it reloads its counts right away.
        if (_lastSourcesFingerprint is not null && Volatile.Read(ref _checkedCatalogEdits) == (catalogHistory?.Edits.Count ?? 0)
            && Stopwatch.GetElapsedTime(Interlocked.Read(ref _lastCheckTicks), now) < FreshnessInterval)
        {
            return;
        }

        await _gate.WaitAsync(cancellationToken);
        try
        {
            await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
            await db.Database.OpenConnectionAsync(cancellationToken);
            // A catalog edit changes no table, so the number of edits is part of the change detector.
            var edits = catalogHistory?.Edits.Count ?? 0;
            var fingerprint = await SourcesFingerprintAsync(db, cancellationToken) + "|catalog:" + edits.ToString(CultureInfo.InvariantCulture);
            Volatile.Write(ref _checkedCatalogEdits, edits);
            Interlocked.Exchange(ref _lastCheckTicks, Stopwatch.GetTimestamp());
            if (fingerprint == _lastSourcesFingerprint)
            {
                return;
            }

            // Another instance may be rebuilding: wait for it, then repair only what it left stale.
            await using var lease = await leases.AcquireAsync(WorkKinds.AnalyticsProjection, 0, cancellationToken);
            if (await ScopeSignatureAsync(db, ProjectionScope.Effective, cancellationToken) != BaseSignature())
            {
                await RebuildCoreAsync(db, cancellationToken);
            }
            else
            {
                await ApplyCatalogEditsAsync(db, cancellationToken);
                await RepairCoreAsync(db, cancellationToken);
            }

            await EnsureCountsAsync(db, cancellationToken);
            _lastSourcesFingerprint = fingerprint;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Drops and rebuilds the whole projection (`ptmreuse analytics rebuild`).</summary>
    public async Task<ProjectionReport> RebuildAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            await using var lease = await leases.AcquireAsync(WorkKinds.AnalyticsProjection, 0, cancellationToken);
            await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
            await db.Database.OpenConnectionAsync(cancellationToken);
            var report = await RebuildCoreAsync(db, cancellationToken);
            _lastSourcesFingerprint = null;
            return report;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Finds papers whose projected rows no longer match their sources and rebuilds just those.</summary>
    public async Task<ProjectionReport> RepairAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            await using var lease = await leases.AcquireAsync(WorkKinds.AnalyticsProjection, 0, cancellationToken);
            await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
            await db.Database.OpenConnectionAsync(cancellationToken);
            if (await ScopeSignatureAsync(db, ProjectionScope.Effective, cancellationToken) != BaseSignature())
            {
                return await RebuildCoreAsync(db, cancellationToken);
            }

            await ApplyCatalogEditsAsync(db, cancellationToken);
            return await RepairCoreAsync(db, cancellationToken);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>The papers whose projected rows are stale (for `analytics check` and tests); nothing is changed.</summary>
    public async Task<IReadOnlyList<long>> FindStalePapersAsync(CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await db.Database.OpenConnectionAsync(cancellationToken);
        return await StalePaperIdsAsync(db, cancellationToken);
    }

    /// <summary>
    /// Makes sure the scope of one run (its machine decisions only, no human labels) is built and current; the
    /// two-run comparison of the study summary reads it.
    /// </summary>
    public async Task EnsureRunScopeAsync(long runId, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
            await db.Database.OpenConnectionAsync(cancellationToken);
            var signature = BaseSignature() + "|" + EditsMarker(catalogHistory?.Edits ?? []) + "|" + await ScalarTextAsync(db,
                $"""SELECT COUNT(*) || ':' || COALESCE(MAX("Id"), 0) || ':' || {AnsweredSum} FROM "Decisions" WHERE "RunId" = {runId.ToString(CultureInfo.InvariantCulture)}""", cancellationToken);
            if (await ScopeSignatureAsync(db, runId, cancellationToken) == signature)
            {
                return;
            }

            await using var lease = await leases.AcquireAsync(WorkKinds.AnalyticsProjection, 0, cancellationToken);
            if (await ScopeSignatureAsync(db, runId, cancellationToken) == signature)
            {
                return; // another instance built it while this one waited
            }

            var clock = Stopwatch.StartNew();
            await EnsureCountsAsync(db, cancellationToken);
            await ExecuteAsync(db, $"""
                DELETE FROM "{ProjectionModel.PaperLabelTable}" WHERE "Scope" = {runId}; DELETE FROM "{ProjectionModel.ModelLabelTable}" WHERE "Scope" = {runId};
                DELETE FROM "{ProjectionModel.PaperCountTable}" WHERE "Scope" = {runId}; DELETE FROM "{ProjectionModel.ModelCountTable}" WHERE "Scope" = {runId};
                """, cancellationToken);
            var ids = await LongsAsync(db, $"""SELECT DISTINCT "PaperId" FROM "Decisions" WHERE "RunId" = {runId.ToString(CultureInfo.InvariantCulture)} ORDER BY "PaperId" """, cancellationToken);
            foreach (var chunk in ids.Chunk(BatchSize))
            {
                await ProjectAsync(db, chunk, runId, cancellationToken);
            }

            await SetScopeSignatureAsync(db, runId, signature, cancellationToken);
            LogRunScopeBuilt(logger, runId, ids.Count, clock.ElapsedMilliseconds);
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task<ProjectionReport> RebuildCoreAsync(PtmReuseDbContext db, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        // Read before projecting: rows built with a newer catalog than recorded are only re-checked, never missed.
        var edits = catalogHistory?.Edits ?? [];
        await using (var transaction = await db.Database.BeginTransactionAsync(cancellationToken))
        {
            // After a paper update of another instance, never in the middle of one.
            await SqlDialect.For(db.Database).SerializeWritersAsync(db, WriterLock.AnalyticsProjection, 0, cancellationToken);
            await ExecuteAsync(db, $"""
                DELETE FROM "{ProjectionModel.PaperLabelTable}"; DELETE FROM "{ProjectionModel.ModelLabelTable}";
                DELETE FROM "{ProjectionModel.PaperStateTable}"; DELETE FROM "{ProjectionModel.ScopeStateTable}"; DELETE FROM "{ProjectionModel.PaperCountTable}";
                DELETE FROM "{ProjectionModel.ModelCountTable}";
                """, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }

        var projected = 0;
        long after = 0;
        while (true)
        {
            var ids = await LongsAsync(db, $"""SELECT "Id" FROM "Papers" WHERE "Id" > {after} ORDER BY "Id" LIMIT {BatchSize}""", cancellationToken);
            if (ids.Count == 0)
            {
                break;
            }

            await ProjectAsync(db, ids, runId: null, cancellationToken);
            projected += ids.Count;
            after = ids[^1];
        }

        await SetScopeSignatureAsync(db, ProjectionScope.Effective, BaseSignature(), cancellationToken);
        await SetScopeSignatureAsync(db, CatalogEditsScope, EditsMarker(edits), cancellationToken);
        await EnsureCountsAsync(db, cancellationToken);
        // Every row was deleted and written again: PostgreSQL's charts read the covering indexes alone only once the
        // pages are vacuumed (all-visible), and plan with the new row counts only once analysed
        // (EnsureCountsAsync, above, did so for the count tables).
        await MaintainAfterRewriteAsync(db, [ProjectionModel.PaperLabelTable, ProjectionModel.ModelLabelTable, ProjectionModel.PaperStateTable], cancellationToken);

        LogRebuilt(logger, projected, clock.ElapsedMilliseconds);
        return new ProjectionReport(projected, projected, FullRebuild: true, clock.Elapsed);
    }

    /// <summary>
    /// Catches the rows up with catalog edits made since they were built: the papers naming a model whose canonical name
    /// changed are projected again. Edits that are not a continuation of the recorded ones (the overrides file replaced or
    /// shortened) rebuild everything.
    /// </summary>
    private async Task ApplyCatalogEditsAsync(PtmReuseDbContext db, CancellationToken cancellationToken)
    {
        if (catalogHistory is null)
        {
            return;
        }

        var edits = catalogHistory.Edits;
        var current = EditsMarker(edits);
        var recorded = await ScopeSignatureAsync(db, CatalogEditsScope, cancellationToken);
        if (recorded == current)
        {
            return;
        }

        var applied = recorded is not null && int.TryParse(recorded.Split(':')[0], NumberStyles.None, CultureInfo.InvariantCulture, out var count) ? count : -1;
        if (applied < 0 || applied > edits.Count || EditsMarker(edits.Take(applied).ToList()) != recorded)
        {
            await RebuildCoreAsync(db, cancellationToken);
            return;
        }

        var clock = Stopwatch.StartNew();
        var changed = CatalogChanges.ChangedKeys(catalogHistory.After(applied), catalogHistory.After(edits.Count));
        var papers = await CatalogChanges.PapersNamingAsync(db, changed, cancellationToken);
        foreach (var chunk in papers.Chunk(BatchSize))
        {
            await ProjectAsync(db, chunk, runId: null, cancellationToken);
        }

        await SetScopeSignatureAsync(db, CatalogEditsScope, current, cancellationToken);
        LogCatalogEditsApplied(logger, edits.Count - applied, changed.Count, papers.Count, clock.ElapsedMilliseconds);
    }

    private static string EditsMarker(IReadOnlyList<CatalogEdit> edits) =>
        edits.Count.ToString(CultureInfo.InvariantCulture) + ":" + CatalogChanges.Fingerprint(edits);

    private async Task<ProjectionReport> RepairCoreAsync(PtmReuseDbContext db, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var stale = await StalePaperIdsAsync(db, cancellationToken);
        foreach (var chunk in stale.Chunk(BatchSize))
        {
            await ProjectAsync(db, chunk, runId: null, cancellationToken);
        }

        if (stale.Count > 0)
        {
            LogRepaired(logger, stale.Count, clock.ElapsedMilliseconds);
        }

        return new ProjectionReport(stale.Count, stale.Count, FullRebuild: false, clock.Elapsed);
    }

    /// <summary>
    /// One signature per paper from its sources: metadata update time, decisions (count, newest id, answered count, so
    /// a failure retried in place changes it) and live human labels (count, newest id, versions, retirements).
    /// </summary>
    private static string SignatureSql(string? paperIdList) => $"""
        SELECT p."Id",
               p."UpdatedAt" || '|' || COALESCE(d.c, 0) || '|' || COALESCE(d.m, 0) || '|' || COALESCE(d.a, 0) || '|' ||
               COALESCE(h.c, 0) || '|' || COALESCE(h.m, 0) || '|' || COALESCE(h.v, 0) || '|' || COALESCE(h.r, 0) AS "Signature"
        FROM "Papers" p
        LEFT JOIN (SELECT "PaperId", COUNT(*) AS c, MAX("Id") AS m, {AnsweredSum} AS a FROM "Decisions"
                   {(paperIdList is null ? "" : $"WHERE \"PaperId\" IN ({paperIdList})")} GROUP BY "PaperId") d ON d."PaperId" = p."Id"
        LEFT JOIN (SELECT "PaperId", COUNT(*) AS c, MAX("Id") AS m, SUM("Version") AS v, SUM(CASE WHEN "Retired" THEN 1 ELSE 0 END) AS r FROM "HumanLabels"
                   {(paperIdList is null ? "" : $"WHERE \"PaperId\" IN ({paperIdList})")} GROUP BY "PaperId") h ON h."PaperId" = p."Id"
        {(paperIdList is null ? "" : $"WHERE p.\"Id\" IN ({paperIdList})")}
        """;

    /// <summary>Decisions with an answer (no error), counted the same way on both providers.</summary>
    private const string AnsweredSum = """COALESCE(SUM(CASE WHEN "ErrorKind" IS NULL THEN 1 ELSE 0 END), 0)""";

    private static async Task<List<long>> StalePaperIdsAsync(PtmReuseDbContext db, CancellationToken cancellationToken) =>
        await LongsAsync(db, $"""
            SELECT src."Id" FROM ({SignatureSql(null)}) src
            LEFT JOIN "{ProjectionModel.PaperStateTable}" s ON s."PaperId" = src."Id"
            WHERE s."Signature" IS NULL OR s."Signature" <> src."Signature"
            ORDER BY src."Id"
            """, cancellationToken);

    /// <summary>Cheap global change detector: newest ids and update time of the stores, and the (small) human-label totals.</summary>
    private static Task<string?> SourcesFingerprintAsync(PtmReuseDbContext db, CancellationToken cancellationToken) =>
        ScalarTextAsync(db, """
            SELECT COALESCE((SELECT MAX("Id") FROM "Papers"), 0) || '|' || COALESCE((SELECT MAX("UpdatedAt") FROM "Papers") || '', '') || '|' ||
                   COALESCE((SELECT MAX("Id") FROM "Decisions"), 0) || '|' ||
                   (SELECT COUNT(*) || ':' || COALESCE(MAX("Id"), 0) || ':' || COALESCE(SUM("Version"), 0) || ':' ||
                           COALESCE(SUM(CASE WHEN "Retired" THEN 1 ELSE 0 END), 0) FROM "HumanLabels")
            """, cancellationToken);

    /// <summary>
    /// The projection code version and the shipped catalog's names: when either changes, every row is rebuilt. User edits
    /// of the catalog are applied paper by paper instead (<see cref="ApplyCatalogEditsAsync"/>); without an edit history
    /// (a fixed catalog) its whole content counts here.
    /// </summary>
    private string BaseSignature()
    {
        var text = new StringBuilder();
        var names = catalogHistory is null
            ? catalog.Models.Select(m => (m.Canonical, m.Aliases))
            : catalogHistory.Shipped.Select(e => (e.Canonical, e.Aliases));
        foreach (var (canonical, aliases) in names.OrderBy(m => m.Canonical, StringComparer.Ordinal))
        {
            text.Append(canonical).Append('\u001f').AppendJoin('\u001e', aliases).Append('\n');
        }

        return $"v{Version}:{Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())))[..16]}";
    }

    /// <summary>Rebuilds the rows of some papers in one transaction: the base scopes (with signatures) or one run's scope.</summary>
    private async Task ProjectAsync(PtmReuseDbContext db, IReadOnlyCollection<long> paperIds, long? runId, CancellationToken cancellationToken)
    {
        var idList = string.Join(",", paperIds.Select(id => id.ToString(CultureInfo.InvariantCulture)));
        var connection = db.Database.GetDbConnection();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await SqlDialect.For(db.Database).SerializeWritersAsync(db, WriterLock.AnalyticsProjection, 0, cancellationToken);
        var dbTransaction = transaction.GetDbTransaction();

        var papers = new Dictionary<long, PaperFacts>();
        await using (var command = Command(connection, dbTransaction, $"""SELECT "Id", "Year", "Journal", "PrimaryField", "Topics" FROM "Papers" WHERE "Id" IN ({idList})"""))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                var id = reader.GetInt64(0);
                papers[id] = new PaperFacts(id, reader.IsDBNull(1) ? null : reader.GetInt32(1), reader.IsDBNull(2) ? null : reader.GetString(2),
                    reader.IsDBNull(3) ? null : reader.GetString(3), PaperFacts.ParseTopicFields(reader.IsDBNull(4) ? null : reader.GetString(4)));
            }
        }

        var machine = new List<EffectiveLabels.MachineRow>();
        var facts = new Dictionary<long, DecisionFacts>();
        var runFilter = runId is { } run ? $" AND \"RunId\" = {run.ToString(CultureInfo.InvariantCulture)}" : "";
        await using (var command = Command(connection, dbTransaction,
            $"""SELECT "Id", "PaperId", "Stage", "ValueJson", "ErrorKind", "CreatedAt", "Confidence", "EvidenceGrounded" FROM "Decisions" WHERE "PaperId" IN ({idList}){runFilter}"""))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                var id = reader.GetInt64(0);
                machine.Add(new EffectiveLabels.MachineRow(id, reader.GetInt64(1), reader.GetString(2), reader.IsDBNull(3) ? null : reader.GetString(3),
                    reader.IsDBNull(4) ? null : reader.GetString(4), reader.GetDateTime(5)));
                facts[id] = new DecisionFacts(reader.IsDBNull(6) ? null : reader.GetDouble(6), reader.IsDBNull(7) ? null : reader.GetBoolean(7));
            }
        }

        var human = runId is null
            ? await EffectiveLabels.HumanRowsAsync(db.HumanLabels.Where(l => paperIds.Contains(l.PaperId)), cancellationToken)
            : [];

        var scopes = runId is { } runScope ? [runScope] : new[] { ProjectionScope.Effective, ProjectionScope.MachineOnly };
        var scopeList = string.Join(",", scopes.Select(s => s.ToString(CultureInfo.InvariantCulture)));
        var keepCounts = await ScopeSignatureAsync(db, CountsScope, cancellationToken) == CountsMarker;
        await using (var delete = Command(connection, dbTransaction,
            (keepCounts ? CountsDeltaSql(-1, scopeList, idList) : "") +
            $"""DELETE FROM "{ProjectionModel.PaperLabelTable}" WHERE "Scope" IN ({scopeList}) AND "PaperId" IN ({idList}); """ +
            $"""DELETE FROM "{ProjectionModel.ModelLabelTable}" WHERE "Scope" IN ({scopeList}) AND "PaperId" IN ({idList});"""))
        {
            await delete.ExecuteNonQueryAsync(cancellationToken);
        }

        var writer = new RowWriter(connection, dbTransaction);
        var machineByPaper = machine.ToLookup(m => m.PaperId);
        var humanByPaper = human.ToLookup(h => h.PaperId);
        foreach (var paper in papers.Values)
        {
            var paperMachine = machineByPaper[paper.Id].ToList();
            var paperHuman = humanByPaper[paper.Id].ToList();
            foreach (var scope in scopes)
            {
                var (paperRows, modelRows) = PaperProjector.Project(scope, paper, paperMachine,
                    scope == ProjectionScope.Effective ? paperHuman : [], facts, catalog);
                // Reviewed is a fact about the paper, shown in every scope's funnel.
                foreach (var row in paperRows)
                {
                    row.Reviewed = paperHuman.Count > 0;
                    await writer.WriteAsync(row, cancellationToken);
                }

                foreach (var row in modelRows)
                {
                    row.Reviewed = paperHuman.Count > 0;
                    await writer.WriteAsync(row, cancellationToken);
                }
            }
        }

        if (keepCounts)
        {
            await using var add = Command(connection, dbTransaction, CountsDeltaSql(1, scopeList, idList));
            await add.ExecuteNonQueryAsync(cancellationToken);
        }

        if (runId is null)
        {
            // Signatures are read inside the same transaction as the rows, so they describe exactly what was projected.
            await using var upsert = Command(connection, dbTransaction,
                $"""
                INSERT INTO "{ProjectionModel.PaperStateTable}" ("PaperId", "Signature") SELECT src."Id", src."Signature" FROM ({SignatureSql(idList)}) src WHERE TRUE
                ON CONFLICT ("PaperId") DO UPDATE SET "Signature" = excluded."Signature"
                """);
            await upsert.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>Marker scope of <see cref="ProjectionModel.PaperCountTable"/> and <see cref="ProjectionModel.ModelCountTable"/>.</summary>
    private const long CountsScope = long.MinValue;

    /// <summary>
    /// The marker's value when both count tables match the rows. Any other value (none, or "counts" from before the
    /// model counts existed) recomputes both from the rows on the next freshness check.
    /// </summary>
    private const string CountsMarker = "counts+models";

    /// <summary>Adds (sign 1) or subtracts (sign -1) the rows of some papers and scopes to both pre-aggregated count tables.</summary>
    private static string CountsDeltaSql(int sign, string scopeList, string idList)
    {
        var key = CountKeyColumns;
        var modelKey = ModelCountKeyColumns;
        var rows = $"""WHERE "Scope" IN ({scopeList}) AND "PaperId" IN ({idList})""";
        return $"""
            INSERT INTO "{ProjectionModel.PaperCountTable}" ({key}, "Items", "WeightSum")
            SELECT {CountGroupColumns}, {sign} * COUNT(*), {sign} * SUM("Weight")
            FROM "{ProjectionModel.PaperLabelTable}" {rows}
            GROUP BY {CountGroupColumns}
            ON CONFLICT ({key}) DO UPDATE SET "Items" = "{ProjectionModel.PaperCountTable}"."Items" + excluded."Items",
                "WeightSum" = "{ProjectionModel.PaperCountTable}"."WeightSum" + excluded."WeightSum";
            INSERT INTO "{ProjectionModel.ModelCountTable}" ({modelKey}, "Items", "WeightSum")
            {ModelCountsSelect(sign, rows)}
            ON CONFLICT ({modelKey}) DO UPDATE SET "Items" = "{ProjectionModel.ModelCountTable}"."Items" + excluded."Items",
                "WeightSum" = "{ProjectionModel.ModelCountTable}"."WeightSum" + excluded."WeightSum";
            """;
    }

    private static string CountKeyColumns => string.Join(", ", ProjectionModel.PaperCountKey.Select(c => $"\"{c}\""));

    private static string ModelCountKeyColumns => string.Join(", ", ProjectionModel.ModelCountKey.Select(c => $"\"{c}\""));

    /// <summary>
    /// The model count rows of the model label rows <paramref name="rowFilter"/> selects, times <paramref name="sign"/>: one
    /// GROUP BY per dimension. The outer SELECT with its WHERE lets SQLite parse the upsert after a compound SELECT.
    /// </summary>
    private static string ModelCountsSelect(int sign, string rowFilter)
    {
        var arms = ModelCountDimension.All.Select(dimension =>
        {
            var value = dimension == ModelCountDimension.Model ? "\"Model\"" : $"COALESCE(\"{dimension}\", '')";
            var first = ModelCountDimension.FirstFlag(dimension) is { } flag ? $"\"{flag}\"" : "FALSE";
            // The constant dimension stays out of the GROUP BY (PostgreSQL refuses a constant there).
            var group = $"""COALESCE("Year", -1), {value}{(first == "FALSE" ? "" : ", " + first)}""";
            return $"""
                SELECT "Scope", '{dimension}' AS "Dimension", "IsPrimary", COALESCE("Year", -1) AS "Year", "Field", "Grounded",
                       {value} AS "Value", {first} AS "IsFirst", {sign} * COUNT(*) AS "Items", {sign} * SUM("Weight") AS "WeightSum"
                FROM "{ProjectionModel.ModelLabelTable}" {rowFilter} GROUP BY "Scope", "IsPrimary", "Field", "Grounded", {group}
                """;
        });
        return $"SELECT * FROM ({string.Join(" UNION ALL ", arms)}) counts WHERE TRUE";
    }

    /// <summary>The count key read from the rows: a null year is stored as -1, a null journal as "".</summary>
    private const string CountGroupColumns =
        """ "Scope", "IsPrimary", COALESCE("Year", -1), "Field", COALESCE("Journal", ''), "UsesDl", "UsesPtms", "Grounded", "Reviewed" """;

    /// <summary>Recomputes every pre-aggregated count from the rows (one GROUP BY per table and dimension) when they are missing.</summary>
    private static async Task EnsureCountsAsync(PtmReuseDbContext db, CancellationToken cancellationToken)
    {
        if (await ScopeSignatureAsync(db, CountsScope, cancellationToken) == CountsMarker)
        {
            return;
        }

        var key = CountKeyColumns;
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await SqlDialect.For(db.Database).SerializeWritersAsync(db, WriterLock.AnalyticsProjection, 0, cancellationToken);
        await ExecuteAsync(db, $"""
            DELETE FROM "{ProjectionModel.PaperCountTable}";
            INSERT INTO "{ProjectionModel.PaperCountTable}" ({key}, "Items", "WeightSum")
            SELECT {CountGroupColumns}, COUNT(*), SUM("Weight")
            FROM "{ProjectionModel.PaperLabelTable}"
            GROUP BY {CountGroupColumns};
            DELETE FROM "{ProjectionModel.ModelCountTable}";
            INSERT INTO "{ProjectionModel.ModelCountTable}" ({ModelCountKeyColumns}, "Items", "WeightSum")
            {ModelCountsSelect(1, "")};
            """, cancellationToken);
        await SetScopeSignatureAsync(db, CountsScope, CountsMarker, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        // Rewritten whole, as after a rebuild: without it PostgreSQL plans the charts' first hours on an empty table's
        // statistics and reads every count from the heap (an unanalysed model count table: 250 ms for the top models).
        await MaintainAfterRewriteAsync(db, [ProjectionModel.PaperCountTable, ProjectionModel.ModelCountTable], cancellationToken);
    }

    /// <summary>Whatever the provider needs after tables were rewritten whole (PostgreSQL: VACUUM (ANALYZE); SQLite: nothing).</summary>
    private static async Task MaintainAfterRewriteAsync(PtmReuseDbContext db, IEnumerable<string> tables, CancellationToken cancellationToken)
    {
        foreach (var table in tables)
        {
            if (SqlDialect.For(db.Database).MaintainAfterRewriteSql(table) is { } maintain)
            {
                await ExecuteAsync(db, maintain, cancellationToken);
            }
        }
    }

    private static DbCommand Command(DbConnection connection, DbTransaction transaction, string sql)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        return command;
    }

    private static async Task<string?> ScopeSignatureAsync(PtmReuseDbContext db, long scope, CancellationToken cancellationToken) =>
        await ScalarTextAsync(db, $"""SELECT "Signature" FROM "{ProjectionModel.ScopeStateTable}" WHERE "Scope" = {scope.ToString(CultureInfo.InvariantCulture)}""", cancellationToken);

    private static async Task SetScopeSignatureAsync(PtmReuseDbContext db, long scope, string signature, CancellationToken cancellationToken)
    {
        await using var command = db.Database.GetDbConnection().CreateCommand();
        command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
        command.CommandText = $"""
            INSERT INTO "{ProjectionModel.ScopeStateTable}" ("Scope", "Signature", "BuiltAt") VALUES (@scope, @signature, @at)
            ON CONFLICT ("Scope") DO UPDATE SET "Signature" = excluded."Signature", "BuiltAt" = excluded."BuiltAt"
            """;
        AddParameter(command, "@scope", scope);
        AddParameter(command, "@signature", signature);
        AddParameter(command, "@at", DateTime.UtcNow);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static void AddParameter(DbCommand command, string name, object value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
    }

    private static async Task ExecuteAsync(PtmReuseDbContext db, string sql, CancellationToken cancellationToken)
    {
        await using var command = db.Database.GetDbConnection().CreateCommand();
        command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static async Task<string?> ScalarTextAsync(PtmReuseDbContext db, string sql, CancellationToken cancellationToken)
    {
        await using var command = db.Database.GetDbConnection().CreateCommand();
        command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
        command.CommandText = sql;
        var value = await command.ExecuteScalarAsync(cancellationToken);
        return value is null or DBNull ? null : Convert.ToString(value, CultureInfo.InvariantCulture);
    }

    private static async Task<List<long>> LongsAsync(PtmReuseDbContext db, string sql, CancellationToken cancellationToken)
    {
        await using var command = db.Database.GetDbConnection().CreateCommand();
        command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
        command.CommandText = sql;
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var ids = new List<long>();
        while (await reader.ReadAsync(cancellationToken))
        {
            ids.Add(reader.GetInt64(0));
        }

        return ids;
    }

    /// <summary>Prepared INSERTs reused for every row of a batch (the fast path for bulk writes on both providers).</summary>
    private sealed class RowWriter(DbConnection connection, DbTransaction transaction)
    {
        private static readonly string[] PaperColumns =
            ["Scope", "PaperId", "Field", "IsPrimary", "Weight", "Year", "Journal", "UsesDl", "UsesPtms", "UsesDlDecisionId", "UsesPtmsDecisionId", "Grounded", "Confidence", "Reviewed"];

        private static readonly string[] ModelColumns =
            ["Scope", "PaperId", "Field", "IsPrimary", "Weight", "Year", "Journal", "Model", "Pattern", "Step", "PatternFirst", "StepFirst", "IdentifyDecisionId", "ReuseDecisionId", "ImpactDecisionId", "Grounded", "Confidence", "Reviewed"];

        private DbCommand? _paper;
        private DbCommand? _model;

        public async Task WriteAsync(PaperLabel row, CancellationToken cancellationToken)
        {
            _paper ??= PreparedInsert.Prepare(connection, transaction, ProjectionModel.PaperLabelTable, PaperColumns);
            PreparedInsert.Bind(_paper, row.Scope, row.PaperId, row.Field, row.IsPrimary, row.Weight, row.Year, row.Journal, (short)row.UsesDl, (short)row.UsesPtms,
                row.UsesDlDecisionId, row.UsesPtmsDecisionId, row.Grounded, row.Confidence, row.Reviewed);
            await _paper.ExecuteNonQueryAsync(cancellationToken);
        }

        public async Task WriteAsync(PaperModelLabel row, CancellationToken cancellationToken)
        {
            _model ??= PreparedInsert.Prepare(connection, transaction, ProjectionModel.ModelLabelTable, ModelColumns);
            PreparedInsert.Bind(_model, row.Scope, row.PaperId, row.Field, row.IsPrimary, row.Weight, row.Year, row.Journal, row.Model, row.Pattern, row.Step, row.PatternFirst, row.StepFirst,
                row.IdentifyDecisionId, row.ReuseDecisionId, row.ImpactDecisionId, row.Grounded, row.Confidence, row.Reviewed);
            await _model.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Analytics projection rebuilt: {Papers} papers in {Milliseconds} ms")]
    private static partial void LogRebuilt(ILogger logger, int papers, long milliseconds);

    [LoggerMessage(Level = LogLevel.Information, Message = "Analytics projection repaired: {Papers} stale papers rebuilt in {Milliseconds} ms")]
    private static partial void LogRepaired(ILogger logger, int papers, long milliseconds);

    [LoggerMessage(Level = LogLevel.Information, Message = "Analytics projection of run {RunId} built: {Papers} papers in {Milliseconds} ms")]
    private static partial void LogRunScopeBuilt(ILogger logger, long runId, int papers, long milliseconds);

    [LoggerMessage(Level = LogLevel.Information, Message = "Analytics projection caught up with {Edits} catalog edits: {Names} names changed, {Papers} papers rebuilt in {Milliseconds} ms")]
    private static partial void LogCatalogEditsApplied(ILogger logger, int edits, int names, int papers, long milliseconds);
}
