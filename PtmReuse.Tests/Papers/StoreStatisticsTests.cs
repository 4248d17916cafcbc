using PtmReuse.Core.Papers;

namespace PtmReuse.Tests.Papers;

public sealed class StoreStatisticsTests
{
    [Fact]
    public void ByYearWithEmptyYears_GapsInTheRecord_ShownAsZeroYearsThenUndated()
    {
        var statistics = new StoreStatistics(6, 0, 0, [new(2018, 2), new(2021, 3), new(null, 1)], []);

        Assert.Equal([new(2018, 2), new(2019, 0), new(2020, 0), new(2021, 3), new(null, 1)], statistics.ByYearWithEmptyYears);
    }

    [Fact]
    public void ByYearWithEmptyYears_NoDatedPapers_OnlyTheUndated()
    {
        var statistics = new StoreStatistics(1, 0, 0, [new(null, 1)], []);

        Assert.Equal([new CountBy<int?>(null, 1)], statistics.ByYearWithEmptyYears);
    }
}
