using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using PtmReuse.Core;
using PtmReuse.Core.Storage;

namespace PtmReuse.Tests.Infrastructure;

/// <summary>
/// A real, migrated SQLite file in a temporary folder, with the Core services wired as the app wires them.
/// Dispose deletes the folder.
/// </summary>
public sealed class TestDatabase : IAsyncDisposable
{
    private TestDatabase(string directory, ServiceProvider services)
    {
        Directory = directory;
        Services = services;
    }

    public string Directory { get; }

    public string DatabasePath => Path.Combine(Directory, "test.db");

    public ServiceProvider Services { get; }

    public IDbContextFactory<PtmReuseDbContext> Factory => Services.GetRequiredService<IDbContextFactory<PtmReuseDbContext>>();

    public T Get<T>() where T : notnull => Services.GetRequiredService<T>();

    public static async Task<TestDatabase> CreateAsync(Action<IServiceCollection>? configure = null, IDictionary<string, string?>? settings = null)
    {
        var directory = Path.Combine(Path.GetTempPath(), "ptmreuse-tests", Guid.NewGuid().ToString("N"));
        System.IO.Directory.CreateDirectory(directory);
        var values = new Dictionary<string, string?>
        {
            [$"{StorageOptions.Section}:{nameof(StorageOptions.DatabasePath)}"] = Path.Combine(directory, "test.db"),
        };
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
        var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
        await provider.GetRequiredService<DatabaseInitializer>().InitializeAsync(CancellationToken.None);
        return new TestDatabase(directory, provider);
    }

    public async Task<PtmReuseDbContext> OpenAsync() => await Factory.CreateDbContextAsync();

    public async ValueTask DisposeAsync()
    {
        await Services.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
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
