using System.Data.Common;
using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using PtmReuse.Core.Analytics.Projection;
using PtmReuse.Core.Fields;
using PtmReuse.Core.Storage;

namespace PtmReuse.Core.Analytics;

/// <summary>Which projection table a count reads: one row per paper × field, or per paper × model × field.</summary>
public enum CountSource
{
    Papers,
    Models,
}

/// <summary>
/// One aggregation: the table, the columns to group by, and equality conditions on projection columns
/// (e.g. UsesPtms = Yes). Column names are checked against a fixed list; values are always SQL parameters.
/// </summary>
public sealed record CountSpec(CountSource Source, IReadOnlyList<string> GroupBy, IReadOnlyDictionary<string, object> Where)
{
    public static CountSpec Papers(IReadOnlyList<string> groupBy, IReadOnlyDictionary<string, object>? where = null) =>
        new(CountSource.Papers, groupBy, where ?? new Dictionary<string, object>());

    public static CountSpec Models(IReadOnlyList<string> groupBy, IReadOnlyDictionary<string, object>? where = null) =>
        new(CountSource.Models, groupBy, where ?? new Dictionary<string, object>());
}

/// <summary>A condition "column is not this value" in <see cref="CountSpec.Where"/>.</summary>
public sealed record Not(object Value);

/// <summary>A condition "column is one of these values" in <see cref="CountSpec.Where"/>.</summary>
public sealed record AnyOf(IReadOnlyList<string> Values);

/// <summary>A grouped count: the group's key values (in <see cref="CountSpec.GroupBy"/> order) and the weighted count.</summary>
public sealed record CountRow(IReadOnlyList<string?> Keys, double Count);

/// <summary>A paper behind a chart point, with the machine decision a reviewer would open.</summary>
public sealed record DrillPaper(long PaperId, string Title, int? Year, string? Journal, long? DecisionId);

public sealed record DrillResult(int Total, IReadOnlyList<DrillPaper> Papers);

/// <summary>
/// Runs the analytics aggregations in SQL over the projection (GROUP BY over covering indexes), applying the shared
/// filters and counting rules: scope (effective, machine-only or one run), years, fields, journals, the
/// natural-science filter, grounded-only and minimum confidence, and how multi-field papers and the unit count.
/// </summary>
public sealed class AnalyticsStore(IDbContextFactory<PtmReuseDbContext> dbFactory, AnalyticsProjection projection, IOptions<FieldOptions> fieldOptions)
{
    private static readonly HashSet<string> PaperColumns = new(StringComparer.Ordinal)
    {
        "Field", "Year", "Journal", "UsesDl", "UsesPtms", "Grounded", "Reviewed", "IsPrimary",
    };

    private static readonly HashSet<string> ModelColumns = new(StringComparer.Ordinal)
    {
        "Field", "Year", "Journal", "Model", "Pattern", "Step", "Grounded", "Reviewed", "IsPrimary",
    };

    private static readonly Dictionary<string, string> DecisionColumns = new(StringComparer.Ordinal)
    {
        ["UsesDlDecisionId"] = "UsesDlDecisionId",
        ["UsesPtmsDecisionId"] = "UsesPtmsDecisionId",
        ["IdentifyDecisionId"] = "IdentifyDecisionId",
        ["ReuseDecisionId"] = "ReuseDecisionId",
        ["ImpactDecisionId"] = "ImpactDecisionId",
    };

    public IReadOnlyList<string> NaturalScienceFields => fieldOptions.Value.NaturalScienceFields;

    /// <summary>Off: every model count reads the rows (the tests compare both routes, which must agree).</summary>
    internal bool ReadModelCounts { get; set; } = true;

    /// <summary>Brings the projection up to date (and builds a run's scope when the query names a run).</summary>
    public async Task PrepareAsync(AnalyticsQuery query, CancellationToken cancellationToken)
    {
        await projection.EnsureFreshAsync(cancellationToken);
        if (query.Filter.RunId is { } runId)
        {
            await projection.EnsureRunScopeAsync(runId, cancellationToken);
        }
    }

    public async Task<IReadOnlyList<CountRow>> CountAsync(AnalyticsQuery query, CountSpec spec, CancellationToken cancellationToken)
    {
        await PrepareAsync(query, cancellationToken);
        var sql = BuildCountSql(query, spec, out var parameters);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await db.Database.OpenConnectionAsync(cancellationToken);
        await using var command = db.Database.GetDbConnection().CreateCommand();
        command.CommandText = sql;
        AddParameters(command, parameters);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var rows = new List<CountRow>();
        while (await reader.ReadAsync(cancellationToken))
        {
            var keys = new string?[spec.GroupBy.Count];
            for (var i = 0; i < keys.Length; i++)
            {
                keys[i] = reader.IsDBNull(i) ? null : KeyText(reader.GetValue(i));
            }

            // SUM is a double, an integer or (PostgreSQL's SUM of bigint) a numeric.
            rows.Add(new CountRow(keys, reader.IsDBNull(keys.Length) ? 0 : Convert.ToDouble(reader.GetValue(keys.Length), CultureInfo.InvariantCulture)));
        }

        return rows;
    }

    /// <summary>The papers behind a point: the same filters plus the point's conditions; <paramref name="decisionColumn"/> names the decision to open.</summary>
    public async Task<DrillResult> DrillAsync(AnalyticsQuery query, CountSource source, IReadOnlyDictionary<string, object> where, string decisionColumn, int take, CancellationToken cancellationToken)
    {
        if (!DecisionColumns.TryGetValue(decisionColumn, out var column) || (source == CountSource.Papers) != column.StartsWith("Uses", StringComparison.Ordinal))
        {
            throw new ArgumentException($"'{decisionColumn}' is not a decision column of the {source} projection.", nameof(decisionColumn));
        }

        await PrepareAsync(query, cancellationToken);
        var whereSql = BuildWhere(query, new CountSpec(source, [], where), out var parameters);
        var table = source == CountSource.Papers ? ProjectionModel.PaperLabelTable : ProjectionModel.ModelLabelTable;
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await db.Database.OpenConnectionAsync(cancellationToken);
        var dialect = SqlDialect.For(db.Database);
        int total;
        await using (var count = db.Database.GetDbConnection().CreateCommand())
        {
            count.CommandText = $"""SELECT COUNT(DISTINCT l."PaperId") FROM "{table}" l WHERE {whereSql}""";
            AddParameters(count, parameters);
            total = Convert.ToInt32(await count.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture);
        }

        // The point's papers are found through the filter index first (SQLite must not walk every row of the scope in
        // PaperId order to spare the GROUP BY a sort: see the dialect), then only the first page is joined.
        await using var command = db.Database.GetDbConnection().CreateCommand();
        command.CommandText = $"""
            SELECT m."PaperId", p."Title", p."Year", p."Journal", m."DecisionId"
            FROM (SELECT l."PaperId" AS "PaperId", MIN(l."{column}") AS "DecisionId" FROM "{table}" l WHERE {whereSql}
                  GROUP BY {dialect.GroupKeyWithoutIndexOrder("l.\"PaperId\"")}) m
            JOIN "Papers" p ON p."Id" = m."PaperId"
            ORDER BY p."Year" DESC, m."PaperId" LIMIT {Math.Clamp(take, 1, 10_000)}
            """;
        AddParameters(command, parameters);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var papers = new List<DrillPaper>();
        while (await reader.ReadAsync(cancellationToken))
        {
            papers.Add(new DrillPaper(reader.GetInt64(0), reader.GetString(1), reader.IsDBNull(2) ? null : reader.GetInt32(2),
                reader.IsDBNull(3) ? null : reader.GetString(3), reader.IsDBNull(4) ? null : reader.GetInt64(4)));
        }

        return new DrillResult(total, papers);
    }

    /// <summary>A group key as text, the same on both providers: flags read "1"/"0" (SQLite stores them as integers).</summary>
    private static string? KeyText(object value) => value is bool flag
        ? flag ? "1" : "0"
        : Convert.ToString(value, CultureInfo.InvariantCulture);

    /// <summary>The journals present (for the filter bar), most papers first.</summary>
    public async Task<IReadOnlyList<string>> JournalsAsync(CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.Papers.Where(p => p.Journal != null).GroupBy(p => p.Journal!)
            .OrderByDescending(g => g.Count()).Select(g => g.Key).Take(200).ToListAsync(cancellationToken);
    }

    internal string BuildCountSql(AnalyticsQuery query, CountSpec spec, out List<(string Name, object Value)> parameters)
    {
        var columns = spec.Source == CountSource.Papers ? PaperColumns : ModelColumns;
        foreach (var column in spec.GroupBy)
        {
            if (!columns.Contains(column))
            {
                throw new ArgumentException($"Cannot group {spec.Source} by '{column}'.", nameof(spec));
            }
        }

        var where = BuildWhere(query, spec, out parameters);
        var table = spec.Source == CountSource.Papers ? ProjectionModel.PaperLabelTable : ProjectionModel.ModelLabelTable;
        var rules = query.Rules;
        var groupBy = spec.GroupBy.Select(Column).ToList();
        var weight = rules.MultiField == MultiFieldRule.Fractional ? "l.\"Weight\"" : "1";
        var byField = spec.GroupBy.Contains("Field");
        var perModel = spec.Source == CountSource.Models && rules.Unit == CountingUnit.PaperModel;
        // Papers per pattern (or step): only each paper's first model row with it counts, so no DISTINCT is needed.
        var firstOf = spec.Source == CountSource.Models && !perModel && !spec.GroupBy.Contains("Model")
            ? spec.GroupBy.Contains("Pattern") && !spec.GroupBy.Contains("Step") ? "PatternFirst"
            : spec.GroupBy.Contains("Step") && !spec.GroupBy.Contains("Pattern") ? "StepFirst" : null
            : null;
        if (firstOf is not null)
        {
            where += $" AND {Column(firstOf)} = TRUE";
        }

        // Rows are unique per paper × field (× model): when every row is one counted item, sum directly.
        var rowsAreItems = (byField || rules.MultiField != MultiFieldRule.Whole)
            && (spec.Source == CountSource.Papers || perModel || spec.GroupBy.Contains("Model") || firstOf is not null);
        var select = groupBy.Count == 0 ? "" : string.Join(", ", groupBy) + ", ";
        var group = groupBy.Count == 0 ? "" : " GROUP BY " + string.Join(", ", groupBy);
        if (rowsAreItems && spec.Source == CountSource.Papers && query.Filter.MinConfidence is null)
        {
            // The pre-aggregated counts hold every column these filters and groups use (confidence excepted).
            var sum = Column(rules.MultiField == MultiFieldRule.Fractional ? "WeightSum" : "Items");
            return $"SELECT {select}SUM({sum}) FROM \"{ProjectionModel.PaperCountTable}\" l WHERE {where}{group}";
        }

        if (rowsAreItems && spec.Source == CountSource.Models && ReadModelCounts && ModelCountDimensionFor(query, spec, firstOf) is { } dimension)
        {
            return BuildModelCountSql(query, spec, dimension, firstOf is not null, out parameters);
        }

        if (rowsAreItems)
        {
            return $"SELECT {select}SUM({weight}) FROM \"{table}\" l WHERE {where}{group}";
        }

        // Otherwise count each paper (or paper × model) once per group: distinct first, then sum the weights.
        var inner = new List<string>(groupBy) { Column("PaperId") };
        if (perModel && !spec.GroupBy.Contains("Model"))
        {
            inner.Add(Column("Model"));
        }

        if (rules.MultiField == MultiFieldRule.Fractional && !byField)
        {
            inner.Add(Column("Field"));
        }

        var outer = spec.GroupBy.Select(c => $"\"{c}\"").ToList();
        return $"SELECT {(outer.Count == 0 ? "" : string.Join(", ", outer) + ", ")}SUM(w) FROM " +
            $"(SELECT DISTINCT {string.Join(", ", inner)}, {weight} AS w FROM \"{table}\" l WHERE {where}) items" +
            (outer.Count == 0 ? "" : " GROUP BY " + string.Join(", ", outer));
    }

    /// <summary>Columns of the model rows that <see cref="ProjectionModel.ModelCountTable"/> keeps (besides scope and the dimension's value).</summary>
    private static readonly HashSet<string> ModelCountFilterColumns = new(StringComparer.Ordinal) { "Field", "Year", "IsPrimary", "Grounded" };

    /// <summary>
    /// The dimension of the model counts that answers a count of model rows, or null when only the rows can: a
    /// minimum confidence, a journal filter, or a condition or group on Journal or Reviewed (not kept in the counts),
    /// or more than one of model, pattern and step at once (each is counted apart). Without any of the three every
    /// row is counted once under each dimension, so the pattern dimension sums to the rows.
    /// </summary>
    private static string? ModelCountDimensionFor(AnalyticsQuery query, CountSpec spec, string? firstOf)
    {
        if (query.Filter.MinConfidence is not null || query.Filter.Journals is { Count: > 0 })
        {
            return null;
        }

        var used = spec.GroupBy.Concat(spec.Where.Keys).Distinct(StringComparer.Ordinal).ToList();
        var dimensions = used.Where(ModelCountDimension.All.Contains).ToList();
        if (dimensions.Count > 1 || used.Any(c => !ModelCountFilterColumns.Contains(c) && !ModelCountDimension.All.Contains(c)))
        {
            return null;
        }

        var dimension = dimensions.Count == 1 ? dimensions[0] : ModelCountDimension.Pattern;
        return firstOf is null || ModelCountDimension.FirstFlag(dimension) == firstOf ? dimension : null;
    }

    /// <summary>
    /// A model count from <see cref="ProjectionModel.ModelCountTable"/>: the same groups and filters as over the rows,
    /// with the dimension's column read from Value ("" back to null) and the first-row flag from IsFirst.
    /// </summary>
    private string BuildModelCountSql(AnalyticsQuery query, CountSpec spec, string dimension, bool firstOnly, out List<(string Name, object Value)> parameters)
    {
        var where = BuildWhere(query, spec, out parameters, modelCounts: true) + $" AND l.\"Dimension\" = '{dimension}'"
            + (firstOnly ? " AND l.\"IsFirst\" = TRUE" : "");
        // A model row always names its model, so Value is read as it is (in the index's order); a missing pattern or step reads null.
        var groupBy = spec.GroupBy.Select(c => c == ModelCountDimension.Model ? Column("Value")
            : ModelCountDimension.All.Contains(c) ? "NULLIF(l.\"Value\", '')" : Column(c)).ToList();
        // The model first, then the field: the order of IX_AnalyticsModelCount_Values, so the groups need no sort.
        var groupOrder = groupBy.OrderBy(c => c == Column("Value") ? 0 : c == Column("Field") ? 1 : 2).ToList();
        var sum = Column(query.Rules.MultiField == MultiFieldRule.Fractional ? "WeightSum" : "Items");
        // Counts a later write brought to zero stay as rows: a group whose rows are all gone is left out, as over the rows.
        return groupBy.Count == 0
            ? $"SELECT SUM({sum}) FROM \"{ProjectionModel.ModelCountTable}\" l WHERE {where}"
            : $"SELECT {string.Join(", ", groupBy)}, SUM({sum}) FROM \"{ProjectionModel.ModelCountTable}\" l WHERE {where} " +
              $"GROUP BY {string.Join(", ", groupOrder)} HAVING SUM(l.\"Items\") > 0";
    }

    /// <summary>A projection column of the row alias l, quoted (the names are checked against fixed lists first).</summary>
    private static string Column(string name) => $"l.\"{name}\"";

    private string BuildWhere(AnalyticsQuery query, CountSpec spec, out List<(string Name, object Value)> parameters, bool modelCounts = false)
    {
        var columns = spec.Source == CountSource.Papers ? PaperColumns : ModelColumns;
        var filter = query.Filter;
        var list = new List<(string, object)>();
        var where = new StringBuilder();
        // A point's own year (a drill-down) is tested against the range as a constant, so the index seeks that year
        // instead of scanning the whole range for it.
        var pinnedYear = spec.Where.TryGetValue("Year", out var year) && year is int ? year : null;
        where.Append(pinnedYear is null ? "l.\"Scope\" = @scope AND l.\"Year\" BETWEEN @from AND @to" : "l.\"Scope\" = @scope AND @year BETWEEN @from AND @to");
        list.Add(("@scope", ProjectionScope.For(query)));
        if (pinnedYear is not null)
        {
            list.Add(("@year", pinnedYear));
        }

        list.Add(("@from", filter.FromYear));
        list.Add(("@to", filter.ToYear));
        if (query.Rules.MultiField == MultiFieldRule.PrimaryOnly)
        {
            where.Append(" AND l.\"IsPrimary\" = TRUE");
        }

        AppendIn(where, list, Column("Field"), "@f", filter.Fields);
        AppendIn(where, list, Column("Journal"), "@j", filter.Journals);
        if (filter.NaturalScienceOnly)
        {
            AppendIn(where, list, Column("Field"), "@n", NaturalScienceFields);
        }

        if (filter.GroundedOnly)
        {
            where.Append(" AND l.\"Grounded\" = TRUE");
        }

        if (filter.MinConfidence is { } minimum)
        {
            // Labels without a confidence (human labels, backends that report none) are kept.
            where.Append(" AND (l.\"Confidence\" IS NULL OR l.\"Confidence\" >= @minConfidence)");
            list.Add(("@minConfidence", minimum));
        }

        var index = 0;
        foreach (var (column, value) in spec.Where)
        {
            if (!columns.Contains(column))
            {
                throw new ArgumentException($"Cannot filter {spec.Source} by '{column}'.", nameof(spec));
            }

            var name = "@w" + index++.ToString(CultureInfo.InvariantCulture);
            var negated = value is Not;
            var operand = value is Not not ? not.Value : value;
            // The model counts hold the model, pattern or step in Value, a missing one as "".
            var counted = modelCounts && ModelCountDimension.All.Contains(column);
            var target = counted ? Column("Value") : Column(column);
            if (operand is AnyOf any)
            {
                AppendIn(where, list, target, name + "_", any.Values.Count == 0 ? [""] : any.Values);
                continue;
            }

            if (operand is DBNull)
            {
                where.Append(" AND ").Append(target).Append(counted ? negated ? " <> ''" : " = ''" : negated ? " IS NOT NULL" : " IS NULL");
                continue;
            }

            where.Append(" AND ").Append(target).Append(negated ? " <> " : " = ").Append(name);
            // Flags stay booleans: SQLite binds them as 1/0, PostgreSQL compares them with its boolean columns.
            list.Add((name, operand is LabelValue label ? (short)label : operand));
        }

        parameters = list;
        return where.ToString();
    }

    private static void AppendIn(StringBuilder where, List<(string, object)> parameters, string column, string prefix, IReadOnlyList<string>? values)
    {
        if (values is null || values.Count == 0)
        {
            return;
        }

        var names = new List<string>();
        foreach (var value in values)
        {
            var name = prefix + parameters.Count.ToString(CultureInfo.InvariantCulture);
            names.Add(name);
            parameters.Add((name, value));
        }

        where.Append(" AND ").Append(column).Append(" IN (").Append(string.Join(", ", names)).Append(')');
    }

    private static void AddParameters(DbCommand command, IEnumerable<(string Name, object Value)> parameters)
    {
        foreach (var (name, value) in parameters)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            parameter.Value = value;
            command.Parameters.Add(parameter);
        }
    }
}
