using Microsoft.EntityFrameworkCore;
using PtmReuse.Core.Review;
using PtmReuse.Core.Review.Accounts;
using PtmReuse.Core.Storage;
using PtmReuse.Tests.Infrastructure;
using PtmReuse.Tests.Review;
using CliRunner = PtmReuse.Tests.Cli.Cli;

namespace PtmReuse.Tests.Storage;

/// <summary>`ptmreuse db copy` and `db migrate` through the real command line, between a SQLite file and a real PostgreSQL database.</summary>
public sealed class DatabaseCopyTests
{
    [PostgresFact]
    public async Task DbCopy_SqliteToPostgresAndBack_GivesIdenticalExportsAndMatchingCounts()
    {
        await using var original = await TestDatabase.CreateAsync();
        var papers = Directory.GetFiles(Path.Combine(TestPaths.RepositoryRoot, "demo", "papers")).Order(StringComparer.Ordinal).Take(8).ToArray();
        Assert.Equal(0, (await CliRunner.RunAsync(["ingest", .. papers, "--db", original.DatabasePath])).Code);
        Assert.Equal(0, (await CliRunner.RunAsync("classify", "--db", original.DatabasePath)).Code);
        await TestUsers.SeedAsync(original.Get<ReviewerAccounts>());
        long labelledPaper;
        await using (var db = await original.OpenAsync())
        {
            labelledPaper = await db.Papers.OrderBy(p => p.Id).Select(p => p.Id).FirstAsync();
        }

        // A reviewer's correction with a note: labels, JSON values and dates must survive both trips.
        await new AgreementTestData(original).AddLabelAsync(labelledPaper, AgreementTestData.Dl(false), TestUsers.Reviewer);
        await new AgreementTestData(original).AddNoteAsync(labelledPaper, "uses_dl", TestUsers.Reviewer2);

        var postgres = await TestPostgres.CreateDatabaseAsync();
        var back = Path.Combine(original.Directory, "back.db");
        try
        {
            var there = await CliRunner.RunAsync("db", "copy", "--from", original.DatabasePath, "--to", postgres);
            Assert.True(there.Code == 0, there.Output + there.Error);
            Assert.Contains("Row counts match", there.Output, StringComparison.Ordinal);
            Assert.Contains("HumanLabels", there.Output, StringComparison.Ordinal);
            Assert.DoesNotContain("MISMATCH", there.Output, StringComparison.Ordinal);

            var home = await CliRunner.RunAsync("db", "copy", "--from", postgres, "--to", back);
            Assert.True(home.Code == 0, home.Output + home.Error);

            var exports = new List<string>();
            foreach (var (name, db) in new[] { ("original", original.DatabasePath), ("postgres", postgres), ("back", back) })
            {
                foreach (var what in new[] { "decisions", "papers" })
                {
                    var file = Path.Combine(original.Directory, $"{name}-{what}.jsonl");
                    var export = await CliRunner.RunAsync("export", what, "--format", "jsonl", "--out", file, "--db", db);
                    Assert.True(export.Code == 0, export.Output + export.Error);
                }

                exports.Add(await File.ReadAllTextAsync(Path.Combine(original.Directory, $"{name}-decisions.jsonl"))
                    + await File.ReadAllTextAsync(Path.Combine(original.Directory, $"{name}-papers.jsonl")));
            }

            Assert.Contains("\"label_source\":\"human\"", exports[0], StringComparison.Ordinal);
            Assert.Equal(exports[0], exports[1]);
            Assert.Equal(exports[0], exports[2]);

            // Accounts came along: the reviewer's password still verifies against the copied hash.
            await using var copied = await TestDatabase.CreateAsync(settings: new Dictionary<string, string?>
            {
                [$"{StorageOptions.Section}:{nameof(StorageOptions.DatabasePath)}"] = back,
            });
            Assert.Contains(TestUsers.Reviewer, (await copied.Get<ReviewerAccounts>().ListAsync(CancellationToken.None)).Select(a => a.UserName));
        }
        finally
        {
            await TestPostgres.DropDatabaseAsync(postgres);
        }
    }

    [PostgresFact]
    public async Task DbCopy_TargetNotEmpty_RefusesNamingTheTableAndKeepsTheTarget()
    {
        await using var source = await TestDatabase.CreateAsync();
        await using var target = await TestDatabase.CreateAsync(DatabaseProvider.Postgres);
        await ReviewTestData.PaperAsync(target, "Already here");

        var result = await CliRunner.RunAsync("db", "copy", "--from", source.DatabasePath, "--to", target.DatabaseArgument);

        Assert.Equal(1, result.Code);
        Assert.Contains("not empty: Papers has 1 rows", result.Error, StringComparison.Ordinal);
        await using var db = await target.OpenAsync();
        Assert.Equal("Already here", Assert.Single(await db.Papers.Select(p => p.Title).ToListAsync()));
    }

    [Theory, SqliteData, PostgresData]
    public async Task DbMigrate_NewDatabase_AppliesEveryMigrationThenReportsCurrent(DatabaseProvider provider)
    {
        var directory = Path.Combine(Path.GetTempPath(), "ptmreuse-tests", "migrate-" + Guid.NewGuid().ToString("N"));
        string target;
        if (provider == DatabaseProvider.Postgres)
        {
            // A database that does not exist yet: migrate creates it.
            var name = "ptmreuse_migrate_" + Guid.NewGuid().ToString("N")[..12];
            target = TestPostgres.WithDatabase(TestPostgres.ServerConnectionString ?? throw new InvalidOperationException(TestPostgres.ServerVariable + " is not set."), name);
        }
        else
        {
            target = Path.Combine(directory, "new.db");
        }

        try
        {
            var first = await CliRunner.RunAsync("db", "migrate", "--db", target);
            Assert.True(first.Code == 0, first.Output + first.Error);
            Assert.Contains("applied", first.Output, StringComparison.Ordinal);
            // SQLite applies its whole history up to this branch's migration; PostgreSQL its own Initial.
            Assert.Contains(provider == DatabaseProvider.Postgres ? "_Initial" : "_SharedServer", first.Output, StringComparison.Ordinal);

            var second = await CliRunner.RunAsync("db", "migrate", "--db", target);
            Assert.Equal(0, second.Code);
            Assert.Contains("schema is current", second.Output, StringComparison.Ordinal);
            Assert.DoesNotContain("Password", second.Output + second.Error, StringComparison.OrdinalIgnoreCase);
        }
        finally
        {
            if (provider == DatabaseProvider.Postgres)
            {
                await TestPostgres.DropDatabaseAsync(target);
            }

            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            if (Directory.Exists(directory))
            {
                Directory.Delete(directory, recursive: true);
            }
        }
    }

    [Fact]
    public async Task DbCopy_PostgresTargetWithoutDatabase_FailsNamingTheProblemWithoutThePassword()
    {
        var result = await CliRunner.RunAsync("db", "copy", "--from", "missing.db", "--to", "Host=127.0.0.1;Password=secret-value");

        Assert.Equal(2, result.Code);
        Assert.Contains("--to", result.Error, StringComparison.Ordinal);
        Assert.Contains("no Database", result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("secret-value", result.Error, StringComparison.Ordinal);
    }
}
