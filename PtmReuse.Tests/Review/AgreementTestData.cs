using PtmReuse.Core.Classification;
using PtmReuse.Core.Papers;
using PtmReuse.Core.Review;
using PtmReuse.Tests.Infrastructure;

namespace PtmReuse.Tests.Review;

/// <summary>Builds a database of papers, machine decisions and human labels for the sampling and agreement tests.</summary>
internal sealed class AgreementTestData(TestDatabase database)
{
    private int _papers;

    public async Task<long> AddRunAsync()
    {
        await using var db = await database.OpenAsync();
        var run = new ClassificationRun { Backend = "fake", Model = "m", StartedAt = DateTime.UtcNow, Status = RunStatus.Completed };
        db.Runs.Add(run);
        await db.SaveChangesAsync();
        return run.Id;
    }

    /// <summary>Adds <paramref name="count"/> papers of one field and year, each with a decision of <paramref name="runId"/>.</summary>
    public async Task<List<(long PaperId, long DecisionId)>> AddPapersWithDecisionsAsync(
        long runId, int count, string field, int year, Func<int, StageAnswer> answer)
    {
        await using var db = await database.OpenAsync();
        var papers = Enumerable.Range(0, count).Select(_ =>
        {
            var n = ++_papers;
            var id = Guid.NewGuid().ToString("N");
            return new Paper
            {
                Title = $"Paper {n}",
                Doi = $"10.1234/{id}",
                ContentHash = id,
                Year = year,
                PrimaryField = field,
                IngestedAt = DateTime.UtcNow,
                UpdatedAt = DateTime.UtcNow,
            };
        }).ToList();
        db.Papers.AddRange(papers);
        await db.SaveChangesAsync();
        var decisions = papers.Select((paper, i) => NewDecision(runId, paper.Id, answer(i))).ToList();
        db.Decisions.AddRange(decisions);
        await db.SaveChangesAsync();
        return papers.Select((paper, i) => (paper.Id, decisions[i].Id)).ToList();
    }

    public async Task<long> AddDecisionAsync(long runId, long paperId, StageAnswer answer)
    {
        await using var db = await database.OpenAsync();
        var decision = NewDecision(runId, paperId, answer);
        db.Decisions.Add(decision);
        await db.SaveChangesAsync();
        return decision.Id;
    }

    public async Task AddLabelAsync(long paperId, StageAnswer answer, string reviewer = "ana", long? decisionId = null, bool retired = false)
    {
        await using var db = await database.OpenAsync();
        db.HumanLabels.Add(new HumanLabel
        {
            PaperId = paperId,
            Stage = answer.Stage.WireName(),
            DecisionId = decisionId,
            Reviewer = reviewer,
            CreatedAt = DateTime.UtcNow,
            ValueJson = StageJson.Serialize(answer),
            Retired = retired,
        });
        await db.SaveChangesAsync();
    }

    /// <summary>A label without a value (as a reviewer's note or skip is stored).</summary>
    public async Task AddNoteAsync(long paperId, string stage, string reviewer)
    {
        await using var db = await database.OpenAsync();
        db.HumanLabels.Add(new HumanLabel { PaperId = paperId, Stage = stage, Reviewer = reviewer, CreatedAt = DateTime.UtcNow, ValueJson = "", Note = "unsure", Action = LabelAction.Note });
        await db.SaveChangesAsync();
    }

    public static UsesDlAnswer Dl(bool result) => new(result, null);

    private static MachineDecision NewDecision(long runId, long paperId, StageAnswer answer) => new()
    {
        RunId = runId,
        PaperId = paperId,
        Stage = answer.Stage.WireName(),
        DecisionKey = Guid.NewGuid().ToString("N"),
        Backend = "fake",
        Model = "m",
        ValueJson = StageJson.Serialize(answer),
        CreatedAt = DateTime.UtcNow,
    };
}
