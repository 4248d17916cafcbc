using Microsoft.EntityFrameworkCore;
using Npgsql;
using PtmReuse.Core.Storage;
using PtmReuse.Tests.Infrastructure;

namespace PtmReuse.Tests.Storage;

/// <summary>The session settings the app adds to a PostgreSQL connection string (StorageProviders.WithSessionSettings).</summary>
public sealed class PostgresSessionTests
{
    private const string AppOptions = "-c jit=off -c max_parallel_workers_per_gather=0";

    [Fact]
    public void WithSessionSettings_NoOptions_TurnsJitAndParallelWorkersOff()
    {
        var result = new NpgsqlConnectionStringBuilder(StorageProviders.WithSessionSettings("Host=db.example;Database=ptm;Username=lab;Password=secret"));

        Assert.Equal(AppOptions, result.Options);
        Assert.Equal("db.example", result.Host);
        Assert.Equal("ptm", result.Database);
        Assert.Equal("secret", result.Password);
    }

    [Fact]
    public void WithSessionSettings_OtherOptions_KeepsThemFirstAndAddsTheAppsSettings()
    {
        var result = new NpgsqlConnectionStringBuilder(StorageProviders.WithSessionSettings("Host=db;Database=ptm;Options=-c work_mem=64MB"));

        Assert.Equal("-c work_mem=64MB " + AppOptions, result.Options);
    }

    [Fact]
    public void WithSessionSettings_ConnectionStringSetsJit_KeepsItsJitAndAddsOnlyTheOther()
    {
        var result = new NpgsqlConnectionStringBuilder(StorageProviders.WithSessionSettings("Host=db;Database=ptm;Options=-c jit=on"));

        Assert.Equal("-c jit=on -c max_parallel_workers_per_gather=0", result.Options);
    }

    [Fact]
    public void WithSessionSettings_ConnectionStringSetsBoth_LeftAsGiven()
    {
        const string given = "Host=db;Database=ptm;Options=-c jit=on -c max_parallel_workers_per_gather=2";

        Assert.Equal(given, StorageProviders.WithSessionSettings(given));
    }

    [PostgresFact]
    public async Task AppConnections_Postgres_RunWithJitAndParallelWorkersOff()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Postgres);
        await using var db = await database.OpenAsync();

        var jit = await db.Database.SqlQueryRaw<string>("""SELECT current_setting('jit') AS "Value" """).SingleAsync();
        var workers = await db.Database.SqlQueryRaw<string>("""SELECT current_setting('max_parallel_workers_per_gather') AS "Value" """).SingleAsync();

        Assert.Equal("off", jit);
        Assert.Equal("0", workers);
    }
}
