using System.CommandLine;
using System.Text.Json;
using CsvHelper;
using Microsoft.EntityFrameworkCore;
using PtmReuse.Core.Ingest;
using PtmReuse.Core.Papers;
using PtmReuse.Core.Storage;

namespace PtmReuse.Dashboard.Cli;

/// <summary>
/// `export papers --format jsonl|csv --out FILE`. JSONL: one object per paper (doi, title, journal, year, field,
/// field_inferred, licence, sections[{heading, kind, text}], plus id, authors, source_file), then one object per
/// ingest error with `error` (and file/entry) for inputs that could not be read. CSV: the same rows with the sections
/// joined into `text` (spreadsheet formula injection escaped). Papers are read in pages, never all at once.
/// </summary>
internal static class ExportPapersCommand
{
    private const int PageSize = 500;

    public static Command Create()
    {
        var format = new Option<string>("--format") { Description = "jsonl (default) or csv.", DefaultValueFactory = _ => "jsonl" };
        format.AcceptOnlyFromAmong("jsonl", "csv");
        var output = new Option<FileInfo>("--out") { Description = "File to write.", Required = true };
        var command = new Command("papers", "Export papers (and unreadable inputs, with their error).");
        command.Options.Add(format);
        command.Options.Add(output);
        command.SetAction((parse, ct) => RunAsync(parse, parse.GetValue(format)!, parse.GetValue(output)!, ct));
        return command;
    }

    private static async Task<int> RunAsync(ParseResult parse, string format, FileInfo file, CancellationToken cancellationToken)
    {
        using var host = await CliHost.StartAsync(parse, cancellationToken);
        var factory = host.Services.GetRequiredService<IDbContextFactory<PtmReuseDbContext>>();
        if (file.DirectoryName is { } directory)
        {
            Directory.CreateDirectory(directory);
        }

        await using var stream = file.Create();
        var counts = format == "csv"
            ? await WriteCsvAsync(factory, stream, cancellationToken)
            : await WriteJsonLinesAsync(factory, stream, cancellationToken);
        await CliHost.Out(parse).WriteLineAsync($"Wrote {counts.Papers} papers and {counts.Errors} ingest errors to {file.FullName}");
        return 0;
    }

    private static async Task<(int Papers, int Errors)> WriteJsonLinesAsync(IDbContextFactory<PtmReuseDbContext> factory, Stream stream, CancellationToken cancellationToken)
    {
        var papers = 0;
        var errors = 0;
        await using var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = false });
        await foreach (var paper in PapersAsync(factory, cancellationToken))
        {
            json.WriteStartObject();
            json.WriteNumber("id", paper.Id);
            json.WriteString("doi", paper.Doi);
            json.WriteString("title", paper.Title);
            json.WriteString("journal", paper.Journal);
            WriteNullableNumber(json, "year", paper.Year);
            json.WriteString("field", paper.PrimaryField);
            json.WriteBoolean("field_inferred", paper.FieldInferred);
            json.WriteString("licence", paper.Licence);
            json.WriteStartArray("authors");
            paper.Authors.ForEach(json.WriteStringValue);
            json.WriteEndArray();
            json.WriteString("source_file", paper.SourceFile);
            json.WriteStartArray("sections");
            foreach (var section in paper.Sections.OrderBy(s => s.Ordinal))
            {
                json.WriteStartObject();
                json.WriteString("heading", section.Heading);
                json.WriteString("kind", section.Kind.ToString());
                json.WriteString("text", section.Text);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            // Figure and table captions, so an evidence quote taken from a caption can be found in the export too.
            json.WriteStartArray("captions");
            foreach (var caption in paper.Captions.OrderBy(c => c.Ordinal))
            {
                json.WriteStartObject();
                json.WriteString("kind", caption.Kind.ToString());
                json.WriteString("label", caption.Label);
                json.WriteString("text", caption.Text);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
            await NewLineAsync(json, stream, cancellationToken);
            papers++;
        }

        await foreach (var error in ErrorsAsync(factory, cancellationToken))
        {
            json.WriteStartObject();
            json.WriteNull("doi");
            json.WriteNull("title");
            json.WriteString("source_file", error.Entry is null ? error.File : $"{error.File}!{error.Entry}");
            json.WriteString("file", error.File);
            json.WriteString("entry", error.Entry);
            json.WriteString("error", error.Reason);
            json.WriteEndObject();
            await NewLineAsync(json, stream, cancellationToken);
            errors++;
        }

        return (papers, errors);
    }

    private static async Task NewLineAsync(Utf8JsonWriter json, Stream stream, CancellationToken cancellationToken)
    {
        await json.FlushAsync(cancellationToken);
        json.Reset();
        stream.WriteByte((byte)'\n');
    }

    private static void WriteNullableNumber(Utf8JsonWriter json, string name, int? value)
    {
        if (value is null)
        {
            json.WriteNull(name);
        }
        else
        {
            json.WriteNumber(name, value.Value);
        }
    }

    private static async Task<(int Papers, int Errors)> WriteCsvAsync(IDbContextFactory<PtmReuseDbContext> factory, Stream stream, CancellationToken cancellationToken)
    {
        var papers = 0;
        var errors = 0;
        await using var writer = new StreamWriter(stream, new System.Text.UTF8Encoding(false));
        using var csv = CsvWriter.Create(writer, new CsvWriterOptions { Injection = CsvInjection.Escape });
        csv.WriteRecord(["id", "doi", "title", "journal", "year", "field", "field_inferred", "licence", "authors", "source_file", "section_count", "text", "error", "captions"]);
        await foreach (var paper in PapersAsync(factory, cancellationToken))
        {
            var text = string.Join("\n\n", paper.Sections.OrderBy(s => s.Ordinal).Select(s => s.Heading.Length > 0 ? $"{s.Heading}\n\n{s.Text}" : s.Text));
            csv.WriteRecord([
                paper.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), paper.Doi ?? "", paper.Title, paper.Journal ?? "",
                paper.Year?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "", paper.PrimaryField ?? "",
                paper.FieldInferred ? "true" : "false", paper.Licence ?? "", string.Join("; ", paper.Authors), paper.SourceFile ?? "",
                paper.Sections.Count.ToString(System.Globalization.CultureInfo.InvariantCulture), text, "", Captions(paper),
            ]);
            papers++;
        }

        await foreach (var error in ErrorsAsync(factory, cancellationToken))
        {
            csv.WriteRecord(["", "", "", "", "", "", "", "", "", error.Entry is null ? error.File : $"{error.File}!{error.Entry}", "", "", error.Reason, ""]);
            errors++;
        }

        csv.Flush();
        return (papers, errors);
    }

    /// <summary>Every caption as "label: text", one per paragraph, in document order.</summary>
    private static string Captions(Paper paper) =>
        string.Join("\n\n", paper.Captions.OrderBy(c => c.Ordinal).Select(c => c.Label is { Length: > 0 } label ? $"{label}: {c.Text}" : c.Text));

    /// <summary>Papers with their sections, in id order, one page (and one short-lived DbContext) at a time.</summary>
    private static async IAsyncEnumerable<Paper> PapersAsync(IDbContextFactory<PtmReuseDbContext> factory, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        long after = 0;
        while (true)
        {
            List<Paper> page;
            await using (var db = await factory.CreateDbContextAsync(cancellationToken))
            {
                page = await db.Papers.AsNoTracking()
                    .Where(p => p.Id > after)
                    .OrderBy(p => p.Id)
                    .Take(PageSize)
                    .Include(p => p.Sections)
                    .Include(p => p.Captions)
                    .AsSplitQuery()
                    .ToListAsync(cancellationToken);
            }

            foreach (var paper in page)
            {
                yield return paper;
            }

            if (page.Count < PageSize)
            {
                yield break;
            }

            after = page[^1].Id;
        }
    }

    private static async IAsyncEnumerable<IngestError> ErrorsAsync(IDbContextFactory<PtmReuseDbContext> factory, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        await foreach (var error in db.IngestErrors.AsNoTracking().OrderBy(e => e.Id).AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            yield return error;
        }
    }
}
