using Microsoft.Extensions.Options;
using PtmReuse.Core.Fields;
using PtmReuse.Core.Papers;
using PtmReuse.Tests.Infrastructure;

namespace PtmReuse.Tests.Fields;

public sealed class FieldResolverTests
{
    [Fact]
    public void Taxonomy_MatchesOpenAlex_FourDomainsAndTwentySixFields()
    {
        Assert.Equal(4, OpenAlexTaxonomy.Domains.Count);
        Assert.Equal(26, OpenAlexTaxonomy.Fields.Count);
        // OpenAlex field ids run 11..36 (https://api.openalex.org/fields).
        Assert.Equal(Enumerable.Range(11, 26), OpenAlexTaxonomy.Fields.Select(f => f.Id));
        Assert.Equal("Health Sciences", OpenAlexTaxonomy.FindField("medicine")!.Domain.Name);
    }

    [Fact]
    public void Resolve_TopicsPresent_TakesFieldOfHighestScoringTopic()
    {
        var paper = new Paper
        {
            Subjects = ["Neuroscience"],
            Topics =
            [
                new PaperTopic { Name = "A", Field = "Chemistry", Score = 0.61 },
                new PaperTopic { Name = "B", Field = "Physics and Astronomy", Score = 0.97 },
            ],
        };

        Assert.Equal(("Physics and Astronomy", false), FieldResolver.Resolve(paper));
    }

    [Theory]
    [InlineData("Neuroscience", FieldNames.Neuroscience)]
    [InlineData("Evolutionary Biology", FieldNames.AgriculturalAndBiologicalSciences)]
    [InlineData("Cell Biology", FieldNames.BiochemistryGeneticsMolecularBiology)]
    [InlineData("Microbiology", FieldNames.ImmunologyAndMicrobiology)]
    [InlineData("Bioengineering", FieldNames.Engineering)]
    [InlineData("Epidemiology", FieldNames.Medicine)]
    public void Resolve_NoTopics_InfersFromSubjectAndMarksInferred(string subject, string field)
    {
        Assert.Equal((field, true), FieldResolver.Resolve(new Paper { Subjects = [subject], Journal = "bioRxiv" }));
    }

    [Fact]
    public void Resolve_SubjectsDisagree_MajorityWins()
    {
        var paper = new Paper { Subjects = ["Research Article", "Ecology", "Genetics", "Genomics"] };

        Assert.Equal((FieldNames.BiochemistryGeneticsMolecularBiology, true), FieldResolver.Resolve(paper));
    }

    [Theory]
    [InlineData("PLoS Computational Biology", FieldNames.BiochemistryGeneticsMolecularBiology)]
    [InlineData("PLoS Neglected Tropical Diseases", FieldNames.ImmunologyAndMicrobiology)]
    [InlineData("PLOS Medicine", FieldNames.Medicine)]
    [InlineData("PLoS Genet", FieldNames.BiochemistryGeneticsMolecularBiology)]
    public void Resolve_NoSubjects_FallsBackToJournal(string journal, string field)
    {
        Assert.Equal((field, true), FieldResolver.Resolve(new Paper { Journal = journal }));
    }

    [Theory]
    [InlineData("PLOS ONE")]
    [InlineData("eLife")]
    [InlineData(null)]
    public void Resolve_MultidisciplinaryJournalWithoutSubjects_LeavesFieldUnknown(string? journal)
    {
        Assert.Equal((null, false), FieldResolver.Resolve(new Paper { Journal = journal }));
    }

    [Fact]
    public async Task FieldOptions_Default_IsTheStudysEightNaturalScienceFields()
    {
        await using var database = await TestDatabase.CreateAsync();

        var options = database.Get<IOptions<FieldOptions>>().Value;

        Assert.Equal(8, options.NaturalScienceFields.Count);
        Assert.True(options.IsNaturalScience("Neuroscience"));
        Assert.False(options.IsNaturalScience("Medicine"));
        Assert.All(options.NaturalScienceFields, f => Assert.NotNull(OpenAlexTaxonomy.FindField(f)));
    }

    [Fact]
    public async Task FieldOptions_ConfiguredList_ReplacesDefaultAndRejectsUnknownNames()
    {
        await using var configured = await TestDatabase.CreateAsync(settings: new Dictionary<string, string?> { ["Fields:NaturalScience:0"] = "Chemistry" });
        Assert.Equal(["Chemistry"], configured.Get<IOptions<FieldOptions>>().Value.NaturalScienceFields);

        await using var invalid = await TestDatabase.CreateAsync(settings: new Dictionary<string, string?> { ["Fields:NaturalScience:0"] = "Alchemy" });
        var failure = Assert.Throws<OptionsValidationException>(() => invalid.Get<IOptions<FieldOptions>>().Value);
        Assert.Contains("Alchemy", failure.Message, StringComparison.Ordinal);
    }
}
