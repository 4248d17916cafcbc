using System.CommandLine;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using PtmReuse.Dashboard.Cli;
using PtmReuse.Tests.Infrastructure;

namespace PtmReuse.Tests.Classification.Runs;

public sealed class ClassifyCommandTests
{
    private static async Task<(int Exit, string Out, string Error)> InvokeAsync(RootCommand root, params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var exit = await root.Parse(args).InvokeAsync(new InvocationConfiguration { Output = output, Error = error });
        return (exit, output.ToString(), error.ToString());
    }

    [Fact]
    public async Task Classify_EmbeddedDefaultThenExportDecisions_WritesDecisionsAndJsonl()
    {
        await using var database = await TestDatabase.CreateAsync();
        await TestPapers.AddAsync(database, new TestPaperBuilder("DL micrographs"), new TestPaperBuilder("Soil carbon")
            .Section(Core.Papers.SectionKind.Methods, "Methods", "Soil cores were weighed and dried at 60 degrees for two days."));

        var classify = await InvokeAsync(CommandLineApp.Build(), "classify", "--db", database.DatabasePath, "--stages", "uses_dl,uses_ptms", "--concurrency", "2");

        Assert.True(classify.Exit == 0, classify.Error);
        Assert.Contains("Completed, 2/2 papers, 0 errors", classify.Out, StringComparison.Ordinal);
        await using (var db = await database.OpenAsync())
        {
            var decisions = await db.Decisions.AsNoTracking().ToListAsync();
            Assert.All(decisions, d => Assert.Equal("embedded", d.Backend));
            Assert.Contains(decisions, d => d.Stage == "uses_dl");
        }

        var root = new RootCommand();
        root.Options.Add(CommandLineApp.DatabaseOption);
        root.Subcommands.Add(ExportDecisionsCommand.Create());
        var file = Path.Combine(database.Directory, "decisions.jsonl");
        var export = await InvokeAsync(root, "decisions", "--db", database.DatabasePath, "--out", file);

        Assert.True(export.Exit == 0, export.Error);
        var lines = (await File.ReadAllLinesAsync(file)).Select(l => JsonNode.Parse(l)!.AsObject()).ToList();
        Assert.Equal(2, lines.Count);
        Assert.All(lines, l => Assert.NotNull(l["uses_dl"]));
    }

    [Fact]
    public async Task Classify_UnknownStage_ExitsWithUsageErrorNamingTheStages()
    {
        var result = await InvokeAsync(CommandLineApp.Build(), "classify", "--stages", "uses_dl,nonsense");

        Assert.Equal(2, result.Exit);
        Assert.Contains("unknown stage 'nonsense'", result.Error, StringComparison.Ordinal);
        Assert.Contains("identify_ptms", result.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("2015-2025", 2015, 2025)]
    [InlineData("2020", 2020, 2020)]
    public void ParseYears_RangeOrSingleYear_GivesBounds(string text, int from, int to) =>
        Assert.Equal(((int?)from, (int?)to), ClassifyCommand.ParseYears(text));

    [Theory]
    [InlineData("2025-2015")]
    [InlineData("recent")]
    public void ParseYears_Invalid_Throws(string text) => Assert.Throws<FormatException>(() => ClassifyCommand.ParseYears(text));
}
