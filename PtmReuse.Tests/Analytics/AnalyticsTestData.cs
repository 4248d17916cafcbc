using PtmReuse.Core.Classification;
using PtmReuse.Core.Classification.Runs;
using PtmReuse.Core.Papers;
using PtmReuse.Core.Review;
using PtmReuse.Tests.Infrastructure;

namespace PtmReuse.Tests.Analytics;

/// <summary>Writes papers, machine decisions and human labels straight into a test database, as runs and reviewers would.</summary>
public sealed class AnalyticsTestData(TestDatabase database)
{
    private static readonly DateTime Start = new(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc);
    private int _clock;

    public const string Biochemistry = "Biochemistry, Genetics and Molecular Biology";
    public const string Neuroscience = "Neuroscience";
    public const string Chemistry = "Chemistry";
    public const string Medicine = "Medicine";

    public async Task<long> AddRunAsync(string backend = "fake", string model = "m")
    {
        await using var db = await database.OpenAsync();
        var settings = new RunSettings(RunRequest.AllStages, PaperSelection.All, 1, true, new Dictionary<Stage, string>());
        var run = new ClassificationRun { Backend = backend, Model = model, StartedAt = Start, Status = RunStatus.Completed, SettingsJson = settings.ToJson() };
        db.Runs.Add(run);
        await db.SaveChangesAsync();
        return run.Id;
    }

    public async Task<long> AddPaperAsync(string title, int? year, string? field, string journal = "PLOS ONE", params string[] otherFields)
    {
        await using var db = await database.OpenAsync();
        var paper = new PaperBuilder(title).InJournal(journal).Build();
        paper.Year = year;
        paper.PrimaryField = field;
        paper.Topics = [.. new[] { field }.Concat(otherFields).Where(f => f is not null)
            .Select((f, i) => new PaperTopic { Name = $"topic {i}", Field = f, Score = 0.9 - (i * 0.1) })];
        db.Papers.Add(paper);
        await db.SaveChangesAsync();
        return paper.Id;
    }

    public async Task<long> AddDecisionAsync(long runId, long paperId, StageAnswer? answer, Stage? failedStage = null, bool grounded = true, double? confidence = null)
    {
        await using var db = await database.OpenAsync();
        var decision = new MachineDecision
        {
            RunId = runId,
            PaperId = paperId,
            Stage = (answer?.Stage ?? failedStage ?? Stage.UsesDl).WireName(),
            DecisionKey = Guid.NewGuid().ToString("N"),
            Backend = "fake",
            Model = "m",
            ValueJson = answer is null ? null : StageJson.Serialize(answer),
            EvidenceGrounded = answer is null ? null : grounded,
            Confidence = confidence,
            ErrorKind = answer is null ? "timeout" : null,
            CreatedAt = Start.AddMinutes(++_clock),
        };
        db.Decisions.Add(decision);
        await db.SaveChangesAsync();
        return decision.Id;
    }

    public async Task<long> AddHumanLabelAsync(long paperId, StageAnswer answer)
    {
        await using var db = await database.OpenAsync();
        var label = new HumanLabel
        {
            PaperId = paperId,
            Stage = answer.Stage.WireName(),
            Reviewer = "ana",
            CreatedAt = Start.AddMinutes(++_clock),
            ValueJson = StageJson.Serialize(answer),
        };
        db.HumanLabels.Add(label);
        await db.SaveChangesAsync();
        return label.Id;
    }

    public static Evidence Quote => new("We used a pre-trained network.", 0, 30, true);

    public static UsesDlAnswer Dl(bool result) => new(result, Quote);

    public static UsesPtmsAnswer Ptms(bool result) => new(result, Quote);

    public static IdentifyPtmsAnswer Models(params string[] models) => new([.. models.Select(m => new PtmMention(m, m, Quote))]);

    public static PtmReuseAnswer Reuse(params (string Model, ReusePattern Pattern)[] items) =>
        new([.. items.Select(i => new PtmReuseItem(i.Model, i.Model, "weights", i.Pattern, Quote))]);

    public static PtmImpactAnswer Impact(params (string Model, ScienceStep Step)[] items) =>
        new([.. items.Select(i => new PtmImpactItem(i.Model, i.Model, i.Step, Quote))]);

    /// <summary>A paper's decisions through all five stages for one model.</summary>
    public async Task<(long DlDecision, long PtmsDecision)> AddPtmPaperDecisionsAsync(long runId, long paperId, string model, ReusePattern pattern, ScienceStep step)
    {
        var dl = await AddDecisionAsync(runId, paperId, Dl(true));
        var ptms = await AddDecisionAsync(runId, paperId, Ptms(true));
        await AddDecisionAsync(runId, paperId, Models(model));
        await AddDecisionAsync(runId, paperId, Reuse((model, pattern)));
        await AddDecisionAsync(runId, paperId, Impact((model, step)));
        return (dl, ptms);
    }
}
