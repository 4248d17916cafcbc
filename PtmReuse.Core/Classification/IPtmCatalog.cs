namespace PtmReuse.Core.Classification;

/// <summary>A canonical pre-trained model (or architecture) in the catalog.</summary>
public sealed record PtmModel(
    string Canonical,
    IReadOnlyList<string> Aliases,
    string Family,
    string Modality,
    string? Organisation,
    int? Year,
    PtmKind Kind = PtmKind.TrainedModel);

/// <summary>
/// What a catalog entry is: a trained checkpoint, a tool that runs a trained network (ColabFold, DIA-NN, SignalP,
/// Cellpose: counted as the models they run), an architecture, or a framework (which is not a PTM).
/// </summary>
public enum PtmKind
{
    TrainedModel,
    Architecture,
    Framework,
    Tool,
}

/// <summary>The editable PTM catalog: canonicalises mentions so "ResNet50" and "ResNet-50" count as one model.</summary>
public interface IPtmCatalog
{
    IReadOnlyList<PtmModel> Models { get; }

    /// <summary>The canonical name for a mention as written, or null when the catalog does not know it.</summary>
    string? Canonicalize(string mention);
}
