using PtmReuse.Dashboard.Cli;

// One executable: `serve` (the default) hosts the dashboard; other verbs are the command line.
return await CommandLineApp.RunAsync(args);

/// <summary>Marker for WebApplicationFactory and tests.</summary>
public partial class Program;
