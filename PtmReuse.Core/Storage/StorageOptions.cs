using System.ComponentModel.DataAnnotations;
using System.Text.RegularExpressions;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace PtmReuse.Core.Storage;

/// <summary>The two databases the store runs on: an embedded SQLite file (the default) or a PostgreSQL server.</summary>
public enum DatabaseProvider
{
    Sqlite,
    Postgres,
}

/// <summary>
/// Where the paper store lives. Bound from the "Storage" configuration section; the PostgreSQL connection string may
/// also come from <c>ConnectionStrings:PtmReuse</c>. Its password belongs in the environment (PGPASSWORD, a passfile
/// or the connection string set from the environment), never in a settings file, and never in a log line:
/// <see cref="Describe"/> leaves it out.
/// </summary>
public sealed partial class StorageOptions
{
    public const string Section = "Storage";

    /// <summary>Name under <c>ConnectionStrings</c> read when <see cref="ConnectionString"/> is not set.</summary>
    public const string ConnectionStringName = "PtmReuse";

    public const string SqliteName = "sqlite";
    public const string PostgresName = "postgres";

    /// <summary>"sqlite" (default) or "postgres".</summary>
    [Required]
    public string Provider { get; set; } = SqliteName;

    /// <summary>Path of the SQLite database file; relative paths are resolved against the working directory.</summary>
    public string DatabasePath { get; set; } = "data/ptmreuse.db";

    /// <summary>PostgreSQL connection string (Host=…;Database=…;Username=…), when <see cref="Provider"/> is postgres.</summary>
    public string? ConnectionString { get; set; }

    /// <summary>The parsed provider; throws for an unknown name (the validator reports that first).</summary>
    public DatabaseProvider Kind => TryParseProvider(Provider, out var kind)
        ? kind
        : throw new InvalidOperationException($"Storage:Provider '{Provider}' is not known; use {SqliteName} or {PostgresName}.");

    public static bool TryParseProvider(string? name, out DatabaseProvider provider)
    {
        switch (name?.Trim().ToLowerInvariant())
        {
            case SqliteName:
                provider = DatabaseProvider.Sqlite;
                return true;
            case PostgresName or "postgresql" or "npgsql":
                provider = DatabaseProvider.Postgres;
                return true;
            default:
                provider = default;
                return false;
        }
    }

    /// <summary>True for a value that is a PostgreSQL connection string rather than a file path (it names a Host).</summary>
    public static bool LooksLikeConnectionString(string value) => HostKeyword().IsMatch(value);

    /// <summary>
    /// The `--db` argument as configuration: a connection string (it names a Host) selects PostgreSQL, anything else
    /// is the SQLite file (or, with Storage:Provider=postgres already set, the connection string).
    /// </summary>
    public static IReadOnlyDictionary<string, string?> SettingsForDatabaseArgument(string value, string? configuredProvider)
    {
        var postgres = LooksLikeConnectionString(value)
            || (TryParseProvider(configuredProvider, out var provider) && provider == DatabaseProvider.Postgres);
        return postgres
            ? new Dictionary<string, string?> { [$"{Section}:{nameof(Provider)}"] = PostgresName, [$"{Section}:{nameof(ConnectionString)}"] = value }
            : new Dictionary<string, string?> { [$"{Section}:{nameof(DatabasePath)}"] = value };
    }

    /// <summary>Options for one `--db`-style value on its own (`db copy --from/--to`): a file, or a connection string.</summary>
    public static StorageOptions ForDatabaseArgument(string value) => LooksLikeConnectionString(value)
        ? new StorageOptions { Provider = PostgresName, ConnectionString = value }
        : new StorageOptions { Provider = SqliteName, DatabasePath = value };

    public string SqliteConnectionString()
    {
        var full = Path.GetFullPath(DatabasePath);
        // Private cache: SQLite discourages shared-cache mode, and WAL already lets readers run beside the writer.
        return new SqliteConnectionStringBuilder { DataSource = full, Pooling = true, DefaultTimeout = 60 }.ToString();
    }

    public string PostgresConnectionString() =>
        string.IsNullOrWhiteSpace(ConnectionString)
            ? throw new InvalidOperationException($"Storage:Provider is {PostgresName} but no connection string is set (Storage:ConnectionString, ConnectionStrings:{ConnectionStringName} or --db).")
            : ConnectionString;

    /// <summary>The connection string of the configured provider.</summary>
    public string ConnectionStringForProvider() => Kind == DatabaseProvider.Sqlite ? SqliteConnectionString() : PostgresConnectionString();

    /// <summary>What the store is, for logs and messages: the file, or the server and database without any password.</summary>
    public string Describe()
    {
        if (!TryParseProvider(Provider, out var kind) || kind == DatabaseProvider.Sqlite)
        {
            return $"SQLite {Path.GetFullPath(DatabasePath)}";
        }

        return "PostgreSQL " + DescribePostgres(ConnectionString);
    }

    /// <summary>Host, port, database and user of a connection string; never the password.</summary>
    public static string DescribePostgres(string? connectionString)
    {
        try
        {
            var builder = new NpgsqlConnectionStringBuilder(connectionString ?? "");
            return $"{builder.Host}:{builder.Port}/{builder.Database} as {builder.Username ?? "(default user)"}";
        }
        catch (ArgumentException)
        {
            return "(unreadable connection string)";
        }
    }

    [GeneratedRegex(@"(^|;)\s*(host|server)\s*=", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex HostKeyword();
}
