using Bunit;
using PtmReuse.Core.Classification;
using PtmReuse.Core.Classification.Catalog;
using PtmReuse.Core.Classification.Embedded;
using PtmReuse.Core.Classification.Evaluation;
using PtmReuse.Core.Papers;
using PtmReuse.Dashboard.Components.Review;

namespace PtmReuse.Tests.Dashboard.Review;

/// <summary>The review view's "why": each rule that fired and every mention's use-or-mention decision, from a real embedded answer.</summary>
public sealed class DecisionRulesViewTests
{
    private static async Task<IReadOnlyDictionary<Stage, StageAnswer>> ClassifyAsync(string methods)
    {
        var paper = PaperDocument.FromPaper(new Paper
        {
            Id = 1,
            Title = "Tracking mice",
            ContentHash = "hash",
            Sections = [new PaperSection { Ordinal = 0, Kind = SectionKind.Methods, Heading = "Methods", Text = methods }],
        });
        return StagePipeline.Answers(await StagePipeline.ClassifyAsync(new EmbeddedBackend(PtmCatalog.LoadEmbedded()), paper, null, CancellationToken.None));
    }

    [Fact]
    public async Task IdentifyAnswer_UsedAndComparedModels_ListsRulesAndEveryMention()
    {
        var answers = await ClassifyAsync("Mouse poses were tracked with DeepLabCut version 2.3 on 40 videos. Unlike SLEAP, our set-up needs a single camera.");
        await using var ctx = new BunitContext();

        var view = ctx.Render<DecisionRulesView>(p => p.Add(c => c.Answer, answers[Stage.IdentifyPtms]).Add(c => c.Open, true));

        var rows = view.FindAll("[data-testid=mention-decisions] tbody tr");
        Assert.Equal(2, rows.Count);
        Assert.Contains("DeepLabCut", rows[0].TextContent); // used first
        Assert.Contains("used", rows[0].Children[1].TextContent);
        Assert.Contains("SLEAP", rows[1].TextContent);
        Assert.Equal("compared", rows[1].Children[1].TextContent);
        Assert.Equal("C1 compared against", rows[1].Children[2].TextContent);
        // The model's own line carries the rule that made it a use (U3: the instrument of the work).
        Assert.Contains(view.FindAll("[data-testid=rule-line]"), l => l.TextContent.Contains("DeepLabCut", StringComparison.Ordinal) && l.TextContent.Contains("U3 instrument of the work", StringComparison.Ordinal));
    }

    [Fact]
    public async Task UsesDlAnswer_ShowsTheRuleThatDecided()
    {
        var answers = await ClassifyAsync("Mouse poses were tracked with DeepLabCut version 2.3 on 40 videos.");
        await using var ctx = new BunitContext();

        var view = ctx.Render<DecisionRulesView>(p => p.Add(c => c.Answer, answers[Stage.UsesDl]));

        Assert.Contains("D1 a deep-learning model is used", view.Find("[data-testid=rule-line]").TextContent);
        Assert.Empty(view.FindAll("[data-testid=mention-decisions]"));
    }

    [Fact]
    public async Task AnswerWithoutRules_RendersNothing()
    {
        await using var ctx = new BunitContext();

        var view = ctx.Render<DecisionRulesView>(p => p.Add(c => c.Answer, new UsesDlAnswer(true, null)));

        Assert.Empty(view.Markup.Trim());
    }
}
