using PtmReuse.Dashboard.Cli;
using PtmReuse.Tests.Infrastructure;
using PtmReuse.Tests.Review;

namespace PtmReuse.Tests.Cli;

/// <summary>`sample create` and `sample list` through the real command line on a constructed database.</summary>
public sealed class SampleCliTests
{

    [Fact]
    public async Task SampleCreate_WidthWithoutSize_UsesTheCalculatorAndRecordsTheSeed()
    {
        await using var database = await TestDatabase.CreateAsync();
        var data = new AgreementTestData(database);
        var run = await data.AddRunAsync();
        await data.AddPapersWithDecisionsAsync(run, 1000, "Biology", 2020, i => AgreementTestData.Dl(i % 4 == 0));

        var (code, output, error) = await Cli.RunAsync("sample", "create", "--stage", "uses_dl", "--design", "uniform", "--seed", "42", "--db", database.DatabasePath);

        // N = 1000, width 0.10 at 95%: 278 (Krejcie & Morgan 1970, Table 1).
        Assert.True(code == 0, $"exit {code}\nstdout: {output}\nstderr: {error}");
        Assert.Contains("278 of 1000 decisions", output, StringComparison.Ordinal);
        var (_, list, _) = await Cli.RunAsync("sample", "list", "--db", database.DatabasePath);
        Assert.Matches(@"uses_dl +uniform +seed 42 +0/278 +reviewed", list);
    }

    [Fact]
    public async Task SampleCreate_UnknownStratumDimension_ExitsTwoNamingTheOption()
    {
        await using var database = await TestDatabase.CreateAsync();

        var (code, _, error) = await Cli.RunAsync("sample", "create", "--stage", "uses_dl", "--seed", "1", "--by", "colour", "--db", database.DatabasePath);

        Assert.Equal(2, code);
        Assert.Contains("--by", error, StringComparison.Ordinal);
    }
}
