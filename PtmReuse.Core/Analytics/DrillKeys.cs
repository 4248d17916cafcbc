using System.Globalization;
using PtmReuse.Core.Analytics.Projection;

namespace PtmReuse.Core.Analytics;

/// <summary>
/// The papers behind one chart point, as conditions on the projection: what <see cref="Figures.FigurePoint.DrillKey"/>
/// carries (URL-encoded), so any point of any figure resolves to its papers with the figure's own filters.
/// </summary>
public sealed record DrillTarget(CountSource Source, string DecisionColumn, IReadOnlyDictionary<string, object> Where, bool? NaturalScienceOnly = null)
{
    private const string NullValue = "~null";
    private static readonly HashSet<string> IntegerColumns = new(StringComparer.Ordinal) { "Year", "UsesDl", "UsesPtms" };
    private static readonly HashSet<string> BooleanColumns = new(StringComparer.Ordinal) { "Grounded", "Reviewed", "IsPrimary" };

    public string Encode()
    {
        var parts = new List<string>
        {
            "src=" + (Source == CountSource.Papers ? "papers" : "models"),
            "dec=" + Uri.EscapeDataString(DecisionColumn),
        };
        if (NaturalScienceOnly is { } ns)
        {
            parts.Add("ns=" + (ns ? "1" : "0"));
        }

        foreach (var (column, value) in Where)
        {
            var (name, operand) = value is Not not ? ("!" + column, not.Value) : (column, value);
            var text = operand switch
            {
                DBNull => NullValue,
                LabelValue label => ((int)label).ToString(CultureInfo.InvariantCulture),
                bool flag => flag ? "1" : "0",
                IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
                _ => operand.ToString() ?? "",
            };
            parts.Add(Uri.EscapeDataString(name) + "=" + Uri.EscapeDataString(text));
        }

        return string.Join("&", parts);
    }

    /// <summary>Parses a key made by <see cref="Encode"/>; column names are checked again when the query is built.</summary>
    public static DrillTarget Parse(string key)
    {
        var source = CountSource.Papers;
        var decision = "";
        bool? ns = null;
        var where = new Dictionary<string, object>(StringComparer.Ordinal);
        foreach (var part in key.Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = part.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0)
            {
                throw new FormatException($"Drill key part '{part}' has no value.");
            }

            var name = Uri.UnescapeDataString(part[..equals]);
            var text = Uri.UnescapeDataString(part[(equals + 1)..]);
            switch (name)
            {
                case "src":
                    source = text == "models" ? CountSource.Models : CountSource.Papers;
                    continue;
                case "dec":
                    decision = text;
                    continue;
                case "ns":
                    ns = text == "1";
                    continue;
            }

            var negated = name.StartsWith('!');
            var column = negated ? name[1..] : name;
            object value = text == NullValue ? DBNull.Value
                : IntegerColumns.Contains(column) ? int.Parse(text, CultureInfo.InvariantCulture)
                : BooleanColumns.Contains(column) ? text == "1"
                : text;
            where[column] = negated ? new Not(value) : value;
        }

        return new DrillTarget(source, decision, where, ns);
    }
}
