using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using PtmReuse.Core.Classification;
using PtmReuse.Core.Storage;

namespace PtmReuse.Core.Review.Sampling;

/// <summary>
/// The population a validation sample is drawn from, as SQL: for one stage (and optionally one run), the latest
/// successful machine decision of each paper (latest = highest id; decisions are appended in time order). Rows stream
/// from the database, so a population of millions of decisions is never held in memory.
/// </summary>
internal static class DecisionPopulation
{
    /// <summary>The machine label a decision is stratified by: yes/no for the flag stages, none/some models for the others.</summary>
    public static string MachineLabelSql(SqlDialect sql, Stage stage) => stage switch
    {
        Stage.UsesDl or Stage.UsesPtms => $"CASE WHEN {sql.JsonIsTrue("d.\"ValueJson\"", "result")} THEN 'yes' ELSE 'no' END",
        Stage.IdentifyPtms => $"CASE WHEN COALESCE({sql.JsonArrayLength("d.\"ValueJson\"", "models")}, 0) > 0 THEN 'some' ELSE 'none' END",
        _ => $"CASE WHEN COALESCE({sql.JsonArrayLength("d.\"ValueJson\"", "items")}, 0) > 0 THEN 'some' ELSE 'none' END",
    };

    /// <summary>1 when the machine label is positive (yes, or some models), else 0.</summary>
    public static string MachinePositiveSql(SqlDialect sql, Stage stage) =>
        $"CASE WHEN {MachineLabelSql(sql, stage)} IN ('yes', 'some') THEN 1 ELSE 0 END";

    /// <summary>The stratum key expression for the chosen dimensions; "all" when there are none (a uniform sample).</summary>
    public static string StratumSql(SqlDialect sql, Stage stage, StratumDimensions dimensions)
    {
        var parts = new List<string>();
        if (dimensions.HasFlag(StratumDimensions.Field))
        {
            parts.Add("COALESCE(p.\"PrimaryField\", 'unknown field')");
        }

        if (dimensions.HasFlag(StratumDimensions.Year))
        {
            parts.Add("COALESCE(CAST(p.\"Year\" AS TEXT), 'unknown year')");
        }

        if (dimensions.HasFlag(StratumDimensions.MachineLabel))
        {
            parts.Add(MachineLabelSql(sql, stage));
        }

        return parts.Count == 0 ? "'all'" : string.Join(" || ' × ' || ", parts);
    }

    /// <summary>
    /// A command selecting <paramref name="columns"/> over the population rows, aliased d (decision) and p (paper).
    /// Parameters @stage and (when given) @run are bound here. The paper is joined only when a column needs it.
    /// </summary>
    public static DbCommand Command(DbConnection connection, Stage stage, long? runId, string columns, string tail = "")
    {
        var paperJoin = columns.Contains("p.", StringComparison.Ordinal) ? "JOIN \"Papers\" p ON p.\"Id\" = d.\"PaperId\"" : "";
        var command = connection.CreateCommand();
        var runFilter = runId is null ? "" : " AND \"RunId\" = @run";
        command.CommandText =
            $"""
            SELECT {columns}
            FROM "Decisions" d
            {paperJoin}
            WHERE d."Id" IN (SELECT MAX("Id") FROM "Decisions"
                           WHERE "Stage" = @stage AND "ErrorKind" IS NULL AND "ValueJson" IS NOT NULL{runFilter}
                           GROUP BY "PaperId")
            {tail}
            """;
        Add(command, "@stage", stage.WireName());
        if (runId is { } run)
        {
            Add(command, "@run", run);
        }

        return command;
    }

    /// <summary>The population size and its machine-positive count (yes, or some models), counted in SQL.</summary>
    public static async Task<(long Population, long MachinePositive)> CensusAsync(
        PtmReuseDbContext db, Stage stage, long? runId, CancellationToken cancellationToken)
    {
        var connection = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync(cancellationToken);
        await using var command = Command(connection, stage, runId,
            $"COUNT(*), COALESCE(SUM({MachinePositiveSql(SqlDialect.For(connection), stage)}), 0)");
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        return (reader.GetInt64(0), reader.GetInt64(1));
    }

    private static void Add(DbCommand command, string name, object value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
    }
}
