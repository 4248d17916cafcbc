using System.Security.Cryptography;
using System.Text;
using PtmReuse.Core.Classification.Evaluation;
using PtmReuse.Tests.Infrastructure;

namespace PtmReuse.Tests.Classification.Evaluation;

/// <summary>The fixed evaluation set (eval/): every paper labelled once, on disk, in one split that never moves.</summary>
public sealed class EvaluationSetTests : IDisposable
{
    private static string EvalFolder => Path.Combine(TestPaths.RepositoryRoot, "eval");

    private readonly string _temp = Path.Combine(Path.GetTempPath(), "ptmreuse-evalset-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_temp))
        {
            Directory.Delete(_temp, recursive: true);
        }
    }

    [Fact]
    public void Load_RepositorySet_EveryPaperOnDiskInOneSplit()
    {
        var papers = EvaluationSet.Load(EvalFolder, TestPaths.Corpus);

        Assert.All(papers, p => Assert.True(File.Exists(p.FullPath), p.FullPath));
        // The shared corpus's 87 labels are all in the set; the test split only ever grows.
        Assert.Equal(87, papers.Count(p => p.Origin == "shared"));
        Assert.True(papers.Count(p => p.Split == EvaluationSplit.Test) >= 100);
        Assert.True(papers.Count(p => p.Split == EvaluationSplit.Dev) >= 100);
    }

    [Fact]
    public void Load_RepositorySet_AddedPapersSplitByTheirPathHash()
    {
        // Labellers A and B added papers to either split by the first hex digit of SHA-256(path) (0-a test), fixed
        // before any classifier ran on them; batch 2 (labeller C) went to dev whole. Re-deriving it catches a hand edit.
        var manifest = File.ReadAllLines(Path.Combine(EvalFolder, "MANIFEST.csv"));
        var added = EvaluationSet.Load(EvalFolder, TestPaths.Corpus).Where(p => p.Origin == "added").ToList();
        Assert.NotEmpty(added);
        foreach (var paper in added.Where(p => p.Split == EvaluationSplit.Test))
        {
            var digit = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(paper.Label.File)))[0];
            Assert.True(digit <= 'a', $"{paper.Label.File} is in test but its hash digit is {digit}");
        }

        // Every added file is openly licensed and attributed.
        Assert.All(added, p => Assert.Contains(manifest, line => line.Contains(Path.GetFileName(p.Label.File), StringComparison.Ordinal)
                                                                 && (line.Contains("CC BY", StringComparison.Ordinal) || line.Contains("CC0", StringComparison.Ordinal) || line.Contains("cc-by", StringComparison.OrdinalIgnoreCase))));
    }

    [Fact]
    public void Load_SplitRowWithoutLabel_NamesFileAndLine()
    {
        var eval = Directory.CreateDirectory(Path.Combine(_temp, "eval")).FullName;
        File.WriteAllText(Path.Combine(eval, "split.csv"), "file,split,origin\neval/corpus/missing.xml,test,added\n");

        var error = Assert.Throws<InvalidDataException>(() => EvaluationSet.Load(eval, Path.Combine(_temp, "corpus")));

        Assert.Contains("split.csv, line 2", error.Message);
        Assert.Contains("eval/corpus/missing.xml has no label", error.Message);
    }

    [Fact]
    public void Load_PaperLabelledTwice_Refused()
    {
        var eval = Directory.CreateDirectory(Path.Combine(_temp, "eval")).FullName;
        var label = """{"file": "eval/corpus/a.md", "uses_dl": false, "uses_ptms": false, "ptms": []}""";
        File.WriteAllText(Path.Combine(eval, "labels-added.jsonl"), label + "\n" + label + "\n");
        File.WriteAllText(Path.Combine(eval, "split.csv"), "file,split,origin\neval/corpus/a.md,dev,added\n");

        var error = Assert.Throws<InvalidDataException>(() => EvaluationSet.Load(eval, Path.Combine(_temp, "corpus")));

        Assert.Contains("labelled twice", error.Message);
    }
}
