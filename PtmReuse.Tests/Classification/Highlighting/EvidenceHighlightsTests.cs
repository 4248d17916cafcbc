using PtmReuse.Core.Classification;
using PtmReuse.Core.Papers;
using PtmReuse.Tests.Infrastructure;

namespace PtmReuse.Tests.Classification.Highlighting;

public sealed class EvidenceHighlightsTests
{
    private const string MethodsText = "Cells were imaged daily.\n\nWe fine-tuned a pre-trained ResNet-50 on 2,000 labelled micrographs.";
    private const string ResultsText = "Accuracy reached 0.93 on held-out plates.";

    private static PaperDocument Document() => PaperDocument.FromPaper(new PaperBuilder("Deep micrographs")
        .WithSection("Methods", SectionKind.Methods, MethodsText)
        .WithSection("Results", SectionKind.Results, ResultsText)
        .WithCaption(CaptionKind.Figure, "Figure 1", "ResNet-50 confusion matrix.")
        .Build());

    private static EvidenceSource Grounded(PaperDocument document, string anchor, string quote, int occurrence = 0)
    {
        var start = -1;
        for (var i = 0; i <= occurrence; i++)
        {
            start = document.Text.IndexOf(quote, start + 1, StringComparison.Ordinal);
        }

        Assert.True(start >= 0, $"'{quote}' is not in the document");
        return new EvidenceSource(anchor, Stage.UsesDl, new Evidence(quote, start, quote.Length, true));
    }

    [Fact]
    public void Map_EvidenceInSectionBody_GivesOffsetsRelativeToThatSectionsText()
    {
        var document = Document();
        const string quote = "fine-tuned a pre-trained ResNet-50";

        var highlights = EvidenceHighlights.Map(document, [Grounded(document, "evidence-7-0", quote)]);

        var highlight = Assert.Single(highlights.ForSection(0));
        Assert.Equal(MethodsText.IndexOf(quote, StringComparison.Ordinal), highlight.Start);
        Assert.Equal(quote, MethodsText.Substring(highlight.Start, highlight.Length));
        Assert.Equal("evidence-7-0", highlight.AnchorId);
        Assert.Equal(StageDefinitions.For(Stage.UsesDl).Title, highlight.Label);
        Assert.Empty(highlights.ForSection(1));
        Assert.Contains("evidence-7-0", highlights.PlacedAnchors);
    }

    [Fact]
    public void Map_UngroundedOrOutOfRangeEvidence_IsNotPlaced()
    {
        var document = Document();
        var sources = new[]
        {
            new EvidenceSource("ungrounded", Stage.UsesPtms, new Evidence("We used GPT-9.", null, null, false)),
            new EvidenceSource("flagged", Stage.UsesPtms, new Evidence("ResNet-50", document.Text.IndexOf("ResNet-50", StringComparison.Ordinal), 9, false)),
            new EvidenceSource("past-end", Stage.UsesDl, new Evidence("x", document.Text.Length - 2, 10, true)),
            new EvidenceSource("negative", Stage.UsesDl, new Evidence("x", -3, 5, true)),
        };

        var highlights = EvidenceHighlights.Map(document, sources);

        Assert.Empty(highlights.BySection);
        Assert.Empty(highlights.PlacedAnchors);
    }

    [Fact]
    public void Map_EvidenceOnTitleHeadingOrCaption_IsNotPlaced()
    {
        var document = Document();

        var highlights = EvidenceHighlights.Map(document,
        [
            Grounded(document, "title", "Deep micrographs"),
            Grounded(document, "heading", "Results"),
            Grounded(document, "caption", "confusion matrix"),
        ]);

        Assert.Empty(highlights.PlacedAnchors);
    }

    [Fact]
    public void Map_EvidenceAcrossTwoSections_IsSplitAndClippedToEachBody()
    {
        var document = Document();
        const string quote = "labelled micrographs.\n\nResults\nAccuracy reached";

        var highlights = EvidenceHighlights.Map(document, [Grounded(document, "span", quote)]);

        var inMethods = Assert.Single(highlights.ForSection(0));
        Assert.Equal("labelled micrographs.", MethodsText.Substring(inMethods.Start, inMethods.Length));
        Assert.Equal(MethodsText.Length, inMethods.End);
        var inResults = Assert.Single(highlights.ForSection(1));
        Assert.Equal(0, inResults.Start);
        Assert.Equal("Accuracy reached", ResultsText.Substring(inResults.Start, inResults.Length));
    }

    [Fact]
    public void Map_SeveralEvidenceInOneSection_AreOrderedByPosition()
    {
        var document = Document();

        var highlights = EvidenceHighlights.Map(document,
        [
            Grounded(document, "late", "labelled micrographs"),
            Grounded(document, "early", "Cells were imaged"),
        ]);

        Assert.Equal(["early", "late"], highlights.ForSection(0).Select(h => h.AnchorId));
    }
}
