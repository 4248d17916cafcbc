using System.CommandLine;
using PtmReuse.Core;
using PtmReuse.Core.Storage;

namespace PtmReuse.Dashboard.Cli;

/// <summary>
/// Core services for command-line verbs: appsettings.json from the content root, environment variables, the global
/// --db option, logs on stderr only (stdout stays clean for data), and a migrated database before any work.
/// </summary>
public static class CliHost
{
    /// <param name="settings">Configuration that wins over files and environment (a benchmark's loopback URLs).</param>
    /// <param name="initialize">Migrate the database first (every verb but `db`, which does its own).</param>
    public static async Task<IHost> StartAsync(ParseResult parse, CancellationToken cancellationToken, string? databasePath = null, IDictionary<string, string?>? settings = null,
        bool initialize = true)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
        {
            Args = [],
            ContentRootPath = AppPaths.ContentRoot(),
        });
        // LLM API keys may live in user-secrets (any environment); environment variables still win.
        builder.Configuration.AddUserSecrets(typeof(CliHost).Assembly, optional: true);
        builder.Configuration.AddEnvironmentVariables();
        var db = databasePath ?? parse.GetValue(CommandLineApp.DatabaseOption);
        if (db is not null)
        {
            // A file selects SQLite; "Host=…;Database=…" (or any value with Storage:Provider=postgres) PostgreSQL.
            foreach (var (key, value) in StorageOptions.SettingsForDatabaseArgument(db, builder.Configuration[$"{StorageOptions.Section}:{nameof(StorageOptions.Provider)}"]))
            {
                builder.Configuration[key] = value;
            }
        }

        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            builder.Configuration[key] = value;
        }

        builder.Logging.ClearProviders();
        builder.Logging.AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        // Commands report ingest errors themselves, in their summary.
        builder.Logging.AddFilter("PtmReuse.Core.Ingest", LogLevel.Error);
        // HttpClient logs every request at Information; a harvest's progress line says what matters.
        builder.Logging.AddFilter("System.Net.Http.HttpClient", LogLevel.Warning);
        builder.Services.AddPtmReuseCore();
        var host = builder.Build();
        if (initialize)
        {
            await host.Services.GetRequiredService<DatabaseInitializer>().InitializeAsync(cancellationToken);
            await host.Services.GetRequiredService<InterruptedWorkSweeper>().SweepAsync(cancellationToken);
        }

        return host;
    }

    /// <summary>The PostgreSQL connection string given as --db, if any (benchmarks then run there instead of on a file).</summary>
    public static string? PostgresDatabase(ParseResult parse) =>
        parse.GetValue(CommandLineApp.DatabaseOption) is { } db && StorageOptions.LooksLikeConnectionString(db) ? db : null;

    public static TextWriter Out(ParseResult parse) => parse.InvocationConfiguration.Output;

    public static TextWriter Error(ParseResult parse) => parse.InvocationConfiguration.Error;
}
