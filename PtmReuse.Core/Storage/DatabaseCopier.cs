using System.Data.Common;
using System.Diagnostics;
using System.Reflection;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.Logging;
using PtmReuse.Core.Analytics.Projection;
using PtmReuse.Core.Coordination;

namespace PtmReuse.Core.Storage;

/// <summary>One table's rows in the source and, after the copy, in the target.</summary>
public sealed record TableCopy(string Table, long SourceRows, long TargetRows)
{
    public bool Matches => SourceRows == TargetRows;
}

public sealed record CopyReport(IReadOnlyList<TableCopy> Tables, TimeSpan Elapsed)
{
    public bool CountsMatch => Tables.All(t => t.Matches);

    public long Rows => Tables.Sum(t => t.TargetRows);
}

/// <summary>The target of a copy already holds data: copying into it would mix two projects.</summary>
public sealed class CopyTargetNotEmptyException(string target, string table, long rows)
    : InvalidOperationException($"The target database ({target}) is not empty: {table} has {rows} rows. Copy into a new, empty database.");

/// <summary>
/// Moves a whole project between stores (`ptmreuse db copy`): SQLite → PostgreSQL and back. The target is migrated,
/// must be empty, and receives every table in foreign-key order with the same ids, through EF's own type mappings of
/// each side (so JSON lists, flags and dates come out as the target stores them); identity sequences are moved past
/// the copied ids. Derived data is left out and rebuilt on first use: the analytics projection, and the leases of
/// the source's instances. Afterwards every copied table is counted on both sides.
/// </summary>
public sealed partial class DatabaseCopier(ILogger<DatabaseCopier> logger)
{
    private const int RowsPerTransaction = 5_000;

    /// <summary>Tables rebuilt from the others (or meaningless in another store), never copied.</summary>
    private static readonly HashSet<string> Derived = new(StringComparer.Ordinal)
    {
        ProjectionModel.PaperLabelTable, ProjectionModel.ModelLabelTable, ProjectionModel.PaperStateTable,
        ProjectionModel.ScopeStateTable, ProjectionModel.PaperCountTable, ProjectionModel.ModelCountTable, nameof(PtmReuseDbContext.WorkLeases),
    };

    public async Task<CopyReport> CopyAsync(StorageOptions from, StorageOptions to, IProgress<string>? progress, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        await using var source = StorageProviders.Open(from);
        await using var target = StorageProviders.Open(to);
        if (!await source.Database.CanConnectAsync(cancellationToken) || (await source.Database.GetPendingMigrationsAsync(cancellationToken)).Any())
        {
            throw new InvalidOperationException($"The source ({from.Describe()}) is not a migrated PtmReuse database; run `ptmreuse db migrate --db …` on it first.");
        }

        await target.Database.MigrateAsync(cancellationToken);
        // Seed data (HasData) is kept only in the design-time model; everything else comes from the runtime models.
        var tables = Tables(source.Model, target.Model, source.GetService<IDesignTimeModel>().Model);
        await source.Database.OpenConnectionAsync(cancellationToken);
        await target.Database.OpenConnectionAsync(cancellationToken);
        foreach (var table in tables.Where(t => !t.SeededByMigration))
        {
            var rows = await CountAsync(target, table.Name, cancellationToken);
            if (rows > 0)
            {
                throw new CopyTargetNotEmptyException(to.Describe(), table.Name, rows);
            }
        }

        var copies = new List<TableCopy>();
        foreach (var table in tables)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var sourceRows = await CountAsync(source, table.Name, cancellationToken);
            await CopyTableAsync(source, target, table, cancellationToken);
            var targetRows = await CountAsync(target, table.Name, cancellationToken);
            copies.Add(new TableCopy(table.Name, sourceRows, targetRows));
            progress?.Report($"{table.Name}: {targetRows:N0} of {sourceRows:N0} rows");
        }

        await AdvanceSequencesAsync(target, tables, cancellationToken);
        var report = new CopyReport(copies, clock.Elapsed);
        LogCopied(from.Describe(), to.Describe(), report.Rows, copies.Count, clock.ElapsedMilliseconds);
        return report;
    }

    /// <summary>A table to copy: its columns in both models, in the same order.</summary>
    private sealed record CopyTable(string Name, IReadOnlyList<CopyColumn> Columns, string? IdentityColumn, bool SeededByMigration);

    private sealed record CopyColumn(string Name, RelationalTypeMapping Source, RelationalTypeMapping Target, bool Json);

    /// <summary>Every mapped table, parents before children (foreign keys), with each column's mapping on both sides.</summary>
    private static List<CopyTable> Tables(IModel sourceModel, IModel targetModel, IModel designTimeModel)
    {
        var byTable = new Dictionary<string, CopyTable>(StringComparer.Ordinal);
        var dependsOn = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        foreach (var entity in sourceModel.GetEntityTypes().Where(e => e.GetTableName() is not null && !e.IsMappedToJson()))
        {
            var name = entity.GetTableName()!;
            if (Derived.Contains(name) || byTable.ContainsKey(name))
            {
                continue;
            }

            var targetEntity = targetModel.FindEntityType(entity.Name)
                ?? throw new InvalidOperationException($"The target model has no {entity.Name}.");
            var table = StoreObjectIdentifier.Table(name, entity.GetSchema());
            var columns = new List<CopyColumn>();
            foreach (var property in entity.GetProperties())
            {
                var column = property.GetColumnName(table);
                if (column is null)
                {
                    continue;
                }

                var targetProperty = targetEntity.FindProperty(property.Name)!;
                columns.Add(new CopyColumn(column, (RelationalTypeMapping)property.GetTypeMapping(), (RelationalTypeMapping)targetProperty.GetTypeMapping(), Json: false));
            }

            // Owned collections stored as one JSON column (a paper's topics) travel as their JSON text.
            foreach (var navigation in entity.GetNavigations().Where(n => n.TargetEntityType.IsMappedToJson()))
            {
                var container = navigation.TargetEntityType.GetContainerColumnName()!;
                columns.Add(new CopyColumn(container, null!, null!, Json: true));
            }

            var key = entity.FindPrimaryKey();
            var identity = key?.Properties is [var only] && only.ValueGenerated == ValueGenerated.OnAdd && only.ClrType == typeof(long) || key?.Properties is [{ ValueGenerated: ValueGenerated.OnAdd, ClrType: var t }] && t == typeof(int)
                ? key!.Properties[0].GetColumnName(table)
                : null;
            var seeded = designTimeModel.FindEntityType(entity.Name)?.GetSeedData().Any() == true;
            byTable[name] = new CopyTable(name, columns, identity, seeded);
            dependsOn[name] = entity.GetForeignKeys()
                .Select(fk => fk.PrincipalEntityType.GetTableName())
                .OfType<string>()
                .Where(principal => principal != name && !Derived.Contains(principal))
                .ToHashSet(StringComparer.Ordinal);
        }

        var ordered = new List<CopyTable>();
        var placed = new HashSet<string>(StringComparer.Ordinal);
        while (ordered.Count < byTable.Count)
        {
            var ready = byTable.Keys.Where(n => !placed.Contains(n) && dependsOn[n].All(placed.Contains)).Order(StringComparer.Ordinal).ToList();
            if (ready.Count == 0)
            {
                throw new InvalidOperationException("The tables' foreign keys form a cycle; cannot order the copy.");
            }

            foreach (var name in ready)
            {
                placed.Add(name);
                ordered.Add(byTable[name]);
            }
        }

        return ordered;
    }

    private static async Task CopyTableAsync(PtmReuseDbContext source, PtmReuseDbContext target, CopyTable table, CancellationToken cancellationToken)
    {
        var targetDialect = SqlDialect.For(target.Database);
        var columnList = string.Join(", ", table.Columns.Select(c => $"\"{c.Name}\""));
        await using var read = source.Database.GetDbConnection().CreateCommand();
        read.CommandText = $"SELECT {columnList} FROM \"{table.Name}\" ORDER BY {(table.IdentityColumn is null ? "1" : $"\"{table.IdentityColumn}\"")}";
        await using var reader = await read.ExecuteReaderAsync(cancellationToken);

        var connection = target.Database.GetDbConnection();
        DbTransaction? transaction = null;
        DbCommand? insert = null;
        var inTransaction = 0;
        try
        {
            if (table.SeededByMigration)
            {
                // Rows a migration seeded (the three roles) come again from the source, with everything that refers to them.
                await using var clear = connection.CreateCommand();
                clear.CommandText = $"DELETE FROM \"{table.Name}\"";
                await clear.ExecuteNonQueryAsync(cancellationToken);
            }

            while (await reader.ReadAsync(cancellationToken))
            {
                if (transaction is null)
                {
                    transaction = await connection.BeginTransactionAsync(cancellationToken);
                    insert = Insert(connection, transaction, table, targetDialect);
                }

                for (var i = 0; i < table.Columns.Count; i++)
                {
                    insert!.Parameters[i].Value = Value(reader, i, table.Columns[i]);
                }

                await insert!.ExecuteNonQueryAsync(cancellationToken);
                if (++inTransaction >= RowsPerTransaction)
                {
                    await transaction.CommitAsync(cancellationToken);
                    await insert.DisposeAsync();
                    await transaction.DisposeAsync();
                    transaction = null;
                    inTransaction = 0;
                }
            }

            if (transaction is not null)
            {
                await transaction.CommitAsync(cancellationToken);
            }
        }
        finally
        {
            if (insert is not null)
            {
                await insert.DisposeAsync();
            }

            if (transaction is not null)
            {
                await transaction.DisposeAsync();
            }
        }
    }

    /// <summary>An INSERT whose parameters carry the target's own types (text[] and jsonb in PostgreSQL, say).</summary>
    private static DbCommand Insert(DbConnection connection, DbTransaction transaction, CopyTable table, SqlDialect dialect)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = $"INSERT INTO \"{table.Name}\" ({string.Join(", ", table.Columns.Select(c => $"\"{c.Name}\""))}) VALUES (" +
            string.Join(", ", table.Columns.Select((c, i) => c.Json ? dialect.JsonParameter($"@p{i}") : $"@p{i}")) + ")";
        for (var i = 0; i < table.Columns.Count; i++)
        {
            var column = table.Columns[i];
            var parameter = column.Json
                ? NewParameter(command, $"@p{i}")
                : column.Target.CreateParameter(command, $"@p{i}", null, nullable: true);
            command.Parameters.Add(parameter);
        }

        return command;
    }

    private static DbParameter NewParameter(DbCommand command, string name)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = DBNull.Value;
        return parameter;
    }

    /// <summary>A source value as the target stores it: read with the source's mapping, converted through the model's CLR type.</summary>
    private static object Value(DbDataReader reader, int ordinal, CopyColumn column)
    {
        if (reader.IsDBNull(ordinal))
        {
            return DBNull.Value;
        }

        if (column.Json)
        {
            return reader.GetFieldValue<string>(ordinal);
        }

        var providerType = column.Source.Converter?.ProviderClrType ?? column.Source.ClrType;
        var stored = ReadAs(reader, ordinal, Nullable.GetUnderlyingType(providerType) ?? providerType);
        var model = column.Source.Converter is { } from ? from.ConvertFromProvider(stored) : stored;
        var written = column.Target.Converter is { } to ? to.ConvertToProvider(model) : model;
        return PreparedInsert.DatabaseValue(written);
    }

    private static readonly MethodInfo GetFieldValue = typeof(DbDataReader).GetMethod(nameof(DbDataReader.GetFieldValue))!;

    private static object? ReadAs(DbDataReader reader, int ordinal, Type type) =>
        GetFieldValue.MakeGenericMethod(type).Invoke(reader, [ordinal]);

    private static async Task<long> CountAsync(PtmReuseDbContext db, string table, CancellationToken cancellationToken)
    {
        await using var command = db.Database.GetDbConnection().CreateCommand();
        command.CommandText = $"SELECT COUNT(*) FROM \"{table}\"";
        return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>PostgreSQL's identity sequences do not move when ids are inserted explicitly; SQLite's AUTOINCREMENT does.</summary>
    private static async Task AdvanceSequencesAsync(PtmReuseDbContext target, IEnumerable<CopyTable> tables, CancellationToken cancellationToken)
    {
        if (SqlDialect.For(target.Database).Provider != DatabaseProvider.Postgres)
        {
            return;
        }

        foreach (var table in tables.Where(t => t.IdentityColumn is not null))
        {
            await using var command = target.Database.GetDbConnection().CreateCommand();
            command.CommandText = $"""
                SELECT setval(pg_get_serial_sequence('"{table.Name}"', '{table.IdentityColumn}'),
                              COALESCE((SELECT MAX("{table.IdentityColumn}") FROM "{table.Name}"), 0) + 1, false)
                """;
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Copied {Rows} rows in {Tables} tables from {Source} to {Target} in {Milliseconds} ms")]
    private partial void LogCopied(string source, string target, long rows, int tables, long milliseconds);
}
