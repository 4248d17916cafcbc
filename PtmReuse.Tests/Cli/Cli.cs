using PtmReuse.Dashboard.Cli;

namespace PtmReuse.Tests.Cli;

/// <summary>Runs a `ptmreuse` command line in process and captures its exit code, output and error text.</summary>
internal static class Cli
{
    public static async Task<(int Code, string Output, string Error)> RunAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = await CommandLineApp.RunAsync(args, output, error);
        return (code, output.ToString(), error.ToString());
    }
}
