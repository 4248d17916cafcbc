using System.Text;
using System.Text.Json;
using PtmReuse.Core.Papers;

namespace PtmReuse.Core.Classification.Llm;

/// <summary>A part of <see cref="PaperDocument.Text"/> that was sent, by offsets, for the audit trail.</summary>
public sealed record SentRange(string Heading, int Start, int Length, bool Truncated);

/// <summary>The paper text sent to a model and exactly which ranges of the document it is made of.</summary>
public sealed record LlmPaperExcerpt(string Text, IReadOnlyList<SentRange> Ranges)
{
    /// <summary>About four characters per token for English prose; good enough to stay inside a context window.</summary>
    public const int CharactersPerToken = 4;

    /// <summary>Smallest remainder worth sending as a truncated section.</summary>
    private const int MinimumPartialCharacters = 400;

    private static readonly SectionKind[] Priority =
    [
        SectionKind.Methods, SectionKind.Results, SectionKind.Abstract, SectionKind.Introduction,
        SectionKind.Discussion, SectionKind.Conclusion, SectionKind.Other,
    ];

    /// <summary>JSON list of the ranges, stored as StageOutcome.SentText.</summary>
    public string Describe() => JsonSerializer.Serialize(Ranges, DescribeOptions);

    private static readonly JsonSerializerOptions DescribeOptions = new(JsonSerializerDefaults.Web);

    /// <summary>
    /// The title, then sections by priority (Methods, Results, Abstract, Introduction, Discussion, Conclusion, other)
    /// until the token budget is spent; the last section that does not fit is cut. Chosen sections are sent in
    /// document order, so the model reads a coherent paper. Every character sent is a verbatim substring of the
    /// document, so evidence quoted from it can be located.
    /// </summary>
    public static LlmPaperExcerpt Select(PaperDocument document, int tokenBudget)
    {
        var budget = (long)tokenBudget * CharactersPerToken;
        var titleLength = document.Sections.Count > 0 ? Math.Min(document.Sections[0].Start, document.Text.Length) : document.Text.Length;
        var title = document.Text[..titleLength].TrimEnd();
        budget -= title.Length;

        var chosen = new List<SentRange>();
        foreach (var section in document.Sections.OrderBy(s => PriorityOf(s.Kind)).ThenBy(s => s.Start))
        {
            if (budget <= 0)
            {
                break;
            }

            if (section.Length <= budget)
            {
                chosen.Add(new SentRange(section.Heading, section.Start, section.Length, Truncated: false));
                budget -= section.Length;
            }
            else if (budget >= MinimumPartialCharacters)
            {
                chosen.Add(new SentRange(section.Heading, section.Start, (int)budget, Truncated: true));
                budget = 0;
            }
        }

        chosen.Sort((a, b) => a.Start.CompareTo(b.Start));
        var text = new StringBuilder(title);
        var omitted = chosen.Count < document.Sections.Count;
        foreach (var range in chosen)
        {
            text.Append("\n\n").Append(document.Text, range.Start, range.Length);
            if (range.Truncated)
            {
                text.Append(" [...]");
            }
        }

        if (omitted)
        {
            text.Append("\n\n[...]");
        }

        var ranges = new List<SentRange>(chosen.Count + 1) { new("(title)", 0, titleLength, Truncated: false) };
        ranges.AddRange(chosen);
        return new LlmPaperExcerpt(text.ToString(), ranges);
    }

    private static int PriorityOf(SectionKind kind)
    {
        var index = Array.IndexOf(Priority, kind);
        return index < 0 ? Priority.Length : index;
    }
}
