using System.Net;
using System.Text.RegularExpressions;

namespace PtmReuse.Tests.Infrastructure;

/// <summary>
/// Plain HTTP against a <see cref="DashboardServer"/>: a client that keeps cookies and never follows redirects (so a
/// test sees the 302 to the login page), and sign-in through the real login form with its antiforgery token.
/// </summary>
public static partial class DashboardHttp
{
    public const string AuthCookieName = "ptmreuse.auth";

    public static HttpClient CreateClient(DashboardServer server, CookieContainer? cookies = null) =>
        new(new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = cookies ?? new CookieContainer(), UseCookies = true })
        {
            BaseAddress = new Uri(server.BaseUrl),
        };

    /// <summary>A client signed in as a <see cref="TestUsers"/> account; throws if the form does not redirect with a cookie.</summary>
    public static async Task<HttpClient> SignedInClientAsync(DashboardServer server, string userName)
    {
        var client = CreateClient(server);
        using var response = await PostLoginAsync(client, userName, TestUsers.PasswordOf(userName));
        if (response.StatusCode != HttpStatusCode.Found)
        {
            throw new InvalidOperationException($"Sign-in as {userName} answered {(int)response.StatusCode}, not a redirect.");
        }

        return client;
    }

    /// <summary>GETs the login page for its antiforgery token, then posts the form as a browser would.</summary>
    public static Task<HttpResponseMessage> PostLoginAsync(HttpClient client, string userName, string password, string? returnUrl = null) =>
        PostFormAsync(
            client,
            returnUrl is null ? "account/login" : "account/login?ReturnUrl=" + Uri.EscapeDataString(returnUrl),
            "login",
            new Dictionary<string, string> { ["Input.UserName"] = userName, ["Input.Password"] = password });

    /// <summary>Posts a static-SSR Blazor form (its FormName as <paramref name="handler"/>) with the page's antiforgery token.</summary>
    public static async Task<HttpResponseMessage> PostFormAsync(HttpClient client, string path, string handler, IDictionary<string, string> fields)
    {
        var token = await AntiforgeryTokenAsync(client, path);
        var form = new Dictionary<string, string>(fields) { ["_handler"] = handler, ["__RequestVerificationToken"] = token };
        return await client.PostAsync(path, new FormUrlEncodedContent(form));
    }

    /// <summary>The hidden antiforgery field of the form on <paramref name="path"/> (the matching cookie stays in the client).</summary>
    public static async Task<string> AntiforgeryTokenAsync(HttpClient client, string path)
    {
        var html = await client.GetStringAsync(path);
        var match = TokenField().Match(html);
        return match.Success ? WebUtility.HtmlDecode(match.Groups[1].Value) : throw new InvalidOperationException($"No antiforgery token on {path}.");
    }

    public static bool SetsAuthCookie(HttpResponseMessage response) =>
        response.Headers.TryGetValues("Set-Cookie", out var cookies) && cookies.Any(c => c.StartsWith(AuthCookieName + "=", StringComparison.Ordinal) && !c.Contains("expires=Thu, 01 Jan 1970", StringComparison.OrdinalIgnoreCase));

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex TokenField();
}
