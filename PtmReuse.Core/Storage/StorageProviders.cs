using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace PtmReuse.Core.Storage;

/// <summary>
/// Points EF Core at the configured database. SQLite's migrations live in this assembly (Storage/Migrations);
/// PostgreSQL's in their own assembly, <see cref="PostgresMigrationsAssembly"/>, since one context type cannot have two
/// migration histories in one assembly.
/// </summary>
public static class StorageProviders
{
    public const string PostgresMigrationsAssembly = "PtmReuse.Migrations.Postgres";

    public static DbContextOptionsBuilder Configure(DbContextOptionsBuilder builder, StorageOptions options) => options.Kind switch
    {
        DatabaseProvider.Postgres => UsePostgres(builder, options.PostgresConnectionString()),
        _ => builder.UseSqlite(options.SqliteConnectionString()),
    };

    /// <summary>
    /// Statement timeout when the connection string sets none: two minutes, like SQLite's busy timeout doubled, since a
    /// first scoring of every decision or a projection rebuild is one long statement on a large database.
    /// </summary>
    private const int DefaultPostgresCommandTimeoutSeconds = 120;

    public static DbContextOptionsBuilder UsePostgres(DbContextOptionsBuilder builder, string connectionString) =>
        builder.UseNpgsql(WithSessionSettings(connectionString), npgsql =>
        {
            npgsql.MigrationsAssembly(PostgresMigrationsAssembly);
            if (!HasCommandTimeout(connectionString))
            {
                npgsql.CommandTimeout(DefaultPostgresCommandTimeoutSeconds);
            }
        });

    /// <summary>The app's PostgreSQL session settings (<see cref="WithSessionSettings"/>), each a startup option.</summary>
    public static readonly IReadOnlyList<(string Name, string Option)> SessionSettings =
    [
        ("jit", "-c jit=off"),
        ("max_parallel_workers_per_gather", "-c max_parallel_workers_per_gather=0"),
    ];

    /// <summary>
    /// The connection string with the app's session settings added to its startup <c>Options</c>, each unless the
    /// connection string already names that setting (docs/deploy.md). The app's queries are short (a chart's GROUP BY
    /// over tens of thousands of projection rows, a queue step), and at 350k papers PostgreSQL 15 spent more time preparing
    /// them than running them: <c>jit=off</c>, since their estimated cost passes <c>jit_above_cost</c> and compiling the
    /// plan took 617 ms of a 633 ms queue step (EXPLAIN ANALYZE's "JIT: Timing"); no parallel workers, since starting two
    /// per chart query cost more than the scan they share (a pattern chart 88 ms at p50 with them, 28 ms without, on the
    /// loaded 2-core test machine) and every open dashboard would take worker processes from the server's shared pool.
    /// </summary>
    public static string WithSessionSettings(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        var options = builder.Options ?? "";
        var added = SessionSettings.Where(s => !options.Contains(s.Name, StringComparison.OrdinalIgnoreCase)).Select(s => s.Option).ToList();
        if (added.Count == 0)
        {
            return connectionString;
        }

        builder.Options = string.Join(" ", options.Length == 0 ? added : added.Prepend(options));
        return builder.ConnectionString;
    }

    private static bool HasCommandTimeout(string connectionString) =>
        connectionString.Contains("Command Timeout", StringComparison.OrdinalIgnoreCase)
        || connectionString.Contains("CommandTimeout", StringComparison.OrdinalIgnoreCase);

    /// <summary>A context on a database other than the configured one (`db copy` reads one store and writes another).</summary>
    public static PtmReuseDbContext Open(StorageOptions options)
    {
        var builder = new DbContextOptionsBuilder<PtmReuseDbContext>();
        Configure(builder, options);
        return new PtmReuseDbContext(builder.Options);
    }
}
