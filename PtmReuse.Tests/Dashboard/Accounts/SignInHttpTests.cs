using System.Net;
using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using PtmReuse.Core.Review;
using PtmReuse.Core.Review.Accounts;
using PtmReuse.Tests.Infrastructure;

namespace PtmReuse.Tests.Dashboard.Accounts;

/// <summary>One dashboard with the test users, shared by the sign-in tests of one class.</summary>
public sealed class SignInServerFixture : IAsyncLifetime
{
    public DashboardServer Server { get; private set; } = default!;

    public async Task InitializeAsync() => Server = await DashboardServer.StartAsync();

    public async Task DisposeAsync() => await Server.DisposeAsync();
}

/// <summary>Sign-in, roles and "every page needs a user", over real HTTP against the real host.</summary>
public sealed class SignInHttpTests(SignInServerFixture fixture) : IClassFixture<SignInServerFixture>
{
    private DashboardServer Server => fixture.Server;

    [Theory]
    [InlineData("")]
    [InlineData("papers")]
    [InlineData("papers/1")]
    [InlineData("ingest")]
    [InlineData("classify")]
    [InlineData("classify/backends")]
    [InlineData("catalog")]
    [InlineData("account/users")]
    [InlineData("account/denied")]
    [InlineData("no-such-page")]
    public async Task AnonymousGet_AnyPage_RedirectsToLoginWithReturnUrl(string path)
    {
        using var client = DashboardHttp.CreateClient(Server);

        using var response = await client.GetAsync(path);

        Assert.Equal(HttpStatusCode.Found, response.StatusCode);
        Assert.Equal($"/account/login?ReturnUrl={Uri.EscapeDataString("/" + path)}", response.Headers.Location!.PathAndQuery);
    }

    [Theory]
    [InlineData("_blazor/negotiate?negotiateVersion=1")]
    [InlineData("account/logout")]
    public async Task AnonymousPost_CircuitOrEndpoint_IsRefused(string path)
    {
        using var client = DashboardHttp.CreateClient(Server);

        using var response = await client.PostAsync(path, new StringContent(""));

        Assert.True(response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Found, $"{path}: {(int)response.StatusCode}");
        if (response.StatusCode == HttpStatusCode.Found)
        {
            Assert.StartsWith("/account/login", response.Headers.Location!.AbsolutePath, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("_framework/blazor.web.js")]
    [InlineData("app.css")]
    [InlineData("account/login")]
    public async Task AnonymousGet_StaticFilesAndLoginPage_AreServed(string path)
    {
        using var client = DashboardHttp.CreateClient(Server);

        using var response = await client.GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Login_WrongPassword_ShowsErrorAndSetsNoAuthCookie()
    {
        using var client = DashboardHttp.CreateClient(Server);

        using var response = await DashboardHttp.PostLoginAsync(client, TestUsers.Reviewer2, "not-the-password");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Wrong user name or password.", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.False(DashboardHttp.SetsAuthCookie(response));
    }

    [Fact]
    public async Task Login_RightPassword_RedirectsToReturnUrlWithHttpOnlyLaxCookie()
    {
        using var client = DashboardHttp.CreateClient(Server);

        using var response = await DashboardHttp.PostLoginAsync(client, TestUsers.Viewer, TestUsers.PasswordOf(TestUsers.Viewer), "/papers");

        Assert.Equal(HttpStatusCode.Found, response.StatusCode);
        Assert.Equal(new Uri(new Uri(Server.BaseUrl), "/papers"), new Uri(new Uri(Server.BaseUrl), response.Headers.Location!));
        var cookie = response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith(DashboardHttp.AuthCookieName + "=", StringComparison.Ordinal));
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=lax", cookie, StringComparison.OrdinalIgnoreCase);
        using var papers = await client.GetAsync("papers");
        Assert.Equal(HttpStatusCode.OK, papers.StatusCode);
    }

    [Theory]
    [InlineData("//evil.example/phish")]
    [InlineData("/\\evil.example")]
    [InlineData("https://evil.example/")]
    public async Task Login_ReturnUrlToAnotherSite_RedirectsHomeInstead(string returnUrl)
    {
        using var client = DashboardHttp.CreateClient(Server);

        using var response = await DashboardHttp.PostLoginAsync(client, TestUsers.Viewer, TestUsers.PasswordOf(TestUsers.Viewer), returnUrl);

        Assert.Equal(HttpStatusCode.Found, response.StatusCode);
        // Same scheme, host and port as the server: the redirect never leaves the site.
        Assert.Equal(new Uri(new Uri(Server.BaseUrl), "/"), new Uri(new Uri(Server.BaseUrl), response.Headers.Location!));
    }

    [Fact]
    public async Task Login_RepeatedFailures_LockTheAccountEvenForTheRightPassword()
    {
        const string userName = "lockout-target";
        const string password = "lockout-target-password";
        await Server.Services.GetRequiredService<ReviewerAccounts>().CreateAsync(userName, ReviewerRoles.Reviewer, password, CancellationToken.None);
        using var client = DashboardHttp.CreateClient(Server);

        for (var attempt = 0; attempt < AccountsServiceCollectionExtensions.MaxFailedSignIns; attempt++)
        {
            using var failed = await DashboardHttp.PostLoginAsync(client, userName, "wrong-password-" + attempt);
            Assert.False(DashboardHttp.SetsAuthCookie(failed));
        }

        using var response = await DashboardHttp.PostLoginAsync(client, userName, password);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("locked", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.False(DashboardHttp.SetsAuthCookie(response));
        Assert.True((await Server.Services.GetRequiredService<ReviewerAccounts>().ListAsync(CancellationToken.None)).Single(a => a.UserName == userName).LockedOut);
    }

    [Theory]
    [InlineData(TestUsers.Reviewer, "account/users", false)]
    [InlineData(TestUsers.Viewer, "account/users", false)]
    [InlineData(TestUsers.Admin, "account/users", true)]
    [InlineData(TestUsers.Viewer, "ingest", false)]
    [InlineData(TestUsers.Viewer, "classify", false)]
    [InlineData(TestUsers.Reviewer, "ingest", true)]
    [InlineData(TestUsers.Viewer, "papers", true)]
    public async Task SignedInGet_PageBehindAPolicy_IsServedOnlyToRolesThatSatisfyIt(string userName, string path, bool allowed)
    {
        using var client = await DashboardHttp.SignedInClientAsync(Server, userName);

        using var response = await client.GetAsync(path);

        if (allowed)
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }
        else
        {
            Assert.Equal(HttpStatusCode.Found, response.StatusCode);
            Assert.Equal("/account/denied", response.Headers.Location!.AbsolutePath);
        }
    }

    [Theory]
    [InlineData(TestUsers.Admin, true, true)]
    [InlineData(TestUsers.Reviewer, true, false)]
    [InlineData(TestUsers.Viewer, false, false)]
    public async Task Policies_ForTheRealAccountsPrincipal_FollowTheRole(string userName, bool canLabel, bool canAdminister)
    {
        var principal = await PrincipalOfAsync(userName);
        var authorization = Server.Services.GetRequiredService<IAuthorizationService>();

        var label = await authorization.AuthorizeAsync(principal, ReviewPolicies.CanLabel);
        var administer = await authorization.AuthorizeAsync(principal, ReviewPolicies.CanAdminister);

        Assert.Equal((canLabel, canAdminister), (label.Succeeded, administer.Succeeded));
    }

    [Fact]
    public async Task Logout_Posted_EndsTheSession()
    {
        using var client = await DashboardHttp.SignedInClientAsync(Server, TestUsers.Reviewer);
        var token = await DashboardHttp.AntiforgeryTokenAsync(client, "papers");

        using var logout = await client.PostAsync("account/logout", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token,
        }));
        using var after = await client.GetAsync("papers");

        Assert.Equal(HttpStatusCode.Found, logout.StatusCode);
        Assert.Equal("/account/login", logout.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.Found, after.StatusCode);
        Assert.Equal("/account/login", after.Headers.Location!.AbsolutePath);
    }

    [Fact]
    public async Task Logout_WithoutAntiforgeryToken_IsRejected()
    {
        using var client = await DashboardHttp.SignedInClientAsync(Server, TestUsers.Reviewer);

        using var logout = await client.PostAsync("account/logout", new FormUrlEncodedContent(new Dictionary<string, string>()));
        using var after = await client.GetAsync("papers");

        Assert.Equal(HttpStatusCode.BadRequest, logout.StatusCode);
        Assert.Equal(HttpStatusCode.OK, after.StatusCode);
    }

    private async Task<ClaimsPrincipal> PrincipalOfAsync(string userName)
    {
        using var scope = Server.Services.CreateScope();
        var signIn = scope.ServiceProvider.GetRequiredService<SignInManager<ReviewerAccount>>();
        var account = await signIn.UserManager.FindByNameAsync(userName);
        return await signIn.CreateUserPrincipalAsync(account!);
    }
}
