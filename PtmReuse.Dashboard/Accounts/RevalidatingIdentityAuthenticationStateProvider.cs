using System.Security.Claims;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using PtmReuse.Core.Review.Accounts;

namespace PtmReuse.Dashboard.Accounts;

/// <summary>
/// A live circuit re-checks its user every minute: a deleted or locked account, a reset password or a changed role
/// (each changes the security stamp) ends the circuit's signed-in state, as in the Identity project template.
/// </summary>
internal sealed class RevalidatingIdentityAuthenticationStateProvider(
    ILoggerFactory loggerFactory, IServiceScopeFactory scopes, IOptions<IdentityOptions> options)
    : RevalidatingServerAuthenticationStateProvider(loggerFactory)
{
    protected override TimeSpan RevalidationInterval => TimeSpan.FromMinutes(1);

    protected override async Task<bool> ValidateAuthenticationStateAsync(AuthenticationState authenticationState, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ReviewerAccount>>();
        var account = await users.GetUserAsync(authenticationState.User);
        if (account is null || await users.IsLockedOutAsync(account))
        {
            return false;
        }

        var principalStamp = authenticationState.User.FindFirstValue(options.Value.ClaimsIdentity.SecurityStampClaimType);
        return principalStamp == await users.GetSecurityStampAsync(account);
    }
}
