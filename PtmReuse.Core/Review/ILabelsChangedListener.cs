namespace PtmReuse.Core.Review;

/// <summary>
/// Told after labels of some papers changed (machine decisions committed by a run, or human labels written/undone),
/// so derived data such as the analytics projection can follow. Called after the commit; a listener must tolerate
/// being skipped by a crash (it must be able to detect and repair stale rows itself).
/// </summary>
public interface ILabelsChangedListener
{
    Task PapersChangedAsync(IReadOnlyCollection<long> paperIds, CancellationToken cancellationToken);
}
