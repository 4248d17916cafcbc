using System.CommandLine;

namespace PtmReuse.Dashboard.Cli;

/// <summary>The command tree. Each verb lives in its own file; `serve` is what no arguments does.</summary>
public static class CommandLineApp
{
    public static readonly Option<string?> DatabaseOption = new("--db")
    {
        Description = "Path of the SQLite database (default: Storage:DatabasePath in appsettings.json).",
        Recursive = true,
    };

    public static RootCommand Build()
    {
        var root = new RootCommand("PtmReuse: how natural-science papers reuse pre-trained deep learning models.");
        root.Options.Add(DatabaseOption);
        var serve = ServeCommand.Create();
        root.Subcommands.Add(serve);
        // No verb at all means serve; unknown --options are handed to ASP.NET (e.g. --urls).
        root.TreatUnmatchedTokensAsErrors = false;
        root.SetAction((parse, ct) => ServeCommand.RunAsync(parse, ct));
        return root;
    }

    public static async Task<int> RunAsync(string[] args)
    {
        var parse = Build().Parse(args);
        // The web host handles SIGINT/SIGTERM itself (graceful shutdown); System.CommandLine handling them too
        // makes a second handler fire on the same signal and crash on exit. Other verbs keep System.CommandLine's.
        var configuration = ServeCommand.IsServe(parse) ? new InvocationConfiguration { ProcessTerminationTimeout = null } : null;
        return await parse.InvokeAsync(configuration);
    }
}
