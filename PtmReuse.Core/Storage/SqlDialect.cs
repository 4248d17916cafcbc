using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Npgsql;

namespace PtmReuse.Core.Storage;

/// <summary>Kinds of writers that must not interleave (the first key of PostgreSQL's two-key advisory locks).</summary>
public enum WriterLock
{
    /// <summary>Labels of one paper (key: the paper id): a label's version is read, then the next one written.</summary>
    PaperLabels = 14_001,

    /// <summary>The analytics projection's rows and pre-aggregated counts (key 0).</summary>
    AnalyticsProjection = 14_002,

    /// <summary>The review queue's uncertainty scores (key 0): two instances scoring at once could deadlock.</summary>
    DecisionScores = 14_003,
}

/// <summary>
/// The few places where SQLite and PostgreSQL SQL really differ, in one place. Everything else in the raw SQL is
/// written once for both: quoted identifiers, COALESCE, TRUE/FALSE, CASE, INSERT … ON CONFLICT, @name parameters,
/// aliased subqueries.
/// </summary>
public abstract class SqlDialect
{
    public static readonly SqlDialect Sqlite = new SqliteDialect();
    public static readonly SqlDialect Postgres = new PostgresDialect();

    public abstract DatabaseProvider Provider { get; }

    public static SqlDialect For(DatabaseProvider provider) => provider == DatabaseProvider.Postgres ? Postgres : Sqlite;

    public static SqlDialect For(DatabaseFacade database) =>
        database.ProviderName == "Npgsql.EntityFrameworkCore.PostgreSQL" ? Postgres : Sqlite;

    public static SqlDialect For(DbConnection connection) => connection is NpgsqlConnection ? Postgres : Sqlite;

    /// <summary>The text at <paramref name="key"/> of a JSON object held in a text (or jsonb) expression; NULL when absent.</summary>
    public abstract string JsonText(string json, string key);

    /// <summary>A boolean SQL expression: the JSON value at <paramref name="key"/> is true.</summary>
    public abstract string JsonIsTrue(string json, string key);

    /// <summary>Length of the JSON array at <paramref name="key"/>; NULL when absent.</summary>
    public abstract string JsonArrayLength(string json, string key);

    /// <summary>A FROM item with one row per element of the JSON array at <paramref name="key"/>, its column named <c>value</c>.</summary>
    public abstract string JsonArrayElements(string json, string key);

    /// <summary>The values of <paramref name="expression"/> joined by <paramref name="separator"/>, in ordinal (byte) order.</summary>
    public abstract string OrdinalStringAggregate(string expression, string separator);

    /// <summary>
    /// A GROUP BY key that should not make the planner walk its index in key order (SQLite otherwise scans a whole
    /// scope by PaperId to save a sort; PostgreSQL plans this itself and needs the plain column).
    /// </summary>
    public abstract string GroupKeyWithoutIndexOrder(string column);

    /// <summary>
    /// Whether a filtered, ordered LIMIT query must hide filter columns from index selection by hand (<c>Stage || ''</c>,
    /// <c>RunId + 0</c>) and look papers up as scalar subqueries. SQLite's planner picks the index matching a WHERE
    /// column even when only the ORDER BY's index can stop early, and turns an EXISTS into a join after a Bloom filter
    /// over every paper. PostgreSQL weighs both paths with its column statistics, which such expressions hide: it then
    /// guesses each keeps 0.5% of the rows, and planned parallel workers (400 ms to start) for a step reading ten rows.
    /// </summary>
    public abstract bool NeedsIndexHints { get; }

    /// <summary>
    /// Serialises writers of one kind (and key) until the transaction ends. SQLite transactions already take the
    /// database's write lock when they begin; PostgreSQL's read-committed ones do not, so two instances could both read
    /// a paper's label version N, or both subtract a paper's old rows from the projection counts.
    /// </summary>
    public abstract Task SerializeWritersAsync(DbContext db, WriterLock writers, long key, CancellationToken cancellationToken);

    /// <summary>A unique index or primary key refused a row.</summary>
    public static bool IsUniqueViolation(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            switch (e)
            {
                case SqliteException { SqliteErrorCode: 19 } sqlite when sqlite.SqliteExtendedErrorCode is 2067 or 1555:
                    return true;
                case PostgresException { SqlState: PostgresErrorCodes.UniqueViolation }:
                    return true;
            }
        }

        return false;
    }

    /// <summary>A value for a text-list column (EF stores <c>List&lt;string&gt;</c> as JSON text in SQLite, as text[] in PostgreSQL).</summary>
    public abstract object StringList(IReadOnlyList<string> values, Func<IReadOnlyList<string>, string> toJson);

    /// <summary>The placeholder for parameter <paramref name="name"/> of a JSON document column (jsonb in PostgreSQL).</summary>
    public abstract string JsonParameter(string name);

    /// <summary>Session settings for a throw-away bulk load (a benchmark database): durability per commit does not matter.</summary>
    public abstract string BulkLoadStartSql { get; }

    /// <summary>Restores durability and refreshes the planner's statistics after a bulk load.</summary>
    public abstract string BulkLoadEndSql { get; }

    /// <summary>
    /// Tidies <paramref name="table"/> after much of it was rewritten (run outside a transaction); null where nothing is
    /// needed. PostgreSQL: VACUUM (ANALYZE) drops the old row versions, marks the pages all-visible, so a covering index
    /// answers a GROUP BY from the index alone instead of visiting every row, and refreshes the planner's statistics;
    /// autovacuum would do it only minutes later, and until then the charts read the table through the index and the
    /// planner believes stale counts. SQLite rewrites in place and keeps statistics only after an explicit ANALYZE,
    /// which reads every index in full.
    /// </summary>
    public abstract string? MaintainAfterRewriteSql(string table);

    private sealed class SqliteDialect : SqlDialect
    {
        public override DatabaseProvider Provider => DatabaseProvider.Sqlite;

        public override string JsonText(string json, string key) => $"json_extract({json}, '$.{key}')";

        public override string JsonIsTrue(string json, string key) => $"(json_extract({json}, '$.{key}') = 1)";

        public override string JsonArrayLength(string json, string key) => $"json_array_length({json}, '$.{key}')";

        public override string JsonArrayElements(string json, string key) => $"json_each({json}, '$.{key}')";

        public override string OrdinalStringAggregate(string expression, string separator) => $"group_concat({expression}, '{separator}' ORDER BY {expression})";

        public override string GroupKeyWithoutIndexOrder(string column) => "+" + column;

        public override bool NeedsIndexHints => true;

        public override Task SerializeWritersAsync(DbContext db, WriterLock writers, long key, CancellationToken cancellationToken) => Task.CompletedTask;

        public override object StringList(IReadOnlyList<string> values, Func<IReadOnlyList<string>, string> toJson) => toJson(values);

        public override string JsonParameter(string name) => name;

        public override string BulkLoadStartSql => "PRAGMA synchronous=OFF;";

        public override string BulkLoadEndSql => "PRAGMA synchronous=FULL; ANALYZE;";

        public override string? MaintainAfterRewriteSql(string table) => null;
    }

    private sealed class PostgresDialect : SqlDialect
    {
        public override DatabaseProvider Provider => DatabaseProvider.Postgres;

        public override string JsonText(string json, string key) => $"(({json})::jsonb ->> '{key}')";

        public override string JsonIsTrue(string json, string key) => $"((({json})::jsonb -> '{key}') = 'true'::jsonb)";

        public override string JsonArrayLength(string json, string key) => $"jsonb_array_length(({json})::jsonb -> '{key}')";

        public override string JsonArrayElements(string json, string key) => $"jsonb_array_elements(({json})::jsonb -> '{key}') AS elements(value)";

        // COLLATE "C" compares bytes, as SQLite and the C# keys (StringComparer.Ordinal on ASCII-lowered names) do.
        public override string OrdinalStringAggregate(string expression, string separator) => $"string_agg({expression}, '{separator}' ORDER BY {expression} COLLATE \"C\")";

        public override string GroupKeyWithoutIndexOrder(string column) => column;

        public override bool NeedsIndexHints => false;

        public override async Task SerializeWritersAsync(DbContext db, WriterLock writers, long key, CancellationToken cancellationToken)
        {
            // A transaction-scoped advisory lock on (kind, key): released at commit or rollback, never left behind.
            var space = (int)writers;
            var item = (int)(key % int.MaxValue);
            await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock({space}, {item})", cancellationToken);
        }

        public override object StringList(IReadOnlyList<string> values, Func<IReadOnlyList<string>, string> toJson) => values.ToArray();

        public override string JsonParameter(string name) => name + "::jsonb";

        public override string BulkLoadStartSql => "SET synchronous_commit = off;";

        public override string BulkLoadEndSql => "SET synchronous_commit = on; ANALYZE;";

        public override string? MaintainAfterRewriteSql(string table) => $"VACUUM (ANALYZE) \"{table}\"";
    }
}
