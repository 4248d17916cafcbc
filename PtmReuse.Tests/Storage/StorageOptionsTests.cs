using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using PtmReuse.Core;
using PtmReuse.Core.Coordination;
using PtmReuse.Core.Storage;

namespace PtmReuse.Tests.Storage;

/// <summary>Each rule of the storage and lease settings, and where the provider and connection string come from.</summary>
public sealed class StorageOptionsTests
{
    private static ValidateOptionsResult Validate(StorageOptions options) => new StorageOptionsValidator().Validate(null, options);

    [Fact]
    public void Validate_DefaultSqlite_Succeeds()
    {
        Assert.True(Validate(new StorageOptions()).Succeeded);
        Assert.Equal(DatabaseProvider.Sqlite, new StorageOptions().Kind);
    }

    [Fact]
    public void Validate_UnknownProvider_FailsNamingTheKnownOnes()
    {
        var result = Validate(new StorageOptions { Provider = "mysql" });

        Assert.True(result.Failed);
        Assert.Contains("'mysql' is not known", result.FailureMessage, StringComparison.Ordinal);
        Assert.Contains("postgres", result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_SqliteWithoutPath_Fails()
    {
        Assert.Contains("DatabasePath is empty", Validate(new StorageOptions { DatabasePath = " " }).FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_SqlitePathThatIsAConnectionString_FailsWithoutRepeatingIt()
    {
        var result = Validate(new StorageOptions { DatabasePath = "Host=db;Database=x;Password=hunter2" });

        Assert.Contains("looks like a PostgreSQL connection string", result.FailureMessage, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2", result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_PostgresWithoutConnectionString_FailsNamingWhereToGiveIt()
    {
        var result = Validate(new StorageOptions { Provider = "postgres" });

        Assert.Contains("no connection string", result.FailureMessage, StringComparison.Ordinal);
        Assert.Contains("ConnectionStrings:PtmReuse", result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_PostgresUnreadableConnectionString_FailsWithoutRepeatingIt()
    {
        var result = Validate(new StorageOptions { Provider = "postgres", ConnectionString = "Host=db;Bogus Key=secret-value;Password=hunter2" });

        Assert.Contains("cannot be read", result.FailureMessage, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2", result.FailureMessage, StringComparison.Ordinal);
        Assert.DoesNotContain("secret-value", result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_PostgresWithoutHostOrDatabase_FailsNamingBoth()
    {
        var result = Validate(new StorageOptions { Provider = "postgres", ConnectionString = "Username=x;Password=hunter2" });

        Assert.Contains("no Host and no Database", result.FailureMessage, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2", result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void Describe_Postgres_NamesServerDatabaseAndUserNeverThePassword()
    {
        var described = new StorageOptions { Provider = "postgres", ConnectionString = "Host=db.lab;Port=5433;Database=ptm;Username=ana;Password=hunter2" }.Describe();

        Assert.Equal("PostgreSQL db.lab:5433/ptm as ana", described);
    }

    [Theory]
    [InlineData("data/x.db", null, "sqlite")]
    [InlineData("Host=db;Database=ptm", null, "postgres")]
    [InlineData("server=db;database=ptm", null, "postgres")]
    [InlineData("Database=ptm;Host=db", "postgres", "postgres")]
    public void DatabaseArgument_FileOrConnectionString_SelectsTheProvider(string value, string? configured, string expected)
    {
        var settings = StorageOptions.SettingsForDatabaseArgument(value, configured);

        Assert.Equal(expected, settings.TryGetValue("Storage:Provider", out var provider) ? provider : "sqlite");
        Assert.Equal(value, expected == "postgres" ? settings["Storage:ConnectionString"] : settings["Storage:DatabasePath"]);
    }

    [Fact]
    public void ConnectionStringsSection_PostgresWithoutStorageConnectionString_IsUsed()
    {
        using var services = Services(new Dictionary<string, string?>
        {
            ["Storage:Provider"] = "postgres",
            ["ConnectionStrings:PtmReuse"] = "Host=db;Database=ptm",
        });

        var options = services.GetRequiredService<IOptions<StorageOptions>>().Value;

        Assert.Equal(DatabaseProvider.Postgres, options.Kind);
        Assert.Equal("Host=db;Database=ptm", options.ConnectionString);
        Assert.IsType<DatabaseWorkLeases>(services.GetRequiredService<IWorkLeases>());
    }

    [Fact]
    public void Leases_RenewedLessThanTwicePerDuration_FailsAtStart()
    {
        using var services = Services(new Dictionary<string, string?> { ["Leases:Duration"] = "00:00:10", ["Leases:RenewInterval"] = "00:00:06" });

        var error = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<LeaseOptions>>().Value);

        Assert.Contains("at most half of Leases:Duration", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Leases_Sqlite_AreFileLocks()
    {
        using var services = Services(new Dictionary<string, string?>());

        Assert.IsType<FileWorkLeases>(services.GetRequiredService<IWorkLeases>());
        Assert.True(services.GetRequiredService<IOptions<LeaseOptions>>().Value.Duration > TimeSpan.Zero);
    }

    private static ServiceProvider Services(Dictionary<string, string?> values)
    {
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(values).Build());
        services.AddLogging();
        services.AddPtmReuseCore();
        return services.BuildServiceProvider();
    }
}
