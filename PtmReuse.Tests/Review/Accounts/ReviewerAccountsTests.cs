using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using PtmReuse.Core.Review;
using PtmReuse.Core.Review.Accounts;
using PtmReuse.Tests.Infrastructure;
using PtmReuse.Core.Storage;

namespace PtmReuse.Tests.Review.Accounts;

public sealed class ReviewerAccountsTests
{
    private const string Password = "a-long-enough-password";

    [Theory, SqliteData, PostgresData]
    public async Task Create_WithRole_ListsTheAccountWithThatRole(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var accounts = database.Get<ReviewerAccounts>();

        var result = await accounts.CreateAsync("ann", ReviewerRoles.Viewer, Password, CancellationToken.None);

        Assert.True(result.Succeeded);
        var listed = Assert.Single(await accounts.ListAsync(CancellationToken.None));
        Assert.Equal(("ann", ReviewerRoles.Viewer, false), (listed.UserName, listed.Role, listed.LockedOut));
    }

    [Theory, SqliteData, PostgresData]
    public async Task Create_UnknownRoleOrShortPassword_FailsAndStoresNothing(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var accounts = database.Get<ReviewerAccounts>();

        var unknownRole = await accounts.CreateAsync("ann", "superuser", Password, CancellationToken.None);
        var shortPassword = await accounts.CreateAsync("ann", ReviewerRoles.Reviewer, "short", CancellationToken.None);

        Assert.False(unknownRole.Succeeded);
        Assert.False(shortPassword.Succeeded);
        Assert.Empty(await accounts.ListAsync(CancellationToken.None));
    }

    [Theory, SqliteData, PostgresData]
    public async Task CreateFirstAdmin_WhenAnAccountExists_IsRefused(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var accounts = database.Get<ReviewerAccounts>();

        var first = await accounts.CreateFirstAdminAsync("root", Password, CancellationToken.None);
        var second = await accounts.CreateFirstAdminAsync("intruder", Password, CancellationToken.None);

        Assert.True(first.Succeeded);
        Assert.False(second.Succeeded);
        Assert.Equal(["root"], (await accounts.ListAsync(CancellationToken.None)).Select(a => a.UserName));
    }

    [Theory, SqliteData, PostgresData]
    public async Task SetRoleAndLock_LastAdmin_AreRefusedUntilAnotherAdminExists(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var accounts = database.Get<ReviewerAccounts>();
        await accounts.CreateAsync("root", ReviewerRoles.Admin, Password, CancellationToken.None);

        Assert.False((await accounts.SetRoleAsync("root", ReviewerRoles.Viewer, CancellationToken.None)).Succeeded);
        Assert.False((await accounts.SetLockedAsync("root", true, CancellationToken.None)).Succeeded);

        await accounts.CreateAsync("second", ReviewerRoles.Admin, Password, CancellationToken.None);
        Assert.True((await accounts.SetRoleAsync("root", ReviewerRoles.Viewer, CancellationToken.None)).Succeeded);
        Assert.Equal(ReviewerRoles.Viewer, (await accounts.ListAsync(CancellationToken.None)).Single(a => a.UserName == "root").Role);
    }

    [Theory, SqliteData, PostgresData]
    public async Task SetLocked_ThenUnlocked_ShowsInTheList(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var accounts = database.Get<ReviewerAccounts>();
        await accounts.CreateAsync("ann", ReviewerRoles.Reviewer, Password, CancellationToken.None);

        await accounts.SetLockedAsync("ann", true, CancellationToken.None);
        var locked = (await accounts.ListAsync(CancellationToken.None)).Single().LockedOut;
        await accounts.SetLockedAsync("ann", false, CancellationToken.None);
        var unlocked = (await accounts.ListAsync(CancellationToken.None)).Single().LockedOut;

        Assert.True(locked);
        Assert.False(unlocked);
    }

    [Theory, SqliteData, PostgresData]
    public async Task ResetPassword_TooShort_KeepsTheOldPassword(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var accounts = database.Get<ReviewerAccounts>();
        await accounts.CreateAsync("ann", ReviewerRoles.Reviewer, Password, CancellationToken.None);

        var result = await accounts.ResetPasswordAsync("ann", "short", CancellationToken.None);

        Assert.False(result.Succeeded);
        using var scope = database.Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ReviewerAccount>>();
        Assert.True(await users.CheckPasswordAsync((await users.FindByNameAsync("ann"))!, Password));
    }
}
