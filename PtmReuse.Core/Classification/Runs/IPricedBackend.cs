namespace PtmReuse.Core.Classification.Runs;

/// <summary>A backend whose requests cost money; runs add up the cost from the tokens used.</summary>
public interface IPricedBackend
{
    /// <summary>Requests this backend allows in flight at once; a run's concurrency is capped by it.</summary>
    int MaxConcurrency { get; }

    double Cost(long promptTokens, long completionTokens);
}
