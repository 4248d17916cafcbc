using PtmReuse.Core.Classification;
using PtmReuse.Core.Classification.Catalog;
using PtmReuse.Core.Classification.Embedded;
using PtmReuse.Core.Classification.Evaluation;
using PtmReuse.Core.Papers;

namespace PtmReuse.Tests.Classification.Embedded;

/// <summary>
/// Small papers for the embedded backend's rule tests, written section by section, and what the backend makes of them:
/// one definition for every rule test class (<c>using static</c>).
/// </summary>
internal static class EmbeddedPapers
{
    public static readonly PtmCatalog EmbeddedCatalog = PtmCatalog.LoadEmbedded();

    public static readonly EmbeddedBackend Backend = new(EmbeddedCatalog);

    public static PaperDocument Paper(string title, string? articleType, params (SectionKind Kind, string Heading, string Text)[] sections) =>
        PaperDocument.FromPaper(new Paper
        {
            Id = 1,
            Title = title,
            ArticleType = articleType,
            ContentHash = Guid.NewGuid().ToString("N"),
            Sections = sections.Select((s, i) => new PaperSection { Ordinal = i, Kind = s.Kind, Heading = s.Heading, Text = s.Text }).ToList(),
        });

    /// <summary>A research paper without a JATS article type.</summary>
    public static PaperDocument ResearchPaper(string title, params (SectionKind Kind, string Heading, string Text)[] sections) =>
        Paper(title, null, sections);

    public static async Task<IReadOnlyDictionary<Stage, StageAnswer>> ClassifyAsync(PaperDocument paper) =>
        StagePipeline.Answers(await StagePipeline.ClassifyAsync(Backend, paper, null, CancellationToken.None));

    /// <summary>The models the identification stage names (canonical where the catalog knows them), none if it did not run.</summary>
    public static IReadOnlyList<string> UsedModels(IReadOnlyDictionary<Stage, StageAnswer> answers) =>
        answers.TryGetValue(Stage.IdentifyPtms, out var identify)
            ? ((IdentifyPtmsAnswer)identify).Models.Select(m => m.Canonical ?? m.Model).ToList()
            : [];
}
