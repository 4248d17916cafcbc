using System.Globalization;
using PtmReuse.Core.Analytics.Figures;
using PtmReuse.Core.Analytics.Projection;
using PtmReuse.Core.Classification;
using PtmReuse.Core.Review.Agreement;

namespace PtmReuse.Core.Analytics;

public enum AdoptionMeasure
{
    Ingested,
    UsesDl,
    UsesPtms,
}

/// <summary>
/// Every chart and table of the analytics pages as chart-neutral <see cref="Figure"/>s, counted in SQL by
/// <see cref="AnalyticsStore"/>. Every point carries a drill key that resolves to the papers behind it
/// (<see cref="DrillAsync"/>), and every caption states the counting rules and filters.
/// </summary>
public sealed class AnalyticsFigures(AnalyticsStore store, StudySummary summary, ClassifierAccuracyService accuracy) : IFigureSource
{
    public const string NoField = "(no field)";
    public const string UnknownCategory = "unknown";
    public static readonly IReadOnlyList<string> Patterns = ["conceptual", "adaptation", "deployment"];
    public static readonly IReadOnlyList<string> Steps = Enum.GetNames<ScienceStep>();

    public async Task<IReadOnlyList<Figure>> BuildFiguresAsync(AnalyticsQuery query, CancellationToken cancellationToken) =>
    [
        await AdoptionAsync(query, AdoptionMeasure.Ingested, share: false, stacked: false, cancellationToken),
        await AdoptionAsync(query, AdoptionMeasure.UsesDl, share: false, stacked: false, cancellationToken),
        await AdoptionAsync(query, AdoptionMeasure.UsesDl, share: true, stacked: false, cancellationToken),
        await AdoptionAsync(query, AdoptionMeasure.UsesPtms, share: false, stacked: false, cancellationToken),
        await AdoptionAsync(query, AdoptionMeasure.UsesPtms, share: true, stacked: false, cancellationToken),
        await OutcomesByYearAsync(query, Stage.UsesDl, cancellationToken),
        await OutcomesByYearAsync(query, Stage.UsesPtms, cancellationToken),
        await CategoryAsync(query, CategoryKind.Pattern, CategoryAxis.Overall, cancellationToken),
        await CategoryAsync(query, CategoryKind.Pattern, CategoryAxis.Field, cancellationToken),
        await CategoryAsync(query, CategoryKind.Pattern, CategoryAxis.Year, cancellationToken),
        await CategoryAsync(query, CategoryKind.Step, CategoryAxis.Overall, cancellationToken),
        await CategoryAsync(query, CategoryKind.Step, CategoryAxis.Field, cancellationToken),
        await TopModelsAsync(query, 10, cancellationToken),
        await ModelTrendAsync(query, 5, cancellationToken),
        await HeatmapAsync(query, cancellationToken),
        await FunnelAsync(query, cancellationToken),
    ];

    public async Task<IReadOnlyList<FigureTable>> BuildTablesAsync(AnalyticsQuery query, CancellationToken cancellationToken) =>
    [
        ToTable(await FunnelAsync(query, cancellationToken), "Step", "Papers"),
        ToTable(await CategoryAsync(query, CategoryKind.Pattern, CategoryAxis.Field, cancellationToken), "Field", "Count"),
        ToTable(await CategoryAsync(query, CategoryKind.Step, CategoryAxis.Field, cancellationToken), "Field", "Count"),
        await TopModelsByFieldAsync(query, 5, cancellationToken),
        (await summary.BuildAsync(query, cancellationToken)).Table,
    ];

    /// <summary>
    /// Per field and year: papers ingested, using DL or reusing PTMs, as counts or as the share of the field's papers that year.
    /// Shares of uses_dl / uses_ptms (paper unit) carry error bars when the stage has a reviewed validation sample: Y stays
    /// the observed share, <see cref="FigurePoint.ErrorLow"/>/<see cref="FigurePoint.ErrorHigh"/> are the ends of the 95%
    /// interval of the share corrected for the classifier's measured error (<see cref="ClassifierAccuracy.CorrectProportion(double, double, double)"/>).
    /// The correction treats every label as the machine's, also under effective labels (reviewed papers are few).
    /// </summary>
    public async Task<Figure> AdoptionAsync(AnalyticsQuery query, AdoptionMeasure measure, bool share, bool stacked, CancellationToken cancellationToken)
    {
        // Sensitivity and specificity are per paper: no correction for the paper × model unit (a share of reuses, not of papers).
        var measured = !share || (measure == AdoptionMeasure.UsesPtms && query.Rules.Unit == CountingUnit.PaperModel) ? null
            : measure switch
            {
                AdoptionMeasure.UsesDl => await accuracy.GetAsync(Stage.UsesDl, cancellationToken),
                AdoptionMeasure.UsesPtms => await accuracy.GetAsync(Stage.UsesPtms, cancellationToken),
                _ => null,
            };
        var denominators = ToGrid(await store.CountAsync(query, CountSpec.Papers(["Field", "Year"]), cancellationToken));
        var (spec, decision, unitApplies) = measure switch
        {
            AdoptionMeasure.Ingested => (CountSpec.Papers(["Field", "Year"]), "UsesDlDecisionId", false),
            AdoptionMeasure.UsesDl => (CountSpec.Papers(["Field", "Year"], Where(("UsesDl", LabelValue.Yes))), "UsesDlDecisionId", false),
            _ when query.Rules.Unit == CountingUnit.PaperModel => (CountSpec.Models(["Field", "Year"]), "IdentifyDecisionId", true),
            _ => (CountSpec.Papers(["Field", "Year"], Where(("UsesPtms", LabelValue.Yes))), "UsesPtmsDecisionId", true),
        };
        var counts = measure == AdoptionMeasure.Ingested ? denominators : ToGrid(await store.CountAsync(query, spec, cancellationToken));
        var years = Years(query);
        var fields = RankFields(denominators.Keys.Select(k => k.Row).Distinct(), f => f, f => counts.Where(c => c.Key.Row == f).Sum(c => c.Value)).ToList();
        var shown = fields.Take(FigurePalette.MaxFieldSeries).ToList();
        var colours = FigurePalette.DistinctColourKeys(shown);
        var series = shown.Select((field, index) => new FigureSeries(FieldLabel(field), colours[index], years.Select(year =>
        {
            var count = counts.GetValueOrDefault((field, year));
            var denominator = denominators.GetValueOrDefault((field, year));
            var value = share ? (denominator > 0 ? 100 * count / denominator : 0) : count;
            var target = new DrillTarget(spec.Source, decision, With(spec.Where, ("Field", field), ("Year", int.Parse(year, CultureInfo.InvariantCulture))));
            var interval = measured is not null && denominator > 0 ? measured.CorrectProportion(count / denominator, denominator) : null;
            return new FigurePoint(year, Math.Round(value, 4), ErrorLow: Percent(interval?.Lower), ErrorHigh: Percent(interval?.Upper),
                Denominator: denominator, DrillKey: target.Encode());
        }).ToList())).ToList();
        var grouped = fields.Skip(FigurePalette.MaxFieldSeries).ToList();
        if (grouped.Count > 0)
        {
            // One series for the smaller fields: counts add up; a share is the group's count over the group's papers.
            series.Add(new FigureSeries($"Other fields ({grouped.Count})", FigurePalette.OtherKey, years.Select(year =>
            {
                var count = grouped.Sum(f => counts.GetValueOrDefault((f, year)));
                var denominator = grouped.Sum(f => denominators.GetValueOrDefault((f, year)));
                var value = share ? (denominator > 0 ? 100 * count / denominator : 0) : count;
                return new FigurePoint(year, Math.Round(value, 4), Denominator: denominator);
            }).ToList()));
        }

        var what = measure switch
        {
            AdoptionMeasure.Ingested => "Papers ingested",
            AdoptionMeasure.UsesDl => "Papers using deep learning",
            _ => query.Rules.Unit == CountingUnit.PaperModel ? "PTM reuses (paper × model)" : "Papers reusing PTMs",
        };
        var id = "adoption-" + measure switch { AdoptionMeasure.Ingested => "ingested", AdoptionMeasure.UsesDl => "dl", _ => "ptms" } + (share ? "-share" : "");
        var title = share ? $"{what}: share of each field's papers per year" : $"{what} per field and year";
        var caption = $"{title}, {years[0]}–{years[^1]}. " + (share ? "Share (%) = count ÷ papers of that field and year (the denominator, shown on hover). " : "")
            + "Years without papers show as zero. "
            + (grouped.Count > 0 ? $"The {FigurePalette.MaxFieldSeries} fields with the most {(measure == AdoptionMeasure.Ingested ? "papers" : "counted papers")} are drawn apart; the other {grouped.Count} are summed as \"Other fields\". " : "")
            + ErrorBarsCaption(measured) + FigureCaptions.Rules(query, unitApplies);
        return new Figure(id, title, stacked ? FigureKind.StackedArea : FigureKind.Line, "Year", share ? "Share of papers (%)" : "Count", series, caption);
    }

    private static double? Percent(double? proportion) => proportion is { } p ? Math.Round(100 * p, 4) : null;

    private static string ErrorBarsCaption(ClassifierAccuracy? measured) => measured is null ? ""
        : $"Points: observed share; error bars: 95% interval of the share corrected for the classifier's measured error (Rogan–Gladen), " +
          $"validation sample #{measured.SampleId} ({measured.Reviewed} reviewed), applied to every label as if machine-made. ";

    /// <summary>Per year: a stage's yes / no / unknown (failed) / not classified, so unknown is never folded into no.</summary>
    public async Task<Figure> OutcomesByYearAsync(AnalyticsQuery query, Stage stage, CancellationToken cancellationToken)
    {
        var column = stage == Stage.UsesDl ? "UsesDl" : "UsesPtms";
        var rows = await store.CountAsync(query, CountSpec.Papers(["Year", column]), cancellationToken);
        var years = Years(query);
        var outcomes = new[] { (LabelValue.Yes, "yes", stage == Stage.UsesDl ? "uses_dl" : "uses_ptms"), (LabelValue.No, "no", "ingested"), (LabelValue.Unknown, "unknown (failed)", "unknown"), (LabelValue.NotRun, "not classified", "all") };
        var series = outcomes.Select(o => new FigureSeries(o.Item2, o.Item3, years.Select(year =>
        {
            var count = rows.Where(r => r.Keys[0] == year && r.Keys[1] == ((int)o.Item1).ToString(CultureInfo.InvariantCulture)).Sum(r => r.Count);
            var total = rows.Where(r => r.Keys[0] == year).Sum(r => r.Count);
            var target = new DrillTarget(CountSource.Papers, column + "DecisionId", Where(("Year", int.Parse(year, CultureInfo.InvariantCulture)), (column, o.Item1)));
            return new FigurePoint(year, count, Denominator: total, DrillKey: target.Encode());
        }).ToList())).ToList();
        var title = $"{stage.WireName()} outcomes per year";
        return new Figure($"outcomes-{stage.WireName()}", title, FigureKind.StackedBar, "Year", "Papers", series,
            $"{title}: yes, no, unknown (the decision failed) and not classified, apart. " + FigureCaptions.Rules(query, modelUnitApplies: false));
    }

    public enum CategoryKind
    {
        Pattern,
        Step,
    }

    public enum CategoryAxis
    {
        Overall,
        Field,
        Year,
    }

    /// <summary>Reuse patterns or science steps: overall, by field or per year; models with no pattern/step label show as "unknown".</summary>
    public async Task<Figure> CategoryAsync(AnalyticsQuery query, CategoryKind kind, CategoryAxis axis, CancellationToken cancellationToken)
    {
        var column = kind == CategoryKind.Pattern ? "Pattern" : "Step";
        var decision = kind == CategoryKind.Pattern ? "ReuseDecisionId" : "ImpactDecisionId";
        var axisColumn = axis switch { CategoryAxis.Field => "Field", CategoryAxis.Year => "Year", _ => null };
        var groupBy = axisColumn is null ? new[] { column } : [axisColumn, column];
        var rows = await store.CountAsync(query, CountSpec.Models(groupBy), cancellationToken);
        // Denominator: the papers reusing PTMs (paper unit) or all paper × model reuses of the group.
        string[] axisGroup = axisColumn is null ? [] : [axisColumn];
        var totals = await store.CountAsync(query, query.Rules.Unit == CountingUnit.PaperModel
            ? CountSpec.Models(axisGroup)
            : CountSpec.Papers(axisGroup, Where(("UsesPtms", LabelValue.Yes))), cancellationToken);
        string AxisKey(CountRow row) => axisColumn is null ? "all" : row.Keys[0] ?? "";
        string? CategoryKey(CountRow row) => row.Keys[^1];

        var xs = axis switch
        {
            CategoryAxis.Year => Years(query),
            CategoryAxis.Field => RankFields(totals, t => t.Keys[0] ?? "", t => t.Count).Select(t => t.Keys[0] ?? "").ToList(),
            _ => ["all"],
        };
        var categories = (kind == CategoryKind.Pattern ? Patterns : Steps).Cast<string?>().ToList();
        if (rows.Any(r => CategoryKey(r) is null))
        {
            categories.Add(null);
        }

        var series = categories.Select(category => new FigureSeries(category ?? UnknownCategory, category ?? "unknown", xs.Select(x =>
        {
            var count = rows.Where(r => AxisKey(r) == x && CategoryKey(r) == category).Sum(r => r.Count);
            var total = totals.Where(t => (axisColumn is null ? "all" : t.Keys[0] ?? "") == x).Sum(t => t.Count);
            var conditions = new List<(string, object)> { (column, category is null ? DBNull.Value : category) };
            if (axisColumn == "Field")
            {
                conditions.Add(("Field", x));
            }
            else if (axisColumn == "Year")
            {
                conditions.Add(("Year", int.Parse(x, CultureInfo.InvariantCulture)));
            }

            var label = axisColumn == "Field" ? FieldLabel(x) : x;
            return new FigurePoint(label, count, Denominator: total, DrillKey: new DrillTarget(CountSource.Models, decision, Where([.. conditions])).Encode());
        }).ToList())).ToList();

        var noun = kind == CategoryKind.Pattern ? "Reuse patterns" : "Scientific-process steps";
        var where = axis switch { CategoryAxis.Field => "by field", CategoryAxis.Year => "per year", _ => "overall" };
        var id = $"{(kind == CategoryKind.Pattern ? "patterns" : "steps")}-{axis.ToString().ToLowerInvariant()}";
        var figureKind = axis switch { CategoryAxis.Overall => FigureKind.Bar, CategoryAxis.Field => FigureKind.StackedBar, _ => FigureKind.Line };
        var unit = query.Rules.Unit == CountingUnit.PaperModel ? "paper × model" : "papers (a paper with several models counts once per category)";
        return new Figure(id, $"{noun} {where}", figureKind, axis switch { CategoryAxis.Field => "Field", CategoryAxis.Year => "Year", _ => kind.ToString() },
            query.Rules.Unit == CountingUnit.PaperModel ? "PTM reuses" : "Papers", series,
            $"{noun} {where} among papers reusing PTMs; unit: {unit}; the denominator is the group's papers reusing PTMs (paper × model: all its reuses); " +
            $"\"{UnknownCategory}\" = a model whose {column.ToLowerInvariant()} label is missing or failed. " + FigureCaptions.Rules(query));
    }

    /// <summary>The top N canonical models by papers (or paper × model under that unit; the same here since a model counts once per paper).</summary>
    public async Task<Figure> TopModelsAsync(AnalyticsQuery query, int top, CancellationToken cancellationToken)
    {
        var rows = RankModels(await store.CountAsync(query, CountSpec.Models(["Model"]), cancellationToken), r => r.Keys[0], r => r.Count).Take(top).ToList();
        var total = (await store.CountAsync(query, CountSpec.Papers([], Where(("UsesPtms", LabelValue.Yes))), cancellationToken)).Sum(r => r.Count);
        var points = rows.Select(r => new FigurePoint(r.Keys[0] ?? "", r.Count, Denominator: total,
            DrillKey: new DrillTarget(CountSource.Models, "IdentifyDecisionId", Where(("Model", r.Keys[0] ?? ""))).Encode())).ToList();
        return new Figure("models-top", $"Top {top} pre-trained models", FigureKind.HorizontalBar, "Papers", "Model",
            [new FigureSeries("papers", "uses_ptms", points)],
            $"The {top} canonical models (PTM catalog) reused in most papers; the denominator is all papers reusing PTMs. " + FigureCaptions.Rules(query, modelUnitApplies: false));
    }

    /// <summary>Per-year papers of the top N models overall.</summary>
    public async Task<Figure> ModelTrendAsync(AnalyticsQuery query, int top, CancellationToken cancellationToken)
    {
        // Two steps: rank the models (the top-models query), then count per year only the leaders. One model × year
        // query would sort and return ~15k groups at 350k papers (the long tail of names) to draw five lines.
        var totals = await store.CountAsync(query, CountSpec.Models(["Model"]), cancellationToken);
        var leaders = RankModels(totals.Select(r => (Model: r.Keys[0] ?? "", r.Count)), m => m.Model, m => m.Count).Take(top).Select(m => m.Model).ToList();
        var years = Years(query);
        var rows = leaders.Count == 0 ? []
            : await store.CountAsync(query, CountSpec.Models(["Model", "Year"], Where(("Model", new AnyOf(leaders)))), cancellationToken);
        var perModelYear = rows.GroupBy(r => (Model: r.Keys[0], Year: r.Keys[1])).ToDictionary(g => g.Key, g => g.Sum(r => r.Count));
        // Distinct colours within the figure (a model's name alone could land on a neighbour's colour).
        var colours = FigurePalette.DistinctColourKeys(leaders.Take(FigurePalette.MaxFieldSeries).ToList());
        var series = leaders.Take(FigurePalette.MaxFieldSeries).Select((model, index) => new FigureSeries(model, colours[index], years.Select(year => new FigurePoint(year,
            perModelYear.GetValueOrDefault((model, year)),
            DrillKey: new DrillTarget(CountSource.Models, "IdentifyDecisionId", Where(("Model", model), ("Year", int.Parse(year, CultureInfo.InvariantCulture)))).Encode())).ToList())).ToList();
        return new Figure("models-trend", $"Top {top} models per year", FigureKind.Line, "Year", "Papers", series,
            $"Papers per year reusing each of the {top} most reused models. " + FigureCaptions.Rules(query, modelUnitApplies: false));
    }

    /// <summary>The top N models in each field, as a table.</summary>
    public async Task<FigureTable> TopModelsByFieldAsync(AnalyticsQuery query, int top, CancellationToken cancellationToken)
    {
        var rows = await store.CountAsync(query, CountSpec.Models(["Field", "Model"]), cancellationToken);
        var table = RankFields(rows.GroupBy(r => r.Keys[0] ?? ""), g => g.Key, g => g.Sum(r => r.Count))
            .SelectMany(g => RankModels(g, r => r.Keys[1], r => r.Count).Take(top)
                .Select((r, i) => (IReadOnlyList<string>)[FieldLabel(g.Key), (i + 1).ToString(CultureInfo.InvariantCulture), r.Keys[1] ?? "", Number(r.Count)]))
            .ToList();
        return new FigureTable("models-by-field", $"Top {top} models per field", ["Field", "Rank", "Model", "Papers"], table,
            $"The {top} most reused canonical models in each field. " + FigureCaptions.Rules(query, modelUnitApplies: false));
    }

    /// <summary>Field × year heatmap of PTM reuse (papers, or paper × model under that unit).</summary>
    public async Task<Figure> HeatmapAsync(AnalyticsQuery query, CancellationToken cancellationToken)
    {
        var perModel = query.Rules.Unit == CountingUnit.PaperModel;
        var spec = perModel ? CountSpec.Models(["Field", "Year"]) : CountSpec.Papers(["Field", "Year"], Where(("UsesPtms", LabelValue.Yes)));
        var counts = ToGrid(await store.CountAsync(query, spec, cancellationToken));
        var years = Years(query);
        var fields = RankFields(counts.Keys.Select(k => k.Row).Distinct(), f => f, f => counts.Where(c => c.Key.Row == f).Sum(c => c.Value)).ToList();
        var decision = perModel ? "IdentifyDecisionId" : "UsesPtmsDecisionId";
        var values = fields.Select(f => (IReadOnlyList<double?>)years.Select(y => (double?)counts.GetValueOrDefault((f, y))).ToList()).ToList();
        var series = fields.Select(f => new FigureSeries(FieldLabel(f), f.Length == 0 ? "unknown" : f, years.Select(y => new FigurePoint(y, counts.GetValueOrDefault((f, y)),
            DrillKey: new DrillTarget(spec.Source, decision, With(spec.Where, ("Field", f), ("Year", int.Parse(y, CultureInfo.InvariantCulture)))).Encode())).ToList())).ToList();
        var what = perModel ? "PTM reuses (paper × model)" : "Papers reusing PTMs";
        return new Figure("heatmap-field-year", $"{what}: field × year", FigureKind.Heatmap, "Year", "Field", series,
            $"{what} per field and year. " + FigureCaptions.Rules(query),
            Heatmap: new FigureHeatmap(years, fields.Select(FieldLabel).ToList(), values, what));
    }

    /// <summary>
    /// The pipeline funnel, each step a subset of the one before: ingested (in the year, field and journal filters) →
    /// in the natural-science filter → classified → using DL → reusing PTMs → with grounded evidence → human-reviewed.
    /// </summary>
    public async Task<Figure> FunnelAsync(AnalyticsQuery query, CancellationToken cancellationToken)
    {
        var everything = query with { Filter = query.Filter with { NaturalScienceOnly = false } };
        var natural = query with { Filter = query.Filter with { NaturalScienceOnly = true } };
        var ingested = (await store.CountAsync(everything, CountSpec.Papers([]), cancellationToken)).Sum(r => r.Count);
        var rows = await store.CountAsync(natural, CountSpec.Papers(["UsesDl", "UsesPtms", "Grounded", "Reviewed"]), cancellationToken);
        double Sum(Func<CountRow, bool> keep) => rows.Where(keep).Sum(r => r.Count);
        static bool Is(string? key, LabelValue value) => key == ((int)value).ToString(CultureInfo.InvariantCulture);

        var steps = new (string Name, double Count, DrillTarget Target)[]
        {
            ("Ingested", ingested, new DrillTarget(CountSource.Papers, "UsesDlDecisionId", Where(), NaturalScienceOnly: false)),
            ("Natural-science filter", Sum(_ => true), new DrillTarget(CountSource.Papers, "UsesDlDecisionId", Where(), true)),
            ("Classified", Sum(r => !Is(r.Keys[0], LabelValue.NotRun)), new DrillTarget(CountSource.Papers, "UsesDlDecisionId", Where(("UsesDl", new Not(LabelValue.NotRun))), true)),
            ("Using deep learning", Sum(r => Is(r.Keys[0], LabelValue.Yes)), new DrillTarget(CountSource.Papers, "UsesDlDecisionId", Where(("UsesDl", LabelValue.Yes)), true)),
            ("Reusing PTMs", Sum(r => Is(r.Keys[1], LabelValue.Yes)), new DrillTarget(CountSource.Papers, "UsesPtmsDecisionId", Where(("UsesPtms", LabelValue.Yes)), true)),
            ("Grounded evidence", Sum(r => Is(r.Keys[1], LabelValue.Yes) && r.Keys[2] == "1"), new DrillTarget(CountSource.Papers, "UsesPtmsDecisionId", Where(("UsesPtms", LabelValue.Yes), ("Grounded", true)), true)),
            ("Human-reviewed", Sum(r => Is(r.Keys[1], LabelValue.Yes) && r.Keys[2] == "1" && r.Keys[3] == "1"), new DrillTarget(CountSource.Papers, "UsesPtmsDecisionId", Where(("UsesPtms", LabelValue.Yes), ("Grounded", true), ("Reviewed", true)), true)),
        };
        var points = steps.Select((s, i) => new FigurePoint(s.Name, s.Count, Denominator: i == 0 ? null : steps[i - 1].Count, DrillKey: s.Target.Encode())).ToList();
        var unknownDl = Sum(r => Is(r.Keys[0], LabelValue.Unknown));
        var unknownPtms = Sum(r => Is(r.Keys[0], LabelValue.Yes) && Is(r.Keys[1], LabelValue.Unknown));
        var unknownSeries = new FigureSeries("unknown (failed)", "unknown",
        [
            new FigurePoint("uses_dl unknown", unknownDl, DrillKey: new DrillTarget(CountSource.Papers, "UsesDlDecisionId", Where(("UsesDl", LabelValue.Unknown)), true).Encode()),
            new FigurePoint("uses_ptms unknown", unknownPtms, DrillKey: new DrillTarget(CountSource.Papers, "UsesPtmsDecisionId", Where(("UsesDl", LabelValue.Yes), ("UsesPtms", LabelValue.Unknown)), true).Encode()),
        ]);
        return new Figure("funnel", "Pipeline funnel", FigureKind.Funnel, "Step", "Papers", [new FigureSeries("papers", "all", points), unknownSeries],
            "Papers at each step, each a subset of the one before (denominator = the step before); papers whose decision failed are " +
            $"counted apart (uses_dl unknown: {Number(unknownDl)}, uses_ptms unknown: {Number(unknownPtms)}). " + FigureCaptions.Rules(query, modelUnitApplies: false));
    }

    /// <summary>The papers behind a figure point (<see cref="FigurePoint.DrillKey"/>), under the figure's query.</summary>
    public Task<DrillResult> DrillAsync(AnalyticsQuery query, string drillKey, int take, CancellationToken cancellationToken)
    {
        var target = DrillTarget.Parse(drillKey);
        var effective = target.NaturalScienceOnly is { } ns ? query with { Filter = query.Filter with { NaturalScienceOnly = ns } } : query;
        return store.DrillAsync(effective, target.Source, target.Where, target.DecisionColumn, take, cancellationToken);
    }

    public static string FieldLabel(string field) => field.Length == 0 ? NoField : field;

    /// <summary>
    /// Fields ranked for every chart, table and headline: most counted first, ties by the field's name (ordinal), so the
    /// order never depends on the order the database returns the groups in.
    /// </summary>
    public static IOrderedEnumerable<T> RankFields<T>(IEnumerable<T> items, Func<T, string?> field, Func<T, double> count) =>
        items.OrderByDescending(count).ThenBy(field, StringComparer.Ordinal);

    /// <summary>Models ranked for every chart, table and headline: most counted first, ties by name ignoring case.</summary>
    public static IOrderedEnumerable<T> RankModels<T>(IEnumerable<T> items, Func<T, string?> model, Func<T, double> count) =>
        items.OrderByDescending(count).ThenBy(model, StringComparer.OrdinalIgnoreCase);

    private static List<string> Years(AnalyticsQuery query) =>
        Enumerable.Range(query.Filter.FromYear, Math.Max(0, query.Filter.ToYear - query.Filter.FromYear + 1)).Select(y => y.ToString(CultureInfo.InvariantCulture)).ToList();

    private static Dictionary<(string Row, string Column), double> ToGrid(IReadOnlyList<CountRow> rows) =>
        rows.GroupBy(r => (r.Keys[0] ?? "", r.Keys[1] ?? "")).ToDictionary(g => g.Key, g => g.Sum(r => r.Count));

    private static Dictionary<string, object> Where(params (string Column, object Value)[] conditions) =>
        conditions.ToDictionary(c => c.Column, c => c.Value, StringComparer.Ordinal);

    private static Dictionary<string, object> With(IReadOnlyDictionary<string, object> where, params (string Column, object Value)[] more)
    {
        var result = new Dictionary<string, object>(where, StringComparer.Ordinal);
        foreach (var (column, value) in more)
        {
            result[column] = value;
        }

        return result;
    }

    public static string Number(double value) => value == Math.Floor(value)
        ? value.ToString("0", CultureInfo.InvariantCulture)
        : value.ToString("0.###", CultureInfo.InvariantCulture);

    /// <summary>A figure's data as a table: one row per X, one column per series.</summary>
    public static FigureTable ToTable(Figure figure, string xTitle, string valueTitle)
    {
        var xs = figure.Series.SelectMany(s => s.Points.Select(p => p.X)).Distinct().ToList();
        var columns = new List<string> { xTitle };
        columns.AddRange(figure.Series.Select(s => figure.Series.Count == 1 ? valueTitle : s.Name));
        var rows = xs.Select(x => (IReadOnlyList<string>)new[] { x }.Concat(figure.Series.Select(s =>
            s.Points.FirstOrDefault(p => p.X == x) is { } point ? Number(point.Y) : "")).ToList()).ToList();
        return new FigureTable(figure.Id, figure.Title, columns, rows, figure.Caption);
    }
}
