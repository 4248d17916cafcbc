using Microsoft.EntityFrameworkCore;
using PtmReuse.Core.Ingest;
using PtmReuse.Tests.Infrastructure;

namespace PtmReuse.Tests.Ingest;

/// <summary>
/// Issue 11, findings 3 and 5: a link cycle (`ln -s . loop`) once hung folder ingest with growing memory, and the
/// dashboard's server-path box read any file the server could. Links to folders are never followed; the dashboard
/// reads only under Ingest:AllowedRoots, judged after every link is followed.
/// </summary>
public sealed class FolderLinksTests
{
    [Fact]
    public async Task IngestAsync_FolderWithALinkToItself_FinishesAndReportsTheLink()
    {
        await using var database = await TestDatabase.CreateAsync();
        var folder = database.NewFolder("cycle");
        IngestTestKit.CopyCorpus(folder, "plos/journal.pbio.0020188.xml", "plos/journal.pbio.0020334.xml");
        Directory.CreateSymbolicLink(Path.Combine(folder, "loop"), ".");
        Directory.CreateSymbolicLink(Path.Combine(folder, "plos", "up"), "..");

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var summary = await database.Get<IPaperIngestor>().IngestAsync([IngestInput.FromPath(folder)], "test", null, timeout.Token);

        Assert.Equal((2, 2), (summary.Added, summary.Failed));
        Assert.All(summary.Errors, e => Assert.Contains("links to folders are not followed", e.Reason, StringComparison.Ordinal));
        Assert.Equal([Path.Combine(folder, "loop"), Path.Combine(folder, "plos", "up")], summary.Errors.Select(e => e.File).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Walk_Tree_ListsFilesInOrdinalPathOrderLazily()
    {
        var root = Directory.CreateTempSubdirectory("ptmreuse-walk-").FullName;
        try
        {
            foreach (var file in new[] { "b.xml", "a/z.xml", "a.xml", "a/b/c.xml", "A.md" })
            {
                Directory.CreateDirectory(Path.GetDirectoryName(Path.Combine(root, file))!);
                File.WriteAllText(Path.Combine(root, file), "x");
            }

            var walked = InputEnumeratorProbe.Walk(root).Select(e => Path.GetRelativePath(root, e)).ToList();

            Assert.Equal(["A.md", "a.xml", "a/b/c.xml", "a/z.xml", "b.xml"], walked);
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    [Fact]
    public async Task Check_PathOutsideTheInbox_IsRefusedAndInsideIsAllowed()
    {
        await using var database = await TestDatabase.CreateAsync();
        var policy = database.Get<IngestPathPolicy>();
        var inbox = policy.DefaultInbox;
        IngestTestKit.CopyCorpus(inbox, "plos/journal.pbio.0020188.xml");
        var secret = Path.Combine(database.Directory, "secrets.txt");
        await File.WriteAllTextAsync(secret, "API_KEY=do-not-read");

        var outside = policy.Check(secret);
        var inside = policy.Check(Path.Combine(inbox, "plos"));

        Assert.False(outside.Allowed);
        Assert.Contains("outside the folders the dashboard may ingest from", outside.Error, StringComparison.Ordinal);
        Assert.True(inside.Allowed, inside.Error);
        Assert.Equal([inbox], policy.Roots);
    }

    [Theory]
    [InlineData("link-to-file.txt", false)]
    [InlineData("link-to-folder", true)]
    public async Task Check_LinkInTheInboxLeadingOut_IsRefusedAfterFollowingIt(string linkName, bool folderLink)
    {
        await using var database = await TestDatabase.CreateAsync();
        var policy = database.Get<IngestPathPolicy>();
        Directory.CreateDirectory(policy.DefaultInbox);
        var outside = database.NewFolder("outside");
        var secret = Path.Combine(outside, "secrets.txt");
        await File.WriteAllTextAsync(secret, "API_KEY=do-not-read");
        var link = Path.Combine(policy.DefaultInbox, linkName);
        if (folderLink)
        {
            Directory.CreateSymbolicLink(link, outside);
        }
        else
        {
            File.CreateSymbolicLink(link, secret);
        }

        var check = policy.Check(folderLink ? Path.Combine(link, "secrets.txt") : link);

        Assert.False(check.Allowed);
        Assert.Contains(outside, check.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task IngestAsync_ConfinedFolderHoldingALinkToAFileOutside_ReadsTheRestAndRefusesTheLink()
    {
        await using var database = await TestDatabase.CreateAsync();
        var policy = database.Get<IngestPathPolicy>();
        var drop = Path.Combine(policy.DefaultInbox, "drop");
        IngestTestKit.CopyCorpus(drop, "plos/journal.pbio.0020188.xml");
        var secret = Path.Combine(database.Directory, "secrets.txt");
        await File.WriteAllTextAsync(secret, "API_KEY=do-not-read\n\nmore secret text");
        File.CreateSymbolicLink(Path.Combine(drop, "notes.txt"), secret);
        var check = policy.Check(drop);
        Assert.True(check.Allowed, check.Error);

        var summary = await database.Get<IPaperIngestor>().IngestAsync([check.Input!], "dashboard", null, CancellationToken.None);

        Assert.Equal((1, 1), (summary.Added, summary.Failed));
        Assert.Contains("outside the folders the dashboard may ingest from", Assert.Single(summary.Errors).Reason, StringComparison.Ordinal);
        await using var db = await database.OpenAsync();
        Assert.False(await db.Sections.AnyAsync(s => s.Text.Contains("API_KEY")), "the secret never became a paper");
    }

    [Fact]
    public async Task Check_ConfiguredRoots_ReplaceTheInbox()
    {
        var shared = Directory.CreateTempSubdirectory("ptmreuse-roots-").FullName;
        try
        {
            await using var database = await TestDatabase.CreateAsync(settings: new Dictionary<string, string?> { ["Ingest:AllowedRoots:0"] = shared });
            var policy = database.Get<IngestPathPolicy>();
            IngestTestKit.CopyCorpus(policy.DefaultInbox, "plos/journal.pbio.0020188.xml");

            Assert.Equal([shared], policy.Roots);
            Assert.False(policy.Check(policy.DefaultInbox).Allowed);
            Assert.Contains("Nothing at", policy.Check(Path.Combine(shared, "missing.xml")).Error, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(shared, recursive: true);
        }
    }
}

/// <summary>The folder walk alone, for the order test.</summary>
internal static class InputEnumeratorProbe
{
    public static IEnumerable<string> Walk(string root) => InputEnumerator.Walk(root).Select(e => e.Path);
}
