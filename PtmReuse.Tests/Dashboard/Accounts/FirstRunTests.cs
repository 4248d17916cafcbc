using System.Net;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using PtmReuse.Core.Review;
using PtmReuse.Core.Review.Accounts;
using PtmReuse.Tests.Infrastructure;

namespace PtmReuse.Tests.Dashboard.Accounts;

/// <summary>How a fresh database gets its first admin: the set-up page, or the configured initial admin.</summary>
public sealed class FirstRunTests
{
    private const string SetupPassword = "first-admin-passphrase";

    [Fact]
    public async Task Setup_OnAnEmptyDatabase_CreatesAdminSignsInAndThenCloses()
    {
        await using var server = await DashboardServer.StartAsync(seedTestUsers: false);
        using var client = DashboardHttp.CreateClient(server);

        using var login = await client.GetAsync("account/login");
        Assert.Equal("/account/setup", new Uri(new Uri(server.BaseUrl), login.Headers.Location!).AbsolutePath);

        using var created = await DashboardHttp.PostFormAsync(client, "account/setup", "setup", new Dictionary<string, string>
        {
            ["Input.UserName"] = "founder",
            ["Input.Password"] = SetupPassword,
            ["Input.ConfirmPassword"] = SetupPassword,
        });
        Assert.Equal(HttpStatusCode.Found, created.StatusCode);
        Assert.True(DashboardHttp.SetsAuthCookie(created));
        using var users = await client.GetAsync("account/users");
        Assert.Equal(HttpStatusCode.OK, users.StatusCode);

        using var anonymous = DashboardHttp.CreateClient(server);
        var closedPage = await anonymous.GetStringAsync("account/setup");
        Assert.Contains("data-testid=\"setup-closed\"", closedPage, StringComparison.Ordinal);
        Assert.DoesNotContain("Input.Password", closedPage, StringComparison.Ordinal);
        var token = await DashboardHttp.AntiforgeryTokenAsync(anonymous, "account/login");
        using var second = await anonymous.PostAsync("account/setup", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "setup",
            ["__RequestVerificationToken"] = token,
            ["Input.UserName"] = "intruder",
            ["Input.Password"] = SetupPassword,
            ["Input.ConfirmPassword"] = SetupPassword,
        }));
        Assert.False(second.IsSuccessStatusCode || DashboardHttp.SetsAuthCookie(second), $"second set-up answered {(int)second.StatusCode}");

        var accounts = await server.Services.GetRequiredService<ReviewerAccounts>().ListAsync(CancellationToken.None);
        Assert.Equal([("founder", ReviewerRoles.Admin)], accounts.Select(a => (a.UserName, a.Role)));
    }

    [Fact]
    public async Task Setup_PasswordsDiffer_CreatesNothing()
    {
        await using var server = await DashboardServer.StartAsync(seedTestUsers: false);
        using var client = DashboardHttp.CreateClient(server);

        using var response = await DashboardHttp.PostFormAsync(client, "account/setup", "setup", new Dictionary<string, string>
        {
            ["Input.UserName"] = "founder",
            ["Input.Password"] = SetupPassword,
            ["Input.ConfirmPassword"] = SetupPassword + "x",
        });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("The two passwords differ.", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.False(await server.Services.GetRequiredService<ReviewerAccounts>().AnyAsync(CancellationToken.None));
    }

    [Fact]
    public async Task InitialAdmin_FromConfiguration_IsCreatedAndItsPasswordIsNeverLogged()
    {
        const string password = "configured-admin-secret-4711";
        const string wrongGuess = "configured-admin-guess-0815";
        var logs = new CapturedLogs();
        await using var server = await DashboardServer.StartAsync(
            settings: new Dictionary<string, string?> { ["Auth:InitialAdmin:UserName"] = "boss", ["PTMREUSE_ADMIN_PASSWORD"] = password },
            seedTestUsers: false,
            configure: builder =>
            {
                builder.Logging.SetMinimumLevel(LogLevel.Trace);
                builder.Logging.AddProvider(logs);
            });
        using var client = DashboardHttp.CreateClient(server);

        using var wrong = await DashboardHttp.PostLoginAsync(client, "boss", wrongGuess);
        using var right = await DashboardHttp.PostLoginAsync(client, "boss", password);

        Assert.False(DashboardHttp.SetsAuthCookie(wrong));
        Assert.True(DashboardHttp.SetsAuthCookie(right));
        var accounts = await server.Services.GetRequiredService<ReviewerAccounts>().ListAsync(CancellationToken.None);
        Assert.Equal([("boss", ReviewerRoles.Admin)], accounts.Select(a => (a.UserName, a.Role)));
        // The capture works (the account's creation is logged by name) and holds neither password.
        Assert.Contains(logs.Lines, line => line.Contains("Created account boss", StringComparison.Ordinal));
        Assert.DoesNotContain(logs.Lines, line => line.Contains(password, StringComparison.Ordinal) || line.Contains(wrongGuess, StringComparison.Ordinal));
    }

    [Fact]
    public async Task InitialAdmin_PasswordInASettingsFile_StopsStartUp()
    {
        var file = Path.Combine(Path.GetTempPath(), "ptmreuse-tests", $"appsettings.{Guid.NewGuid():N}.json");
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        await File.WriteAllTextAsync(file, """{ "PTMREUSE_ADMIN_PASSWORD": "committed-by-mistake-123" }""");
        try
        {
            var error = await Assert.ThrowsAsync<InvalidOperationException>(() => DashboardServer.StartAsync(
                settings: new Dictionary<string, string?> { ["Auth:InitialAdmin:UserName"] = "boss" },
                seedTestUsers: false,
                configure: builder => builder.Configuration.AddJsonFile(file)));

            Assert.Contains(file, error.Message, StringComparison.Ordinal);
            Assert.DoesNotContain("committed-by-mistake-123", error.Message, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(file);
        }
    }
}
