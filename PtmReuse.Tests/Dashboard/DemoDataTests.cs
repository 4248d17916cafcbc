using PtmReuse.Tests.Infrastructure;
using PtmReuse.Tests.Ingest;

namespace PtmReuse.Tests.Dashboard;

public sealed class DemoDataTests
{
    private static readonly string DemoFolder = Path.Combine(TestPaths.RepositoryRoot, "demo", "papers");

    [Fact]
    public void DemoPapers_EveryBundledFile_IsAnOpenCorpusFileWithoutNcOrNd()
    {
        var manifest = ManifestRow.Load().ToDictionary(r => Path.GetFileName(r.Path));
        var files = Directory.GetFiles(DemoFolder).Select(Path.GetFileName).ToList();

        // Every openly licensed paper of plos/, biorxiv/, dl/ and mixed/ (about 200): real denominators for the trends.
        Assert.InRange(files.Count, 180, 260);
        foreach (var file in files)
        {
            Assert.True(manifest.TryGetValue(file!, out var row), $"{file} is not in the corpus MANIFEST.csv");
            var licence = row.Licence.ToUpperInvariant();
            var tokens = System.Text.RegularExpressions.Regex.Split(licence, "[^A-Z0-9]+");
            Assert.DoesNotContain("NC", tokens);
            Assert.DoesNotContain("ND", tokens);
            Assert.True(licence.Contains("CC BY", StringComparison.Ordinal) || licence.Contains("CC0", StringComparison.Ordinal)
                        || licence.Contains("/BY/", StringComparison.Ordinal) || licence.Contains("ZERO", StringComparison.Ordinal),
                $"{file}: licence '{row.Licence}' is not CC BY or CC0");
            // Copied unmodified: the licences require it for attribution, and the tests compare against the corpus.
            Assert.Equal(File.ReadAllBytes(row.FullPath), File.ReadAllBytes(Path.Combine(DemoFolder, file!)));
        }
    }

    [Fact]
    public void DemoAttribution_ListsEveryBundledFileWithTitleAndLicence()
    {
        var attribution = File.ReadAllLines(Path.Combine(TestPaths.RepositoryRoot, "demo", "ATTRIBUTION.md"));
        var manifest = ManifestRow.Load().ToDictionary(r => Path.GetFileName(r.Path));
        foreach (var file in Directory.GetFiles(DemoFolder).Select(Path.GetFileName))
        {
            var line = Assert.Single(attribution, l => l.StartsWith($"| {file} |", StringComparison.Ordinal));
            var row = manifest[file!];
            Assert.Contains(row.Title.Replace("|", "\\|", StringComparison.Ordinal), line, StringComparison.Ordinal);
            Assert.Contains(row.Licence, line, StringComparison.Ordinal);
            if (row.Doi is not null)
            {
                Assert.Contains($"https://doi.org/{row.Doi}", line, StringComparison.Ordinal);
            }
        }

        Assert.Contains(attribution, l => l.Contains("no NC or ND", StringComparison.Ordinal));
    }
}
