using Microsoft.Data.Sqlite;
using PtmReuse.Core.Classification;

namespace PtmReuse.Core.Import;

/// <summary>An AIUS database that cannot be imported; the message names the file and what is missing or wrong.</summary>
public sealed class AiusImportException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>An article of the study: its DOI, title and journal, and the OpenAlex work JSON stored for it (if any).</summary>
public sealed record AiusArticle(string Doi, string? Title, string? Journal, string? OpenAlexJson);

/// <summary>One stored LLM answer of the study pipeline.</summary>
public sealed record AiusResponse(string Doi, string? SystemPrompt, string? Response, string? Reasoning, double? Seconds);

/// <summary>
/// Reads the study pipeline's SQLite database (AIUS, aius/db.py): `articles` (doi, title, megajournal, journal),
/// `openalex` (doi, json_data = the OpenAlex work), optional `jats` (doi, jats_xml) and `markdown` (doi, markdown), and
/// one response table per prompt, each (doi, system_prompt, user_prompt, model_response, model_reasoning,
/// compute_time_seconds). The file is opened read-only and never changed. All the SQL of the import lives here.
/// </summary>
public sealed class AiusDatabase : IDisposable
{
    /// <summary>The pipeline's response table of each stage (its prompt ids uses_dl … identify_ptm_impact).</summary>
    public static readonly IReadOnlyDictionary<Stage, string> ResponseTables = new Dictionary<Stage, string>
    {
        [Stage.UsesDl] = "uses_dl_analysis",
        [Stage.UsesPtms] = "uses_ptms_analysis",
        [Stage.IdentifyPtms] = "identify_ptms_analysis",
        [Stage.PtmReuse] = "identify_ptm_reuse_analysis",
        [Stage.PtmImpact] = "identify_ptm_impact_analysis",
    };

    private readonly SqliteConnection _connection;
    private readonly HashSet<string> _tables;

    private AiusDatabase(string path, SqliteConnection connection, HashSet<string> tables)
    {
        Path = path;
        _connection = connection;
        _tables = tables;
    }

    public string Path { get; }

    public bool Has(string table) => _tables.Contains(table);

    public static AiusDatabase Open(string path)
    {
        if (!File.Exists(path))
        {
            throw new AiusImportException($"{path}: no such file.");
        }

        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
        try
        {
            connection.Open();
            var tables = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            using (var command = connection.CreateCommand())
            {
                command.CommandText = "SELECT name FROM sqlite_master WHERE type IN ('table', 'view')";
                using var reader = command.ExecuteReader();
                while (reader.Read())
                {
                    tables.Add(reader.GetString(0));
                }
            }

            var missing = new[] { "articles", "openalex" }.Where(t => !tables.Contains(t)).ToList();
            if (missing.Count > 0)
            {
                throw new AiusImportException($"{path} is not an AIUS database: it has no {string.Join(" or ", missing.Select(m => $"`{m}`"))} table (tables: {(tables.Count == 0 ? "none" : string.Join(", ", tables.Order()))}).");
            }

            return new AiusDatabase(path, connection, tables);
        }
        catch (SqliteException ex)
        {
            connection.Dispose();
            throw new AiusImportException($"{path} is not a readable SQLite database: {ex.Message}", ex);
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    /// <summary>Every DOI of `articles` and `openalex`, with the newest OpenAlex JSON of each.</summary>
    public IReadOnlyList<AiusArticle> Articles()
    {
        var openAlex = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        foreach (var row in Query("SELECT doi, json_data FROM openalex WHERE doi IS NOT NULL ORDER BY _id"))
        {
            openAlex[row[0]!] = row[1];
        }

        var articles = new Dictionary<string, AiusArticle>(StringComparer.OrdinalIgnoreCase);
        foreach (var row in Query("SELECT doi, title, journal FROM articles WHERE doi IS NOT NULL ORDER BY _id"))
        {
            articles[row[0]!] = new AiusArticle(row[0]!, row[1], row[2], openAlex.GetValueOrDefault(row[0]!));
        }

        foreach (var (doi, json) in openAlex.Where(o => !articles.ContainsKey(o.Key)))
        {
            articles[doi] = new AiusArticle(doi, null, null, json);
        }

        return articles.Values.ToList();
    }

    /// <summary>Full text by DOI from `jats` (preferred) or `markdown`, with the file extension it needs.</summary>
    public IEnumerable<(string Doi, string Text, string Extension)> FullTexts()
    {
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        if (Has("jats"))
        {
            foreach (var row in Query("SELECT doi, jats_xml FROM jats WHERE doi IS NOT NULL AND jats_xml IS NOT NULL ORDER BY _id DESC"))
            {
                if (seen.Add(row[0]!))
                {
                    yield return (row[0]!, row[1]!, ".xml");
                }
            }
        }

        if (Has("markdown"))
        {
            foreach (var row in Query("SELECT doi, markdown FROM markdown WHERE doi IS NOT NULL AND markdown IS NOT NULL ORDER BY _id DESC"))
            {
                if (seen.Add(row[0]!))
                {
                    yield return (row[0]!, row[1]!, ".md");
                }
            }
        }
    }

    /// <summary>The stage's stored answers, the newest per DOI; empty when the table is absent.</summary>
    public IReadOnlyList<AiusResponse> Responses(Stage stage)
    {
        var table = ResponseTables[stage];
        if (!Has(table))
        {
            return [];
        }

        var latest = new Dictionary<string, AiusResponse>(StringComparer.OrdinalIgnoreCase);
        foreach (var row in Query($"SELECT doi, system_prompt, model_response, model_reasoning, CAST(compute_time_seconds AS TEXT) FROM \"{table}\" WHERE doi IS NOT NULL ORDER BY _id"))
        {
            latest[row[0]!] = new AiusResponse(row[0]!, row[1], row[2], row[3],
                double.TryParse(row[4], System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var seconds) ? seconds : null);
        }

        return latest.Values.ToList();
    }

    private IEnumerable<string?[]> Query(string sql)
    {
        using var command = _connection.CreateCommand();
        command.CommandText = sql;
        SqliteDataReader reader;
        try
        {
            reader = command.ExecuteReader();
        }
        catch (SqliteException ex)
        {
            throw new AiusImportException($"{Path}: the AIUS table layout is not as expected ({ex.Message}).", ex);
        }

        using (reader)
        {
            while (reader.Read())
            {
                var values = new string?[reader.FieldCount];
                for (var i = 0; i < values.Length; i++)
                {
                    values[i] = reader.IsDBNull(i) ? null : Convert.ToString(reader.GetValue(i), System.Globalization.CultureInfo.InvariantCulture);
                }

                yield return values;
            }
        }
    }

    public void Dispose() => _connection.Dispose();
}
