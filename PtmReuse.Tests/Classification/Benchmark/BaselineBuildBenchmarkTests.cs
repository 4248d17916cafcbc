using PtmReuse.Core.Classification.Benchmark;
using PtmReuse.Tests.Infrastructure;

namespace PtmReuse.Tests.Classification.Benchmark;

public sealed class BaselineBuildBenchmarkTests : IDisposable
{
    private readonly string _corpus = Path.Combine(Path.GetTempPath(), "ptmreuse-baseline-build-" + Guid.NewGuid().ToString("N"));

    public BaselineBuildBenchmarkTests()
    {
        Directory.CreateDirectory(_corpus);
        foreach (var paper in new[] { "plos/journal.pbio.0020188.xml", "mixed/10.21105_joss.04362.md" })
        {
            File.Copy(TestPaths.CorpusFile(paper), Path.Combine(_corpus, Path.GetFileName(paper)));
        }
    }

    public void Dispose() => Directory.Delete(_corpus, recursive: true);

    [Fact]
    public async Task RunAsync_ThisBuildAsTheBaseline_ReadsItsPapersAndRates()
    {
        // The test's own copy of ptmreuse.dll stands in for an older build: same command line, same output.
        var build = Path.Combine(AppContext.BaseDirectory, "ptmreuse.dll");

        var result = await BaselineBuildBenchmark.RunAsync(build, _corpus, 1, CancellationToken.None);

        Assert.Equal(2, result.Papers);
        Assert.True(result.PapersPerSecondPerCore > 0);
        Assert.True(result.PapersPerSecondWallClock > 0);
        Assert.StartsWith("classify (one thread, all five stages): CPU", result.Line);
    }

    [Fact]
    public async Task RunAsync_MissingBuild_NamesTheFile()
    {
        var missing = Path.Combine(_corpus, "no-such-build", "ptmreuse.dll");

        var error = await Assert.ThrowsAsync<FileNotFoundException>(() => BaselineBuildBenchmark.RunAsync(missing, _corpus, 1, CancellationToken.None));

        Assert.Contains(missing, error.Message);
    }

    [Fact]
    public void Parse_OutputWithoutFigures_NamesTheSourceAndWhatIsMissing()
    {
        var error = Assert.Throws<InvalidDataException>(() => BaselineBuildBenchmark.Parse("Usage: ptmreuse bench [command]", "old/ptmreuse.dll"));

        Assert.Contains("old/ptmreuse.dll", error.Message);
        Assert.Contains("papers/s per core", error.Message);
    }

    [Fact]
    public void Parse_Rules1Output_ReadsRatesByCpuAndWallClock()
    {
        // The lines as the rules-1.0 build (commit d32d10e) prints them.
        const string output = """
            papers: 255 (unreadable: 0), repetitions: 5, parse: 5.52 s (not counted)
            classify (one thread, all five stages): CPU 4.099 s = 311.1 papers/s per core; wall clock 2.796 s = 456.0 papers/s
            mean wall-clock time per paper by stage (inflated when other processes share the cores):
            """;

        var result = BaselineBuildBenchmark.Parse(output, "rules-1.0");

        Assert.Equal((255, 311.1, 456.0), (result.Papers, result.PapersPerSecondPerCore, result.PapersPerSecondWallClock));
    }
}
