using PtmReuse.Dashboard.Cli;

namespace PtmReuse.Tests.Cli;

/// <summary>`users add` / `users list` through the real command line. Tests that set the password variable run one at a time.</summary>
[Collection(Name)]
public sealed class UsersCliTests : IDisposable
{
    public const string Name = "users CLI (process environment)";

    private const string PasswordVariable = "PTMREUSE_NEW_USER_PASSWORD";

    private readonly string _directory = Path.Combine(Path.GetTempPath(), "ptmreuse-cli-tests", Guid.NewGuid().ToString("N"));

    public UsersCliTests() => Directory.CreateDirectory(_directory);

    private string Db => Path.Combine(_directory, "users.db");

    [Fact]
    public async Task UsersAdd_PasswordFromEnvironment_IsListedWithRoleAndPasswordNeverPrinted()
    {
        const string password = "scripted-password-123";
        Environment.SetEnvironmentVariable(PasswordVariable, password);
        try
        {
            var added = await Cli.RunAsync("users", "add", "--name", "dana", "--role", "viewer", "--db", Db);
            var listed = await Cli.RunAsync("users", "list", "--db", Db);

            Assert.True(added.Code == 0, added.Error);
            Assert.Contains("Added dana (viewer).", added.Output, StringComparison.Ordinal);
            Assert.Matches(@"\ndana +viewer +active", listed.Output);
            Assert.DoesNotContain(password, added.Output + added.Error + listed.Output + listed.Error, StringComparison.Ordinal);
        }
        finally
        {
            Environment.SetEnvironmentVariable(PasswordVariable, null);
        }
    }

    [Fact]
    public async Task UsersAdd_UnknownRoleOrPasswordArgument_IsRejected()
    {
        var unknownRole = await Cli.RunAsync("users", "add", "--name", "dana", "--role", "boss", "--db", Db);
        var passwordArgument = await Cli.RunAsync("users", "add", "--name", "dana", "--role", "viewer", "--password", "x", "--db", Db);

        Assert.NotEqual(0, unknownRole.Code);
        Assert.NotEqual(0, passwordArgument.Code);
    }


    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is harmless.
        }
    }
}
