using System.Globalization;

namespace PtmReuse.Core.Classification.Evaluation;

/// <summary>Which half of the labelled papers a paper belongs to: rules are tuned on dev only; test is read in aggregate.</summary>
public enum EvaluationSplit
{
    Dev,
    Test,
}

/// <summary>One labelled paper of the evaluation set: its label, its file on disk and its fixed split.</summary>
public sealed record EvaluationPaper(LabelledPaper Label, string FullPath, EvaluationSplit Split, string Origin);

/// <summary>
/// The project's fixed evaluation set (<c>eval/</c> in the repository): <c>split.csv</c> assigns every labelled paper
/// to dev or test once and for all; labels come from the shared corpus (<c>labels.jsonl</c>), this project's earlier
/// fixture (<c>eval/labels-fixture.jsonl</c>) and the papers this project added (<c>eval/labels-added.jsonl</c>,
/// files under <c>eval/corpus/</c>). <c>eval/label-corrections.jsonl</c> replaces a label whose reading was checked
/// against the text and found wrong (each correction says why in its notes).
/// </summary>
public static class EvaluationSet
{
    public const string SplitFile = "split.csv";

    /// <summary>Loads the set. <paramref name="evalFolder"/> is the repository's eval/ folder; <paramref name="corpusFolder"/> the shared corpus.</summary>
    public static IReadOnlyList<EvaluationPaper> Load(string evalFolder, string corpusFolder)
    {
        var splitPath = Path.Combine(evalFolder, SplitFile);
        if (!File.Exists(splitPath))
        {
            throw new FileNotFoundException($"{splitPath}: the evaluation split is missing.", splitPath);
        }

        var labels = new Dictionary<string, LabelledPaper>(StringComparer.Ordinal);
        void AddLabels(string path, bool replace)
        {
            if (!File.Exists(path))
            {
                return;
            }

            foreach (var label in LabelSet.Load(path))
            {
                if (!replace && labels.ContainsKey(label.File))
                {
                    throw new InvalidDataException($"{path}: {label.File} is labelled twice.");
                }

                labels[label.File] = label;
            }
        }

        AddLabels(Path.Combine(corpusFolder, "labels.jsonl"), replace: false);
        AddLabels(Path.Combine(evalFolder, "labels-fixture.jsonl"), replace: false);
        AddLabels(Path.Combine(evalFolder, "labels-added.jsonl"), replace: false);
        AddLabels(Path.Combine(evalFolder, "label-corrections.jsonl"), replace: true);

        var repositoryRoot = Path.GetDirectoryName(Path.GetFullPath(evalFolder).TrimEnd(Path.DirectorySeparatorChar))!;
        var papers = new List<EvaluationPaper>();
        var lineNumber = 0;
        foreach (var line in File.ReadLines(splitPath))
        {
            lineNumber++;
            if (lineNumber == 1 || string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            var parts = line.Split(',');
            if (parts.Length != 3 || !Enum.TryParse<EvaluationSplit>(parts[1], ignoreCase: true, out var split))
            {
                throw new InvalidDataException($"{splitPath}, line {lineNumber}: expected 'file,dev|test,origin'.");
            }

            var file = parts[0];
            if (!labels.TryGetValue(file, out var label))
            {
                throw new InvalidDataException($"{splitPath}, line {lineNumber}: {file} has no label.");
            }

            var fullPath = parts[2] == "added" ? Path.Combine(repositoryRoot, file) : Path.Combine(corpusFolder, file);
            papers.Add(new EvaluationPaper(label, Path.GetFullPath(fullPath), split, parts[2]));
        }

        var duplicates = papers.GroupBy(p => p.Label.File).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        if (duplicates.Count > 0)
        {
            throw new InvalidDataException($"{splitPath}: listed twice: {string.Join(", ", duplicates)}.");
        }

        return papers;
    }

    /// <summary>Counts for the README: papers, DL papers, PTM papers and PTM entries of a split.</summary>
    public static string Describe(IEnumerable<EvaluationPaper> papers)
    {
        var list = papers.ToList();
        return string.Create(CultureInfo.InvariantCulture,
            $"{list.Count} papers, {list.Count(p => p.Label.UsesDl)} use DL, {list.Count(p => p.Label.UsesPtms)} reuse PTMs, {list.Sum(p => p.Label.Ptms.Count)} PTM entries");
    }
}
