using System.Text.Json;
using PtmReuse.Core.Classification;
using PtmReuse.Core.Classification.Catalog;
using PtmReuse.Core.Classification.Llm;

namespace PtmReuse.Tests.Classification.Llm;

public sealed class LlmStagePromptsTests
{
    private static readonly LlmStagePrompts Prompts = new(PtmCatalog.LoadEmbedded());

    [Fact]
    public void Hash_IsStableAcrossInstancesAndDistinctPerStage()
    {
        var again = new LlmStagePrompts(PtmCatalog.LoadEmbedded());
        var hashes = Enum.GetValues<Stage>().Select(s => Prompts.For(s).Hash).ToList();

        Assert.Equal(hashes, Enum.GetValues<Stage>().Select(s => again.For(s).Hash));
        Assert.Equal(5, hashes.Distinct().Count());
        Assert.All(hashes, h => Assert.Matches("^[0-9a-f]{64}$", h));
    }

    [Fact]
    public void Hash_ChangesWhenTheCatalogReferenceChanges()
    {
        var smaller = new LlmStagePrompts(new PtmCatalog(PtmCatalog.LoadEmbedded().Entries.Skip(1)));

        Assert.NotEqual(Prompts.For(Stage.IdentifyPtms).Hash, smaller.For(Stage.IdentifyPtms).Hash);
        Assert.Equal(Prompts.For(Stage.UsesDl).Hash, smaller.For(Stage.UsesDl).Hash); // uses_dl does not carry the catalog
    }

    [Fact]
    public void SystemPrompt_HasTheStudyStructureAndTheStageDefinition()
    {
        foreach (var definition in StageDefinitions.All)
        {
            var system = Prompts.For(definition.Stage).SystemPrompt;
            foreach (var heading in new[] { "CONTEXT", "OBJECTIVE", "DEFINITIONS", "STYLE", "TONE", "AUDIENCE", "REQUIRED JSON" })
            {
                Assert.Contains(heading, system, StringComparison.Ordinal);
            }

            Assert.Contains(definition.Question, system, StringComparison.Ordinal);
            Assert.Contains(definition.JsonShape, system, StringComparison.Ordinal);
        }

        Assert.Contains("AlphaFold", Prompts.For(Stage.IdentifyPtms).SystemPrompt, StringComparison.Ordinal);
        Assert.Contains("adaptation: ", Prompts.For(Stage.PtmReuse).SystemPrompt, StringComparison.Ordinal);
    }

    [Fact]
    public void Schema_IsValidJsonWithTheAllowedValues()
    {
        using var reuse = JsonDocument.Parse(Prompts.For(Stage.PtmReuse).Schema);
        var pattern = reuse.RootElement.GetProperty("properties").GetProperty("items").GetProperty("items").GetProperty("properties").GetProperty("pattern");
        Assert.Equal(["conceptual", "adaptation", "deployment"], pattern.GetProperty("enum").EnumerateArray().Select(e => e.GetString()));

        using var impact = JsonDocument.Parse(Prompts.For(Stage.PtmImpact).Schema);
        var step = impact.RootElement.GetProperty("properties").GetProperty("items").GetProperty("items").GetProperty("properties").GetProperty("step");
        Assert.Equal(6, step.GetProperty("enum").GetArrayLength());
    }
}
