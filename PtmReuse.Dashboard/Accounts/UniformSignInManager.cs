using System.Diagnostics;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using PtmReuse.Core.Review.Accounts;

namespace PtmReuse.Dashboard.Accounts;

/// <summary>
/// Password sign-in that tells nobody whether an account exists. Identity answers a missing name at once and a locked
/// account before it checks the password, while a wrong password costs a password hash and a database write (53 ms
/// against 5 ms, measured): a stopwatch tells real names apart. Here every failure hashes the given password once
/// (against a fixed dummy hash when there is no account, or the account is locked) and then waits until
/// <see cref="MinimumFailureTime"/> has passed, so all failures take the same time. The page shows one message for all.
/// </summary>
public sealed class UniformSignInManager(
    UserManager<ReviewerAccount> userManager,
    IHttpContextAccessor contextAccessor,
    IUserClaimsPrincipalFactory<ReviewerAccount> claimsFactory,
    IOptions<IdentityOptions> optionsAccessor,
    ILogger<SignInManager<ReviewerAccount>> logger,
    IAuthenticationSchemeProvider schemes,
    IUserConfirmation<ReviewerAccount> confirmation)
    : SignInManager<ReviewerAccount>(userManager, contextAccessor, claimsFactory, optionsAccessor, logger, schemes, confirmation)
{
    /// <summary>Longer than a hash plus the failed-attempt write takes here, so that write's time does not show.</summary>
    public static readonly TimeSpan MinimumFailureTime = TimeSpan.FromMilliseconds(400);

    /// <summary>The one message for every refused sign-in (wrong name, wrong password, locked account).</summary>
    public const string FailureMessage =
        "Wrong user name or password. (An account is also refused while it is locked: for 10 minutes after 5 failed attempts, or by an admin.)";

    private static readonly Lazy<string> DummyHash = new(() => new PasswordHasher<ReviewerAccount>().HashPassword(new ReviewerAccount("nobody"), Guid.NewGuid().ToString()));

    public override async Task<SignInResult> PasswordSignInAsync(string userName, string password, bool isPersistent, bool lockoutOnFailure)
    {
        var clock = Stopwatch.StartNew();
        var account = await UserManager.FindByNameAsync(userName);
        SignInResult result;
        if (account is null)
        {
            SpendOneHash(password);
            result = SignInResult.Failed;
        }
        else if (UserManager.SupportsUserLockout && await UserManager.IsLockedOutAsync(account))
        {
            // Decided here, not by Identity: whether Identity hashes before or after its lockout check differs between
            // versions, and a second hash under load doubled the locked account's time. Exactly one hash, as elsewhere.
            SpendOneHash(password);
            result = SignInResult.LockedOut;
        }
        else
        {
            result = await PasswordSignInAsync(account, password, isPersistent, lockoutOnFailure);
            if (result.IsNotAllowed)
            {
                // Identity refused before hashing; hash anyway so this costs what a wrong password costs.
                SpendOneHash(password);
            }
        }

        if (!result.Succeeded && MinimumFailureTime - clock.Elapsed is { } rest && rest > TimeSpan.Zero)
        {
            await Task.Delay(rest);
        }

        return result;
    }

    private void SpendOneHash(string password) =>
        UserManager.PasswordHasher.VerifyHashedPassword(new ReviewerAccount("nobody"), DummyHash.Value, password);
}
