using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;

namespace PtmReuse.Core.Classification.Benchmark;

/// <summary>What another build's <c>bench classify</c> printed: papers, and its rates by CPU time and wall clock.</summary>
public sealed record BaselineBuildResult(int Papers, double PapersPerSecondPerCore, double PapersPerSecondWallClock, string Line);

/// <summary>
/// Another build's <c>bench classify</c> (e.g. rules-1.x built from an older commit) run as a child process over the
/// same corpus with the same repetitions, so this build's rules are compared with it in one run, on one machine state.
/// The child measures itself exactly as this build does (same warm-up, single thread, process CPU time).
/// </summary>
public static partial class BaselineBuildBenchmark
{
    public static async Task<BaselineBuildResult> RunAsync(string assemblyPath, string corpusFolder, int repetitions, CancellationToken cancellationToken)
    {
        if (!File.Exists(assemblyPath))
        {
            throw new FileNotFoundException($"Baseline build not found: {assemblyPath}", assemblyPath);
        }

        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { assemblyPath, "bench", "classify", "--corpus", corpusFolder, "--repeat", repetitions.ToString(CultureInfo.InvariantCulture) })
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start dotnet {assemblyPath}");
        try
        {
            var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
            var error = process.StandardError.ReadToEndAsync(cancellationToken);
            await process.WaitForExitAsync(cancellationToken);
            if (process.ExitCode != 0)
            {
                throw new InvalidOperationException($"{assemblyPath} bench classify exited with code {process.ExitCode}: {(await error).Trim()}");
            }

            return Parse(await output, assemblyPath);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }
    }

    /// <summary>The figures of a <c>bench classify</c> output (its "papers:" and "classify ..." lines).</summary>
    public static BaselineBuildResult Parse(string output, string source)
    {
        var papers = PapersLine().Match(output);
        var rates = ClassifyLine().Match(output);
        if (!papers.Success || !rates.Success)
        {
            throw new InvalidDataException($"{source}: its output has no 'papers: N' and 'classify ... papers/s per core; wall clock ... papers/s' lines (not a bench classify output?)");
        }

        return new BaselineBuildResult(
            int.Parse(papers.Groups["papers"].Value, CultureInfo.InvariantCulture),
            double.Parse(rates.Groups["core"].Value, CultureInfo.InvariantCulture),
            double.Parse(rates.Groups["wall"].Value, CultureInfo.InvariantCulture),
            rates.Value.Trim());
    }

    [GeneratedRegex(@"^papers: (?<papers>\d+)", RegexOptions.Multiline)]
    private static partial Regex PapersLine();

    [GeneratedRegex(@"classify \(one thread[^\n]*?= (?<core>[\d.]+) papers/s per core; wall clock [\d.]+ s = (?<wall>[\d.]+) papers/s")]
    private static partial Regex ClassifyLine();
}
