namespace PtmReuse.Core.Papers;

/// <summary>
/// One scholarly paper as stored: metadata, full text as ordered sections, captions, and where it came from.
/// A paper is identified by its normalised DOI when it has one, otherwise by the content hash of its source.
/// </summary>
public sealed class Paper
{
    public long Id { get; set; }

    /// <summary>Normalised DOI (lower case, no resolver prefix); null for drafts without one.</summary>
    public string? Doi { get; set; }

    /// <summary>SHA-256 (hex) of the source bytes the text was taken from; identity for papers without a DOI.</summary>
    public string ContentHash { get; set; } = "";

    public string Title { get; set; } = "";
    public string? Journal { get; set; }
    public string? Publisher { get; set; }
    public DateOnly? PublishedOn { get; set; }
    public int? Year { get; set; }
    public string? Licence { get; set; }
    public string? Abstract { get; set; }

    /// <summary>
    /// What the publisher calls the article (JATS article-type, display channel or heading; OpenAlex type), e.g.
    /// "research-article", "review-article; Review", "Insight". Reviews and commentaries run nothing themselves.
    /// </summary>
    public string? ArticleType { get; set; }
    public List<string> Authors { get; set; } = [];
    public List<string> Keywords { get; set; } = [];

    /// <summary>Publisher subject terms (JATS subj-group), used to infer a field when OpenAlex has none.</summary>
    public List<string> Subjects { get; set; } = [];

    public string? OpenAlexId { get; set; }
    public List<PaperTopic> Topics { get; set; } = [];

    /// <summary>OpenAlex field name (one of the 26), or null when unknown.</summary>
    public string? PrimaryField { get; set; }

    /// <summary>True when <see cref="PrimaryField"/> was inferred from subjects/journal rather than OpenAlex topics.</summary>
    public bool FieldInferred { get; set; }

    public List<PaperSection> Sections { get; set; } = [];
    public List<PaperCaption> Captions { get; set; } = [];
    public int ReferenceCount { get; set; }

    public string? SourceFile { get; set; }
    public SourceFormat SourceFormat { get; set; }
    public DateTime IngestedAt { get; set; }
    public DateTime UpdatedAt { get; set; }

    public List<PaperSource> Sources { get; set; } = [];
}

/// <summary>An OpenAlex topic assigned to a paper, with its place in the OpenAlex hierarchy.</summary>
public sealed class PaperTopic
{
    public string? TopicId { get; set; }
    public string Name { get; set; } = "";
    public string? Subfield { get; set; }
    public string? Field { get; set; }
    public string? Domain { get; set; }
    public double Score { get; set; }
}

public enum SectionKind
{
    Abstract,
    Introduction,
    Methods,
    Results,
    Discussion,
    Conclusion,
    Other,
}

public sealed class PaperSection
{
    public long Id { get; set; }
    public long PaperId { get; set; }
    public int Ordinal { get; set; }
    public string Heading { get; set; } = "";
    public SectionKind Kind { get; set; }
    public string Text { get; set; } = "";
}

public enum CaptionKind
{
    Figure,
    Table,
}

public sealed class PaperCaption
{
    public long Id { get; set; }
    public long PaperId { get; set; }
    public int Ordinal { get; set; }
    public CaptionKind Kind { get; set; }
    public string? Label { get; set; }
    public string Text { get; set; } = "";
}

public enum SourceFormat
{
    Unknown,
    Jats,
    Tei,
    Markdown,
    PlainText,
    Pdf,
    OpenAlex,
    Csv,
    JsonLines,
}

/// <summary>
/// A file (or archive entry) that contributed to a paper. Re-ingesting a source whose hash is already
/// recorded is a no-op; two sources with the same DOI merge onto one paper.
/// </summary>
public sealed class PaperSource
{
    public long Id { get; set; }
    public long PaperId { get; set; }
    public string Path { get; set; } = "";
    public string? Entry { get; set; }
    public SourceFormat Format { get; set; }
    public string ContentHash { get; set; } = "";
    public DateTime IngestedAt { get; set; }
}
