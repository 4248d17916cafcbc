using PtmReuse.Tests.Infrastructure;

namespace PtmReuse.Tests.Cli;

/// <summary>`evaluate` end to end: a small evaluation folder ingested into a fresh SQLite file, classified, exported and scored.</summary>
public sealed class EvaluateCliTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "ptmreuse-evaluate-cli-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_root))
        {
            Directory.Delete(_root, recursive: true);
        }
    }

    [Fact]
    public async Task Evaluate_SmallSetWithOneWrongLabel_ScoresBothSplitsAndNamesTheDisagreement()
    {
        // Four dev papers of the repository's set (two scored as test here); one dev label deliberately wrong (a DL paper said not to use DL).
        var eval = Directory.CreateDirectory(Path.Combine(_root, "eval")).FullName;
        Directory.CreateDirectory(Path.Combine(eval, "corpus"));
        var chosen = new[] { ("10.21105_joss.05581.md", "dev"), ("joss_servir_aces_paper.xml", "dev"), ("joss_deepvariant_arm64_paper.xml", "test"), ("10.21105_joss.03202.md", "test") };
        var labels = File.ReadAllLines(Path.Combine(TestPaths.RepositoryRoot, "eval", "labels-added.jsonl"));
        var split = new List<string> { "file,split,origin" };
        var written = new List<string>();
        foreach (var (name, part) in chosen)
        {
            File.Copy(Path.Combine(TestPaths.RepositoryRoot, "eval", "corpus", name), Path.Combine(eval, "corpus", name));
            var label = Assert.Single(labels, l => l.Contains($"\"eval/corpus/{name}\"", StringComparison.Ordinal));
            written.Add(name == "10.21105_joss.05581.md" ? label.Replace("\"uses_dl\": true", "\"uses_dl\": false", StringComparison.Ordinal) : label);
            split.Add($"eval/corpus/{name},{part},added");
        }

        File.WriteAllLines(Path.Combine(eval, "labels-added.jsonl"), written);
        File.WriteAllLines(Path.Combine(eval, "split.csv"), split);

        var (code, output, error) = await Cli.RunAsync("evaluate", "--eval", eval, "--corpus", Path.Combine(_root, "no-shared-corpus"),
            "--disagreements", "--db", Path.Combine(_root, "evaluate.db"));

        Assert.True(code == 0, error);
        Assert.Contains("dev:  2 papers", output);
        Assert.Contains("test: 2 papers", output);
        Assert.Contains("| uses_dl | P 0.50 · R 1.00 · F1 0.67 |", output); // the wrong label is a false positive on dev
        Assert.Contains("10.21105_joss.05581.md: uses_dl labelled False, predicted True", output);
        Assert.DoesNotContain("test disagreements", output); // test is read in aggregate unless asked
        Assert.True(File.Exists(Path.Combine(_root, "evaluate.db")));
    }

    [Fact]
    public async Task Evaluate_MissingSplitFile_ClearErrorExitCode2()
    {
        Directory.CreateDirectory(Path.Combine(_root, "eval"));

        var (code, _, error) = await Cli.RunAsync("evaluate", "--eval", Path.Combine(_root, "eval"), "--corpus", _root);

        Assert.Equal(2, code);
        Assert.Contains("split.csv", error);
        Assert.Contains("missing", error);
    }
}
