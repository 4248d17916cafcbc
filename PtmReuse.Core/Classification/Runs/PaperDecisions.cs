using Microsoft.EntityFrameworkCore;
using PtmReuse.Core.Storage;

namespace PtmReuse.Core.Classification.Runs;

/// <summary>One machine decision of a paper as the paper page shows it.</summary>
public sealed record DecisionView(
    long Id,
    long RunId,
    Stage Stage,
    string Backend,
    string Model,
    string Summary,
    IReadOnlyList<Evidence> Evidence,
    string? ErrorKind,
    string? ErrorMessage,
    string? RawResponse,
    string? SentText,
    int PromptTokens,
    int CompletionTokens,
    DateTime CreatedAt);

/// <summary>
/// A paper's text and every machine decision made about it, newest first within each stage, with where each grounded
/// evidence excerpt falls in the section bodies (see <see cref="EvidenceHighlights.AnchorId"/> for the anchors).
/// </summary>
public sealed record PaperDecisionSet(long PaperId, string Title, string Text, IReadOnlyList<DecisionView> Decisions, EvidenceHighlights Highlights);

/// <summary>Reads the decisions of one paper for display (evidence offsets refer to <see cref="PaperDocument.Text"/>).</summary>
public sealed class PaperDecisions(IDbContextFactory<PtmReuseDbContext> dbFactory)
{
    public async Task<PaperDecisionSet?> ForPaperAsync(long paperId, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var paper = await db.Papers.AsNoTracking().AsSplitQuery().Include(p => p.Sections).Include(p => p.Captions)
            .FirstOrDefaultAsync(p => p.Id == paperId, cancellationToken);
        if (paper is null)
        {
            return null;
        }

        var rows = await db.Decisions.AsNoTracking().Where(d => d.PaperId == paperId)
            .OrderByDescending(d => d.CreatedAt).ToListAsync(cancellationToken);
        var views = new List<DecisionView>();
        foreach (var row in rows)
        {
            if (!StageNames.TryParse(row.Stage, out var stage))
            {
                continue;
            }

            var answer = row.ErrorKind is null ? StageJson.Deserialize(row.ValueJson) : null;
            views.Add(new DecisionView(row.Id, row.RunId, stage, row.Backend, row.Model, RunComparer.Summarise(answer),
                answer?.AllEvidence().ToList() ?? [], row.ErrorKind, row.ErrorMessage, row.RawResponse, row.SentText,
                row.PromptTokens, row.CompletionTokens, row.CreatedAt));
        }

        var document = PaperDocument.FromPaper(paper);
        var evidence = views.SelectMany(view => view.Evidence.Select((item, index) =>
            new EvidenceSource(EvidenceHighlights.AnchorId(view.Id, index), view.Stage, item)));
        return new PaperDecisionSet(paper.Id, paper.Title, document.Text,
            views.OrderBy(v => v.Stage).ThenByDescending(v => v.CreatedAt).ToList(),
            EvidenceHighlights.Map(document, evidence));
    }
}
