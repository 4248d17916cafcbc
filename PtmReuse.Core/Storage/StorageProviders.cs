using Microsoft.EntityFrameworkCore;

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
        builder.UseNpgsql(connectionString, npgsql =>
        {
            npgsql.MigrationsAssembly(PostgresMigrationsAssembly);
            if (!HasCommandTimeout(connectionString))
            {
                npgsql.CommandTimeout(DefaultPostgresCommandTimeoutSeconds);
            }
        });

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
