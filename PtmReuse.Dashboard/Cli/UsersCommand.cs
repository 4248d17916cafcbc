using System.CommandLine;
using System.Text;
using PtmReuse.Core.Review;
using PtmReuse.Core.Review.Accounts;

namespace PtmReuse.Dashboard.Cli;

/// <summary>
/// `users add --name N --role R` and `users list`: scriptable accounts. A password is never a command-line argument
/// (it would land in shell history and process lists): it comes from PTMREUSE_NEW_USER_PASSWORD, else stdin.
/// </summary>
internal static class UsersCommand
{
    public const string PasswordVariable = "PTMREUSE_NEW_USER_PASSWORD";

    private static readonly Option<string> NameOption = new("--name") { Description = "User name to sign in with.", Required = true };

    private static readonly Option<string> RoleOption = new Option<string>("--role")
    {
        Description = $"One of: {string.Join(", ", ReviewerRoles.All)}.",
        Required = true,
    }.AcceptOnlyFromAmong([.. ReviewerRoles.All]);

    public static Command Create()
    {
        var users = new Command("users", "Dashboard accounts: add and list.");
        var add = new Command("add", $"Add an account. Password from {PasswordVariable}, else read from stdin.");
        add.Options.Add(NameOption);
        add.Options.Add(RoleOption);
        add.SetAction(AddAsync);
        var list = new Command("list", "List accounts with role and lock status.");
        list.SetAction(ListAsync);
        users.Subcommands.Add(add);
        users.Subcommands.Add(list);
        return users;
    }

    private static async Task<int> AddAsync(ParseResult parse, CancellationToken cancellationToken)
    {
        var name = parse.GetRequiredValue(NameOption);
        var role = parse.GetRequiredValue(RoleOption);
        var password = Environment.GetEnvironmentVariable(PasswordVariable);
        if (string.IsNullOrEmpty(password))
        {
            password = Console.IsInputRedirected ? await Console.In.ReadLineAsync(cancellationToken) : ReadHidden(CliHost.Error(parse));
        }

        if (string.IsNullOrEmpty(password))
        {
            await CliHost.Error(parse).WriteLineAsync($"No password: set {PasswordVariable} or pipe it on stdin.");
            return 1;
        }

        using var host = await CliHost.StartAsync(parse, cancellationToken);
        var result = await host.Services.GetRequiredService<ReviewerAccounts>().CreateAsync(name, role, password, cancellationToken);
        if (!result.Succeeded)
        {
            await CliHost.Error(parse).WriteLineAsync($"Account '{name}' not added: " + string.Join(" ", result.Errors.Select(e => e.Description)));
            return 1;
        }

        await CliHost.Out(parse).WriteLineAsync($"Added {name} ({role}).");
        return 0;
    }

    private static async Task<int> ListAsync(ParseResult parse, CancellationToken cancellationToken)
    {
        using var host = await CliHost.StartAsync(parse, cancellationToken);
        var accounts = await host.Services.GetRequiredService<ReviewerAccounts>().ListAsync(cancellationToken);
        var output = CliHost.Out(parse);
        await output.WriteLineAsync($"{"user",-24} {"role",-10} status");
        foreach (var account in accounts)
        {
            var status = account.LockedOut ? "locked" : "active";
            await output.WriteLineAsync($"{account.UserName,-24} {account.Role,-10} {status}");
        }

        return 0;
    }

    /// <summary>Reads a line from the terminal without echoing it.</summary>
    private static string ReadHidden(TextWriter prompt)
    {
        prompt.Write("Password: ");
        var text = new StringBuilder();
        for (var key = Console.ReadKey(intercept: true); key.Key != ConsoleKey.Enter; key = Console.ReadKey(intercept: true))
        {
            if (key.Key == ConsoleKey.Backspace)
            {
                text.Length = Math.Max(0, text.Length - 1);
            }
            else if (!char.IsControl(key.KeyChar))
            {
                text.Append(key.KeyChar);
            }
        }

        prompt.WriteLine();
        return text.ToString();
    }
}
