using PtmReuse.Core.Review;
using PtmReuse.Core.Review.Accounts;

namespace PtmReuse.Tests.Infrastructure;

/// <summary>
/// The accounts every <see cref="DashboardServer"/> has (unless started with <c>seedTestUsers: false</c>), one per
/// role plus a second reviewer for blind double review. Passwords are fixed test values: <see cref="PasswordOf"/>.
/// </summary>
public static class TestUsers
{
    public const string Admin = "admin";
    public const string Reviewer = "reviewer";
    public const string Reviewer2 = "reviewer2";
    public const string Viewer = "viewer";

    public static IReadOnlyList<(string UserName, string Role)> All { get; } =
    [
        (Admin, ReviewerRoles.Admin),
        (Reviewer, ReviewerRoles.Reviewer),
        (Reviewer2, ReviewerRoles.Reviewer),
        (Viewer, ReviewerRoles.Viewer),
    ];

    public static string PasswordOf(string userName) => $"{userName}-test-password";

    public static string RoleOf(string userName) =>
        All.FirstOrDefault(u => u.UserName == userName).Role ?? throw new ArgumentException($"'{userName}' is not a test user.", nameof(userName));

    public static async Task SeedAsync(ReviewerAccounts accounts, CancellationToken cancellationToken = default)
    {
        foreach (var (userName, role) in All)
        {
            var result = await accounts.CreateAsync(userName, role, PasswordOf(userName), cancellationToken);
            if (!result.Succeeded)
            {
                throw new InvalidOperationException($"Test user {userName}: " + string.Join(" ", result.Errors.Select(e => e.Description)));
            }
        }
    }
}
