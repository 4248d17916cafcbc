using PtmReuse.Core.Classification;
using PtmReuse.Tests.Classification.Llm;

namespace PtmReuse.Tests.Classification.Runs;

/// <summary>
/// Realistic answers per stage: papers whose title starts with "DL" use a fine-tuned ResNet50 (quoting the sentence
/// <see cref="TestPaperBuilder"/> puts in Methods); every other paper does not use deep learning.
/// </summary>
public static class RunTestResponder
{
    public const string Evidence = "We fine-tuned a pre-trained ResNet50 network on 4,000 labelled micrographs.";

    public static FakeReply Answer(ChatRequestSeen request)
    {
        var dl = request.PaperTitle.StartsWith("DL", StringComparison.Ordinal);
        return FakeReply.Json(request.Stage switch
        {
            Stage.UsesDl or Stage.UsesPtms => dl ? $$"""{"result": true, "evidence": "{{Evidence}}"}""" : """{"result": false, "evidence": ""}""",
            Stage.IdentifyPtms => $$"""{"models": [{"model": "ResNet50", "canonical": null, "evidence": "{{Evidence}}"}]}""",
            Stage.PtmReuse => $$"""{"items": [{"model": "ResNet50", "canonical": null, "form": "fine-tuned on micrographs", "pattern": "adaptation", "evidence": "{{Evidence}}"}]}""",
            Stage.PtmImpact => $$"""{"items": [{"model": "ResNet50", "canonical": null, "step": "Observation", "evidence": "{{Evidence}}"}]}""",
            _ => "",
        });
    }
}
