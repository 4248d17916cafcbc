using Microsoft.Extensions.Configuration.Json;
using Microsoft.Extensions.Options;
using PtmReuse.Core.Review.Accounts;

namespace PtmReuse.Dashboard.Accounts;

/// <summary>`Auth:InitialAdmin`: the admin created at start-up when missing. Its password is never configured here.</summary>
public sealed class InitialAdminOptions
{
    public const string Section = "Auth:InitialAdmin";

    /// <summary>Environment variable (or user-secrets key) holding the initial admin's password.</summary>
    public const string PasswordVariable = "PTMREUSE_ADMIN_PASSWORD";

    public string? UserName { get; set; }
}

/// <summary>
/// Creates the configured initial admin at start-up when no account of that name exists. The password comes only
/// from the environment or user-secrets: one found in an appsettings file stops start-up, so it is never committed.
/// </summary>
public sealed class InitialAdmin(
    ReviewerAccounts accounts, IOptions<InitialAdminOptions> options, IConfiguration configuration, ILogger<InitialAdmin> logger)
{
    public async Task EnsureAsync(CancellationToken cancellationToken)
    {
        var userName = options.Value.UserName?.Trim();
        if (string.IsNullOrEmpty(userName))
        {
            return;
        }

        RefuseSettingsFilePassword();
        var password = configuration[InitialAdminOptions.PasswordVariable];
        if (string.IsNullOrEmpty(password))
        {
            logger.LogWarning(
                "{Section}:UserName is {UserName} but {Variable} is not set, so no admin was created from configuration",
                InitialAdminOptions.Section, userName, InitialAdminOptions.PasswordVariable);
            return;
        }

        var result = await accounts.EnsureAdminAsync(userName, password, cancellationToken);
        if (!result.Succeeded)
        {
            throw new InvalidOperationException(
                $"The initial admin '{userName}' from {InitialAdminOptions.Section} could not be created: " +
                string.Join(" ", result.Errors.Select(e => e.Description)));
        }
    }

    private void RefuseSettingsFilePassword()
    {
        if (configuration is not IConfigurationRoot root)
        {
            return;
        }

        // The last provider that has the key is the one whose value wins.
        var source = root.Providers.Reverse().FirstOrDefault(p => p.TryGet(InitialAdminOptions.PasswordVariable, out _));
        if (source is JsonConfigurationProvider json && json.Source.Path is { } relative && !relative.EndsWith("secrets.json", StringComparison.OrdinalIgnoreCase))
        {
            var path = json.Source.FileProvider?.GetFileInfo(relative).PhysicalPath ?? relative;
            throw new InvalidOperationException(
                $"{InitialAdminOptions.PasswordVariable} is set in {path}. Passwords belong in the environment or user-secrets, never in a settings file.");
        }
    }
}
