using System.CommandLine;
using PtmReuse.Core.Analytics;

namespace PtmReuse.Dashboard.Cli;

/// <summary>
/// The filter and counting-rule options every analytics export shares (--from-year, --to-year, --field,
/// --journal, --natural-science, --grounded-only, --min-confidence, --run, --basis, --unit, --multi-field), read into
/// one <see cref="AnalyticsQuery"/>.
/// </summary>
public sealed class AnalyticsQueryOptions
{
    private readonly Option<int> _fromYear = new("--from-year") { Description = "First publication year.", DefaultValueFactory = _ => AnalyticsFilter.Default.FromYear };
    private readonly Option<int> _toYear = new("--to-year") { Description = "Last publication year.", DefaultValueFactory = _ => AnalyticsFilter.Default.ToYear };
    private readonly Option<string[]> _fields = new("--field") { Description = "Only these OpenAlex fields (repeat or comma-separate).", AllowMultipleArgumentsPerToken = true };
    private readonly Option<string[]> _journals = new("--journal") { Description = "Only these journals (repeat the option).", AllowMultipleArgumentsPerToken = false };
    private readonly Option<bool> _naturalScience = new("--natural-science") { Description = "Only natural-science fields (true or false).", DefaultValueFactory = _ => true };
    private readonly Option<bool> _groundedOnly = new("--grounded-only") { Description = "Only decisions whose evidence quote was found in the paper." };
    private readonly Option<double?> _minConfidence = new("--min-confidence") { Description = "Only machine decisions at least this confident (0–1)." };
    private readonly Option<long?> _run = new("--run") { Description = "Only the machine decisions of this run." };
    private readonly Option<string> _basis = new("--basis") { Description = "effective (reviewers' labels win) or machine (machine decisions only).", DefaultValueFactory = _ => "effective" };
    private readonly Option<string> _unit = new("--unit") { Description = "paper or paper-model (one count per paper × model).", DefaultValueFactory = _ => "paper" };
    private readonly Option<string> _multiField = new("--multi-field") { Description = "How a paper in k fields counts: primary (its primary field only), whole (1 in each) or fractional (1/k in each).", DefaultValueFactory = _ => "primary" };

    public AnalyticsQueryOptions()
    {
        _basis.AcceptOnlyFromAmong("effective", "machine");
        _unit.AcceptOnlyFromAmong("paper", "paper-model");
        _multiField.AcceptOnlyFromAmong("primary", "whole", "fractional");
        _minConfidence.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<double?>() is { } value && (value < 0 || value > 1))
            {
                result.AddError($"--min-confidence must be between 0 and 1 (got {value}).");
            }
        });
    }

    public void AddTo(Command command)
    {
        foreach (var option in new Option[] { _fromYear, _toYear, _fields, _journals, _naturalScience, _groundedOnly, _minConfidence, _run, _basis, _unit, _multiField })
        {
            command.Options.Add(option);
        }

        command.Validators.Add(result =>
        {
            if (result.GetValue(_fromYear) > result.GetValue(_toYear))
            {
                result.AddError($"--from-year ({result.GetValue(_fromYear)}) is after --to-year ({result.GetValue(_toYear)}).");
            }
        });
    }

    public AnalyticsQuery Read(ParseResult parse)
    {
        static IReadOnlyList<string>? List(string[]? values)
        {
            var items = (values ?? []).SelectMany(v => v.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).ToList();
            return items.Count == 0 ? null : items;
        }

        var filter = new AnalyticsFilter(
            parse.GetValue(_fromYear),
            parse.GetValue(_toYear),
            List(parse.GetValue(_fields)),
            parse.GetValue(_journals) is { Length: > 0 } journals ? journals : null,
            parse.GetValue(_naturalScience),
            parse.GetValue(_groundedOnly),
            parse.GetValue(_minConfidence),
            parse.GetValue(_run));
        var rules = new CountingRules(
            parse.GetValue(_unit) == "paper-model" ? CountingUnit.PaperModel : CountingUnit.Paper,
            parse.GetValue(_multiField) switch { "whole" => MultiFieldRule.Whole, "fractional" => MultiFieldRule.Fractional, _ => MultiFieldRule.PrimaryOnly },
            parse.GetValue(_basis) == "machine" ? LabelBasis.MachineOnly : LabelBasis.Effective);
        return new AnalyticsQuery(filter, rules);
    }
}
