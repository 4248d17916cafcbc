using System.Buffers;
using System.Data.Common;
using System.Text;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using PtmReuse.Core.Papers;
using PtmReuse.Core.Storage;

namespace PtmReuse.Core.Ingest;

/// <summary>
/// Inserts brand-new papers (with their sections, captions and sources) through four prepared SQLite commands that
/// are reused for every row of a batch, inside the caller's transaction. This is the ingest hot path: EF's change
/// tracker costs several times the parse for a paper with dozens of sections. Values are bound as the CLR types EF
/// stores (Microsoft.Data.Sqlite formats dates the same way), and list columns are written as the JSON EF reads.
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

    private readonly SqliteCommand _paper;
    private readonly SqliteCommand _section;
    private readonly SqliteCommand _caption;
    private readonly SqliteCommand _source;
    // Reused for every JSON column of the batch.
    private readonly ArrayBufferWriter<byte> _json = new(1024);

    public PaperInserter(DbConnection connection, DbTransaction transaction)
    {
        var sqlite = (SqliteConnection)connection;
        var sqliteTransaction = (SqliteTransaction)transaction;
        _paper = PreparedInsert.Prepare(sqlite, sqliteTransaction, "Papers", Columns["Papers"], " RETURNING \"Id\"");
        _section = PreparedInsert.Prepare(sqlite, sqliteTransaction, "Sections", Columns["Sections"], "");
        _caption = PreparedInsert.Prepare(sqlite, sqliteTransaction, "Captions", Columns["Captions"], "");
        _source = PreparedInsert.Prepare(sqlite, sqliteTransaction, "Sources", Columns["Sources"], "");
    }

    public void Insert(Paper paper)
    {
        PreparedInsert.Bind(_paper,
            paper.Doi, paper.ContentHash, paper.Title, paper.Journal, paper.Publisher, paper.PublishedOn, paper.Year,
            paper.Licence, paper.Abstract, paper.ArticleType, StringArray(paper.Authors), StringArray(paper.Keywords), StringArray(paper.Subjects),
            paper.OpenAlexId, paper.PrimaryField, paper.FieldInferred, paper.ReferenceCount, paper.SourceFile,
            (int)paper.SourceFormat, paper.IngestedAt, paper.UpdatedAt, Topics(paper.Topics));
        paper.Id = (long)_paper.ExecuteScalar()!;

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



    // EF stores primitive collections as a JSON array, written by Utf8JsonWriter with its default (escaping) encoder.
    private string StringArray(List<string> values)
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
