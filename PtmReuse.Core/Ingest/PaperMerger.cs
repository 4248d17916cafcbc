using PtmReuse.Core.Fields;
using PtmReuse.Core.Papers;

namespace PtmReuse.Core.Ingest;

/// <summary>
/// Merges a newly read paper onto the stored paper with the same identity. Rules:
/// full text (sections, captions, references) comes from the richest source seen (JATS &gt; TEI &gt; Markdown &gt; text/PDF
/// &gt; table row) and a source of equal rank replaces it (a corrected file); metadata from a richer or equal source
/// overwrites, from a poorer one only fills gaps; OpenAlex records never touch text but own the OpenAlex id and topics.
/// The field is recomputed after every merge.
/// </summary>
public static class PaperMerger
{
    public static int Rank(SourceFormat format) => format switch
    {
        SourceFormat.Jats => 5,
        SourceFormat.Tei => 4,
        SourceFormat.Markdown => 3,
        SourceFormat.PlainText or SourceFormat.Pdf => 2,
        SourceFormat.Csv or SourceFormat.JsonLines => 1,
        _ => 0,
    };

    public static void Merge(Paper stored, Paper incoming)
    {
        var incomingIsOpenAlex = incoming.SourceFormat == SourceFormat.OpenAlex;
        var overwrite = !incomingIsOpenAlex && Rank(incoming.SourceFormat) >= Rank(stored.SourceFormat);

        stored.Doi ??= incoming.Doi;
        if (incoming.Title.Length > 0 && (overwrite || stored.Title.Length == 0))
        {
            stored.Title = incoming.Title;
        }

        stored.Journal = Pick(stored.Journal, incoming.Journal, overwrite);
        stored.Publisher = Pick(stored.Publisher, incoming.Publisher, overwrite);
        stored.Licence = Pick(stored.Licence, incoming.Licence, overwrite);
        stored.Abstract = Pick(stored.Abstract, incoming.Abstract, overwrite);
        stored.ArticleType = Pick(stored.ArticleType, incoming.ArticleType, overwrite);
        if (incoming.Year is not null && (overwrite || stored.Year is null))
        {
            stored.Year = incoming.Year;
            stored.PublishedOn = incoming.PublishedOn ?? (stored.PublishedOn?.Year == incoming.Year ? stored.PublishedOn : null);
        }

        stored.Authors = PickList(stored.Authors, incoming.Authors, overwrite);
        stored.Keywords = PickList(stored.Keywords, incoming.Keywords, overwrite);
        stored.Subjects = PickList(stored.Subjects, incoming.Subjects, overwrite);

        if (incomingIsOpenAlex)
        {
            stored.OpenAlexId = incoming.OpenAlexId ?? stored.OpenAlexId;
            if (incoming.Topics.Count > 0)
            {
                stored.Topics = incoming.Topics;
            }
        }

        if (incoming.Sections.Count > 0 && (stored.Sections.Count == 0 || overwrite))
        {
            stored.Sections.Clear();
            stored.Sections.AddRange(incoming.Sections);
            stored.Captions.Clear();
            stored.Captions.AddRange(incoming.Captions);
            stored.ReferenceCount = incoming.ReferenceCount;
            stored.SourceFormat = incoming.SourceFormat;
            stored.SourceFile = incoming.SourceFile;
            stored.ContentHash = incoming.ContentHash;
        }
        else if (stored.SourceFormat == SourceFormat.OpenAlex && !incomingIsOpenAlex)
        {
            stored.SourceFormat = incoming.SourceFormat;
        }

        FieldResolver.Apply(stored);
    }

    private static string? Pick(string? stored, string? incoming, bool overwrite) =>
        string.IsNullOrWhiteSpace(incoming) ? stored : overwrite || string.IsNullOrWhiteSpace(stored) ? incoming : stored;

    private static List<string> PickList(List<string> stored, List<string> incoming, bool overwrite) =>
        incoming.Count == 0 ? stored : overwrite || stored.Count == 0 ? incoming : stored;
}
