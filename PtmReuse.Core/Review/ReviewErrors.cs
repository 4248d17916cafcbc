namespace PtmReuse.Core.Review;

/// <summary>A review action that cannot be applied; the message says why in words a reviewer understands.</summary>
public abstract class ReviewException(string message) : Exception(message);

/// <summary>The decision (or label) does not exist.</summary>
public sealed class ReviewNotFoundException(string message) : ReviewException(message);

/// <summary>The value breaks the label schema (no PTMs when uses_ptms is no; pattern and step from their sets; ...).</summary>
public sealed class LabelSchemaException(IReadOnlyList<string> problems)
    : ReviewException("The label was not saved: " + string.Join("; ", problems) + ".")
{
    public IReadOnlyList<string> Problems { get; } = problems;
}

/// <summary>Someone labelled the same paper × stage since the reviewer loaded it: nothing was saved, reload and decide again.</summary>
public sealed class LabelConflictException(int expectedVersion, int currentVersion, string? changedBy)
    : ReviewException($"This item was changed by {changedBy ?? "another reviewer"} while you were looking at it (version {currentVersion}, you saw {expectedVersion}). Nothing was saved; it has been reloaded.")
{
    public int ExpectedVersion { get; } = expectedVersion;
    public int CurrentVersion { get; } = currentVersion;
}

/// <summary>The reviewer tried to change a label that is not theirs.</summary>
public sealed class LabelPermissionException(string message) : ReviewException(message);
