using System.Diagnostics;
using System.Net;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using PtmReuse.Core.Review;
using PtmReuse.Core.Review.Accounts;
using PtmReuse.Dashboard.Accounts;
using PtmReuse.Tests.Infrastructure;

namespace PtmReuse.Tests.Dashboard.Security;

/// <summary>
/// Issue 11, finding 8: the sign-in page told real accounts from missing ones by its lockout message and by its time
/// (53 ms against 5 ms). Through the real login form on a real Kestrel host: a wrong password, a missing account and a
/// locked account now get the same page and take the same time.
/// </summary>
[Collection(DashboardCollection.Name)]
public sealed partial class AccountEnumerationTests
{
    private const int Attempts = 4; // below the five failures that would lock the real account mid-test

    [Fact]
    public async Task Login_WrongPasswordMissingAccountAndLockedAccount_SameMessageAndSimilarTime()
    {
        await using var server = await DashboardServer.StartAsync();
        var accounts = server.Services.GetRequiredService<ReviewerAccounts>();
        await accounts.CreateAsync("enum-real", ReviewerRoles.Reviewer, "enum-real-password", CancellationToken.None);
        await accounts.CreateAsync("enum-locked", ReviewerRoles.Reviewer, "enum-locked-password", CancellationToken.None);
        await accounts.SetLockedAsync("enum-locked", locked: true, CancellationToken.None);
        using var client = DashboardHttp.CreateClient(server);
        // One warm-up sign-in, so JIT and first-connection costs land on no case.
        (await DashboardHttp.PostLoginAsync(client, "warm-up", "warm-up-password")).Dispose();

        var cases = new Dictionary<string, (string User, string Password)>
        {
            ["real account, wrong password"] = ("enum-real", "not-the-password"),
            ["missing account"] = ("enum-nobody", "not-the-password"),
            // The right password, even: a locked account must not be told apart by a different answer.
            ["locked account"] = ("enum-locked", "enum-locked-password"),
        };
        var medians = new Dictionary<string, double>();
        var messages = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (name, (user, password)) in cases)
        {
            var times = new List<double>();
            for (var i = 0; i < Attempts; i++)
            {
                var clock = Stopwatch.StartNew();
                using var response = await DashboardHttp.PostLoginAsync(client, user, password);
                var html = await response.Content.ReadAsStringAsync();
                times.Add(clock.Elapsed.TotalMilliseconds);
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
                Assert.False(DashboardHttp.SetsAuthCookie(response), name);
                messages.Add(WebUtility.HtmlDecode(ErrorAlert().Match(html).Groups[1].Value).Trim());
            }

            medians[name] = times.Order().ElementAt(Attempts / 2);
        }

        Assert.Equal([UniformSignInManager.FailureMessage], messages);
        var report = string.Join(", ", medians.Select(m => $"{m.Key} {m.Value:F0} ms"));
        // Each failure waits out the same floor (400 ms), which is well above one hash plus the failed-attempt write.
        Assert.All(medians.Values, ms => Assert.True(ms >= UniformSignInManager.MinimumFailureTime.TotalMilliseconds * 0.95, report));
        Assert.True(medians.Values.Max() - medians.Values.Min() < 150, $"medians differ too much: {report}");
    }

    [GeneratedRegex("data-testid=\"login-error\"[^>]*>(?:<[^>]+>)*([^<]+)<")]
    private static partial Regex ErrorAlert();
}
