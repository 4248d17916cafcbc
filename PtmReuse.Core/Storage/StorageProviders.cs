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

    /// <summary>The setting <see cref="WithSessionSettings"/> adds to PostgreSQL's startup options.</summary>
    public const string JitOff = "-c jit=off";

    /// <summary>
    /// The connection string with the app's session settings in its startup <c>Options</c>, unless it already names them:
    /// <c>jit=off</c>. The app's queries are short (a chart's GROUP BY, a queue step), but at 350k papers their estimated
    /// cost passes <c>jit_above_cost</c>, and PostgreSQL 15 then compiled each plan: 617 ms of a 633 ms queue step, by
    /// EXPLAIN ANALYZE's "JIT: Timing". A connection string with its own <c>jit</c> option keeps it (docs/deploy.md).
    /// </summary>
    public static string WithSessionSettings(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        var options = builder.Options ?? "";
        if (options.Contains("jit", StringComparison.OrdinalIgnoreCase))
        {
            return connectionString;
        }

        builder.Options = options.Length == 0 ? JitOff : options + " " + JitOff;
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
