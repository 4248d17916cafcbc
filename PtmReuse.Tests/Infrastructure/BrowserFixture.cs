using Microsoft.Playwright;

namespace PtmReuse.Tests.Infrastructure;

/// <summary>
/// One headless Debian Chromium per test collection (env BROWSER_PATH, default /usr/bin/chromium). Playwright never
/// downloads a browser here; a missing executable fails with a message saying how to install one.
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    public const string DefaultBrowserPath = "/usr/bin/chromium";

    private IPlaywright? _playwright;

    public IBrowser Browser { get; private set; } = default!;

    public static string BrowserPath =>
        Environment.GetEnvironmentVariable("BROWSER_PATH") is { Length: > 0 } path ? path : DefaultBrowserPath;

    public async Task InitializeAsync()
    {
        if (!File.Exists(BrowserPath))
        {
            throw new InvalidOperationException(
                $"Chromium not found at '{BrowserPath}'. Install Debian's (apt-get install chromium) or set BROWSER_PATH; " +
                "scripts/test.sh does both. Browsers are never downloaded by the tests.");
        }

        // Blazor Server needs a moment longer on a busy 2-core machine than Playwright's 5 s default.
        Assertions.SetDefaultExpectTimeout(15_000);
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = BrowserPath,
            Headless = true,
            Args =
            [
                "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--no-first-run",
            ],
        });
    }

    /// <summary>A fresh context (own cookies and storage) and page at <paramref name="baseUrl"/>.</summary>
    public async Task<IPage> NewPageAsync(string baseUrl)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = baseUrl,
            ViewportSize = new ViewportSize { Width = 1366, Height = 900 },
        });
        context.SetDefaultTimeout(15_000);
        return await context.NewPageAsync();
    }

    /// <summary>A fresh context and page, signed in as <paramref name="userName"/> (a <see cref="TestUsers"/> name) through the login form.</summary>
    public async Task<IPage> NewSignedInPageAsync(string baseUrl, string userName)
    {
        var page = await NewPageAsync(baseUrl);
        await page.SignInAsync(userName);
        return page;
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }

        _playwright?.Dispose();
    }
}

public static class DashboardPageExtensions
{
    /// <summary>
    /// Opens <paramref name="path"/> and waits until the Blazor circuit is live (the layout's ready marker), so clicks
    /// reach interactive components rather than the prerendered HTML.
    /// </summary>
    public static async Task GotoInteractiveAsync(this IPage page, string path)
    {
        await page.GotoAsync(path);
        await page.Locator("[data-dashboard-ready]").WaitForAsync(new() { State = WaitForSelectorState.Attached });
    }

    /// <summary>
    /// Waits until <paramref name="predicate"/> (a JS function returning a truthy value) holds in the page. Playwright's own
    /// WaitForFunctionAsync runs its predicate through eval inside the page, which the dashboard's Content-Security-Policy
    /// (no 'unsafe-eval') refuses; EvaluateAsync goes through the DevTools protocol, which the policy does not govern.
    /// </summary>
    public static async Task WaitForConditionAsync(this IPage page, string predicate, int timeoutMs = 15_000)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (!await page.EvaluateAsync<bool>($"() => !!(({predicate})())"))
        {
            if (clock.ElapsedMilliseconds > timeoutMs)
            {
                throw new TimeoutException($"Timeout {timeoutMs}ms exceeded waiting for: {predicate}");
            }

            await Task.Delay(100);
        }
    }

    /// <summary>
    /// Signs in through the real login form as a <see cref="TestUsers"/> account (or with <paramref name="password"/>)
    /// and waits until the browser has left the login page. Fails with the page's error text if sign-in is refused.
    /// </summary>
    public static async Task SignInAsync(this IPage page, string userName, string? password = null)
    {
        await page.GotoAsync("account/login");
        await page.Locator("#username").FillAsync(userName);
        await page.Locator("#password").FillAsync(password ?? TestUsers.PasswordOf(userName));
        // A plain form POST: the answer is a redirect away from the login page, or the page again with an error.
        var response = await page.RunAndWaitForResponseAsync(
            () => page.Locator("form.account-form button[type=submit]").ClickAsync(),
            r => r.Request.Method == "POST" && r.Url.Contains("/account/login", StringComparison.Ordinal));
        if (response.Status is >= 300 and < 400)
        {
            await page.WaitForURLAsync(url => !url.Contains("/account/login", StringComparison.Ordinal));
            return;
        }

        var error = page.Locator("[data-testid=login-error]");
        throw new InvalidOperationException(
            $"Sign-in as {userName} failed ({response.Status}): " + (await error.CountAsync() > 0 ? await error.InnerTextAsync() : "no error shown"));
    }
}
