namespace PtmReuse.Core.Papers;

/// <summary>
/// A character range of one text block (a section's body) to mark when the block is rendered.
/// <paramref name="AnchorId"/> is the element id a link can jump to (none when empty); <paramref name="Label"/> is the
/// tooltip; <paramref name="Kind"/> is an extra CSS class for lighter marks (other mentions, a closest passage); null
/// for evidence, which wins where marks overlap.
/// </summary>
public sealed record TextHighlight(int Start, int Length, string AnchorId, string Label, string? Kind = null)
{
    public int End => Start + Length;
}
