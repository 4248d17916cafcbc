using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Identity;
using PtmReuse.Core.Review;
using PtmReuse.Core.Review.Accounts;

namespace PtmReuse.Dashboard.Accounts;

/// <summary>Cookie sign-in over Core's Identity stores, the role policies, and "every page needs a signed-in user".</summary>
public static class DashboardAuthentication
{
    public const string LoginPath = "/account/login";
    public const string LogoutPath = "/account/logout";
    public const string SetupPath = "/account/setup";
    public const string AccessDeniedPath = "/account/denied";

    public static IServiceCollection AddDashboardAuthentication(this IServiceCollection services)
    {
        services.AddCascadingAuthenticationState();
        services.AddScoped<AuthenticationStateProvider, RevalidatingIdentityAuthenticationStateProvider>();
        services.AddAuthentication(options =>
            {
                options.DefaultScheme = IdentityConstants.ApplicationScheme;
                options.DefaultSignInScheme = IdentityConstants.ExternalScheme;
            })
            .AddIdentityCookies();
        new IdentityBuilder(typeof(ReviewerAccount), typeof(IdentityRole), services).AddSignInManager<UniformSignInManager>();
        services.ConfigureApplicationCookie(cookie =>
        {
            cookie.LoginPath = LoginPath;
            cookie.LogoutPath = LogoutPath;
            cookie.AccessDeniedPath = AccessDeniedPath;
            cookie.Cookie.Name = "ptmreuse.auth";
            cookie.Cookie.HttpOnly = true;
            cookie.Cookie.SameSite = SameSiteMode.Lax;
            cookie.ExpireTimeSpan = TimeSpan.FromHours(8);
            cookie.SlidingExpiration = true;
            // Scripts calling /api get status codes with a JSON reason, not a redirect to an HTML page.
            cookie.Events.OnRedirectToLogin = context => ApiAwareRedirect(context, StatusCodes.Status401Unauthorized, "Sign in first.");
            cookie.Events.OnRedirectToAccessDenied = context => ApiAwareRedirect(context, StatusCodes.Status403Forbidden, "Your role does not allow this.");
        });
        // A locked account or a changed role reaches open sessions within a minute (security stamp check).
        services.Configure<SecurityStampValidatorOptions>(options => options.ValidationInterval = TimeSpan.FromMinutes(1));

        services.AddAuthorizationBuilder()
            .SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build())
            .AddPolicy(ReviewPolicies.CanLabel, policy => policy.RequireRole(ReviewerRoles.Admin, ReviewerRoles.Reviewer))
            .AddPolicy(ReviewPolicies.CanAdminister, policy => policy.RequireRole(ReviewerRoles.Admin));

        services.AddOptions<InitialAdminOptions>().BindConfiguration(InitialAdminOptions.Section);
        services.AddSingleton<InitialAdmin>();
        return services;
    }

    /// <summary>Sign-out: a form POST (antiforgery-checked because it binds a form field), then back to the sign-in page.</summary>
    public static IEndpointRouteBuilder MapAccountEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost(LogoutPath, async (SignInManager<ReviewerAccount> signIn, [Microsoft.AspNetCore.Mvc.FromForm] string? returnUrl) =>
        {
            await signIn.SignOutAsync();
            return TypedResults.LocalRedirect("~" + LoginPath);
        });
        return endpoints;
    }

    public const string ApiPrefix = "/api";

    private static Task ApiAwareRedirect(Microsoft.AspNetCore.Authentication.RedirectContext<Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationOptions> context, int status, string reason)
    {
        if (!context.Request.Path.StartsWithSegments(ApiPrefix, StringComparison.OrdinalIgnoreCase))
        {
            context.Response.Redirect(context.RedirectUri);
            return Task.CompletedTask;
        }

        context.Response.StatusCode = status;
        return context.Response.WriteAsJsonAsync(
            new Microsoft.AspNetCore.Mvc.ProblemDetails { Status = status, Title = reason },
            options: null,
            contentType: "application/problem+json",
            cancellationToken: context.HttpContext.RequestAborted);
    }

    /// <summary>A return URL only if it stays on this site (a path, not `//host` or `/\host`); otherwise the home page.</summary>
    public static string LocalReturnUrl(string? returnUrl) =>
        returnUrl is { Length: > 0 } && returnUrl[0] == '/' && (returnUrl.Length == 1 || (returnUrl[1] != '/' && returnUrl[1] != '\\'))
            ? returnUrl
            : "/";
}
