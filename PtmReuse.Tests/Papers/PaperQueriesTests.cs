using PtmReuse.Core.Classification;
using PtmReuse.Core.Papers;
using PtmReuse.Tests.Infrastructure;

namespace PtmReuse.Tests.Papers;

public sealed class PaperQueriesTests : IAsyncLifetime
{
    private TestDatabase _database = default!;
    private long _coralId;

    private PaperQueries Queries => _database.Get<PaperQueries>();

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync();
        _coralId = await new PaperBuilder("Coral bleaching detected with a pre-trained CNN").WithDoi("10.5555/coral.1")
            .InYear(2022).InJournal("Reef Science").InField("Environmental Science")
            .WithSection("Methods", SectionKind.Methods, "m").WithSection("Intro", SectionKind.Introduction, "i")
            .SaveAsync(_database.Factory);
        await new PaperBuilder("Seismic 100% recall with transformers").WithDoi("10.5555/quake_2")
            .InYear(2022).InJournal("Earth Letters").InField("Earth and Planetary Sciences", inferred: true).SaveAsync(_database.Factory);
        await new PaperBuilder("A draft without DOI about corals").InYear(2020).SaveAsync(_database.Factory);
        for (var i = 0; i < 12; i++)
        {
            await new PaperBuilder($"Neuron paper {i:D2}").WithDoi($"10.5555/neuron.{i:D2}").InYear(2015).InJournal("Brain")
                .InField("Neuroscience").SaveAsync(_database.Factory);
        }
    }

    public async Task DisposeAsync() => await _database.DisposeAsync();

    [Fact]
    public async Task Search_TitleFragmentInOtherCase_MatchesTitlesOnly()
    {
        var page = await Queries.SearchAsync(new PaperSearch { Text = "CORAL" }, CancellationToken.None);

        Assert.Equal(2, page.TotalCount);
        Assert.Equal(["Coral bleaching detected with a pre-trained CNN", "A draft without DOI about corals"], page.Items.Select(p => p.Title));
    }

    [Theory]
    [InlineData("10.5555/coral.1")]
    [InlineData("https://doi.org/10.5555/CORAL.1")]
    [InlineData("doi:10.5555/coral.1")]
    public async Task Search_DoiInAnyCommonForm_FindsThePaper(string text)
    {
        var page = await Queries.SearchAsync(new PaperSearch { Text = text }, CancellationToken.None);

        Assert.Equal(_coralId, Assert.Single(page.Items).Id);
    }

    // As wildcards "%" and "_" would match all 15 papers; literally, only the one title with "%" and the one DOI with "_".
    [Theory]
    [InlineData("100%", 1)]
    [InlineData("%", 1)]
    [InlineData("quake_", 1)]
    [InlineData("_", 1)]
    [InlineData("1_0%", 0)]
    public async Task Search_LikeWildcards_AreMatchedLiterally(string text, int expected)
    {
        var page = await Queries.SearchAsync(new PaperSearch { Text = text }, CancellationToken.None);

        Assert.Equal(expected, page.TotalCount);
    }

    [Fact]
    public async Task Search_YearFieldAndJournalFilters_Combine()
    {
        var byYear = await Queries.SearchAsync(new PaperSearch { Year = 2022 }, CancellationToken.None);
        var byField = await Queries.SearchAsync(new PaperSearch { Year = 2022, Field = "Earth and Planetary Sciences" }, CancellationToken.None);
        var byJournal = await Queries.SearchAsync(new PaperSearch { Journal = "Brain" }, CancellationToken.None);

        Assert.Equal(2, byYear.TotalCount);
        var seismic = Assert.Single(byField.Items);
        Assert.True(seismic.FieldInferred);
        Assert.Equal(12, byJournal.TotalCount);
    }

    [Fact]
    public async Task Search_Paged_ReturnsDisjointPagesWithTheFullTotal()
    {
        var search = new PaperSearch { Journal = "Brain", SortBy = PaperSortKey.Title, Descending = false, Take = 5 };

        var first = await Queries.SearchAsync(search, CancellationToken.None);
        var third = await Queries.SearchAsync(search with { Skip = 10 }, CancellationToken.None);

        Assert.Equal(12, first.TotalCount);
        Assert.Equal(["Neuron paper 00", "Neuron paper 01", "Neuron paper 02", "Neuron paper 03", "Neuron paper 04"], first.Items.Select(p => p.Title));
        Assert.Equal(["Neuron paper 10", "Neuron paper 11"], third.Items.Select(p => p.Title));
    }

    [Fact]
    public async Task Search_SortBySectionCountDescending_PutsTheTwoSectionPaperFirst()
    {
        var page = await Queries.SearchAsync(new PaperSearch { SortBy = PaperSortKey.Sections, Descending = true, Take = 1 }, CancellationToken.None);

        var top = Assert.Single(page.Items);
        Assert.Equal(_coralId, top.Id);
        Assert.Equal(2, top.SectionCount);
    }

    [Fact]
    public async Task GetFilterOptions_StoredPapers_ListsDistinctSortedValues()
    {
        var options = await Queries.GetFilterOptionsAsync(CancellationToken.None);

        Assert.Equal([2022, 2020, 2015], options.Years);
        Assert.Equal(["Earth and Planetary Sciences", "Environmental Science", "Neuroscience"], options.Fields);
        Assert.Equal(["Brain", "Earth Letters", "Reef Science"], options.Journals);
    }

    [Fact]
    public async Task Get_PaperWithSections_ReturnsThemInReadingOrder()
    {
        var paper = await Queries.GetAsync(_coralId, CancellationToken.None);

        Assert.NotNull(paper);
        Assert.Equal(["Methods", "Intro"], paper.Sections.Select(s => s.Heading));
        Assert.Null(await Queries.GetAsync(-1, CancellationToken.None));
    }

    [Fact]
    public async Task Search_ModelNameOrLabelFilters_FindPapersByWhatTheyAre()
    {
        await using var database = await TestDatabase.CreateAsync();
        var data = new PtmReuse.Tests.Analytics.AnalyticsTestData(database);
        var run = await data.AddRunAsync();
        var structure = await data.AddPaperAsync("Protein structures of a kinase family", 2022, PtmReuse.Tests.Analytics.AnalyticsTestData.Biochemistry);
        var images = await data.AddPaperAsync("Counting cells in micrographs", 2021, PtmReuse.Tests.Analytics.AnalyticsTestData.Biochemistry);
        var field = await data.AddPaperAsync("A field survey of beetles", 2020, PtmReuse.Tests.Analytics.AnalyticsTestData.Biochemistry);
        foreach (var (paper, model) in new[] { (structure, "AlphaFold"), (images, "U-Net") })
        {
            await data.AddDecisionAsync(run, paper, PtmReuse.Tests.Analytics.AnalyticsTestData.Dl(true));
            await data.AddDecisionAsync(run, paper, PtmReuse.Tests.Analytics.AnalyticsTestData.Ptms(true));
            await data.AddDecisionAsync(run, paper, PtmReuse.Tests.Analytics.AnalyticsTestData.Models(model));
            await data.AddDecisionAsync(run, paper, PtmReuse.Tests.Analytics.AnalyticsTestData.Reuse((model, ReusePattern.Deployment)));
        }

        await data.AddDecisionAsync(run, field, PtmReuse.Tests.Analytics.AnalyticsTestData.Dl(false));
        var queries = database.Get<PaperQueries>();

        // The title says nothing about AlphaFold: the paper is found because its labels reuse it.
        var found = await queries.SearchAsync(new PaperSearch { Text = "AlphaFold" }, CancellationToken.None);
        Assert.Equal([structure], found.Items.Select(i => i.Id));
        Assert.Equal(["AlphaFold"], found.Items[0].Models);
        Assert.Equal(PtmReuse.Core.Analytics.Projection.LabelValue.Yes, found.Items[0].UsesPtms);

        Assert.Equal([images], (await queries.SearchAsync(new PaperSearch { Model = "u-net" }, CancellationToken.None)).Items.Select(i => i.Id));
        Assert.Equal([field], (await queries.SearchAsync(new PaperSearch { UsesDl = PtmReuse.Core.Analytics.Projection.LabelValue.No }, CancellationToken.None)).Items.Select(i => i.Id));
        Assert.Equal(2, (await queries.SearchAsync(new PaperSearch { Pattern = "deployment" }, CancellationToken.None)).TotalCount);
        Assert.Equal(0, (await queries.SearchAsync(new PaperSearch { Reviewed = true }, CancellationToken.None)).TotalCount);
    }
}
