using System.CommandLine;

namespace PtmReuse.Dashboard.Cli;

/// <summary>The command tree. Each verb lives in its own file; `serve` is what no arguments does.</summary>
public static class CommandLineApp
{
    public static readonly Option<string?> DatabaseOption = new("--db")
    {
        Description = "The SQLite database file, or a PostgreSQL connection string \"Host=…;Database=…\" (default: the Storage section of appsettings.json).",
        Recursive = true,
    };

    public static RootCommand Build()
    {
        var root = new RootCommand("PtmReuse: how natural-science papers reuse pre-trained deep learning models.");
        root.Options.Add(DatabaseOption);
        var serve = ServeCommand.Create();
        root.Subcommands.Add(serve);
        root.Subcommands.Add(IngestCommand.Create());
        root.Subcommands.Add(StatsCommand.Create());
        root.Subcommands.Add(ExportCommand.Create(ExportDecisionsCommand.Create(), ExportFiguresCommand.CreateFigures(), ExportFiguresCommand.CreateBundle(), ExportFiguresCommand.CreateReport()));
        root.Subcommands.Add(BenchCommand.Create(BenchIngestMemoryCommand.Create(), BenchClassifyCommand.Create(), BenchSyntheticCommand.Create(), BenchAgreementCommand.Create(), BenchAnalyticsCommand.Create(), BenchReviewCommand.Create(), BenchAcquireCommand.Create()));
        root.Subcommands.Add(ClassifyCommand.Create());
        root.Subcommands.Add(SampleCommand.Create());
        root.Subcommands.Add(AnalyticsCommand.Create());
        root.Subcommands.Add(UsersCommand.Create());
        root.Subcommands.Add(EvaluateCommand.Create());
        root.Subcommands.Add(ExplainCommand.Create());
        root.Subcommands.Add(HarvestCommand.Create());
        root.Subcommands.Add(FetchFullTextCommand.Create());
        root.Subcommands.Add(ImportCommand.Create());
        root.Subcommands.Add(DbCommand.Create());
        // No verb at all means serve; unknown --options are handed to ASP.NET (e.g. --urls).
        root.TreatUnmatchedTokensAsErrors = false;
        root.SetAction((parse, ct) => ServeCommand.RunAsync(parse, ct));
        return root;
    }

    public static async Task<int> RunAsync(string[] args) => await RunAsync(args, null, null);

    /// <summary>Runs a command line with its output and error text going to the given writers (tests capture them).</summary>
    public static async Task<int> RunAsync(string[] args, TextWriter? output, TextWriter? error, CancellationToken cancellationToken = default)
    {
        var parse = Build().Parse(args);
        var configuration = new InvocationConfiguration();
        if (ServeCommand.IsServe(parse))
        {
            // The web host handles SIGINT/SIGTERM itself (graceful shutdown); System.CommandLine handling them too
            // makes a second handler fire on the same signal and crash on exit. Other verbs keep System.CommandLine's.
            configuration.ProcessTerminationTimeout = null;
        }

        if (output is not null)
        {
            configuration.Output = output;
        }

        if (error is not null)
        {
            configuration.Error = error;
        }

        return await parse.InvokeAsync(configuration, cancellationToken);
    }
}
