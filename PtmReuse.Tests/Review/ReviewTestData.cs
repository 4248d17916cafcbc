using PtmReuse.Core.Classification;
using PtmReuse.Core.Papers;
using PtmReuse.Tests.Infrastructure;

namespace PtmReuse.Tests.Review;

/// <summary>Papers, runs and machine decisions written straight to a test database for review tests.</summary>
internal static class ReviewTestData
{
    public static async Task<long> PaperAsync(TestDatabase database, string title, int year = 2020, string field = "Medicine", string? methods = null) =>
        await new PaperBuilder(title).WithDoi("10.5555/" + title.Replace(' ', '-').ToLowerInvariant()).InYear(year).InField(field)
            .WithSection("Methods", SectionKind.Methods, methods ?? $"We fine-tuned ResNet-50 for {title}.")
            .SaveAsync(database.Factory);

    public static async Task<long> RunAsync(TestDatabase database, string backend = "embedded", string model = "rules")
    {
        await using var db = await database.OpenAsync();
        var run = new ClassificationRun { Backend = backend, Model = model, PromptVersion = "v1", StartedAt = DateTime.UtcNow, Status = RunStatus.Completed };
        db.Runs.Add(run);
        await db.SaveChangesAsync();
        return run.Id;
    }

    public static async Task<long> DecisionAsync(TestDatabase database, long runId, long paperId, StageAnswer? answer, bool? grounded = true,
        double? confidence = null, string? reasoning = null, string? error = null, string? backend = null)
    {
        await using var db = await database.OpenAsync();
        var run = await db.Runs.FindAsync(runId);
        var decision = new MachineDecision
        {
            RunId = runId,
            PaperId = paperId,
            Stage = (answer?.Stage ?? Stage.UsesDl).WireName(),
            DecisionKey = Guid.NewGuid().ToString("N"),
            PromptHash = "hash",
            Backend = backend ?? run!.Backend,
            Model = run!.Model,
            ValueJson = answer is null ? null : StageJson.Serialize(answer),
            Evidence = answer?.AllEvidence().FirstOrDefault()?.Quote,
            EvidenceGrounded = grounded,
            Confidence = confidence,
            Reasoning = reasoning,
            ErrorKind = error,
            LatencyMs = 12,
            CreatedAt = DateTime.UtcNow,
        };
        db.Decisions.Add(decision);
        await db.SaveChangesAsync();
        return decision.Id;
    }

    public static UsesDlAnswer Dl(bool result) => new(result, new Evidence("We fine-tuned ResNet-50", null, null, null));

    public static UsesPtmsAnswer Ptms(bool result) => new(result, null);

    public static IdentifyPtmsAnswer Identify(params string[] models) => new(models.Select(m => new PtmMention(m, m, null)).ToList());

    public static PtmReuseAnswer Reuse(params (string Model, ReusePattern Pattern)[] items) =>
        new(items.Select(i => new PtmReuseItem(i.Model, i.Model, "fine-tuned", i.Pattern, null)).ToList());
}
