using PtmReuse.Core.Classification;
using PtmReuse.Core.Ingest.Formats;
using PtmReuse.Tests.Infrastructure;

namespace PtmReuse.Tests.Classification.Evaluation;

/// <summary>Corpus papers parsed once per test run (no database) and the label fixture.</summary>
internal static class CorpusPapers
{
    private static readonly Lazy<Dictionary<string, PaperDocument>> Documents = new(() => new Dictionary<string, PaperDocument>());

    public static string LabelsPath => Path.Combine(TestPaths.RepositoryRoot, "PtmReuse.Tests", "Classification", "Fixtures", "labels.jsonl");

    public static PaperDocument Load(string relativePath)
    {
        lock (Documents.Value)
        {
            if (!Documents.Value.TryGetValue(relativePath, out var document))
            {
                var paper = PaperReader.ReadFile(TestPaths.CorpusFile(relativePath))[0];
                document = PaperDocument.FromPaper(paper);
                Documents.Value[relativePath] = document;
            }

            return document;
        }
    }
}
