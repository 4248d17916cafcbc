using System.IO.Compression;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using PtmReuse.Core.Ingest;
using PtmReuse.Tests.Infrastructure;

namespace PtmReuse.Tests.Ingest;

/// <summary>Helpers for ingest tests: run the real ingestor, snapshot stored papers, build folders and zips of real files.</summary>
internal static class IngestTestKit
{
    public static Task<IngestSummary> IngestAsync(this TestDatabase database, params string[] paths) =>
        database.Get<IPaperIngestor>().IngestAsync(paths.Select(IngestInput.FromPath).ToList(), "test", null, CancellationToken.None);

    /// <summary>Every stored paper with its sections, captions and sources, as one JSON string (ids and times included).</summary>
    public static async Task<string> SnapshotAsync(this TestDatabase database)
    {
        await using var db = await database.OpenAsync();
        var papers = await db.Papers.AsNoTracking().OrderBy(p => p.Id)
            .Include(p => p.Sections).Include(p => p.Captions).Include(p => p.Sources)
            .AsSplitQuery().ToListAsync();
        return JsonSerializer.Serialize(papers.Select(p => new
        {
            p.Id, p.Doi, p.ContentHash, p.Title, p.Journal, p.Year, p.PublishedOn, p.Licence, p.Abstract, p.Authors, p.Subjects,
            p.PrimaryField, p.FieldInferred, p.OpenAlexId, Topics = p.Topics.Select(t => new { t.Name, t.Field, t.Score }), p.ReferenceCount,
            p.SourceFile, p.SourceFormat, p.UpdatedAt,
            Sections = p.Sections.OrderBy(s => s.Ordinal).Select(s => new { s.Id, s.Ordinal, s.Heading, s.Kind, s.Text }),
            Captions = p.Captions.OrderBy(c => c.Ordinal).Select(c => new { c.Id, c.Label, c.Text }),
            Sources = p.Sources.OrderBy(s => s.Id).Select(s => new { s.Id, s.Path, s.Entry, s.ContentHash }),
        }));
    }

    /// <summary>Stored papers reduced to what must not depend on how the files arrived (folder or zip).</summary>
    public static async Task<List<string>> ContentKeysAsync(this TestDatabase database)
    {
        await using var db = await database.OpenAsync();
        var papers = await db.Papers.AsNoTracking().Include(p => p.Sections).Include(p => p.Captions).AsSplitQuery().ToListAsync();
        return papers
            .Select(p => $"{p.Doi ?? p.ContentHash}|{p.Title}|{p.Year}|{p.Journal}|{p.PrimaryField}|{p.Sections.Count}|{p.Captions.Count}|{p.ReferenceCount}|{p.Sections.Sum(s => s.Text.Length)}")
            .Order(StringComparer.Ordinal)
            .ToList();
    }

    public static string NewFolder(this TestDatabase database, string name)
    {
        var folder = Path.Combine(database.Directory, name);
        Directory.CreateDirectory(folder);
        return folder;
    }

    public static string ZipFolder(string folder, string zipPath)
    {
        ZipFile.CreateFromDirectory(folder, zipPath, CompressionLevel.Fastest, includeBaseDirectory: false);
        return zipPath;
    }

    public static void CopyCorpus(string folder, params string[] relativePaths)
    {
        foreach (var relative in relativePaths)
        {
            var target = Path.Combine(folder, relative);
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(TestPaths.CorpusFile(relative), target);
        }
    }
}
