using System.Data.Common;

namespace PtmReuse.Core.Storage;

/// <summary>
/// A prepared, reusable INSERT for bulk writes where EF change tracking costs too much (ingest, synthetic databases),
/// on either provider. Parameters are named @p0, @p1, ... in column order; <paramref name="jsonColumns"/> are JSON
/// documents (jsonb in PostgreSQL).
/// </summary>
internal static class PreparedInsert
{
    public static DbCommand Prepare(DbConnection connection, DbTransaction transaction, string table, IReadOnlyList<string> columns, string suffix = "",
        IReadOnlyCollection<string>? jsonColumns = null)
    {
        var dialect = SqlDialect.For(connection);
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = $"INSERT INTO \"{table}\" ({string.Join(", ", columns.Select(c => $"\"{c}\""))}) " +
                              $"VALUES ({string.Join(", ", columns.Select((c, i) => jsonColumns?.Contains(c) == true ? dialect.JsonParameter($"@p{i}") : $"@p{i}"))}){suffix}";
        for (var i = 0; i < columns.Count; i++)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = $"@p{i}";
            parameter.Value = DBNull.Value;
            command.Parameters.Add(parameter);
        }

        if (dialect.Provider == DatabaseProvider.Sqlite)
        {
            // PostgreSQL prepares once the parameters carry types (the first execution); SQLite can compile now.
            command.Prepare();
        }

        return command;
    }

    public static void Bind(DbCommand command, params object?[] values)
    {
        for (var i = 0; i < values.Length; i++)
        {
            command.Parameters[i].Value = DatabaseValue(values[i]);
        }
    }

    /// <summary>
    /// A value as both providers store it: dates are UTC (PostgreSQL's timestamptz refuses an unspecified kind; SQLite
    /// writes the same text either way).
    /// </summary>
    public static object DatabaseValue(object? value) => value switch
    {
        null => DBNull.Value,
        DateTime { Kind: DateTimeKind.Unspecified } unspecified => DateTime.SpecifyKind(unspecified, DateTimeKind.Utc),
        DateTime { Kind: DateTimeKind.Local } local => local.ToUniversalTime(),
        _ => value,
    };
}
