using Bunit;
using PtmReuse.Core.Papers;
using PtmReuse.Dashboard.Components.Pages.Papers;
using PtmReuse.Tests.Infrastructure;

namespace PtmReuse.Tests.Dashboard.Components;

public sealed class PapersGridComponentTests
{
    [Fact]
    public async Task PapersGrid_StoredPapers_RendersOneRowPerPaperNewestFirst()
    {
        await using var database = await TestDatabase.CreateAsync();
        await new PaperBuilder("Older paper on soil").WithDoi("10.5555/soil").InYear(2019).InJournal("Soil Letters")
            .InField("Environmental Science").WithSection("Intro", SectionKind.Introduction, "x").SaveAsync(database.Factory);
        await new PaperBuilder("Newer paper on stars").WithDoi("10.5555/stars").InYear(2024).InJournal("Sky")
            .InField("Physics and Astronomy", inferred: true)
            .WithSection("Intro", SectionKind.Introduction, "x").WithSection("Methods", SectionKind.Methods, "y").SaveAsync(database.Factory);
        await using var ctx = BunitDashboard.Create(database);

        var cut = ctx.Render<PtmReuse.Dashboard.Components.Pages.Papers.Papers>();

        cut.WaitForAssertion(() => Assert.Equal(2, cut.FindAll("tbody tr.mud-table-row").Count));
        var rows = cut.FindAll("tbody tr.mud-table-row");
        var first = rows[0].QuerySelectorAll("td").Select(td => td.TextContent.Trim()).ToList();
        Assert.Equal("10.5555/stars", first[0]);
        Assert.Equal("Newer paper on stars", first[1]);
        // Journal and section count start hidden (the reader can show them): the label columns need the room.
        Assert.Equal("2024", first[2]);
        Assert.Contains("Physics and Astronomy", first[3], StringComparison.Ordinal);
        Assert.Contains("inferred", first[3], StringComparison.Ordinal);
        // The label columns (uses_dl, uses_ptms, models, reviewed) read the effective labels: none yet.
        Assert.Equal(["not classified", "not classified", "", ""], first[4..8]);
        Assert.Equal(8, first.Count);
        Assert.DoesNotContain("Sky", rows[0].TextContent, StringComparison.Ordinal);
        Assert.Contains("Older paper on soil", rows[1].TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain("inferred", rows[1].TextContent, StringComparison.Ordinal);
    }
}
