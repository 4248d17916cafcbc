using Microsoft.EntityFrameworkCore;
using Npgsql;
using PtmReuse.Core.Storage;
using Xunit.Sdk;

namespace PtmReuse.Tests.Infrastructure;

/// <summary>
/// The real PostgreSQL server the provider theories run on: scripts/test.sh starts one (scripts/test-postgres.sh)
/// and exports <see cref="ServerVariable"/>. Each test gets its own database, cloned from one migrated template (much
/// faster than migrating each), and dropped on dispose. Without the variable, a plain `dotnet test` skips the
/// PostgreSQL rows with a message saying how to run them; with <see cref="RequiredVariable"/>=1 (CI) they fail instead.
/// </summary>
public static class TestPostgres
{
    public const string ServerVariable = "PTMREUSE_TEST_POSTGRES";
    public const string RequiredVariable = "PTMREUSE_TEST_POSTGRES_REQUIRED";

    private static readonly SemaphoreSlim TemplateGate = new(1, 1);
    private static string? _template;

    public static string? ServerConnectionString => Environment.GetEnvironmentVariable(ServerVariable) is { Length: > 0 } value ? value : null;

    public static bool Required => Environment.GetEnvironmentVariable(RequiredVariable) == "1";

    /// <summary>Why PostgreSQL tests are skipped here, or null when they run (a server is configured, or CI requires one).</summary>
    public static string? SkipReason => ServerConnectionString is null && !Required
        ? $"PostgreSQL not configured: run scripts/test.sh (it starts one), or set {ServerVariable}=\"Host=127.0.0.1;Port=…;Username=…;Database=postgres\" to a server where databases may be created."
        : null;

    /// <summary>A new, migrated, empty database; returns its connection string.</summary>
    public static async Task<string> CreateDatabaseAsync()
    {
        var server = ServerConnectionString ?? throw new InvalidOperationException(
            $"{ServerVariable} is not set but {RequiredVariable}=1: scripts/test.sh should have started PostgreSQL and exported it.");
        var template = await TemplateAsync(server);
        var name = "ptmreuse_test_" + Guid.NewGuid().ToString("N")[..16];
        // Clones taken at the same moment can see each other on the template ("being accessed by other users"): retry.
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await ExecuteAsync(server, $"CREATE DATABASE \"{name}\" TEMPLATE \"{template}\"");
                break;
            }
            catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.ObjectInUse && attempt < 20)
            {
                await Task.Delay(50 * attempt);
            }
        }

        return WithDatabase(server, name);
    }

    /// <summary>Drops a test database, closing whatever connections are still open to it.</summary>
    public static async Task DropDatabaseAsync(string connectionString)
    {
        var server = ServerConnectionString;
        if (server is null)
        {
            return;
        }

        var name = new NpgsqlConnectionStringBuilder(connectionString).Database;
        try
        {
            await ExecuteAsync(server, $"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)");
        }
        catch (NpgsqlException)
        {
            // A leftover database on a throw-away server is harmless; never fail a test on cleanup.
        }
    }

    public static string WithDatabase(string server, string database) =>
        new NpgsqlConnectionStringBuilder(server) { Database = database }.ConnectionString;

    private static async Task<string> TemplateAsync(string server)
    {
        await TemplateGate.WaitAsync();
        try
        {
            if (_template is not null)
            {
                return _template;
            }

            var name = $"ptmreuse_template_{Environment.ProcessId}_{Guid.NewGuid().ToString("N")[..8]}";
            await ExecuteAsync(server, $"CREATE DATABASE \"{name}\"");
            var connection = WithDatabase(server, name);
            await using (var db = StorageProviders.Open(new StorageOptions { Provider = StorageOptions.PostgresName, ConnectionString = connection }))
            {
                await db.Database.MigrateAsync(CancellationToken.None);
            }

            // A template may have no open sessions when it is cloned: clear the pool the app's connection string used.
            await using (var pooled = new NpgsqlConnection(StorageProviders.WithSessionSettings(connection)))
            {
                NpgsqlConnection.ClearPool(pooled);
            }

            AppDomain.CurrentDomain.ProcessExit += (_, _) =>
            {
                try
                {
                    ExecuteAsync(server, $"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)").GetAwaiter().GetResult();
                }
                catch (NpgsqlException)
                {
                    // The server may already be stopping.
                }
            };
            _template = name;
            return name;
        }
        finally
        {
            TemplateGate.Release();
        }
    }

    private static async Task ExecuteAsync(string connectionString, string sql)
    {
        // No pooling: these sessions must not linger on the maintenance database or a template.
        var builder = new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false };
        await using var connection = new NpgsqlConnection(builder.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}

/// <summary>The SQLite row of a provider theory.</summary>
public sealed class SqliteDataAttribute : DataAttribute
{
    public override IEnumerable<object[]> GetData(System.Reflection.MethodInfo testMethod) => [[DatabaseProvider.Sqlite]];
}

/// <summary>The PostgreSQL row of a provider theory: skipped with a reason when no server is configured (see <see cref="TestPostgres"/>).</summary>
public sealed class PostgresDataAttribute : DataAttribute
{
    public PostgresDataAttribute()
    {
        Skip = TestPostgres.SkipReason!;
    }

    public override IEnumerable<object[]> GetData(System.Reflection.MethodInfo testMethod) => [[DatabaseProvider.Postgres]];
}

/// <summary>A test that needs PostgreSQL only (two instances on one server, a copy between providers): skipped like <see cref="PostgresDataAttribute"/>.</summary>
public sealed class PostgresFactAttribute : FactAttribute
{
    public PostgresFactAttribute()
    {
        Skip = TestPostgres.SkipReason!;
    }
}
