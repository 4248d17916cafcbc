using Microsoft.EntityFrameworkCore;
using Npgsql;
using PtmReuse.Core.Storage;
using PtmReuse.Tests.Infrastructure;

namespace PtmReuse.Tests.Storage;

/// <summary>The session settings the app adds to a PostgreSQL connection string (StorageProviders.WithSessionSettings).</summary>
public sealed class PostgresSessionTests
{
    [Fact]
    public void WithSessionSettings_NoOptions_TurnsJitOff()
    {
        var result = new NpgsqlConnectionStringBuilder(StorageProviders.WithSessionSettings("Host=db.example;Database=ptm;Username=lab;Password=secret"));

        Assert.Equal(StorageProviders.JitOff, result.Options);
        Assert.Equal("db.example", result.Host);
        Assert.Equal("ptm", result.Database);
        Assert.Equal("secret", result.Password);
    }

    [Fact]
    public void WithSessionSettings_OtherOptions_KeepsThemAndTurnsJitOff()
    {
        var result = new NpgsqlConnectionStringBuilder(StorageProviders.WithSessionSettings("Host=db;Database=ptm;Options=-c work_mem=64MB"));

        Assert.Equal("-c work_mem=64MB " + StorageProviders.JitOff, result.Options);
    }

    [Fact]
    public void WithSessionSettings_ConnectionStringSetsJit_LeftAsGiven()
    {
        const string given = "Host=db;Database=ptm;Options=-c jit=on";

        Assert.Equal(given, StorageProviders.WithSessionSettings(given));
    }

    [PostgresFact]
    public async Task AppConnections_Postgres_RunWithJitOff()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Postgres);
        await using var db = await database.OpenAsync();

        var jit = await db.Database.SqlQueryRaw<string>("""SELECT current_setting('jit') AS "Value" """).SingleAsync();

        Assert.Equal("off", jit);
    }
}
