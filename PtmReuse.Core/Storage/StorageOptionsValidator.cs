using Microsoft.Extensions.Options;
using Npgsql;

namespace PtmReuse.Core.Storage;

/// <summary>
/// Cross-field rules of <see cref="StorageOptions"/>: a known provider; a file path for SQLite; for PostgreSQL a
/// connection string that parses and names a host and a database. Messages never repeat the connection string (it
/// may hold a password).
/// </summary>
public sealed class StorageOptionsValidator : IValidateOptions<StorageOptions>
{
    public ValidateOptionsResult Validate(string? name, StorageOptions options)
    {
        if (!StorageOptions.TryParseProvider(options.Provider, out var provider))
        {
            return ValidateOptionsResult.Fail(
                $"Storage:Provider '{options.Provider}' is not known; use {StorageOptions.SqliteName} (default) or {StorageOptions.PostgresName}.");
        }

        if (provider == DatabaseProvider.Sqlite)
        {
            if (string.IsNullOrWhiteSpace(options.DatabasePath))
            {
                return ValidateOptionsResult.Fail("Storage:DatabasePath is empty; give the SQLite file (or --db FILE).");
            }

            return StorageOptions.LooksLikeConnectionString(options.DatabasePath)
                ? ValidateOptionsResult.Fail(
                    $"Storage:DatabasePath looks like a PostgreSQL connection string; set Storage:Provider={StorageOptions.PostgresName} and put it in Storage:ConnectionString (or --db).")
                : ValidateOptionsResult.Success;
        }

        if (string.IsNullOrWhiteSpace(options.ConnectionString))
        {
            return ValidateOptionsResult.Fail(
                $"Storage:Provider is {StorageOptions.PostgresName} but no connection string is set: give Storage:ConnectionString, ConnectionStrings:{StorageOptions.ConnectionStringName} or --db \"Host=…;Database=…\".");
        }

        NpgsqlConnectionStringBuilder builder;
        try
        {
            builder = new NpgsqlConnectionStringBuilder(options.ConnectionString);
        }
        catch (Exception ex) when (ex is ArgumentException or FormatException or KeyNotFoundException)
        {
            // The parser's message may quote the offending key but never its value; ours names neither.
            return ValidateOptionsResult.Fail("The PostgreSQL connection string cannot be read (expected Key=Value pairs separated by ';', e.g. Host=db;Database=ptmreuse;Username=ptmreuse).");
        }

        var missing = new List<string>();
        if (string.IsNullOrWhiteSpace(builder.Host))
        {
            missing.Add("Host");
        }

        if (string.IsNullOrWhiteSpace(builder.Database))
        {
            missing.Add("Database");
        }

        return missing.Count > 0
            ? ValidateOptionsResult.Fail($"The PostgreSQL connection string has no {string.Join(" and no ", missing)}.")
            : ValidateOptionsResult.Success;
    }
}
