namespace PtmReuse.Core.Papers;

/// <summary>
/// A character range of one text block (a section's body) to mark when the block is rendered.
/// <paramref name="AnchorId"/> is the element id a link can jump to; <paramref name="Label"/> is the tooltip.
/// </summary>
public sealed record TextHighlight(int Start, int Length, string AnchorId, string Label)
{
    public int End => Start + Length;
}
