using PtmReuse.Core.Acquire;
using PtmReuse.Core.Fields;

namespace PtmReuse.Tests.Acquire;

public sealed class OpenAlexQueryTests
{
    private static readonly IReadOnlyList<string> NaturalScience = FieldOptions.DefaultNaturalScienceFields;

    [Fact]
    public void Filter_NoFields_UsesTheNaturalScienceFilterByOpenAlexFieldId()
    {
        var filter = new OpenAlexQuery().Filter(NaturalScience);

        // The study's eight fields: Agricultural and Biological Sciences (11), Biochemistry… (13), Chemistry (16),
        // Earth and Planetary (19), Environmental (23), Immunology and Microbiology (24), Neuroscience (28), Physics (31).
        Assert.Equal("type:article,has_doi:true,primary_topic.field.id:11|13|16|19|23|24|28|31", filter);
    }

    [Theory]
    [InlineData(2000, 2025, "publication_year:2000-2025")]
    [InlineData(2020, 2020, "publication_year:2020")]
    [InlineData(2020, null, "publication_year:>2019")]
    [InlineData(null, 2010, "publication_year:<2011")]
    public void Filter_Years_UseOpenAlexRangeSyntax(int? from, int? to, string expected) =>
        Assert.Contains(expected, new OpenAlexQuery { FromYear = from, ToYear = to }.Filter(NaturalScience).Split(','));

    [Fact]
    public void Filter_DomainName_ExpandsToItsFields()
    {
        var filter = new OpenAlexQuery { Fields = ["Physical Sciences"] }.Filter(NaturalScience);

        Assert.Contains("primary_topic.field.id:", filter);
        Assert.Contains("|17|", filter); // Computer Science is a physical-sciences field in OpenAlex
    }

    [Fact]
    public void Filter_UnknownField_ThrowsNamingIt()
    {
        var error = Assert.Throws<ArgumentException>(() => new OpenAlexQuery { Fields = ["Alchemy"] }.Filter(NaturalScience));
        Assert.Contains("'Alchemy' is neither an OpenAlex field nor a domain", error.Message);
    }

    [Fact]
    public void ResolveFields_FromYearAfterToYear_Throws() =>
        Assert.Throws<ArgumentException>(() => new OpenAlexQuery { FromYear = 2025, ToYear = 2000 }.ResolveFields(NaturalScience));

    [Fact]
    public void PageUrl_SearchAndMailto_AreEscapedParameters()
    {
        var url = new OpenAlexQuery { Search = "pre-trained model & fine-tuning" }.PageUrl("https://api.openalex.org/", NaturalScience, "*", 200, "me@example.org");

        Assert.StartsWith("https://api.openalex.org/works?filter=", url.AbsoluteUri);
        Assert.Contains("&search=pre-trained%20model%20%26%20fine-tuning&per-page=200&cursor=%2A&mailto=me%40example.org", url.AbsoluteUri);
    }

    [Fact]
    public void PlosUrl_DoiOfAPlosJournal_FollowsTheDocumentedShape()
    {
        Assert.Equal("https://journals.plos.org/plosone/article/file?id=10.1371/journal.pone.0123456&type=manuscript",
            FullTextSources.PlosUrl("https://journals.plos.org", "10.1371/journal.pone.0123456")!.AbsoluteUri);
        Assert.Equal("https://journals.plos.org/ploscompbiol/article/file?id=10.1371/journal.pcbi.1000001&type=manuscript",
            FullTextSources.PlosUrl("https://journals.plos.org/", "10.1371/journal.pcbi.1000001")!.AbsoluteUri);
        Assert.Null(FullTextSources.PlosUrl("https://journals.plos.org", "10.1101/2020.01.01.000001"));
    }

    [Theory]
    [InlineData("CC BY", true)]
    [InlineData("cc-by-nc-nd", true)]
    [InlineData("cc_by", true)]
    [InlineData("CC0 1.0", true)]
    [InlineData("public-domain", true)]
    [InlineData("cc_no", false)]
    [InlineData("publisher-specific-oa", false)]
    [InlineData(null, false)]
    public void IsOpen_Licences(string? licence, bool open) => Assert.Equal(open, Licences.IsOpen(licence));
}
