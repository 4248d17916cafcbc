using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using PtmReuse.Core.Storage;

namespace PtmReuse.Core.Review.Accounts;

public static class AccountsServiceCollectionExtensions
{
    /// <summary>Maximum failed sign-ins before an account is locked for <see cref="LockoutDuration"/>.</summary>
    public const int MaxFailedSignIns = 5;

    public static readonly TimeSpan LockoutDuration = TimeSpan.FromMinutes(10);

    /// <summary>
    /// Identity's user and role stores in the paper database, with the password and lockout rules. The dashboard adds
    /// cookie sign-in on top (<see cref="IdentityBuilder"/> for <see cref="ReviewerAccount"/>); the CLI uses this alone.
    /// </summary>
    public static IdentityBuilder AddReviewerAccounts(this IServiceCollection services)
    {
        services.AddSingleton<ReviewerAccounts>();
        return services.AddIdentityCore<ReviewerAccount>(options =>
            {
                // Length over composition rules (NIST SP 800-63B): long passphrases, no forced symbol soup.
                options.Password.RequiredLength = 10;
                options.Password.RequireDigit = false;
                options.Password.RequireLowercase = false;
                options.Password.RequireUppercase = false;
                options.Password.RequireNonAlphanumeric = false;
                options.Lockout.AllowedForNewUsers = true;
                options.Lockout.MaxFailedAccessAttempts = MaxFailedSignIns;
                options.Lockout.DefaultLockoutTimeSpan = LockoutDuration;
                options.User.RequireUniqueEmail = false;
            })
            .AddRoles<IdentityRole>()
            .AddEntityFrameworkStores<PtmReuseDbContext>();
    }
}
