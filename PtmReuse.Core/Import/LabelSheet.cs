using System.Text.RegularExpressions;
using ClosedXML.Excel;
using CsvHelper;
using PtmReuse.Core.Classification;

namespace PtmReuse.Core.Import;

/// <summary>A model and how it was reused, as the sheet pairs them: "[AlexNet, Adaptation]".</summary>
public sealed record ModelReusePair(string Model, ReusePattern Pattern);

/// <summary>One row of a label sheet; null means the cell was empty (not labelled), not "no".</summary>
public sealed record LabelSheetRow(int Row, string RawDoi, string? Doi, bool? UsesDl, bool? UsesPtms, IReadOnlyList<ModelReusePair>? Pairs, IReadOnlyList<string> Problems);

/// <summary>A sheet that cannot be read at all (missing file, missing DOI column, not CSV/XLSX); names the file.</summary>
public sealed class LabelSheetException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>
/// Reads the study authors' label sheet, CSV or XLSX (first worksheet): a header row with a DOI column and any of
/// "Uses DL?", "Are PTMs Used?" and "PTM and PTM Reuse Method Pairings" (matched ignoring case, spaces and
/// punctuation). Yes/no cells take yes, no, y, n, true, false, 1, 0; pairings are "[AlexNet, Adaptation]; [VGG-16,
/// Adaptation]" with conceptual, adaptation or deployment (optionally "… reuse"). A cell that cannot be read becomes a
/// problem of its row, never a guess.
/// </summary>
public static partial class LabelSheet
{
    public const string DoiColumn = "DOI";
    public const string UsesDlColumn = "Uses DL?";
    public const string UsesPtmsColumn = "Are PTMs Used?";
    public const string PairingsColumn = "PTM and PTM Reuse Method Pairings";

    public static IReadOnlyList<LabelSheetRow> Read(string path)
    {
        if (!File.Exists(path))
        {
            throw new LabelSheetException($"{path}: no such file.");
        }

        var extension = Path.GetExtension(path).ToLowerInvariant();
        var table = extension switch
        {
            ".csv" or ".tsv" => ReadCsv(path),
            ".xlsx" or ".xlsm" => ReadXlsx(path),
            _ => throw new LabelSheetException($"{path}: a label sheet must be .csv or .xlsx, not '{extension}'."),
        };
        return Parse(path, table.Headers, table.Rows);
    }

    private sealed record Table(IReadOnlyList<string> Headers, IReadOnlyList<(int Row, IReadOnlyList<string> Cells)> Rows);

    private static Table ReadCsv(string path)
    {
        try
        {
            using var stream = File.OpenRead(path);
            using var csv = CsvReader.Create(stream, new CsvReaderOptions { HasHeader = true, TrackLineNumbers = true }, false);
            var headers = csv.Headers.ToList();
            var rows = new List<(int, IReadOnlyList<string>)>();
            while (csv.Read())
            {
                var cells = new List<string>(csv.FieldCount);
                for (var i = 0; i < csv.FieldCount; i++)
                {
                    cells.Add(csv.GetString(i));
                }

                rows.Add(((int)csv.LineNumber, cells));
            }

            return new Table(headers, rows);
        }
        catch (CsvFormatException ex)
        {
            throw new LabelSheetException($"{path} is not a readable CSV: {ex.Message}", ex);
        }
    }

    private static Table ReadXlsx(string path)
    {
        try
        {
            using var workbook = new XLWorkbook(path);
            var sheet = workbook.Worksheets.FirstOrDefault() ?? throw new LabelSheetException($"{path} has no worksheet.");
            var used = sheet.RowsUsed().ToList();
            if (used.Count == 0)
            {
                throw new LabelSheetException($"{path}: the first worksheet ('{sheet.Name}') is empty.");
            }

            var width = used[0].LastCellUsed()?.Address.ColumnNumber ?? 0;
            IReadOnlyList<string> Cells(IXLRow row) => Enumerable.Range(1, width).Select(c => row.Cell(c).GetFormattedString().Trim()).ToList();
            return new Table(Cells(used[0]), used.Skip(1).Select(r => (r.RowNumber(), Cells(r))).ToList());
        }
        // ClosedXML and the Open XML SDK throw many exception types for a file that is not a workbook; all mean that.
        catch (Exception ex) when (ex is not LabelSheetException and not OutOfMemoryException)
        {
            throw new LabelSheetException($"{path} is not a readable .xlsx workbook: {ex.Message}", ex);
        }
    }

    private static IReadOnlyList<LabelSheetRow> Parse(string path, IReadOnlyList<string> headers, IReadOnlyList<(int Row, IReadOnlyList<string> Cells)> rows)
    {
        var keys = headers.Select(Key).ToList();
        int Column(string name) => keys.IndexOf(Key(name));
        var doi = Column(DoiColumn);
        if (doi < 0)
        {
            throw new LabelSheetException($"{path} has no '{DoiColumn}' column (columns: {string.Join(", ", headers.Select(h => $"'{h}'"))}).");
        }

        var usesDl = Column(UsesDlColumn);
        var usesPtms = Column(UsesPtmsColumn);
        var pairings = Column(PairingsColumn);
        if (usesDl < 0 && usesPtms < 0 && pairings < 0)
        {
            throw new LabelSheetException($"{path} has none of the label columns '{UsesDlColumn}', '{UsesPtmsColumn}', '{PairingsColumn}'.");
        }

        var result = new List<LabelSheetRow>();
        foreach (var (row, cells) in rows)
        {
            string Cell(int index) => index >= 0 && index < cells.Count ? cells[index].Trim() : "";
            if (cells.All(string.IsNullOrWhiteSpace))
            {
                continue;
            }

            var problems = new List<string>();
            var rawDoi = Cell(doi);
            var normalized = Ingest.Formats.Doi.Normalize(rawDoi);
            if (normalized is null)
            {
                problems.Add(rawDoi.Length == 0 ? "the DOI cell is empty" : $"'{rawDoi}' is not a DOI");
            }

            var dl = Flag(Cell(usesDl), UsesDlColumn, problems);
            var ptms = Flag(Cell(usesPtms), UsesPtmsColumn, problems);
            var pairs = Pairs(Cell(pairings), problems);
            if (pairs is { Count: > 0 } && (ptms == false || dl == false))
            {
                problems.Add($"the row pairs models with reuse methods but says {(dl == false ? "'Uses DL?' = no" : "'Are PTMs Used?' = no")}");
            }

            result.Add(new LabelSheetRow(row, rawDoi, normalized, dl, ptms, pairs, problems));
        }

        return result;
    }

    private static bool? Flag(string text, string column, List<string> problems)
    {
        switch (text.Trim().ToLowerInvariant())
        {
            case "":
                return null;
            case "yes" or "y" or "true" or "1":
                return true;
            case "no" or "n" or "false" or "0":
                return false;
            default:
                problems.Add($"'{column}' is '{text}', not yes or no");
                return null;
        }
    }

    /// <summary>Null for an empty cell; an empty list for "none", "n/a" or "-".</summary>
    private static IReadOnlyList<ModelReusePair>? Pairs(string text, List<string> problems)
    {
        if (text.Length == 0)
        {
            return null;
        }

        if (text.Trim().ToLowerInvariant() is "none" or "n/a" or "na" or "-" or "[]")
        {
            return [];
        }

        var pairs = new List<ModelReusePair>();
        var matches = Pair().Matches(text);
        var leftover = Pair().Replace(text, "").Replace(";", "").Replace(",", "").Trim();
        if (matches.Count == 0 || leftover.Length > 0)
        {
            problems.Add($"'{PairingsColumn}' is '{text}', not pairs like [AlexNet, Adaptation]; [VGG-16, Adaptation]");
            return null;
        }

        foreach (Match match in matches)
        {
            var model = match.Groups["model"].Value.Trim();
            var method = match.Groups["method"].Value.Trim().ToLowerInvariant().Replace("_", " ").Replace(" reuse", "").Trim();
            ReusePattern? pattern = method switch
            {
                "conceptual" => ReusePattern.Conceptual,
                "adaptation" => ReusePattern.Adaptation,
                "deployment" => ReusePattern.Deployment,
                _ => null,
            };
            if (model.Length == 0 || pattern is null)
            {
                problems.Add($"'[{match.Groups["model"].Value}, {match.Groups["method"].Value}]' needs a model and one of conceptual, adaptation, deployment");
                return null;
            }

            pairs.Add(new ModelReusePair(model, pattern.Value));
        }

        return pairs;
    }

    /// <summary>A header compared without case, spaces or punctuation: "Uses DL?" = "uses_dl" = "USES DL".</summary>
    private static string Key(string header) => new(header.Where(char.IsLetterOrDigit).Select(char.ToLowerInvariant).ToArray());

    [GeneratedRegex(@"\[\s*(?<model>[^\[\],]+(?:,[^\[\],]+)*?)\s*,\s*(?<method>[^\[\],]+?)\s*\]")]
    private static partial Regex Pair();
}
