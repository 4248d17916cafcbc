using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using PtmReuse.Core.Ingest;
using PtmReuse.Core.Papers;
using PtmReuse.Core.Storage;
using PtmReuse.Tests.Infrastructure;

namespace PtmReuse.Tests.Ingest;

public sealed class PaperInserterTests
{
    [Fact]
    public async Task Columns_EveryMappedColumnOfTheInsertedTables_IsWritten()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var db = await database.OpenAsync();

        foreach (var (table, columns) in PaperInserter.Columns)
        {
            var entity = db.Model.GetEntityTypes().Single(e => e.GetTableName() == table && e.FindOwnership() is null);
            var mapped = entity.GetProperties().Select(p => p.GetColumnName())
                .Concat(entity.GetNavigations().Where(n => n.TargetEntityType.IsMappedToJson()).Select(n => n.TargetEntityType.GetContainerColumnName()!))
                .Where(c => c != "Id")
                .Order(StringComparer.Ordinal);
            Assert.Equal(mapped, columns.Order(StringComparer.Ordinal));
        }
    }

    [Fact]
    public async Task Insert_PaperWithEveryValueSet_StoresTheSameRowsAsEntityFramework()
    {
        await using var database = await TestDatabase.CreateAsync();
        var viaEf = SamplePaper("10.1/ef");
        var viaInserter = SamplePaper("10.1/fast");
        await using (var db = await database.OpenAsync())
        {
            db.Papers.Add(viaEf);
            await db.SaveChangesAsync();
        }

        await using (var db = await database.OpenAsync())
        {
            await using var transaction = await db.Database.BeginTransactionAsync();
            using (var inserter = new PaperInserter(db.Database.GetDbConnection(), transaction.GetDbTransaction()))
            {
                inserter.Insert(viaInserter);
            }

            await transaction.CommitAsync();
        }

        foreach (var table in PaperInserter.Columns.Keys)
        {
            var efRows = await RawRowsAsync(database.DatabasePath, table, viaEf.Id);
            var fastRows = await RawRowsAsync(database.DatabasePath, table, viaInserter.Id);
            Assert.NotEmpty(efRows);
            Assert.Equal(efRows.Select(r => r.Replace("10.1/ef", "10.1/fast", StringComparison.Ordinal)), fastRows);
        }

        await using var read = await database.OpenAsync();
        var stored = await read.Papers.AsNoTracking().Include(p => p.Sections).Include(p => p.Captions).Include(p => p.Sources)
            .AsSplitQuery().SingleAsync(p => p.Doi == "10.1/fast");
        Assert.Equal(["Sébastien Mick", "Timothy O’Leary"], stored.Authors);
        Assert.Equal("Neuroscience", Assert.Single(stored.Topics).Field);
        Assert.Equal(new DateOnly(2023, 4, 5), stored.PublishedOn);
        Assert.Equal(2, stored.Sections.Count);
        Assert.Equal("Fig 1", Assert.Single(stored.Captions).Label);
        Assert.Equal("papers.zip", Assert.Single(stored.Sources).Path);
    }

    /// <summary>Every column but the ids, as SQLite stores it (type and text), so formats must match exactly.</summary>
    private static async Task<List<string>> RawRowsAsync(string path, string table, long paperId)
    {
        await using var connection = new SqliteConnection($"Data Source={path}");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = table == "Papers"
            ? "SELECT * FROM \"Papers\" WHERE \"Id\" = $id"
            : $"SELECT * FROM \"{table}\" WHERE \"PaperId\" = $id ORDER BY \"Id\"";
        command.Parameters.AddWithValue("$id", paperId);
        var rows = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            var cells = Enumerable.Range(0, reader.FieldCount)
                .Where(i => reader.GetName(i) is not ("Id" or "PaperId"))
                .Select(i => $"{reader.GetName(i)}={reader.GetDataTypeName(i)}:{(reader.IsDBNull(i) ? "NULL" : reader.GetString(i))}");
            rows.Add(string.Join("|", cells));
        }

        return rows;
    }

    private static Paper SamplePaper(string doi)
    {
        var at = new DateTime(2026, 3, 4, 5, 6, 7, 891, DateTimeKind.Utc).AddTicks(2345);
        return new Paper
        {
            Doi = doi,
            ContentHash = new string('a', 64),
            Title = "A “quoted” title with ü and <markup>",
            Journal = "PLOS Biology",
            Publisher = null,
            PublishedOn = new DateOnly(2023, 4, 5),
            Year = 2023,
            Licence = "CC BY 4.0",
            Abstract = "Line one.\n\nLine two.",
            Authors = ["Sébastien Mick", "Timothy O’Leary"],
            Keywords = ["deep learning"],
            Subjects = [],
            OpenAlexId = "W123",
            Topics = [new PaperTopic { TopicId = "T1", Name = "Brain imaging", Subfield = null, Field = "Neuroscience", Domain = "Life Sciences", Score = 0.9921 }],
            PrimaryField = "Neuroscience",
            FieldInferred = true,
            ReferenceCount = 42,
            SourceFile = "papers.zip!a.xml",
            SourceFormat = SourceFormat.Jats,
            IngestedAt = at,
            UpdatedAt = at.AddSeconds(1),
            Sections =
            [
                new PaperSection { Ordinal = 0, Heading = "Abstract", Kind = SectionKind.Abstract, Text = "Line one." },
                new PaperSection { Ordinal = 1, Heading = "Methods", Kind = SectionKind.Methods, Text = "x^2 ≤ 3" },
            ],
            Captions = [new PaperCaption { Ordinal = 0, Kind = CaptionKind.Table, Label = "Fig 1", Text = "A caption." }],
            Sources = [new PaperSource { Path = "papers.zip", Entry = "a.xml", Format = SourceFormat.Jats, ContentHash = new string('b', 64), IngestedAt = at }],
        };
    }
}
