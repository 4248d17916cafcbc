using System.CommandLine;
using Microsoft.Extensions.Options;
using PtmReuse.Core.Storage;

namespace PtmReuse.Dashboard.Cli;

/// <summary>
/// `db migrate` (apply pending migrations to --db, e.g. before starting new instances after an upgrade) and
/// `db copy --from A --to B` (move a whole project between a SQLite file and a PostgreSQL database, counts checked).
/// </summary>
internal static class DbCommand
{
    public static Command Create()
    {
        var command = new Command("db", "Database maintenance: apply migrations, copy a project between SQLite and PostgreSQL.");
        command.Subcommands.Add(CreateMigrate());
        command.Subcommands.Add(CreateCopy());
        return command;
    }

    private static Command CreateMigrate()
    {
        var command = new Command("migrate", "Apply pending migrations to the database given by --db (or the Storage settings).");
        command.SetAction(async (parse, cancellationToken) =>
        {
            using var host = await CliHost.StartAsync(parse, cancellationToken, initialize: false);
            var storage = host.Services.GetRequiredService<IOptions<StorageOptions>>().Value;
            try
            {
                var applied = await host.Services.GetRequiredService<DatabaseInitializer>().MigrateAsync(cancellationToken);
                await CliHost.Out(parse).WriteLineAsync(applied.Count == 0
                    ? $"{storage.Describe()}: schema is current"
                    : $"{storage.Describe()}: applied {applied.Count} migrations ({string.Join(", ", applied)})");
                return 0;
            }
            catch (InvalidOperationException ex)
            {
                await CliHost.Error(parse).WriteLineAsync($"db migrate: {ex.Message}");
                return 1;
            }
        });
        return command;
    }

    private static Command CreateCopy()
    {
        var from = new Option<string>("--from") { Description = "Source: a SQLite file or a PostgreSQL connection string \"Host=…;Database=…\".", Required = true };
        var to = new Option<string>("--to") { Description = "Target (new or empty): a SQLite file or a PostgreSQL connection string.", Required = true };
        var command = new Command("copy", "Copy a whole project from one database to another (SQLite ↔ PostgreSQL); row counts are checked after.");
        command.Options.Add(from);
        command.Options.Add(to);
        command.SetAction(async (parse, cancellationToken) =>
        {
            var error = CliHost.Error(parse);
            var source = StorageOptions.ForDatabaseArgument(parse.GetValue(from)!);
            var target = StorageOptions.ForDatabaseArgument(parse.GetValue(to)!);
            foreach (var (role, options) in new[] { ("--from", source), ("--to", target) })
            {
                var validation = new StorageOptionsValidator().Validate(null, options);
                if (validation.Failed)
                {
                    await error.WriteLineAsync($"db copy {role}: {validation.FailureMessage}");
                    return 2;
                }
            }

            if (source.Kind == DatabaseProvider.Sqlite && !File.Exists(source.DatabasePath))
            {
                await error.WriteLineAsync($"db copy --from: {Path.GetFullPath(source.DatabasePath)} does not exist.");
                return 2;
            }

            using var host = await CliHost.StartAsync(parse, cancellationToken, initialize: false);
            var output = CliHost.Out(parse);
            CopyReport report;
            try
            {
                report = await host.Services.GetRequiredService<DatabaseCopier>().CopyAsync(source, target, progress: null, cancellationToken);
            }
            catch (InvalidOperationException ex)
            {
                await error.WriteLineAsync($"db copy: {ex.Message}");
                return 1;
            }
            catch (System.Data.Common.DbException ex)
            {
                await error.WriteLineAsync($"db copy from {source.Describe()} to {target.Describe()}: {ex.Message}");
                return 1;
            }

            await output.WriteLineAsync($"Copied {source.Describe()} → {target.Describe()} in {report.Elapsed.TotalSeconds:F1} s");
            await output.WriteLineAsync($"  {"table",-28} {"source",12} {"target",12}");
            foreach (var table in report.Tables)
            {
                await output.WriteLineAsync($"  {table.Table,-28} {table.SourceRows,12:N0} {table.TargetRows,12:N0}{(table.Matches ? "" : "  MISMATCH")}");
            }

            if (!report.CountsMatch)
            {
                await error.WriteLineAsync("db copy: row counts differ between source and target (marked MISMATCH); the target is incomplete.");
                return 1;
            }

            await output.WriteLineAsync($"Row counts match: {report.Rows:N0} rows in {report.Tables.Count} tables (the analytics projection is rebuilt on first use).");
            return 0;
        });
        return command;
    }
}
