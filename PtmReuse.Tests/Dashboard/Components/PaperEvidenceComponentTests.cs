using Bunit;
using Microsoft.EntityFrameworkCore;
using PtmReuse.Core.Classification;
using PtmReuse.Core.Papers;
using PtmReuse.Dashboard.Components.Pages.Papers;
using PtmReuse.Tests.Infrastructure;

namespace PtmReuse.Tests.Dashboard.Components;

public sealed class PaperEvidenceComponentTests
{
    private const string Evidence = "We fine-tuned a pre-trained ResNet-50";

    // Hostile markup right before, right after and (as a closing mark tag) next to the evidence.
    private const string MethodsText =
        "<script>alert('before')</script>" + Evidence + "</mark><img src=x onerror=\"alert('after')\"> on 2,000 labelled micrographs.\n\n" +
        "Plates were <b onclick=\"x()\">scored</b> by hand.";

    [Fact]
    public async Task PaperDetail_GroundedEvidence_IsMarkedInTheSectionTextAndHostileTextStaysInert()
    {
        await using var database = await TestDatabase.CreateAsync();
        var paper = await new PaperBuilder("Deep micrographs")
            .WithDoi("10.5555/evidence")
            .WithSection("Introduction", SectionKind.Introduction, "ResNet-50 was introduced by He et al.")
            .WithSection("Methods", SectionKind.Methods, MethodsText)
            .SaveAsync(database.Factory);
        var grounded = await AddDecisionAsync(database, paper, Stage.UsesDl, Evidence, grounded: true);
        await AddDecisionAsync(database, paper, Stage.UsesPtms, "We used GPT-9 to dream up micrographs.", grounded: false);
        await using var ctx = BunitDashboard.Create(database);

        var cut = ctx.Render<PaperDetail>(p => p.Add(x => x.Id, paper));
        cut.WaitForAssertion(() => Assert.Equal(2, cut.FindAll("[data-stage]").Count));

        var marks = cut.FindAll("[data-testid=paper-section] mark");
        Assert.Equal(Evidence, string.Concat(marks.Select(m => m.TextContent)));
        Assert.All(marks, m => Assert.Equal(StageDefinitions.For(Stage.UsesDl).Title, m.GetAttribute("title")));
        var anchorId = $"evidence-{grounded}-0";
        Assert.Single(cut.FindAll($"[data-testid=paper-section] #{anchorId}"));
        Assert.Empty(cut.FindAll("script"));
        Assert.Empty(cut.FindAll("img"));
        Assert.Empty(cut.FindAll("[onerror], [onclick]"));
        var methods = cut.FindAll("[data-testid=paper-section]")[1].TextContent;
        Assert.Contains("<script>alert('before')</script>" + Evidence + "</mark><img src=x", methods, StringComparison.Ordinal);
        Assert.Contains("<b onclick=\"x()\">scored</b>", methods, StringComparison.Ordinal);
        // The list links the grounded excerpt to its highlight and flags the other as not found, without marking it.
        Assert.EndsWith($"#{anchorId}", cut.Find($"[data-evidence={anchorId}] a.evidence-jump").GetAttribute("href"), StringComparison.Ordinal);
        Assert.Contains("not found in the paper", cut.Find("[data-stage=uses_ptms] .evidence.ungrounded").TextContent, StringComparison.Ordinal);
        Assert.Empty(cut.FindAll("[data-stage=uses_ptms] a.evidence-jump"));
        Assert.DoesNotContain(marks, m => m.TextContent.Contains("GPT-9", StringComparison.Ordinal));
    }

    private static async Task<long> AddDecisionAsync(TestDatabase database, long paperId, Stage stage, string quote, bool grounded)
    {
        await using var db = await database.OpenAsync();
        var paper = await db.Papers.AsNoTracking().Include(p => p.Sections).Include(p => p.Captions).SingleAsync(p => p.Id == paperId);
        var text = PaperDocument.FromPaper(paper).Text;
        var start = text.IndexOf(quote, StringComparison.Ordinal);
        Assert.Equal(grounded, start >= 0);
        var evidence = grounded ? new Evidence(quote, start, quote.Length, true) : new Evidence(quote, null, null, false);
        StageAnswer answer = stage == Stage.UsesDl ? new UsesDlAnswer(true, evidence) : new UsesPtmsAnswer(true, evidence);
        var run = await db.Runs.FirstOrDefaultAsync() ?? db.Runs.Add(new ClassificationRun { Backend = "test", StartedAt = DateTime.UtcNow }).Entity;
        await db.SaveChangesAsync();
        var decision = new MachineDecision
        {
            RunId = run.Id,
            PaperId = paperId,
            Stage = stage.WireName(),
            DecisionKey = $"{paperId}:{stage.WireName()}",
            Backend = "test",
            Model = "fixture",
            ValueJson = StageJson.Serialize(answer),
            Evidence = quote,
            EvidenceStart = evidence.Start,
            EvidenceLength = evidence.Length,
            EvidenceGrounded = grounded,
            CreatedAt = DateTime.UtcNow,
        };
        db.Decisions.Add(decision);
        await db.SaveChangesAsync();
        return decision.Id;
    }
}
