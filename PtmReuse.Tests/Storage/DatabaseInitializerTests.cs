using Microsoft.EntityFrameworkCore;
using PtmReuse.Core.Papers;
using PtmReuse.Tests.Infrastructure;
using PtmReuse.Core.Storage;

namespace PtmReuse.Tests.Storage;

public sealed class DatabaseInitializerTests
{
    [Theory, SqliteData, PostgresData]
    public async Task Initialize_NewDatabase_AppliesMigrationsAndSqliteUsesWal(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var db = await database.OpenAsync();

        Assert.Empty(await db.Database.GetPendingMigrationsAsync());
        Assert.NotEmpty(await db.Database.GetAppliedMigrationsAsync());
        if (provider != DatabaseProvider.Sqlite)
        {
            return;
        }

        var connection = db.Database.GetDbConnection();
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode;";
        Assert.Equal("wal", (string?)await command.ExecuteScalarAsync());
    }

    [Theory, SqliteData, PostgresData]
    public async Task Paper_WithTopicsAndSections_RoundTripsThroughTheStore(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using (var db = await database.OpenAsync())
        {
            db.Papers.Add(new Paper
            {
                Doi = "10.1/x",
                ContentHash = "abc",
                Title = "T",
                Authors = ["A. Author", "B. Author"],
                Topics = [new PaperTopic { Name = "Protein Structure", Field = "Biochemistry, Genetics and Molecular Biology", Score = 0.9 }],
                Sections = [new PaperSection { Ordinal = 0, Heading = "Methods", Kind = SectionKind.Methods, Text = "We used AlphaFold." }],
            });
            await db.SaveChangesAsync();
        }

        await using var read = await database.OpenAsync();
        var paper = await read.Papers.Include(p => p.Sections).SingleAsync();
        Assert.Equal(["A. Author", "B. Author"], paper.Authors);
        Assert.Equal("Biochemistry, Genetics and Molecular Biology", Assert.Single(paper.Topics).Field);
        Assert.Equal(SectionKind.Methods, Assert.Single(paper.Sections).Kind);
    }
}
