using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace PtmReuse.Core.Review.Accounts;

/// <summary>One account as the users page and `users list` show it.</summary>
public sealed record ReviewerAccountSummary(string UserName, string Role, bool LockedOut, DateTimeOffset? LockoutEnd, int FailedSignIns);

/// <summary>
/// Account management shared by the dashboard's users page, the first-run setup page, the initial admin from
/// configuration and the CLI. Each call uses its own scope (a fresh UserManager and DbContext), so a long-lived
/// Blazor circuit never works on stale tracked users. Passwords are handed to Identity and never logged.
/// </summary>
public sealed class ReviewerAccounts(IServiceScopeFactory scopes, ILogger<ReviewerAccounts> logger)
{
    // Serialises "create the first admin while there are no users", so two set-up forms cannot both succeed.
    private readonly SemaphoreSlim _firstAdmin = new(1, 1);

    public async Task<bool> AnyAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ReviewerAccount>>().Users;
        return await users.AnyAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<ReviewerAccountSummary>> ListAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<Storage.PtmReuseDbContext>();
        var rows = await (
                from user in db.Users
                join userRole in db.UserRoles on user.Id equals userRole.UserId into userRoles
                from userRole in userRoles.DefaultIfEmpty()
                join role in db.Roles on userRole.RoleId equals role.Id into roles
                from role in roles.DefaultIfEmpty()
                orderby user.UserName
                select new { user.UserName, Role = role == null ? null : role.Name, user.LockoutEnd, user.AccessFailedCount })
            .ToListAsync(cancellationToken);
        var now = DateTimeOffset.UtcNow;
        return rows
            .GroupBy(r => r.UserName!)
            .Select(g =>
            {
                var first = g.First();
                return new ReviewerAccountSummary(g.Key, RoleOf(g.Select(r => r.Role)), first.LockoutEnd > now, first.LockoutEnd, first.AccessFailedCount);
            })
            .ToList();
    }

    /// <summary>Creates an account with one role. Fails (without creating anything) on an unknown role, a taken name or a weak password.</summary>
    public async Task<IdentityResult> CreateAsync(string userName, string role, string password, CancellationToken cancellationToken)
    {
        if (!ReviewerRoles.All.Contains(role))
        {
            return Failed($"Unknown role '{role}'. Roles: {string.Join(", ", ReviewerRoles.All)}.");
        }

        cancellationToken.ThrowIfCancellationRequested();
        await using var scope = scopes.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ReviewerAccount>>();
        var db = scope.ServiceProvider.GetRequiredService<Storage.PtmReuseDbContext>();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var account = new ReviewerAccount(userName.Trim());
        var result = await users.CreateAsync(account, password);
        if (result.Succeeded)
        {
            result = await users.AddToRoleAsync(account, role);
        }

        if (!result.Succeeded)
        {
            return result;
        }

        await transaction.CommitAsync(cancellationToken);
        logger.LogInformation("Created account {UserName} with role {Role}", account.UserName, role);
        return result;
    }

    /// <summary>The first-run set-up: creates an admin only while the database has no accounts at all.</summary>
    public async Task<IdentityResult> CreateFirstAdminAsync(string userName, string password, CancellationToken cancellationToken)
    {
        await _firstAdmin.WaitAsync(cancellationToken);
        try
        {
            if (await AnyAsync(cancellationToken))
            {
                return Failed("An account already exists; the first-run set-up is closed. Sign in instead.");
            }

            return await CreateAsync(userName, ReviewerRoles.Admin, password, cancellationToken);
        }
        finally
        {
            _firstAdmin.Release();
        }
    }

    /// <summary>Creates the configured initial admin when no account of that name exists; an existing one is left alone.</summary>
    public async Task<IdentityResult> EnsureAdminAsync(string userName, string password, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ReviewerAccount>>();
        if (await users.FindByNameAsync(userName) is not null)
        {
            return IdentityResult.Success;
        }

        return await CreateAsync(userName, ReviewerRoles.Admin, password, cancellationToken);
    }

    /// <summary>Replaces the account's role. The last unlocked admin cannot be demoted.</summary>
    public Task<IdentityResult> SetRoleAsync(string userName, string role, CancellationToken cancellationToken) =>
        WithAccountAsync(userName, cancellationToken, async (users, account) =>
        {
            if (!ReviewerRoles.All.Contains(role))
            {
                return Failed($"Unknown role '{role}'.");
            }

            var current = await users.GetRolesAsync(account);
            if (current.Contains(ReviewerRoles.Admin) && role != ReviewerRoles.Admin && await IsLastActiveAdminAsync(users, account))
            {
                return Failed("This is the last admin; make another admin first.");
            }

            var result = await users.RemoveFromRolesAsync(account, current);
            if (result.Succeeded)
            {
                result = await users.AddToRoleAsync(account, role);
            }

            if (result.Succeeded)
            {
                // A new security stamp makes open sessions pick up the new role at their next validation.
                await users.UpdateSecurityStampAsync(account);
                logger.LogInformation("Account {UserName} now has role {Role}", userName, role);
            }

            return result;
        });

    /// <summary>Locks (indefinitely, until unlocked) or unlocks an account. The last unlocked admin cannot be locked.</summary>
    public Task<IdentityResult> SetLockedAsync(string userName, bool locked, CancellationToken cancellationToken) =>
        WithAccountAsync(userName, cancellationToken, async (users, account) =>
        {
            if (locked && await users.IsInRoleAsync(account, ReviewerRoles.Admin) && await IsLastActiveAdminAsync(users, account))
            {
                return Failed("This is the last unlocked admin; it cannot be locked.");
            }

            var result = await users.SetLockoutEndDateAsync(account, locked ? DateTimeOffset.MaxValue : null);
            if (result.Succeeded)
            {
                await users.ResetAccessFailedCountAsync(account);
                await users.UpdateSecurityStampAsync(account);
                logger.LogInformation("Account {UserName} {Action}", userName, locked ? "locked" : "unlocked");
            }

            return result;
        });

    /// <summary>Sets a new password (checked against the password rules before the old one is removed).</summary>
    public Task<IdentityResult> ResetPasswordAsync(string userName, string password, CancellationToken cancellationToken) =>
        WithAccountAsync(userName, cancellationToken, async (users, account) =>
        {
            foreach (var validator in users.PasswordValidators)
            {
                var check = await validator.ValidateAsync(users, account, password);
                if (!check.Succeeded)
                {
                    return check;
                }
            }

            var result = await users.RemovePasswordAsync(account);
            if (result.Succeeded)
            {
                result = await users.AddPasswordAsync(account, password);
            }

            if (result.Succeeded)
            {
                logger.LogInformation("Password of account {UserName} reset", userName);
            }

            return result;
        });

    /// <summary>The single role of an account (the most privileged one if several were assigned outside this class).</summary>
    private static string RoleOf(IEnumerable<string?> roles)
    {
        var set = roles.OfType<string>().ToHashSet(StringComparer.Ordinal);
        return ReviewerRoles.All.FirstOrDefault(set.Contains) ?? "";
    }

    private static async Task<bool> IsLastActiveAdminAsync(UserManager<ReviewerAccount> users, ReviewerAccount account)
    {
        var admins = await users.GetUsersInRoleAsync(ReviewerRoles.Admin);
        var now = DateTimeOffset.UtcNow;
        return !admins.Any(a => a.Id != account.Id && (a.LockoutEnd is null || a.LockoutEnd <= now));
    }

    private async Task<IdentityResult> WithAccountAsync(
        string userName, CancellationToken cancellationToken, Func<UserManager<ReviewerAccount>, ReviewerAccount, Task<IdentityResult>> action)
    {
        cancellationToken.ThrowIfCancellationRequested();
        await using var scope = scopes.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ReviewerAccount>>();
        var account = await users.FindByNameAsync(userName);
        return account is null ? Failed($"No account named '{userName}'.") : await action(users, account);
    }

    private static IdentityResult Failed(string message) => IdentityResult.Failed(new IdentityError { Description = message });
}
