using System.CommandLine;

namespace PtmReuse.Dashboard.Cli;

internal static class ServeCommand
{
    public static Command Create()
    {
        var serve = new Command("serve", "Run the dashboard (honours ASPNETCORE_URLS and --urls).");
        serve.TreatUnmatchedTokensAsErrors = false;
        serve.SetAction((parse, ct) => RunAsync(parse, ct));
        return serve;
    }

    /// <summary>True when the command line runs the dashboard: `serve`, or no verb at all.</summary>
    public static bool IsServe(ParseResult parse) => parse.CommandResult.Command is RootCommand || parse.CommandResult.Command.Name == "serve";

    public static async Task<int> RunAsync(ParseResult parse, CancellationToken cancellationToken)
    {
        var app = DashboardHost.Build(parse.UnmatchedTokens.ToArray(), parse.GetValue(CommandLineApp.DatabaseOption));
        await DashboardHost.InitializeAsync(app, cancellationToken);
        await app.RunAsync();
        return 0;
    }
}
