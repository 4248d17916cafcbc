using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace PtmReuse.Core.Storage;

/// <summary>
/// Creates the SQLite folder (or reaches the PostgreSQL server) and applies migrations. Called once at start-up by every
/// entry point, and by `ptmreuse db migrate`. Several instances starting at once are safe: EF Core takes a migration
/// lock in the database before it applies anything.
/// </summary>
public sealed partial class DatabaseInitializer(
    IDbContextFactory<PtmReuseDbContext> factory, IOptions<StorageOptions> options, ILogger<DatabaseInitializer> logger)
{
    public async Task InitializeAsync(CancellationToken cancellationToken) => await MigrateAsync(cancellationToken);

    /// <summary>Applies pending migrations; returns the ones applied (empty when the schema was current).</summary>
    public async Task<IReadOnlyList<string>> MigrateAsync(CancellationToken cancellationToken)
    {
        var storage = options.Value;
        if (storage.Kind == DatabaseProvider.Sqlite)
        {
            var directory = Path.GetDirectoryName(Path.GetFullPath(storage.DatabasePath));
            if (!string.IsNullOrEmpty(directory))
            {
                Directory.CreateDirectory(directory);
            }
        }

        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var pending = await PendingAsync(db, cancellationToken);
        try
        {
            await db.Database.MigrateAsync(cancellationToken);
        }
        catch (Npgsql.NpgsqlException ex)
        {
            throw new InvalidOperationException($"Cannot reach or migrate the database ({storage.Describe()}): {ex.Message}", ex);
        }

        if (storage.Kind == DatabaseProvider.Sqlite)
        {
            // WAL is EF's default for new SQLite files (and persists in the file); set it for files made elsewhere.
            // synchronous stays at its default (FULL): a committed batch survives a crash or power loss.
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode = 'wal';", cancellationToken);
        }

        if (pending.Count > 0)
        {
            LogMigrated(storage.Describe(), pending.Count, string.Join(", ", pending));
        }

        return pending;
    }

    /// <summary>Migrations not yet applied; all of them when the database does not exist yet (PostgreSQL creates it on migrate).</summary>
    private static async Task<List<string>> PendingAsync(PtmReuseDbContext db, CancellationToken cancellationToken)
    {
        // Asked first, so a new PostgreSQL database is not reported as a failed connection in the log.
        var exists = await db.GetService<IRelationalDatabaseCreator>().ExistsAsync(cancellationToken);
        return exists
            ? (await db.Database.GetPendingMigrationsAsync(cancellationToken)).ToList()
            : db.Database.GetMigrations().ToList();
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Database {Database}: applied {Count} migrations ({Migrations})")]
    private partial void LogMigrated(string database, int count, string migrations);
}
