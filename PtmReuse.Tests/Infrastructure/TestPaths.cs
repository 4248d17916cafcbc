namespace PtmReuse.Tests.Infrastructure;

/// <summary>Locates the repository root and the shared corpus (../shared/corpus beside the repository).</summary>
public static class TestPaths
{
    public static string RepositoryRoot { get; } = FindRepositoryRoot();

    public static string Corpus { get; } = Path.GetFullPath(Path.Combine(RepositoryRoot, "..", "shared", "corpus"));

    public static string CorpusFile(string relativePath) => Path.Combine(Corpus, relativePath);

    private static string FindRepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "PtmReuse.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("PtmReuse.sln not found above " + AppContext.BaseDirectory);
    }
}
