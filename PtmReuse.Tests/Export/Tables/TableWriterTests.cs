using PtmReuse.Core.Export.Tables;
using PtmReuse.Tests.Export.Figures;

namespace PtmReuse.Tests.Export.Tables;

public sealed class TableWriterTests
{
    private static string Latex()
    {
        using var writer = new StringWriter();
        TableWriter.WriteLatex(SampleFigures.Table(), writer);
        return writer.ToString();
    }

    [Fact]
    public void Latex_Table_HasBooktabsRulesAroundHeaderAndRows()
    {
        var lines = Latex().Split('\n', StringSplitOptions.RemoveEmptyEntries);

        var top = Array.IndexOf(lines, "\\toprule");
        Assert.True(top > 0);
        Assert.Equal("Model & Papers & Share (\\%) & Field\\_name \\\\", lines[top + 1]);
        Assert.Equal("\\midrule", lines[top + 2]);
        Assert.Equal("AlexNet & 25 & 3.96 & Biochemistry \\& Genetics \\\\", lines[top + 3]);
        Assert.Equal("\\bottomrule", lines[top + 5]);
        Assert.Contains("\\begin{tabular}{lrrl}", lines);
        Assert.Contains("\\label{tab:top-models-table}", lines);
    }

    [Fact]
    public void Latex_SpecialCharacters_AreEscaped()
    {
        var row = Latex().Split('\n').Single(l => l.StartsWith("ResNet", StringComparison.Ordinal));

        Assert.Equal("ResNet\\_50 \\{v1\\} & 18 & 2.85 & 100\\% \\textasciitilde{} \\$5 \\#1 \\textasciicircum{}x \\textbackslash{}path \\\\", row);
    }

    [Theory]
    [InlineData("a&b", "a\\&b")]
    [InlineData("50%", "50\\%")]
    [InlineData("$x$", "\\$x\\$")]
    [InlineData("#1", "\\#1")]
    [InlineData("a_b", "a\\_b")]
    [InlineData("{x}", "\\{x\\}")]
    [InlineData("~", "\\textasciitilde{}")]
    [InlineData("^", "\\textasciicircum{}")]
    [InlineData("\\", "\\textbackslash{}")]
    public void Escape_EachSpecialCharacter_TypesetsLiterally(string text, string expected)
    {
        Assert.Equal(expected, TableWriter.Escape(text));
    }

    [Fact]
    public void Csv_Table_HasHeaderThenRowsWithQuotedCommas()
    {
        using var writer = new StringWriter();
        TableWriter.WriteCsv(SampleFigures.Table(), writer);

        var lines = writer.ToString().Split(["\r\n", "\n"], StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(["Model,Papers,Share (%),Field_name", "AlexNet,25,3.96,Biochemistry & Genetics", "ResNet_50 {v1},18,2.85,100% ~ $5 #1 ^x \\path"], lines);
    }
}
