using System.Text.RegularExpressions;

namespace PtmReuse.Tests.Ingest;

/// <summary>One row of ../shared/corpus/MANIFEST.csv, read with a tiny RFC 4180 splitter independent of the code under test.</summary>
public sealed record ManifestRow(string Path, string? Doi, string Title, int Year, string Journal, string Licence)
{
    public string FullPath => Infrastructure.TestPaths.CorpusFile(Path);

    public static IReadOnlyList<ManifestRow> Load()
    {
        var lines = File.ReadAllLines(Infrastructure.TestPaths.CorpusFile("MANIFEST.csv")).Skip(1).Where(l => l.Length > 0);
        return lines.Select(line =>
        {
            var f = Split(line);
            return new ManifestRow(f[0], f[1].Length == 0 ? null : f[1], f[2], int.Parse(f[3], System.Globalization.CultureInfo.InvariantCulture), f[4], f[5]);
        }).ToList();
    }

    public static string Squash(string text) => Regex.Replace(text, @"\s+", " ").Trim();

    private static List<string> Split(string line)
    {
        var fields = new List<string>();
        var current = new System.Text.StringBuilder();
        var quoted = false;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < line.Length && line[i + 1] == '"')
                {
                    current.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    current.Append(c);
                }
            }
            else if (c == '"')
            {
                quoted = true;
            }
            else if (c == ',')
            {
                fields.Add(current.ToString());
                current.Clear();
            }
            else
            {
                current.Append(c);
            }
        }

        fields.Add(current.ToString());
        return fields;
    }
}
