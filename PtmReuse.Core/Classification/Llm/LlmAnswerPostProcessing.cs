using PtmReuse.Core.Classification.Grounding;

namespace PtmReuse.Core.Classification.Llm;

/// <summary>Canonicalises model names through the catalog and grounds every evidence quote in the paper.</summary>
internal static class LlmAnswerPostProcessing
{
    public static StageAnswer Complete(StageAnswer answer, PaperDocument document, IPtmCatalog catalog)
    {
        Evidence? Ground(Evidence? evidence) => evidence is null ? null : EvidenceLocator.Ground(document, evidence);

        // The catalog decides: a canonical name the model made up, and the catalog does not know, becomes null.
        string? Canonical(string model, string? suggested) =>
            catalog.Canonicalize(model) ?? (string.IsNullOrWhiteSpace(suggested) ? null : catalog.Canonicalize(suggested));

        return answer switch
        {
            UsesDlAnswer a => a with { Evidence = Ground(a.Evidence) },
            UsesPtmsAnswer a => a with { Evidence = Ground(a.Evidence) },
            IdentifyPtmsAnswer a => a with { Models = [.. a.Models.Select(m => m with { Canonical = Canonical(m.Model, m.Canonical), Evidence = Ground(m.Evidence) })] },
            PtmReuseAnswer a => a with { Items = [.. a.Items.Select(i => i with { Canonical = Canonical(i.Model, i.Canonical), Evidence = Ground(i.Evidence) })] },
            PtmImpactAnswer a => a with { Items = [.. a.Items.Select(i => i with { Canonical = Canonical(i.Model, i.Canonical), Evidence = Ground(i.Evidence) })] },
            _ => answer,
        };
    }
}
