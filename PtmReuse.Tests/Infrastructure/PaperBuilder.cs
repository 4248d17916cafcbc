using Microsoft.EntityFrameworkCore;
using PtmReuse.Core.Papers;
using PtmReuse.Core.Storage;

namespace PtmReuse.Tests.Infrastructure;

/// <summary>Builds stored papers for tests that need a populated store without going through ingest.</summary>
public sealed class PaperBuilder
{
    private readonly Paper _paper;

    public PaperBuilder(string title)
    {
        _paper = new Paper
        {
            Title = title,
            ContentHash = Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(title))),
            SourceFormat = SourceFormat.Jats,
            SourceFile = title.Replace(' ', '_') + ".xml",
            IngestedAt = new DateTime(2026, 1, 2, 3, 4, 5, DateTimeKind.Utc),
            UpdatedAt = new DateTime(2026, 1, 2, 3, 4, 5, DateTimeKind.Utc),
        };
    }

    public PaperBuilder WithDoi(string doi)
    {
        _paper.Doi = doi;
        return this;
    }

    public PaperBuilder InYear(int year)
    {
        _paper.Year = year;
        return this;
    }

    public PaperBuilder InJournal(string journal)
    {
        _paper.Journal = journal;
        return this;
    }

    public PaperBuilder InField(string field, bool inferred = false)
    {
        _paper.PrimaryField = field;
        _paper.FieldInferred = inferred;
        return this;
    }

    public PaperBuilder WithAuthors(params string[] authors)
    {
        _paper.Authors = [.. authors];
        return this;
    }

    public PaperBuilder WithSection(string heading, SectionKind kind, string text)
    {
        _paper.Sections.Add(new PaperSection { Ordinal = _paper.Sections.Count, Heading = heading, Kind = kind, Text = text });
        return this;
    }

    public PaperBuilder WithCaption(CaptionKind kind, string label, string text)
    {
        _paper.Captions.Add(new PaperCaption { Ordinal = _paper.Captions.Count, Kind = kind, Label = label, Text = text });
        return this;
    }

    public Paper Build() => _paper;

    /// <summary>Stores the paper and returns its id.</summary>
    public async Task<long> SaveAsync(IDbContextFactory<PtmReuseDbContext> factory)
    {
        await using var db = await factory.CreateDbContextAsync();
        db.Papers.Add(_paper);
        await db.SaveChangesAsync();
        return _paper.Id;
    }
}
