using PtmReuse.Core.Analytics;
using PtmReuse.Core.Analytics.Figures;
using PtmReuse.Core.Classification;
using PtmReuse.Tests.Infrastructure;
using static PtmReuse.Tests.Analytics.AnalyticsTestData;

namespace PtmReuse.Tests.Analytics;

/// <summary>
/// Aggregations over a constructed database whose counts are known by hand:
/// <list type="bullet">
/// <item>P1 2020 Biochemistry (also Neuroscience by topic): DL yes, PTMs yes, AlexNet adaptation/Test; a reviewer confirms DL.</item>
/// <item>P2 2020 Biochemistry: DL yes, PTMs no. P3 2020 Neuroscience: DL no. P4 2021 Neuroscience: DL failed (unknown).</item>
/// <item>P5 2021 Biochemistry: machine says PTMs yes (VGG-16 deployment/Analysis), a reviewer says no.</item>
/// <item>P6 2022 Chemistry: machine says DL no, a reviewer says yes. P7 2023 Medicine (not natural science): PTMs yes, AlexNet deployment/Analysis.</item>
/// <item>P8 2020 Biochemistry: not classified. No papers in 2024–2025.</item>
/// </list>
/// </summary>
public sealed class AnalyticsFiguresTests : IAsyncLifetime
{
    private TestDatabase _database = default!;
    private readonly Dictionary<string, long> _papers = [];
    private long _p1PtmsDecision;

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync();
        var data = new AnalyticsTestData(_database);
        var run = await data.AddRunAsync();
        _papers["P1"] = await data.AddPaperAsync("P1", 2020, Biochemistry, "PLOS ONE", Neuroscience);
        _papers["P2"] = await data.AddPaperAsync("P2", 2020, Biochemistry);
        _papers["P3"] = await data.AddPaperAsync("P3", 2020, Neuroscience);
        _papers["P4"] = await data.AddPaperAsync("P4", 2021, Neuroscience, "PLOS Biology");
        _papers["P5"] = await data.AddPaperAsync("P5", 2021, Biochemistry);
        _papers["P6"] = await data.AddPaperAsync("P6", 2022, Chemistry);
        _papers["P7"] = await data.AddPaperAsync("P7", 2023, Medicine);
        _papers["P8"] = await data.AddPaperAsync("P8", 2020, Biochemistry);

        (_, _p1PtmsDecision) = await data.AddPtmPaperDecisionsAsync(run, _papers["P1"], "AlexNet", ReusePattern.Adaptation, ScienceStep.Test);
        await data.AddHumanLabelAsync(_papers["P1"], Dl(true));
        await data.AddDecisionAsync(run, _papers["P2"], Dl(true));
        await data.AddDecisionAsync(run, _papers["P2"], Ptms(false));
        await data.AddDecisionAsync(run, _papers["P3"], Dl(false));
        await data.AddDecisionAsync(run, _papers["P4"], null, Stage.UsesDl);
        await data.AddPtmPaperDecisionsAsync(run, _papers["P5"], "VGG16", ReusePattern.Deployment, ScienceStep.Analysis);
        await data.AddHumanLabelAsync(_papers["P5"], Ptms(false));
        await data.AddDecisionAsync(run, _papers["P6"], Dl(false));
        await data.AddHumanLabelAsync(_papers["P6"], Dl(true));
        await data.AddPtmPaperDecisionsAsync(run, _papers["P7"], "AlexNet", ReusePattern.Deployment, ScienceStep.Analysis);
    }

    public async Task DisposeAsync() => await _database.DisposeAsync();

    private AnalyticsFigures Figures => _database.Get<AnalyticsFigures>();

    private static AnalyticsQuery Query(MultiFieldRule multiField = MultiFieldRule.PrimaryOnly, LabelBasis basis = LabelBasis.Effective,
        bool naturalScience = true, CountingUnit unit = CountingUnit.Paper) =>
        new(AnalyticsFilter.Default with { NaturalScienceOnly = naturalScience }, new CountingRules(unit, multiField, basis));

    private static FigurePoint Point(Figure figure, string series, string x) =>
        figure.Series.Single(s => s.Name == series).Points.Single(p => p.X == x);

    [Fact]
    public async Task Adoption_Ingested_CountsPerFieldAndYearWithZerosForEmptyYears()
    {
        var figure = await Figures.AdoptionAsync(Query(), AdoptionMeasure.Ingested, share: false, stacked: false, CancellationToken.None);

        Assert.Equal(3, Point(figure, Biochemistry, "2020").Y);
        Assert.Equal(1, Point(figure, Biochemistry, "2021").Y);
        Assert.Equal(1, Point(figure, Neuroscience, "2020").Y);
        Assert.Equal(1, Point(figure, Chemistry, "2022").Y);
        Assert.Equal(0, Point(figure, Biochemistry, "2024").Y);
        Assert.Equal(26, figure.Series[0].Points.Count); // 2000–2025, every year present
        Assert.DoesNotContain(figure.Series, s => s.Name == Medicine); // natural-science filter
    }

    [Fact]
    public async Task Adoption_PtmShare_IsCountOverTheFieldsPapersThatYearWithTheDenominator()
    {
        var figure = await Figures.AdoptionAsync(Query(), AdoptionMeasure.UsesPtms, share: true, stacked: false, CancellationToken.None);

        var point = Point(figure, Biochemistry, "2020");
        Assert.Equal(100.0 / 3, point.Y, 3); // P1 of P1, P2, P8
        Assert.Equal(3, point.Denominator);
        Assert.Equal(0, Point(figure, Biochemistry, "2021").Y); // P5's machine yes is overridden by the reviewer's no
        Assert.Contains("primary field only", figure.Caption);
    }

    [Fact]
    public async Task Adoption_HumanLabelsOverrideMachine_AndMachineOnlyToggleIgnoresThem()
    {
        var effectiveDl = await Figures.AdoptionAsync(Query(), AdoptionMeasure.UsesDl, false, false, CancellationToken.None);
        var machineDl = await Figures.AdoptionAsync(Query(basis: LabelBasis.MachineOnly), AdoptionMeasure.UsesDl, false, false, CancellationToken.None);
        var machinePtms = await Figures.AdoptionAsync(Query(basis: LabelBasis.MachineOnly), AdoptionMeasure.UsesPtms, false, false, CancellationToken.None);

        Assert.Equal(1, Point(effectiveDl, Chemistry, "2022").Y); // reviewer said yes
        Assert.Equal(0, Point(machineDl, Chemistry, "2022").Y);
        Assert.Equal(1, Point(machinePtms, Biochemistry, "2021").Y); // the machine's yes on P5
        Assert.Contains("machine decisions only", machinePtms.Caption);
    }

    [Fact]
    public async Task Adoption_FractionalAndWholeCounting_SplitOrRepeatMultiFieldPapers()
    {
        var fractional = await Figures.AdoptionAsync(Query(MultiFieldRule.Fractional), AdoptionMeasure.Ingested, false, false, CancellationToken.None);
        var whole = await Figures.AdoptionAsync(Query(MultiFieldRule.Whole), AdoptionMeasure.Ingested, false, false, CancellationToken.None);

        Assert.Equal(2.5, Point(fractional, Biochemistry, "2020").Y); // P1 counts 1/2, P2 and P8 whole
        Assert.Equal(1.5, Point(fractional, Neuroscience, "2020").Y); // P3 plus half of P1
        Assert.Equal(3, Point(whole, Biochemistry, "2020").Y);
        Assert.Equal(2, Point(whole, Neuroscience, "2020").Y);
        Assert.Contains("1/k", fractional.Caption);
    }

    [Fact]
    public async Task Outcomes_UnknownIsCountedApartFromNo()
    {
        var figure = await Figures.OutcomesByYearAsync(Query(), Stage.UsesDl, CancellationToken.None);

        Assert.Equal(1, Point(figure, "unknown (failed)", "2021").Y); // P4
        Assert.Equal(0, Point(figure, "no", "2021").Y);
        Assert.Equal(1, Point(figure, "no", "2020").Y); // P3
        Assert.Equal(1, Point(figure, "not classified", "2020").Y); // P8
        Assert.Equal(2, Point(figure, "yes", "2020").Y); // P1, P2
    }

    [Fact]
    public async Task Funnel_CountsEachNestedStep()
    {
        var figure = await Figures.FunnelAsync(Query(), CancellationToken.None);

        var steps = figure.Series[0].Points.Select(p => p.Y).ToArray();
        // Ingested 8; natural science 7 (not P7); classified 6 (P1–P6, the failed P4 included); DL 4 (P1, P2, P5, P6);
        // PTMs 1 (P1); grounded 1; reviewed 1 (P1 has a reviewer's label).
        Assert.Equal([8, 7, 6, 4, 1, 1, 1], steps);
        Assert.Equal(1, figure.Series[1].Points.Single(p => p.X == "uses_dl unknown").Y);
    }

    [Fact]
    public async Task Patterns_AndSteps_CountPaperModelLabels()
    {
        var all = Query(naturalScience: false, unit: CountingUnit.PaperModel);
        var patterns = await Figures.CategoryAsync(all, AnalyticsFigures.CategoryKind.Pattern, AnalyticsFigures.CategoryAxis.Overall, CancellationToken.None);
        var steps = await Figures.CategoryAsync(all, AnalyticsFigures.CategoryKind.Step, AnalyticsFigures.CategoryAxis.Overall, CancellationToken.None);

        Assert.Equal(1, Point(patterns, "adaptation", "all").Y); // P1
        Assert.Equal(1, Point(patterns, "deployment", "all").Y); // P7 (P5's models are gone with the reviewer's no)
        Assert.Equal(2, Point(patterns, "adaptation", "all").Denominator);
        Assert.Equal(1, Point(steps, "Test", "all").Y);
        Assert.Equal(1, Point(steps, "Analysis", "all").Y);
    }

    [Fact]
    public async Task TopModels_UseCatalogCanonicalNames()
    {
        var figure = await Figures.TopModelsAsync(Query(naturalScience: false, basis: LabelBasis.MachineOnly), 10, CancellationToken.None);

        var points = figure.Series[0].Points.ToDictionary(p => p.X, p => p.Y);
        Assert.Equal(2, points["AlexNet"]); // P1 and P7
        Assert.Equal(1, points["VGG-16"]); // "VGG16" as written, P5 by the machine
    }

    [Fact]
    public async Task Drill_ListsThePapersBehindAPointWithTheirDecision()
    {
        var figure = await Figures.AdoptionAsync(Query(), AdoptionMeasure.UsesPtms, share: false, stacked: false, CancellationToken.None);

        var drill = await Figures.DrillAsync(Query(), Point(figure, Biochemistry, "2020").DrillKey!, 50, CancellationToken.None);

        var paper = Assert.Single(drill.Papers);
        Assert.Equal(_papers["P1"], paper.PaperId);
        Assert.Equal(_p1PtmsDecision, paper.DecisionId);
        Assert.Equal(1, drill.Total);
    }

    [Fact]
    public async Task Drill_FunnelClassifiedStep_ListsEveryClassifiedPaper()
    {
        var figure = await Figures.FunnelAsync(Query(), CancellationToken.None);

        var drill = await Figures.DrillAsync(Query(), figure.Series[0].Points.Single(p => p.X == "Classified").DrillKey!, 50, CancellationToken.None);

        Assert.Equal(["P1", "P2", "P3", "P4", "P5", "P6"], drill.Papers.Select(p => p.Title).Order());
    }

    [Fact]
    public async Task Drill_TakeSmallerThanTotal_ReturnsTheFirstPageNewestFirstAndTheFullTotal()
    {
        var figure = await Figures.FunnelAsync(Query(naturalScience: false), CancellationToken.None);

        var drill = await Figures.DrillAsync(Query(naturalScience: false), figure.Series[0].Points.Single(p => p.X == "Ingested").DrillKey!, 3, CancellationToken.None);

        Assert.Equal(8, drill.Total);
        Assert.Equal(["P7", "P6", "P4"], drill.Papers.Select(p => p.Title)); // 2023, 2022, then the first 2021 paper by id
    }

    [Fact]
    public async Task Drill_PointYearOutsideTheQuerysYears_ListsNoPapers()
    {
        var figure = await Figures.AdoptionAsync(Query(), AdoptionMeasure.UsesPtms, share: false, stacked: false, CancellationToken.None);
        var later = Query() with { Filter = Query().Filter with { FromYear = 2021 } };

        var drill = await Figures.DrillAsync(later, Point(figure, Biochemistry, "2020").DrillKey!, 50, CancellationToken.None);

        Assert.Equal(0, drill.Total);
        Assert.Empty(drill.Papers);
    }

    [Fact]
    public async Task ModelTrend_RanksModelsOverTheRangeAndCountsEachYear()
    {
        var figure = await Figures.ModelTrendAsync(Query(naturalScience: false, basis: LabelBasis.MachineOnly), 5, CancellationToken.None);

        Assert.Equal(["AlexNet", "VGG-16"], figure.Series.Select(s => s.Name));
        Assert.Equal(1, Point(figure, "AlexNet", "2020").Y); // P1
        Assert.Equal(1, Point(figure, "AlexNet", "2023").Y); // P7
        Assert.Equal(0, Point(figure, "AlexNet", "2021").Y);
        Assert.Equal(1, Point(figure, "VGG-16", "2021").Y); // P5, machine label
    }

    [Fact]
    public async Task Heatmap_HasAFieldRowPerFieldAndAColumnPerYear()
    {
        var figure = await Figures.HeatmapAsync(Query(naturalScience: false), CancellationToken.None);

        var heatmap = figure.Heatmap!;
        Assert.Equal(26, heatmap.Columns.Count);
        var medicine = heatmap.Rows.ToList().IndexOf(Medicine);
        Assert.Equal(1, heatmap.Values[medicine][heatmap.Columns.ToList().IndexOf("2023")]);
        Assert.Equal(0, heatmap.Values[medicine][heatmap.Columns.ToList().IndexOf("2024")]);
    }

    [Fact]
    public async Task FigureSource_BuildsEveryFigureWithCaptionAndColours()
    {
        var figures = await _database.Get<IFigureSource>().BuildFiguresAsync(Query(), CancellationToken.None);
        var tables = await _database.Get<IFigureSource>().BuildTablesAsync(Query(), CancellationToken.None);

        Assert.Equal(figures.Count, figures.Select(f => f.Id).Distinct().Count());
        Assert.All(figures, f => Assert.Contains("Counted per", f.Caption));
        Assert.Contains(figures, f => f.Kind == FigureKind.Heatmap);
        Assert.NotEmpty(tables);
    }
}
