using Bunit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PtmReuse.Core.Classification;
using PtmReuse.Core.Papers;
using PtmReuse.Core.Review;
using PtmReuse.Dashboard.Components.Review;
using PtmReuse.Tests.Dashboard.Components;
using PtmReuse.Tests.Infrastructure;
using PtmReuse.Tests.Review;

namespace PtmReuse.Tests.Dashboard.Review;

public sealed class ReviewPanelComponentTests
{
    private const string Evidence = "We fine-tuned a pre-trained ResNet-50";

    // Hostile markup around the evidence, a javascript: link, and a second mention of the model further on.
    private const string MethodsText =
        "<script>alert('x')</script>" + Evidence + "</mark><img src=x onerror=\"alert('y')\"> on micrographs. " +
        "See [details](javascript:alert('z')).\n\nLater the ResNet-50 features were clustered.";

    private static BunitContext Context(TestDatabase database, string? user = TestUsers.Reviewer)
    {
        var ctx = BunitDashboard.Create(database, user);
        ctx.Services.AddSingleton(database.Get<ReviewViews>());
        ctx.Services.AddSingleton(database.Get<LabellingService>());
        ctx.Services.AddSingleton(database.Get<ReviewQueue>());
        ctx.Services.AddSingleton(database.Get<ReviewerSettingsStore>());
        ctx.Services.AddSingleton(database.Get<IPtmCatalog>());
        return ctx;
    }

    private static async Task<(long PaperId, long DecisionId)> PaperWithDecisionAsync(TestDatabase database, Func<string, StageAnswer> answer)
    {
        var paperId = await new PaperBuilder("Micrographs").WithDoi("10.5555/review").InYear(2021)
            .WithSection("Introduction", SectionKind.Introduction, "Convolutional networks are popular.")
            .WithSection("Methods", SectionKind.Methods, MethodsText)
            .SaveAsync(database.Factory);
        await using var db = await database.OpenAsync();
        var paper = await db.Papers.AsNoTracking().Include(p => p.Sections).Include(p => p.Captions).SingleAsync(p => p.Id == paperId);
        var text = PaperDocument.FromPaper(paper).Text;
        var run = await ReviewTestData.RunAsync(database);
        var decision = await ReviewTestData.DecisionAsync(database, run, paperId, answer(text));
        return (paperId, decision);
    }

    private static Evidence Grounded(string text) => new(Evidence, text.IndexOf(Evidence, StringComparison.Ordinal), Evidence.Length, true);

    [Fact]
    public async Task ReviewPanel_GroundedEvidence_MarksExactlyItsCharactersAndOtherMentionsLightly_HostileTextInert()
    {
        await using var database = await TestDatabase.CreateAsync();
        var (_, decision) = await PaperWithDecisionAsync(database, text => new IdentifyPtmsAnswer([new PtmMention("ResNet-50", "ResNet-50", Grounded(text))]));
        await using var ctx = Context(database);

        var cut = ctx.Render<ReviewPanel>(p => p.Add(x => x.DecisionId, decision));
        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll("[data-testid=paper-section]")));

        var evidenceMarks = cut.FindAll("[data-testid=paper-section] mark.evidence-highlight");
        Assert.Equal(Evidence, string.Concat(evidenceMarks.Select(m => m.TextContent)));
        Assert.Single(cut.FindAll($"#{EvidenceHighlights.AnchorId(decision, 0)}"));
        var mentions = cut.FindAll("[data-testid=paper-section] mark.mention-highlight");
        Assert.Equal(["ResNet-50"], mentions.Select(m => m.TextContent));
        Assert.Empty(cut.FindAll("script"));
        Assert.Empty(cut.FindAll("img"));
        Assert.Empty(cut.FindAll("[onerror], [onclick]"));
        Assert.DoesNotContain(cut.FindAll("a"), a => (a.GetAttribute("href") ?? "").Contains("javascript", StringComparison.OrdinalIgnoreCase));
        Assert.Contains("<script>alert('x')</script>", cut.FindAll("[data-testid=paper-section]")[1].TextContent, StringComparison.Ordinal);
        // The decision's provenance and the stage's guideline are beside it.
        Assert.Contains("embedded / rules", cut.Find("[data-testid=decision-meta]").TextContent, StringComparison.Ordinal);
        Assert.Contains(StageDefinitions.IdentifyPtms.Question, cut.Find("[data-testid=stage-guideline]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReviewPanel_UngroundedEvidence_IsFlaggedWithTheClosestPassageAndNotMarkedAsEvidence()
    {
        await using var database = await TestDatabase.CreateAsync();
        var (_, decision) = await PaperWithDecisionAsync(database, _ => new UsesDlAnswer(true, new Evidence("We fine-tuned a pretrained ResNet-50 model on images", null, null, false)));
        await using var ctx = Context(database);

        var cut = ctx.Render<ReviewPanel>(p => p.Add(x => x.DecisionId, decision));
        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindAll("[data-testid=ungrounded]")));

        Assert.Contains("not found in the paper", cut.Find("[data-testid=ungrounded]").TextContent, StringComparison.Ordinal);
        Assert.Contains("fine-tuned a pre-trained ResNet-50", cut.Find("[data-testid=closest-passage]").TextContent, StringComparison.Ordinal);
        Assert.Empty(cut.FindAll("mark.evidence-highlight"));
        Assert.NotEmpty(cut.FindAll("mark.closest-highlight"));
    }

    [Fact]
    public async Task Shortcuts_AcceptFlipUndoAndPatternDigit_WriteTheLabels_ButNotWhileTyping()
    {
        await using var database = await TestDatabase.CreateAsync();
        var (paperId, decision) = await PaperWithDecisionAsync(database, text => new UsesDlAnswer(true, Grounded(text)));
        var run = await ReviewTestData.RunAsync(database);
        var reuse = await ReviewTestData.DecisionAsync(database, run, paperId, ReviewTestData.Reuse(("ResNet-50", ReusePattern.Deployment)));
        await using var ctx = Context(database);
        var cut = ctx.Render<ReviewPanel>(p => p.Add(x => x.DecisionId, decision));
        cut.WaitForAssertion(() => Assert.NotNull(cut.Instance.View));

        async Task<List<(LabelAction Action, bool Retired, string Value)>> LabelsAsync()
        {
            await using var db = await database.OpenAsync();
            return (await db.HumanLabels.OrderBy(l => l.Id).Select(l => new { l.Action, l.Retired, l.ValueJson }).ToListAsync())
                .Select(l => (l.Action, l.Retired, AnswerKeys.For(StageJson.Deserialize(l.ValueJson)) ?? "")).ToList();
        }

        // "a" typed into the note field is a letter, not "accept".
        await cut.InvokeAsync(() => cut.Instance.OnShortcutAsync("a", "TEXTAREA"));
        Assert.Empty(await LabelsAsync());

        await cut.InvokeAsync(() => cut.Instance.OnShortcutAsync("f", "BODY"));
        Assert.Equal([(LabelAction.Correct, false, "no"), (LabelAction.Cascade, false, "no")], await LabelsAsync());

        await cut.InvokeAsync(() => cut.Instance.OnShortcutAsync("u", "BODY"));
        var undone = await LabelsAsync();
        Assert.Equal([(LabelAction.Correct, true, "no"), (LabelAction.Cascade, true, "no"), (LabelAction.Undo, false, "")], undone);

        await cut.InvokeAsync(() => cut.Instance.OnShortcutAsync("a", "BODY"));
        Assert.Equal((LabelAction.Accept, false, "yes"), (await LabelsAsync())[^1]);

        // On the pattern stage: "2" chooses adaptation for the selected model, "c" saves the correction.
        var reuseCut = ctx.Render<ReviewPanel>(p => p.Add(x => x.DecisionId, reuse));
        reuseCut.WaitForAssertion(() => Assert.NotNull(reuseCut.Instance.View));
        await reuseCut.InvokeAsync(() => reuseCut.Instance.OnShortcutAsync("2", "BODY"));
        await reuseCut.InvokeAsync(() => reuseCut.Instance.OnShortcutAsync("c", "BODY"));
        Assert.Equal((LabelAction.Correct, false, "resnet-50:adaptation"), (await LabelsAsync())[^1]);
        reuseCut.WaitForAssertion(() => Assert.Contains("resnet-50: adaptation", reuseCut.Find("[data-testid=label-history]").TextContent, StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task ReviewPanel_Viewer_CannotLabel()
    {
        await using var database = await TestDatabase.CreateAsync();
        var (_, decision) = await PaperWithDecisionAsync(database, text => new UsesDlAnswer(true, Grounded(text)));
        await using var ctx = Context(database, TestUsers.Viewer);
        var cut = ctx.Render<ReviewPanel>(p => p.Add(x => x.DecisionId, decision));
        cut.WaitForAssertion(() => Assert.NotNull(cut.Instance.View));

        await cut.InvokeAsync(() => cut.Instance.OnShortcutAsync("a", "BODY"));

        Assert.Contains("can browse but not label", cut.Instance.Message, StringComparison.Ordinal);
        await using var db = await database.OpenAsync();
        Assert.Empty(await db.HumanLabels.ToListAsync());
    }

    [Fact]
    public async Task ReviewPanel_Viewer_ActionsDisabledWithTheReasonShown()
    {
        await using var database = await TestDatabase.CreateAsync();
        var (_, decision) = await PaperWithDecisionAsync(database, text => new UsesDlAnswer(true, Grounded(text)));
        await using var ctx = Context(database, TestUsers.Viewer);

        var cut = ctx.Render<ReviewPanel>(p => p.Add(x => x.DecisionId, decision));
        cut.WaitForAssertion(() => Assert.NotNull(cut.Instance.View));

        foreach (var action in new[] { "accept", "flip", "note", "skip", "undo" })
        {
            Assert.True(cut.Find($"[data-action={action}]").HasAttribute("disabled"), action);
            Assert.Equal("actions-blocked", cut.Find($"[data-action={action}]").GetAttribute("aria-describedby"));
        }

        Assert.False(cut.Find("[data-action=next]").HasAttribute("disabled"));
        Assert.Contains("can browse but not label", cut.Find("[data-testid=actions-disabled-reason]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReviewPanel_StageSettledByACascade_AcceptAndFlipDisabledWithTheReason_SkipStaysOpen()
    {
        await using var database = await TestDatabase.CreateAsync();
        var (paperId, decision) = await PaperWithDecisionAsync(database, text => new UsesDlAnswer(true, Grounded(text)));
        var run = await ReviewTestData.RunAsync(database);
        var ptms = await ReviewTestData.DecisionAsync(database, run, paperId, ReviewTestData.Ptms(true));
        await database.Get<LabellingService>().ApplyAsync(TestUsers.Reviewer, new LabelCommand(decision, LabelAction.Correct, 0, new UsesDlAnswer(false, null)), CancellationToken.None);
        await using var ctx = Context(database);

        var cut = ctx.Render<ReviewPanel>(p => p.Add(x => x.DecisionId, ptms));
        cut.WaitForAssertion(() => Assert.NotNull(cut.Instance.View));

        Assert.True(cut.Find("[data-action=accept]").HasAttribute("disabled"));
        Assert.True(cut.Find("[data-action=flip]").HasAttribute("disabled"));
        Assert.False(cut.Find("[data-action=skip]").HasAttribute("disabled"));
        Assert.Contains("uses_dl = no", cut.Find("[data-testid=actions-disabled-reason]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ShortcutHelp_ListsWhatEachKeyDoesInWords()
    {
        await using var database = await TestDatabase.CreateAsync();
        var (_, decision) = await PaperWithDecisionAsync(database, text => new UsesDlAnswer(true, Grounded(text)));
        await using var ctx = Context(database);
        var cut = ctx.Render<ReviewPanel>(p => p.Add(x => x.DecisionId, decision));
        cut.WaitForAssertion(() => Assert.NotNull(cut.Instance.View));

        await cut.InvokeAsync(() => cut.Instance.OnShortcutAsync("?", "BODY"));

        var help = cut.Find("[data-testid=shortcut-help]").TextContent;
        Assert.Contains("Save correction", help, StringComparison.Ordinal);
        Assert.Contains("Next item", help, StringComparison.Ordinal);
        Assert.Contains("Undo my last action", help, StringComparison.Ordinal);
        Assert.DoesNotContain("SaveCorrection", help, StringComparison.Ordinal);
        Assert.DoesNotContain("PreviousItem", help, StringComparison.Ordinal);
    }
}
