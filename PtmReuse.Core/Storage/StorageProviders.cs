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

    public static DbContextOptionsBuilder UsePostgres(DbContextOptionsBuilder builder, string connectionString) =>
        builder.UseNpgsql(connectionString, npgsql => npgsql.MigrationsAssembly(PostgresMigrationsAssembly));

    /// <summary>A context on a database other than the configured one (`db copy` reads one store and writes another).</summary>
    public static PtmReuseDbContext Open(StorageOptions options)
    {
        var builder = new DbContextOptionsBuilder<PtmReuseDbContext>();
        Configure(builder, options);
        return new PtmReuseDbContext(builder.Options);
    }
}
