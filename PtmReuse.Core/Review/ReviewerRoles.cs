namespace PtmReuse.Core.Review;

/// <summary>The three roles. Viewers browse and export; reviewers also label; admins also adjudicate and manage users.</summary>
public static class ReviewerRoles
{
    public const string Admin = "admin";
    public const string Reviewer = "reviewer";
    public const string Viewer = "viewer";

    public static IReadOnlyList<string> All { get; } = [Admin, Reviewer, Viewer];
}

/// <summary>Authorization policy names used by pages and endpoints.</summary>
public static class ReviewPolicies
{
    /// <summary>Admin or reviewer.</summary>
    public const string CanLabel = "CanLabel";

    /// <summary>Admin only: adjudication, user management, validation samples.</summary>
    public const string CanAdminister = "CanAdminister";
}
