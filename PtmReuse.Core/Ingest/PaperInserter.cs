using System.Buffers;
using System.Data.Common;
using System.Text;
using System.Text.Json;
using PtmReuse.Core.Papers;
using PtmReuse.Core.Storage;

namespace PtmReuse.Core.Ingest;

/// <summary>
/// Inserts brand-new papers (with their sections, captions and sources) through four prepared commands that
/// are reused for every row of a batch, inside the caller's transaction. This is the ingest hot path: EF's change
/// tracker costs several times the parse for a paper with dozens of sections. Values are bound as the CLR types EF
/// stores (dates in UTC), list columns as EF reads them (JSON text in SQLite, text[] in PostgreSQL) and Topics as JSON.
/// Updates and merges stay with EF. <see cref="Columns"/> lets a test check that no mapped column is left out.
/// </summary>
internal sealed class PaperInserter : IDisposable
{
    public static readonly IReadOnlyDictionary<string, string[]> Columns = new Dictionary<string, string[]>
    {
        ["Papers"] =
        [
            "Doi", "ContentHash", "Title", "Journal", "Publisher", "PublishedOn", "Year", "Licence", "Abstract", "ArticleType", "Authors",
            "Keywords", "Subjects", "OpenAlexId", "PrimaryField", "FieldInferred", "ReferenceCount", "SourceFile",
            "SourceFormat", "IngestedAt", "UpdatedAt", "Topics",
        ],
        ["Sections"] = ["PaperId", "Ordinal", "Heading", "Kind", "Text"],
        ["Captions"] = ["PaperId", "Ordinal", "Kind", "Label", "Text"],
        ["Sources"] = ["PaperId", "Path", "Entry", "Format", "ContentHash", "IngestedAt"],
    };

    private readonly DbCommand _paper;
    private readonly DbCommand _section;
    private readonly DbCommand _caption;
    private readonly DbCommand _source;
    private readonly SqlDialect _dialect;
    // Reused for every JSON column of the batch.
    private readonly ArrayBufferWriter<byte> _json = new(1024);

    public PaperInserter(DbConnection connection, DbTransaction transaction)
    {
        _dialect = SqlDialect.For(connection);
        _paper = PreparedInsert.Prepare(connection, transaction, "Papers", Columns["Papers"], " RETURNING \"Id\"", jsonColumns: ["Topics"]);
        _section = PreparedInsert.Prepare(connection, transaction, "Sections", Columns["Sections"], "");
        _caption = PreparedInsert.Prepare(connection, transaction, "Captions", Columns["Captions"], "");
        _source = PreparedInsert.Prepare(connection, transaction, "Sources", Columns["Sources"], "");
    }

    public void Insert(Paper paper)
    {
        PreparedInsert.Bind(_paper,
            paper.Doi, paper.ContentHash, paper.Title, paper.Journal, paper.Publisher, paper.PublishedOn, paper.Year,
            paper.Licence, paper.Abstract, paper.ArticleType, StringList(paper.Authors), StringList(paper.Keywords), StringList(paper.Subjects),
            paper.OpenAlexId, paper.PrimaryField, paper.FieldInferred, paper.ReferenceCount, paper.SourceFile,
            (int)paper.SourceFormat, paper.IngestedAt, paper.UpdatedAt, Topics(paper.Topics));
        paper.Id = Convert.ToInt64(_paper.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);

        foreach (var section in paper.Sections)
        {
            section.PaperId = paper.Id;
            PreparedInsert.Bind(_section, paper.Id, section.Ordinal, section.Heading, (int)section.Kind, section.Text);
            _section.ExecuteNonQuery();
        }

        foreach (var caption in paper.Captions)
        {
            caption.PaperId = paper.Id;
            PreparedInsert.Bind(_caption, paper.Id, caption.Ordinal, (int)caption.Kind, caption.Label, caption.Text);
            _caption.ExecuteNonQuery();
        }

        foreach (var source in paper.Sources)
        {
            source.PaperId = paper.Id;
            PreparedInsert.Bind(_source, paper.Id, source.Path, source.Entry, (int)source.Format, source.ContentHash, source.IngestedAt);
            _source.ExecuteNonQuery();
        }
    }

    public void Dispose()
    {
        _paper.Dispose();
        _section.Dispose();
        _caption.Dispose();
        _source.Dispose();
    }



    private object StringList(List<string> values) => _dialect.StringList(values, StringArray);

    // EF stores primitive collections in SQLite as a JSON array, written by Utf8JsonWriter with its default (escaping) encoder.
    private string StringArray(IReadOnlyList<string> values)
    {
        using var writer = new Utf8JsonWriter(Reset());
        writer.WriteStartArray();
        foreach (var value in values)
        {
            writer.WriteStringValue(value);
        }

        writer.WriteEndArray();
        writer.Flush();
        return Written();
    }

    // The owned Topics collection (ToJson) as EF writes it: properties in ordinal order of their names.
    private string Topics(List<PaperTopic> topics)
    {
        using var writer = new Utf8JsonWriter(Reset());
        writer.WriteStartArray();
        foreach (var topic in topics)
        {
            writer.WriteStartObject();
            writer.WriteString("Domain", topic.Domain);
            writer.WriteString("Field", topic.Field);
            writer.WriteString("Name", topic.Name);
            writer.WriteNumber("Score", topic.Score);
            writer.WriteString("Subfield", topic.Subfield);
            writer.WriteString("TopicId", topic.TopicId);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.Flush();
        return Written();
    }

    private ArrayBufferWriter<byte> Reset()
    {
        _json.ResetWrittenCount();
        return _json;
    }

    private string Written() => Encoding.UTF8.GetString(_json.WrittenSpan);
}
