using PtmReuse.Core.Classification.Grounding;

namespace PtmReuse.Tests.Classification.Grounding;

public sealed class EvidenceLocatorTests
{
    private const string Text =
        "Methods\nCells were seg-\nmented with a pre\u00ADtrained U-Net. We used the ﬁne-tuned model to ﬂag nuclei.\n" +
        "Structures were predicted with \u201CAlphaFold 2\u201D   and then   relaxed. Results\nThe model predicted 12 sites.";

    [Fact]
    public void Locate_VerbatimQuote_ExactWithOffsets()
    {
        var match = EvidenceLocator.Locate(Text, "The model predicted 12 sites.");
        Assert.Equal(EvidenceMatchKind.Exact, match.Kind);
        Assert.True(match.Grounded);
        Assert.Equal("The model predicted 12 sites.", Text.Substring(match.Start, match.Length));
    }

    [Fact]
    public void Locate_QuoteAcrossLineBreakHyphenAndSoftHyphen_FoundInOriginalText()
    {
        var match = EvidenceLocator.Locate(Text, "Cells were segmented with a pretrained U-Net.");
        Assert.Equal(EvidenceMatchKind.Normalized, match.Kind);
        Assert.Equal("Cells were seg-\nmented with a pre\u00ADtrained U-Net.", Text.Substring(match.Start, match.Length));
    }

    [Fact]
    public void Locate_LigaturesInText_MatchPlainLetters()
    {
        var match = EvidenceLocator.Locate(Text, "We used the fine-tuned model to flag nuclei.");
        Assert.True(match.Grounded);
        Assert.Equal("We used the ﬁne-tuned model to ﬂag nuclei.", Text.Substring(match.Start, match.Length));
    }

    [Fact]
    public void Locate_CurlyQuotesWhitespaceAndCase_Normalized()
    {
        var match = EvidenceLocator.Locate(Text, "structures were predicted with \"AlphaFold 2\" and then relaxed");
        Assert.Equal(EvidenceMatchKind.Normalized, match.Kind);
        Assert.Equal("Structures were predicted with \u201CAlphaFold 2\u201D   and then   relaxed", Text.Substring(match.Start, match.Length));
    }

    [Fact]
    public void Locate_QuoteWithEllipsis_SpansFromFirstToLastPart()
    {
        var match = EvidenceLocator.Locate(Text, "Structures were predicted ... then relaxed.");
        Assert.Equal(EvidenceMatchKind.Elided, match.Kind);
        Assert.StartsWith("Structures were predicted", Text.Substring(match.Start, match.Length));
        Assert.EndsWith("relaxed.", Text.Substring(match.Start, match.Length));
    }

    [Fact]
    public void Locate_ParaphraseNotInText_UngroundedWithClosestPassage()
    {
        var match = EvidenceLocator.Locate(Text, "AlphaFold 2 was used to predict all protein structures.");
        Assert.False(match.Grounded);
        Assert.Equal(EvidenceMatchKind.Closest, match.Kind);
        Assert.Contains("AlphaFold 2", Text.Substring(match.Start, match.Length));
        Assert.InRange(match.Similarity, 0.2, 0.99);
    }

    [Fact]
    public void Locate_UnrelatedQuote_NotFound()
    {
        var match = EvidenceLocator.Locate(Text, "zebrafish larvae swam");
        Assert.Equal(EvidenceMatchKind.NotFound, match.Kind);
        Assert.False(match.Grounded);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData(null)]
    public void Locate_EmptyQuote_NotFound(string? quote) =>
        Assert.Equal(EvidenceMatchKind.NotFound, EvidenceLocator.Locate(Text, quote).Kind);

    [Fact]
    public void ToEvidence_Grounded_CarriesOffsets()
    {
        var evidence = EvidenceLocator.Locate(Text, "The model predicted 12 sites.").ToEvidence("The model predicted 12 sites.");
        Assert.True(evidence.Grounded);
        Assert.Equal(Text.IndexOf("The model predicted", StringComparison.Ordinal), evidence.Start);
    }

    [Fact]
    public void SentenceSplitter_Abbreviations_DoNotEndSentences()
    {
        const string text = "As shown by Smith et al. (2020) in Fig. 2, it works. Next sentence here.";
        var sentences = SentenceSplitter.Split(text);
        Assert.Equal(2, sentences.Count);
        Assert.Equal("Next sentence here.", text[sentences[1].Start..sentences[1].End]);
    }
}
