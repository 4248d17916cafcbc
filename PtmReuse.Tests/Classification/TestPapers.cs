using System.Security.Cryptography;
using System.Text;
using PtmReuse.Core.Papers;
using PtmReuse.Tests.Infrastructure;

namespace PtmReuse.Tests.Classification;

/// <summary>Builds papers as stored entities, without the ingest parser.</summary>
public sealed class TestPaperBuilder
{
    private readonly Paper _paper;

    public TestPaperBuilder(string title)
    {
        _paper = new Paper
        {
            Title = title,
            Doi = "10.1234/" + Slug(title),
            Year = 2020,
            PrimaryField = "Biology",
            IngestedAt = DateTime.UtcNow,
            UpdatedAt = DateTime.UtcNow,
        };
    }

    public TestPaperBuilder Year(int year)
    {
        _paper.Year = year;
        return this;
    }

    public TestPaperBuilder Field(string field)
    {
        _paper.PrimaryField = field;
        return this;
    }

    public TestPaperBuilder Section(SectionKind kind, string heading, string text)
    {
        _paper.Sections.Add(new PaperSection { Ordinal = _paper.Sections.Count, Heading = heading, Kind = kind, Text = text });
        return this;
    }

    public Paper Build()
    {
        if (_paper.Sections.Count == 0)
        {
            Section(SectionKind.Abstract, "Abstract", $"We study {_paper.Title.ToLowerInvariant()}.");
            Section(SectionKind.Methods, "Methods", "We fine-tuned a pre-trained ResNet50 network on 4,000 labelled micrographs.");
        }

        var content = _paper.Title + string.Join("\n", _paper.Sections.Select(s => s.Heading + s.Text));
        _paper.ContentHash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(content)));
        return _paper;
    }

    private static string Slug(string title) => new(title.ToLowerInvariant().Where(char.IsLetterOrDigit).Take(40).ToArray());
}

public static class TestPapers
{
    public static async Task<List<Paper>> AddAsync(TestDatabase database, params TestPaperBuilder[] builders)
    {
        await using var db = await database.OpenAsync();
        var papers = builders.Select(b => b.Build()).ToList();
        db.Papers.AddRange(papers);
        await db.SaveChangesAsync();
        return papers;
    }
}
