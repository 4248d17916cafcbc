using ClosedXML.Excel;
using Microsoft.Data.Sqlite;
using PtmReuse.Tests.Acquire;

namespace PtmReuse.Tests.Import;

/// <summary>One stored LLM answer for the fixture database: the stage's AIUS table, the DOI and the raw model response.</summary>
public sealed record AiusAnswer(string Table, string Doi, string Response);

/// <summary>
/// Builds an AIUS-schema SQLite database the way the study pipeline lays it out (aius/db.py, documented in
/// docs/acquire.md): `articles`, `openalex` (json_data = the OpenAlex work), `jats`, `markdown` and the five
/// `*_analysis` response tables (doi, system_prompt, user_prompt, model_response, model_reasoning,
/// compute_time_seconds), each with the pipeline's `_id` key; and label sheets in the study authors' shape.
/// </summary>
public static class AiusFixture
{
    private static readonly string[] ResponseTables =
        ["uses_dl_analysis", "uses_ptms_analysis", "identify_ptms_analysis", "identify_ptm_reuse_analysis", "identify_ptm_impact_analysis"];

    /// <summary>The pipeline's tables, column for column (SQLAlchemy's Integer/String/DateTime/Boolean/Float as SQLite types).</summary>
    public const string Schema = """
        CREATE TABLE _llm_prompts (_id INTEGER PRIMARY KEY, tag VARCHAR, prompt VARCHAR, json_string VARCHAR);
        CREATE TABLE _openalex_natural_science_fields (_id INTEGER PRIMARY KEY, openalex_id INTEGER, field VARCHAR);
        CREATE TABLE _search_keywords (_id INTEGER PRIMARY KEY, keyword VARCHAR);
        CREATE TABLE _years (_id INTEGER PRIMARY KEY, year INTEGER);
        CREATE TABLE searches (_id INTEGER PRIMARY KEY, timestamp DATETIME, megajournal VARCHAR, search_keyword VARCHAR, year INTEGER, url VARCHAR, page INTEGER, status_code VARCHAR, json_data VARCHAR);
        CREATE TABLE articles (_id INTEGER PRIMARY KEY, search_id INTEGER REFERENCES searches(_id), doi VARCHAR, title VARCHAR, megajournal VARCHAR, journal VARCHAR);
        CREATE TABLE openalex (_id INTEGER PRIMARY KEY, timestamp DATETIME, doi VARCHAR, cited_by_count INTEGER, open_access BOOLEAN, topic_0 VARCHAR, topic_1 VARCHAR, topic_2 VARCHAR, json_data VARCHAR);
        CREATE TABLE jats (_id INTEGER PRIMARY KEY, doi VARCHAR, jats_xml VARCHAR);
        CREATE TABLE markdown (_id INTEGER PRIMARY KEY, doi VARCHAR, markdown VARCHAR);
        """;

    public static string ResponseTableSql(string table) =>
        $"CREATE TABLE {table} (_id INTEGER PRIMARY KEY, doi VARCHAR, system_prompt VARCHAR, user_prompt VARCHAR, model_response VARCHAR, model_reasoning VARCHAR, compute_time_seconds FLOAT);";

    /// <param name="works">Articles; each gets an `openalex` row unless listed in <paramref name="withoutOpenAlex"/>.</param>
    /// <param name="withJats">Articles whose JATS the `jats` table holds.</param>
    /// <param name="withMarkdown">Articles whose `markdown` table row holds their text (as pandoc wrote it: no DOI in it).</param>
    public static void Create(string path, IReadOnlyList<FixtureWork> works, IReadOnlyList<AiusAnswer> answers, IReadOnlyCollection<string>? withJats = null, IReadOnlyCollection<string>? withoutOpenAlex = null, IReadOnlyCollection<string>? withMarkdown = null)
    {
        using var connection = new SqliteConnection($"Data Source={path};Pooling=False");
        connection.Open();
        using var transaction = connection.BeginTransaction();
        Execute(connection, Schema + string.Concat(ResponseTables.Select(ResponseTableSql)));
        Execute(connection, "INSERT INTO searches (_id, timestamp, megajournal, search_keyword, year, url, page, status_code, json_data) VALUES (1, '2025-01-01 00:00:00', 'plos', 'deep learning', 2020, 'https://journals.plos.org/plosone/dynamicSearch?q=deep+learning', 1, '200', '{}')");
        foreach (var work in works)
        {
            Execute(connection, "INSERT INTO articles (search_id, doi, title, megajournal, journal) VALUES (1, $doi, $title, 'plos', 'PLOS ONE')", ("$doi", work.Doi), ("$title", work.Title));
            if (withoutOpenAlex?.Contains(work.Doi) != true)
            {
                Execute(connection, "INSERT INTO openalex (timestamp, doi, cited_by_count, open_access, topic_0, json_data) VALUES ('2025-01-02 00:00:00', $doi, 3, 1, $field, $json)",
                    ("$doi", work.Doi), ("$field", work.FieldName), ("$json", AcquireFixtureServer.WorkJson(work, "https://api.openalex.org").ToJsonString()));
            }

            if (withJats?.Contains(work.Doi) == true)
            {
                Execute(connection, "INSERT INTO jats (doi, jats_xml) VALUES ($doi, $xml)", ("$doi", work.Doi), ("$xml", System.Text.Encoding.UTF8.GetString(work.FullText!)));
            }

            if (withMarkdown?.Contains(work.Doi) == true)
            {
                Execute(connection, "INSERT INTO markdown (doi, markdown) VALUES ($doi, $md)", ("$doi", work.Doi),
                    ("$md", $"# {work.Title}\n\n## Methods\n\nWe used a pre-trained AlphaFold2 model to predict structures.\n"));
            }
        }

        foreach (var answer in answers)
        {
            Execute(connection, $"INSERT INTO {answer.Table} (doi, system_prompt, user_prompt, model_response, model_reasoning, compute_time_seconds) VALUES ($doi, $system, $user, $response, '', 12.5)",
                ("$doi", answer.Doi), ("$system", "## Context\nYou are an AI model ... (" + answer.Table + ")"), ("$user", "# Paper markdown"), ("$response", answer.Response));
        }

        transaction.Commit();
    }

    private static void Execute(SqliteConnection connection, string sql, params (string Name, object? Value)[] parameters)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        }

        command.ExecuteNonQuery();
    }

    public static readonly string[] SheetHeader = ["DOI", "Uses DL?", "Are PTMs Used?", "PTM and PTM Reuse Method Pairings", "Notes"];

    public static void WriteCsv(string path, IEnumerable<string[]> rows)
    {
        static string Quote(string cell) => cell.Contains(',') || cell.Contains('"') || cell.Contains(';') ? "\"" + cell.Replace("\"", "\"\"") + "\"" : cell;
        File.WriteAllLines(path, new[] { SheetHeader }.Concat(rows).Select(r => string.Join(',', r.Select(Quote))));
    }

    public static void WriteXlsx(string path, IEnumerable<string[]> rows)
    {
        using var workbook = new XLWorkbook();
        var sheet = workbook.AddWorksheet("Author agreement");
        var all = new[] { SheetHeader }.Concat(rows).ToList();
        for (var r = 0; r < all.Count; r++)
        {
            for (var c = 0; c < all[r].Length; c++)
            {
                sheet.Cell(r + 1, c + 1).Value = all[r][c];
            }
        }

        workbook.SaveAs(path);
    }
}
