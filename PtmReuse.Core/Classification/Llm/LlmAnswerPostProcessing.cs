namespace PtmReuse.Core.Classification.Llm;

/// <summary>Canonicalises model names through the catalog and grounds every evidence quote in the paper.</summary>
internal static class LlmAnswerPostProcessing
{
    public static StageAnswer Complete(StageAnswer answer, PaperDocument document, IPtmCatalog catalog, IEvidenceGrounder grounder)
    {
        Evidence? Ground(Evidence? evidence) => evidence is null ? null : grounder.Ground(document, evidence);
        string? Canonical(string model) => catalog.Canonicalize(model);

        return answer switch
        {
            UsesDlAnswer a => a with { Evidence = Ground(a.Evidence) },
            UsesPtmsAnswer a => a with { Evidence = Ground(a.Evidence) },
            IdentifyPtmsAnswer a => a with { Models = [.. a.Models.Select(m => m with { Canonical = Canonical(m.Model), Evidence = Ground(m.Evidence) })] },
            PtmReuseAnswer a => a with { Items = [.. a.Items.Select(i => i with { Canonical = Canonical(i.Model), Evidence = Ground(i.Evidence) })] },
            PtmImpactAnswer a => a with { Items = [.. a.Items.Select(i => i with { Canonical = Canonical(i.Model), Evidence = Ground(i.Evidence) })] },
            _ => answer,
        };
    }
}
