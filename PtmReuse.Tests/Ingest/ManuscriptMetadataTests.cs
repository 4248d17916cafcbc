using System.Text;
using PtmReuse.Core.Ingest.Formats;
using PtmReuse.Core.Papers;

namespace PtmReuse.Tests.Ingest;

/// <summary>
/// Where Markdown manuscripts keep their DOI and date: front matter keys (Manubot's date-meta), Manubot's citation meta
/// tags in header-includes, a statement of the manuscript's own DOI before its first heading, and the file name when a
/// journal's download is saved under its DOI. Citations of other papers never count.
/// </summary>
public sealed class ManuscriptMetadataTests
{
    private static Paper Parse(string markdown, string name = "manuscript.md")
    {
        var records = PaperReader.ParseDocument(new SourceItem(name, null, markdown.Length, () => new MemoryStream(Encoding.UTF8.GetBytes(markdown))), SourceFormat.Markdown, Encoding.UTF8.GetBytes(markdown));
        return Assert.Single(records).Paper!;
    }

    [Fact]
    public void Parse_ManubotDateMetaAndCitationMetaTags_GiveYearAndDoi()
    {
        var paper = Parse("""
            ---
            title: A manuscript
            date-meta: '2021-11-05'
            header-includes: |
              <meta name="citation_title" content="Ignored: the title key wins" />
              <meta name="citation_doi" content="10.5555/manubot.example" />
            ...

            ## Introduction

            Text.
            """);

        Assert.Equal(("A manuscript", 2021, "10.5555/manubot.example"), (paper.Title, paper.Year, paper.Doi));
    }

    [Fact]
    public void Parse_FrontMatterIndentedWithTabs_ReadLikeSpaces()
    {
        // A ReScience article's front matter continues an address on a tab-indented line: strict YAML refuses it.
        var paper = Parse("---\ntitle: A replication\ndate: 2018-05-04\nAddress:\n  - code:    1\n    address: Department of Neuroscience,\n\t\t\tMaastricht University\n---\n\n# Introduction\n\nText.\n");

        Assert.Equal(("A replication", 2018), (paper.Title, paper.Year));
    }

    [Fact]
    public void Parse_QuotedTitleWrappedToColumnZero_ReadAsOneTitle()
    {
        // A ReScience article wraps its quoted title and the citation it reproduces onto lines at column 0, which
        // strict YAML refuses: the whole paper was refused at ingest.
        var paper = Parse("---\nTitle: \"Spike Synchronization and Rate Modulation Differentially Involved in\nMotor Cortical Function\"\nAuthor:\n  - name: A. Author\nReproduction:\n  - \"Original study. Science 278:1950-\n1953\"\nPublication:\n  published: Nov, 1, 2016\n---\n\n# Introduction\n\nText.\n");

        Assert.Equal("Spike Synchronization and Rate Modulation Differentially Involved in Motor Cortical Function", paper.Title);
    }

    [Fact]
    public void Parse_FrontMatterWithAKeyAtColumnZeroInsideAnUnclosedQuote_StillRefusedNamingTheFile()
    {
        var error = Assert.Throws<PaperFormatException>(() => Parse("---\ntitle: \"never closed\nyear: 2018\n---\n\n# A\n\ntext\n", "unclosed.md"));

        Assert.Contains("unclosed.md has invalid YAML front matter", error.Message);
    }

    [Fact]
    public void Parse_FrontMatterBrokenOtherwise_ErrorNamesTheFile()
    {
        var error = Assert.Throws<PaperFormatException>(() => Parse("---\ntitle: [unclosed\n\tyear: 2018\n---\n\n# A\n\ntext\n", "broken.md"));

        Assert.Contains("broken.md has invalid YAML front matter", error.Message);
    }

    [Theory]
    [InlineData("_A DOI-citable version of this manuscript is available at <https://doi.org/10.1016/j.cels.2024.08.005>_.", "10.1016/j.cels.2024.08.005")]
    [InlineData("_A DOI-citable version of this manuscript is available at<br /><https://doi.org/10.1038/s41467-023-41057-4>_", "10.1038/s41467-023-41057-4")]
    [InlineData("This manuscript was published in Cell Systems (doi: 10.1016/S0140-6736(20)30183-5).", "10.1016/s0140-6736(20)30183-5")]
    public void Parse_StatementOfItsOwnDoiBeforeTheFirstHeading_GivesTheDoi(string statement, string doi)
    {
        var paper = Parse($"---\ntitle: T\n---\n\n{statement}\n\n## Introduction\n\nWe build on [@doi:10.1093/bioinformatics/bty899].\n");

        Assert.Equal(doi, paper.Doi);
    }

    [Theory]
    [InlineData("Correlation matters [@doi:10.1073/pnas.1217269109].\n\n## Methods\n\nText.")]
    [InlineData("## Methods\n\nA DOI-citable version of this manuscript is available at https://doi.org/10.5555/late.")]
    public void Parse_DoisOfCitationsOrAfterTheFirstHeading_AreNotTheManuscripts(string body)
    {
        Assert.Null(Parse($"---\ntitle: T\n---\n\n{body}\n").Doi);
    }

    [Theory]
    [InlineData("10.21105_joss.01931.md", "10.21105/joss.01931")]
    [InlineData("papers/10.1101_2022.10.15.22281053.md", "10.1101/2022.10.15.22281053")]
    [InlineData("10.5555%2Fabc_def.md", "10.5555/abc_def")]
    [InlineData("joss_deepof_paper.md", null)]
    [InlineData("10.21105.joss.01931.md", null)]
    public void Parse_NoDoiInTheText_TheFileNameGivesItWhenItIsADoi(string name, string? doi)
    {
        Assert.Equal(doi, Parse("# Title\n\n## Summary\n\nText.\n", name).Doi);
    }

    [Fact]
    public void Parse_DoiInFrontMatter_WinsOverTheFileName()
    {
        Assert.Equal("10.5555/front", Parse("---\ntitle: T\ndoi: 10.5555/front\n---\n\nText.\n", "10.5555_file.md").Doi);
    }
}
