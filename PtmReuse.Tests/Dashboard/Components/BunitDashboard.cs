using Bunit;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using MudBlazor.Services;
using PtmReuse.Core.Papers;
using PtmReuse.Core.Review;
using PtmReuse.Tests.Infrastructure;

namespace PtmReuse.Tests.Dashboard.Components;

/// <summary>
/// A bUnit context wired like the dashboard: MudBlazor services, loose JS interop, Core queries on a real database,
/// and a signed-in user (by default <see cref="TestUsers.Reviewer"/>, role reviewer) so [Authorize] pages and
/// AuthorizeView render. The user's role decides which of <see cref="ReviewPolicies"/> it satisfies, as on the server.
/// </summary>
internal static class BunitDashboard
{
    /// <param name="userName">The signed-in user; null for an anonymous visitor.</param>
    /// <param name="role">One of <see cref="ReviewerRoles"/>; default: the test user's role, else reviewer.</param>
    public static BunitContext Create(TestDatabase database, string? userName = TestUsers.Reviewer, string? role = null)
    {
        var ctx = new BunitContext();
        ctx.JSInterop.Mode = JSRuntimeMode.Loose;
        ctx.Services.AddMudServices(options => options.PopoverOptions.CheckForPopoverProvider = false);
        ctx.Services.AddSingleton(database.Get<PaperQueries>());
        // The paper page shows the paper's decisions (classification feature).
        ctx.Services.AddSingleton(database.Get<PtmReuse.Core.Classification.Runs.PaperDecisions>());
        // ... and the labels that count, read through the one effective-label rule.
        ctx.Services.AddSingleton(database.Get<PtmReuse.Core.Review.PaperLabels>());
        SignIn(ctx, userName, role);
        return ctx;
    }

    private static void SignIn(BunitContext ctx, string? userName, string? role)
    {
        var auth = ctx.AddAuthorization();
        if (userName is null)
        {
            auth.SetNotAuthorized();
            return;
        }

        role ??= TestUsers.All.FirstOrDefault(u => u.UserName == userName).Role ?? ReviewerRoles.Reviewer;
        auth.SetAuthorized(userName);
        auth.SetRoles(role);
        auth.SetPolicies(PoliciesOf(role));
    }

    /// <summary>The policies a role satisfies (mirrors DashboardAuthentication's policy definitions).</summary>
    public static string[] PoliciesOf(string role) => role switch
    {
        ReviewerRoles.Admin => [ReviewPolicies.CanLabel, ReviewPolicies.CanAdminister],
        ReviewerRoles.Reviewer => [ReviewPolicies.CanLabel],
        _ => [],
    };
}
