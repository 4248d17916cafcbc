using PtmReuse.Tests.Infrastructure;

namespace PtmReuse.Tests.Cli;

/// <summary>`explain`: one paper's reasoning, and `--rule-counts` over folders (how general each rule is).</summary>
public sealed class ExplainCliTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "ptmreuse-explain-cli-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_root))
        {
            Directory.Delete(_root, recursive: true);
        }
    }

    [Fact]
    public async Task ExplainRuleCounts_FolderOfTwoPapers_CountsFiresAndPapersPerRule()
    {
        // Two dev papers: a camera-trap package running MegaDetector (a used model) and a paper with no deep learning.
        var folder = Directory.CreateDirectory(Path.Combine(_root, "papers", "nested")).FullName;
        File.Copy(Path.Combine(TestPaths.RepositoryRoot, "eval", "corpus", "10.21105_joss.05581.md"), Path.Combine(folder, "a.md"));
        File.Copy(Path.Combine(TestPaths.RepositoryRoot, "eval", "corpus", "10.1371_journal.pcbi.1007128.md"), Path.Combine(_root, "papers", "b.md"));
        File.WriteAllText(Path.Combine(_root, "papers", "README.md"), "# not a paper");

        var (code, output, error) = await Cli.RunAsync("explain", "--rule-counts", Path.Combine(_root, "papers"));

        Assert.True(code == 0, error);
        Assert.Contains("2 papers from 2 files", output); // the README is skipped, the nested folder read
        Assert.Matches(@"\| P1 \| 1 \| 1 \|", output); // one paper reuses a PTM...
        Assert.Matches(@"\| D0 \| 1 \| 1 \|", output); // ...the other does not use deep learning
        Assert.DoesNotContain("USED", output); // counts only, no per-paper reasoning
    }

    [Fact]
    public async Task ExplainRuleCounts_UnreadableFileInFolder_NamedOnStderrAndOthersCounted()
    {
        var folder = Directory.CreateDirectory(Path.Combine(_root, "mixed")).FullName;
        File.Copy(Path.Combine(TestPaths.RepositoryRoot, "eval", "corpus", "10.1371_journal.pcbi.1007128.md"), Path.Combine(folder, "b.md"));
        var broken = Path.Combine(folder, "broken.xml");
        File.WriteAllText(broken, "<article><body><p>cut off");

        var (code, output, error) = await Cli.RunAsync("explain", "--rule-counts", folder);

        Assert.True(code == 0, error);
        Assert.Contains("1 papers from 2 files", output);
        Assert.Contains($"skipped {broken}:", error);
    }

    [Fact]
    public async Task ExplainRuleCounts_MissingPath_ClearErrorExitCode2()
    {
        var missing = Path.Combine(_root, "no-such-folder");

        var (code, output, error) = await Cli.RunAsync("explain", "--rule-counts", missing);

        Assert.Equal(2, code);
        Assert.Contains($"{missing}: no such file or folder", error);
        Assert.DoesNotContain("| rule |", output);
    }

    [Fact]
    public async Task Explain_TwoFilesWithoutRuleCounts_ClearErrorExitCode2()
    {
        var (code, _, error) = await Cli.RunAsync("explain", "a.md", "b.md");

        Assert.Equal(2, code);
        Assert.Contains("one file", error);
    }
}
