namespace PtmReuse.Core.Classification.Llm;

/// <summary>
/// Locates an evidence quote in <see cref="PaperDocument.Text"/>: the LLM backend's call site for evidence grounding.
/// The real locator (exact, then tolerant of whitespace, case, hyphenation and ligatures) belongs to the embedded
/// feature; it is adapted to this interface when the branches meet.
/// </summary>
public interface IEvidenceGrounder
{
    /// <summary>The evidence with Start/Length and Grounded set (Grounded=false when the quote is not in the text).</summary>
    Evidence Ground(PaperDocument document, Evidence evidence);
}

/// <summary>Stop-gap exact-match grounding, registered only when no real locator is (TryAdd).</summary>
internal sealed class ExactEvidenceGrounder : IEvidenceGrounder
{
    public Evidence Ground(PaperDocument document, Evidence evidence)
    {
        var start = document.Text.IndexOf(evidence.Quote, StringComparison.Ordinal);
        return start < 0
            ? evidence with { Start = null, Length = null, Grounded = false }
            : evidence with { Start = start, Length = evidence.Quote.Length, Grounded = true };
    }
}
