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

    public static async Task<int> RunAsync(ParseResult parse, CancellationToken cancellationToken)
    {
        var app = DashboardHost.Build(parse.UnmatchedTokens.ToArray(), parse.GetValue(CommandLineApp.DatabaseOption));
        await DashboardHost.InitializeAsync(app, cancellationToken);
        await app.RunAsync();
        return 0;
    }
}
