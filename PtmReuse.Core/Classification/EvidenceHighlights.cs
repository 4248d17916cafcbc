using PtmReuse.Core.Papers;

namespace PtmReuse.Core.Classification;

/// <summary>One evidence excerpt to place in the paper text, with the anchor id its highlight gets.</summary>
public sealed record EvidenceSource(string AnchorId, Stage Stage, Evidence Evidence);

/// <summary>
/// Where a paper's grounded evidence falls in its rendered sections: ranges relative to each section's body text
/// (<see cref="PaperSection.Text"/>, without the heading line), keyed by section ordinal.
/// </summary>
public sealed class EvidenceHighlights
{
    public static readonly EvidenceHighlights None = new(new Dictionary<int, IReadOnlyList<TextHighlight>>());

    private EvidenceHighlights(IReadOnlyDictionary<int, IReadOnlyList<TextHighlight>> bySection)
    {
        BySection = bySection;
        PlacedAnchors = bySection.Values.SelectMany(h => h).Select(h => h.AnchorId).ToHashSet(StringComparer.Ordinal);
    }

    public IReadOnlyDictionary<int, IReadOnlyList<TextHighlight>> BySection { get; }

    /// <summary>Anchors that have a highlight in some section body (title, headings and captions are not highlighted).</summary>
    public IReadOnlySet<string> PlacedAnchors { get; }

    /// <summary>Highlights already mapped to section bodies (e.g. evidence merged with lighter marks by the review view).</summary>
    public static EvidenceHighlights FromSections(IReadOnlyDictionary<int, IReadOnlyList<TextHighlight>> bySection) =>
        new(bySection.ToDictionary(p => p.Key, p => (IReadOnlyList<TextHighlight>)p.Value.OrderBy(h => h.Start).ThenBy(h => h.Length).ToList()));

    public IReadOnlyList<TextHighlight> ForSection(int ordinal) => BySection.TryGetValue(ordinal, out var highlights) ? highlights : [];

    /// <summary>The anchor id of a decision's n-th evidence excerpt (stable, safe as an HTML id).</summary>
    public static string AnchorId(long decisionId, int evidenceIndex) => $"evidence-{decisionId}-{evidenceIndex}";

    /// <summary>
    /// Maps grounded evidence (offsets into <see cref="PaperDocument.Text"/>) onto section bodies. Ungrounded evidence,
    /// offsets outside the document, and the parts of a range that fall on the title, a heading line, the separators
    /// or the captions block are left out; a range that spans two sections is split between them.
    /// </summary>
    public static EvidenceHighlights Map(PaperDocument document, IEnumerable<EvidenceSource> evidence)
    {
        var bySection = new Dictionary<int, List<TextHighlight>>();
        var bodies = document.Sections.Select(section => (section.Ordinal, Start: BodyStart(section), End: section.Start + section.Length))
            .Where(body => body.Ordinal != CaptionsOrdinal)
            .ToList();
        foreach (var source in evidence)
        {
            if (source.Evidence is not { Grounded: true, Start: { } start, Length: { } length } || length <= 0 || start < 0
                || start + length > document.Text.Length)
            {
                continue;
            }

            var label = StageDefinitions.For(source.Stage).Title;
            foreach (var body in bodies)
            {
                var from = Math.Max(start, body.Start);
                var to = Math.Min(start + length, body.End);
                if (from < to)
                {
                    if (!bySection.TryGetValue(body.Ordinal, out var list))
                    {
                        bySection[body.Ordinal] = list = [];
                    }

                    list.Add(new TextHighlight(from - body.Start, to - from, source.AnchorId, label));
                }
            }
        }

        return new EvidenceHighlights(bySection.ToDictionary(
            pair => pair.Key,
            pair => (IReadOnlyList<TextHighlight>)pair.Value.OrderBy(h => h.Start).ThenBy(h => h.Length).ToList()));
    }

    // PaperDocument appends the captions as one pseudo-section with this ordinal; the page renders captions apart.
    private const int CaptionsOrdinal = int.MaxValue;

    // PaperDocument writes a non-blank heading as its own line before the body.
    private static int BodyStart(DocumentSection section) =>
        section.Start + (string.IsNullOrWhiteSpace(section.Heading) ? 0 : section.Heading.Length + 1);
}
