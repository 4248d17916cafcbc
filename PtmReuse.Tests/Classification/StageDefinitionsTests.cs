using PtmReuse.Core.Classification;

namespace PtmReuse.Tests.Classification;

public sealed class StageDefinitionsTests
{
    [Fact]
    public void All_FiveStagesInPipelineOrder_WithWireNames()
    {
        Assert.Equal(["uses_dl", "uses_ptms", "identify_ptms", "ptm_reuse", "ptm_impact"], StageDefinitions.All.Select(d => d.WireName));
        Assert.Equal(3, StageDefinitions.PtmReuse.Choices.Count);
        Assert.Equal(6, StageDefinitions.PtmImpact.Choices.Count);
    }

    [Fact]
    public void ShouldRun_UsesPtmsAfterUsesDlNo_IsSkipped()
    {
        var answers = new Dictionary<Stage, StageAnswer> { [Stage.UsesDl] = new UsesDlAnswer(false, null) };
        Assert.False(StageDefinitions.UsesPtms.ShouldRun(answers));
        Assert.True(StageDefinitions.UsesDl.ShouldRun(answers));
    }

    [Fact]
    public void ShouldRun_GateUnanswered_IsSkippedNotAnsweredNo()
    {
        Assert.False(StageDefinitions.IdentifyPtms.ShouldRun(new Dictionary<Stage, StageAnswer>()));
    }

    [Fact]
    public void ShouldRun_ModelStagesAfterUsesPtmsYes_Run()
    {
        var answers = new Dictionary<Stage, StageAnswer> { [Stage.UsesPtms] = new UsesPtmsAnswer(true, null) };
        Assert.All([StageDefinitions.IdentifyPtms, StageDefinitions.PtmReuse, StageDefinitions.PtmImpact], d => Assert.True(d.ShouldRun(answers)));
    }

    [Fact]
    public void Validate_ModelsListedAfterUsesPtmsNo_Reported()
    {
        var earlier = new Dictionary<Stage, StageAnswer> { [Stage.UsesPtms] = new UsesPtmsAnswer(false, null) };
        var answer = new IdentifyPtmsAnswer([new PtmMention("BERT", "BERT", null)]);
        Assert.Contains(StageDefinitions.IdentifyPtms.Validate(answer, earlier), p => p.Contains("uses_ptms", StringComparison.Ordinal));
    }

    [Fact]
    public void Validate_PatternOutsideSet_Reported()
    {
        var answer = new PtmReuseAnswer([new PtmReuseItem("BERT", "BERT", "fine-tuned", (ReusePattern)7, null)]);
        Assert.Single(StageDefinitions.PtmReuse.Validate(answer));
    }

    [Fact]
    public void Validate_AnswerOfOtherStage_Reported()
    {
        Assert.Single(StageDefinitions.UsesDl.Validate(new UsesPtmsAnswer(true, null)));
    }

    [Fact]
    public void Validate_WellFormedAnswer_NoProblems()
    {
        var answer = new PtmImpactAnswer([new PtmImpactItem("AF2", "AlphaFold 2", ScienceStep.Hypothesis, null)]);
        Assert.Empty(StageDefinitions.PtmImpact.Validate(answer));
    }
}
