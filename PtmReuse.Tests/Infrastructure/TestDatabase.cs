using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using PtmReuse.Core;
using PtmReuse.Core.Storage;

namespace PtmReuse.Tests.Infrastructure;

/// <summary>
/// A real, migrated database with the Core services wired as the app wires them: a SQLite file in a temporary folder
/// (the default), or a fresh database on the test PostgreSQL server (<see cref="TestPostgres"/>). Dispose deletes both.
/// </summary>
public sealed class TestDatabase : IAsyncDisposable
{
    private readonly string? _postgresConnection;

    private TestDatabase(string directory, ServiceProvider services, DatabaseProvider provider, string? postgresConnection)
    {
        Directory = directory;
        Services = services;
        Provider = provider;
        _postgresConnection = postgresConnection;
    }

    public DatabaseProvider Provider { get; }

    /// <summary>The settings that point another host (a second instance, a CLI verb) at this same database.</summary>
    public IReadOnlyDictionary<string, string?> StorageSettings => Provider == DatabaseProvider.Postgres
        ? new Dictionary<string, string?>
        {
            [$"{StorageOptions.Section}:{nameof(StorageOptions.Provider)}"] = StorageOptions.PostgresName,
            [$"{StorageOptions.Section}:{nameof(StorageOptions.ConnectionString)}"] = _postgresConnection,
        }
        : new Dictionary<string, string?> { [$"{StorageOptions.Section}:{nameof(StorageOptions.DatabasePath)}"] = DatabasePath };

    /// <summary>The `--db` value for this database: the SQLite file or the PostgreSQL connection string.</summary>
    public string DatabaseArgument => _postgresConnection ?? DatabasePath;

    public string Directory { get; }

    public string DatabasePath => Path.Combine(Directory, "test.db");

    public ServiceProvider Services { get; }

    public IDbContextFactory<PtmReuseDbContext> Factory => Services.GetRequiredService<IDbContextFactory<PtmReuseDbContext>>();

    public T Get<T>() where T : notnull => Services.GetRequiredService<T>();

    public static Task<TestDatabase> CreateAsync(Action<IServiceCollection>? configure = null, IDictionary<string, string?>? settings = null) =>
        CreateAsync(DatabaseProvider.Sqlite, configure, settings);

    public static async Task<TestDatabase> CreateAsync(DatabaseProvider provider, Action<IServiceCollection>? configure = null, IDictionary<string, string?>? settings = null)
    {
        var directory = Path.Combine(Path.GetTempPath(), "ptmreuse-tests", Guid.NewGuid().ToString("N"));
        System.IO.Directory.CreateDirectory(directory);
        var postgres = provider == DatabaseProvider.Postgres ? await TestPostgres.CreateDatabaseAsync() : null;
        var values = new Dictionary<string, string?>
        {
            [$"{StorageOptions.Section}:{nameof(StorageOptions.DatabasePath)}"] = Path.Combine(directory, "test.db"),
        };
        if (postgres is not null)
        {
            values[$"{StorageOptions.Section}:{nameof(StorageOptions.Provider)}"] = StorageOptions.PostgresName;
            values[$"{StorageOptions.Section}:{nameof(StorageOptions.ConnectionString)}"] = postgres;
        }
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            values[key] = value;
        }

        var configuration = new ConfigurationBuilder().AddInMemoryCollection(values).Build();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddLogging();
        services.AddPtmReuseCore();
        configure?.Invoke(services);
        var built = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
        await built.GetRequiredService<DatabaseInitializer>().InitializeAsync(CancellationToken.None);
        return new TestDatabase(directory, built, provider, postgres);
    }

    public async Task<PtmReuseDbContext> OpenAsync() => await Factory.CreateDbContextAsync();

    public async ValueTask DisposeAsync()
    {
        await Services.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (_postgresConnection is not null)
        {
            await TestPostgres.DropDatabaseAsync(_postgresConnection);
        }

        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is harmless; never fail a test on cleanup.
        }
    }
}
