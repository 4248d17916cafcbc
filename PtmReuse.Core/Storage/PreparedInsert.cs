using Microsoft.Data.Sqlite;

namespace PtmReuse.Core.Storage;

/// <summary>
/// A prepared, reusable INSERT for bulk writes where EF change tracking costs too much (ingest, synthetic databases).
/// Parameters are positional ($p0, $p1, ...) in column order.
/// </summary>
internal static class PreparedInsert
{
    public static SqliteCommand Prepare(SqliteConnection connection, SqliteTransaction transaction, string table, IReadOnlyList<string> columns, string suffix = "")
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = $"INSERT INTO \"{table}\" ({string.Join(", ", columns.Select(c => $"\"{c}\""))}) " +
                              $"VALUES ({string.Join(", ", columns.Select((_, i) => $"$p{i}"))}){suffix}";
        for (var i = 0; i < columns.Count; i++)
        {
            command.Parameters.Add(new SqliteParameter($"$p{i}", null));
        }

        command.Prepare();
        return command;
    }

    public static void Bind(SqliteCommand command, params object?[] values)
    {
        for (var i = 0; i < values.Length; i++)
        {
            command.Parameters[i].Value = values[i] ?? DBNull.Value;
        }
    }
}
