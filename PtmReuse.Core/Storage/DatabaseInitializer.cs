using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace PtmReuse.Core.Storage;

/// <summary>Creates the database folder and applies migrations. Called once at start-up by every entry point.</summary>
public sealed class DatabaseInitializer(IDbContextFactory<PtmReuseDbContext> factory, IOptions<StorageOptions> options)
{
    public async Task InitializeAsync(CancellationToken cancellationToken)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(options.Value.DatabasePath));
        if (!string.IsNullOrEmpty(directory))
        {
            Directory.CreateDirectory(directory);
        }

        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        await db.Database.MigrateAsync(cancellationToken);
        // WAL is EF's default for new SQLite files (and persists in the file); set it for files made elsewhere.
        // synchronous stays at its default (FULL): a committed batch survives a crash or power loss.
        await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode = 'wal';", cancellationToken);
    }
}
