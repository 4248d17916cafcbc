using System.Diagnostics;
using System.Globalization;
using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using PtmReuse.Core.Ingest;
using PtmReuse.Core.Ingest.Formats;
using PtmReuse.Tests.Infrastructure;
using Xunit.Abstractions;

namespace PtmReuse.Tests.Ingest;

/// <summary>
/// A seeded-mutation fuzzer over every ingest format, for a time budget: real corpus files (JATS, Markdown, the
/// manifest as CSV, the labels as JSON Lines, OpenAlex responses, and a TEI written from a corpus paper, as the corpus
/// has none) are truncated, byte-flipped, spliced, nested tens of thousands deep, given megabyte attributes and odd
/// encodings, zipped and broken as zips. Each mutant is parsed with a per-file timeout and every batch is ingested
/// into a real SQLite file that already holds other papers. The checks: no crash (a stack overflow would take the
/// test host down), no hang past the timeout, every input stored or recorded as an error, stored papers unchanged.
/// PTMREUSE_FUZZ_SECONDS sets the budget (default 75 s, so the test stays within CI's 2 minutes); PTMREUSE_FUZZ_SEED replays a run.
/// </summary>
public sealed class IngestFuzzTests(ITestOutputHelper output)
{
    private static readonly TimeSpan PerFileTimeout = TimeSpan.FromSeconds(15);

    /// <summary>Stored before fuzzing and never a seed: no mutant shares their DOIs, so nothing may change them.</summary>
    private static readonly string[] Stored =
        ["plos/journal.pbio.0020334.xml", "dl/10.7554_eLife.86628.xml", "mixed/10.7554_eLife.00005.xml", "dl/joss_deepof_paper.md", "dl/10.1101_2023.05.18.541272.xml"];

    private static int EnvironmentNumber(string name, int fallback) =>
        int.TryParse(Environment.GetEnvironmentVariable(name), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) && value > 0 ? value : fallback;

    [Fact]
    public async Task Ingest_MutatedRealFilesForTheTimeBudget_NoCrashNoHangEveryFailureRecordedStoredPapersUnchanged()
    {
        var budget = TimeSpan.FromSeconds(EnvironmentNumber("PTMREUSE_FUZZ_SECONDS", 75));
        var seed = EnvironmentNumber("PTMREUSE_FUZZ_SEED", 20_261_207);
        await using var database = await TestDatabase.CreateAsync();
        Assert.Equal(Stored.Length, (await database.IngestAsync(Stored.Select(TestPaths.CorpusFile).ToArray())).Added);
        var before = await StoredSnapshotAsync(database);
        var seeds = Seeds(database.NewFolder("seeds"));
        var random = new Random(seed);
        var clock = Stopwatch.StartNew();
        var ingestor = database.Get<IPaperIngestor>();
        int files = 0, batches = 0, parsed = 0, refused = 0;
        var unexpected = new List<string>();

        while (clock.Elapsed < budget)
        {
            var folder = database.NewFolder($"batch-{batches:D4}");
            var mutants = new List<(string Path, string How)>();
            for (var i = 0; i < 16; i++)
            {
                var (name, bytes) = seeds[random.Next(seeds.Count)];
                var (mutant, how) = Mutator.Mutate(name, bytes, random);
                var path = Path.Combine(folder, $"{i:D2}-{how.Split(' ')[0]}-{name}");
                await File.WriteAllBytesAsync(path, mutant);
                mutants.Add((path, $"{how} of {name}"));
            }

            foreach (var (path, how) in mutants.Where(m => !m.Path.EndsWith(".zip", StringComparison.Ordinal)))
            {
                var outcome = await ReadWithTimeoutAsync(path, how, seed, batches);
                parsed += outcome.Papers;
                refused += outcome.Errors;
                if (outcome.Unexpected is { } problem)
                {
                    unexpected.Add(problem);
                }
            }

            using (var timeout = new CancellationTokenSource(PerFileTimeout * mutants.Count))
            {
                await ingestor.IngestAsync([IngestInput.FromPath(folder)], "fuzz", null, timeout.Token);
            }

            await AssertEveryInputAccountedForAsync(database, mutants, seed, batches);
            files += mutants.Count;
            batches++;
        }

        var after = await StoredSnapshotAsync(database);
        output.WriteLine($"fuzz seed {seed}: {files} mutants in {batches} batches over {clock.Elapsed.TotalSeconds:F0} s; parsed {parsed} papers, {refused} errors; unexpected exception types: {unexpected.Count}");
        foreach (var problem in unexpected.Take(20))
        {
            output.WriteLine("  " + problem);
        }

        Assert.True(files >= 32, $"only {files} mutants in the budget");
        Assert.Equal(before, after);
        await using var db = await database.OpenAsync();
        Assert.Equal("ok", await db.Database.SqlQueryRaw<string>("PRAGMA integrity_check").ToListAsync() is [var check] ? check : "several rows");
        // Parsers report bad input as PaperFormatException; anything else is a parser bug the ingest would still record.
        Assert.True(unexpected.Count == 0, string.Join("\n", unexpected.Take(10)));
    }

    private sealed record ReadOutcome(int Papers, int Errors, string? Unexpected);

    /// <summary>Parses one mutant off the test thread; a parse still running after the timeout fails the test with its replay key.</summary>
    private static async Task<ReadOutcome> ReadWithTimeoutAsync(string path, string how, int seed, int batch)
    {
        var read = Task.Run(() =>
        {
            try
            {
                var records = PaperReader.Read(SourceItem.FromFile(path), CancellationToken.None).ToList();
                return new ReadOutcome(records.Count(r => r.Paper is not null), records.Count(r => r.Error is not null), null);
            }
            catch (PaperFormatException)
            {
                return new ReadOutcome(0, 1, null);
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                return new ReadOutcome(0, 1, $"{ex.GetType().Name} from {how} ({Path.GetFileName(path)}, seed {seed}, batch {batch}): {ex.Message}");
            }
        });
        try
        {
            return await read.WaitAsync(PerFileTimeout);
        }
        catch (TimeoutException)
        {
            throw new Xunit.Sdk.XunitException($"{how} ({Path.GetFileName(path)}) was still parsing after {PerFileTimeout.TotalSeconds} s; replay with PTMREUSE_FUZZ_SEED={seed}, batch {batch}");
        }
    }

    /// <summary>
    /// Every mutant is a stored source, a recorded error, byte-identical to something already stored, or byte-identical
    /// to another mutant of its batch that is one of those (the ingest reads the same bytes once per run).
    /// </summary>
    private static async Task AssertEveryInputAccountedForAsync(TestDatabase database, List<(string Path, string How)> mutants, int seed, int batch)
    {
        await using var db = await database.OpenAsync();
        var paths = mutants.Select(m => m.Path).ToList();
        var sourced = (await db.Sources.Where(s => paths.Contains(s.Path)).Select(s => s.Path).Distinct().ToListAsync()).ToHashSet(StringComparer.Ordinal);
        var errored = (await db.IngestErrors.Where(e => paths.Contains(e.File)).Select(e => e.File).Distinct().ToListAsync()).ToHashSet(StringComparer.Ordinal);
        var hashes = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var path in paths)
        {
            hashes[path] = Convert.ToHexStringLower(SHA256.HashData(await File.ReadAllBytesAsync(path)));
        }

        var accountedHashes = paths.Where(p => sourced.Contains(p) || errored.Contains(p)).Select(p => hashes[p]).ToHashSet(StringComparer.Ordinal);
        foreach (var (path, how) in mutants.Where(m => !sourced.Contains(m.Path) && !errored.Contains(m.Path) && !accountedHashes.Contains(hashes[m.Path])))
        {
            // A readable archive whose entries were all seen before (as entries of another archive) is unchanged throughout.
            var contents = path.EndsWith(".zip", StringComparison.Ordinal) ? EntryHashes(path) : [hashes[path]];
            foreach (var hash in contents)
            {
                Assert.True(await db.Sources.AnyAsync(s => s.ContentHash == hash), $"{how} ({Path.GetFileName(path)}) was neither stored nor recorded as an error (seed {seed}, batch {batch})");
            }
        }
    }

    private static List<string> EntryHashes(string zip)
    {
        using var archive = ZipFile.OpenRead(zip);
        return archive.Entries.Where(e => !e.FullName.EndsWith('/')).Select(e =>
        {
            using var stream = e.Open();
            return Convert.ToHexStringLower(SHA256.HashData(stream));
        }).ToList();
    }

    private static async Task<string> StoredSnapshotAsync(TestDatabase database)
    {
        await using var db = await database.OpenAsync();
        var papers = await db.Papers.AsNoTracking().Where(p => p.Id <= Stored.Length).OrderBy(p => p.Id)
            .Include(p => p.Sections).Include(p => p.Captions).Include(p => p.Sources).AsSplitQuery().ToListAsync();
        return System.Text.Json.JsonSerializer.Serialize(papers.Select(p => new
        {
            p.Id, p.Doi, p.ContentHash, p.Title, p.Journal, p.Year, p.Licence, p.Abstract, p.Authors, p.Keywords, p.Subjects, p.PrimaryField,
            p.OpenAlexId, p.ReferenceCount, p.UpdatedAt, Sections = p.Sections.OrderBy(s => s.Ordinal).Select(s => s.Text),
            Captions = p.Captions.OrderBy(c => c.Ordinal).Select(c => c.Text), Sources = p.Sources.Count,
        }));
    }

    /// <summary>The real files mutated, one or more per format; CSV and JSONL rows of stored papers are left out of them.</summary>
    private static List<(string Name, byte[] Bytes)> Seeds(string folder)
    {
        var stored = ManifestRow.Load().Where(r => Stored.Contains(r.Path)).Select(r => r.Doi).OfType<string>().ToHashSet(StringComparer.OrdinalIgnoreCase);
        bool Unstored(string line) => !stored.Any(doi => line.Contains(doi, StringComparison.OrdinalIgnoreCase));
        var seeds = new List<(string, byte[])>();
        foreach (var path in new[] { "plos/journal.pbio.0020188.xml", "biorxiv/10.1101_2023.01.17.524456.xml", "mixed/10.21105_joss.04484.md", "dl/joss_geoai_paper.md", "mixed/Comparison_of_keyword-extraction_and_wor.md" })
        {
            seeds.Add((Path.GetFileName(path), File.ReadAllBytes(TestPaths.CorpusFile(path))));
        }

        var manifest = File.ReadAllLines(TestPaths.CorpusFile("MANIFEST.csv"));
        seeds.Add(("manifest.csv", Encoding.UTF8.GetBytes(string.Join('\n', manifest.Take(1).Concat(manifest.Skip(1).Where(Unstored).Take(60))) + "\n")));
        seeds.Add(("labels.jsonl", Encoding.UTF8.GetBytes(string.Join('\n', File.ReadLines(TestPaths.CorpusFile("labels.jsonl")).Where(Unstored).Take(20)) + "\n")));
        var fixtures = Path.Combine(TestPaths.RepositoryRoot, "PtmReuse.Tests", "Ingest", "Fixtures");
        seeds.Add(("openalex-work.json", File.ReadAllBytes(Path.Combine(fixtures, "openalex-work.json"))));
        seeds.Add(("openalex-works.jsonl", File.ReadAllBytes(Path.Combine(fixtures, "openalex-works.jsonl"))));
        seeds.Add(("grobid.tei.xml", Encoding.UTF8.GetBytes(TeiOf(TestPaths.CorpusFile("plos/journal.pbio.0020188.xml")))));
        var zip = Path.Combine(folder, "papers.zip");
        using (var archive = ZipFile.Open(zip, ZipArchiveMode.Create))
        {
            foreach (var (name, bytes) in seeds.Take(4))
            {
                using var entry = archive.CreateEntry("in/" + name).Open();
                entry.Write(bytes);
            }
        }

        seeds.Add(("papers.zip", File.ReadAllBytes(zip)));
        return seeds;
    }

    /// <summary>A GROBID-shaped TEI of a corpus paper (title, DOI, date, abstract, sections, a figure).</summary>
    private static string TeiOf(string jatsPath)
    {
        var paper = PaperReader.ReadFile(jatsPath).Single();
        static string E(string text) => System.Security.SecurityElement.Escape(text);
        var body = string.Concat(paper.Sections.Where(s => s.Kind != Core.Papers.SectionKind.Abstract)
            .Select(s => $"<div><head>{E(s.Heading)}</head>{string.Concat(s.Text.Split("\n\n").Select(p => $"<p>{E(p)}</p>"))}</div>"));
        return $"""
            <?xml version="1.0" encoding="UTF-8"?>
            <TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader><fileDesc><titleStmt><title level="a" type="main">{E(paper.Title)}</title></titleStmt>
            <publicationStmt><publisher>{E(paper.Publisher ?? "")}</publisher><availability status="unknown"><licence/></availability><date type="published" when="{paper.Year}">{paper.Year}</date></publicationStmt>
            <sourceDesc><biblStruct><analytic><title level="a" type="main">{E(paper.Title)}</title></analytic><monogr><title level="j">{E(paper.Journal ?? "")}</title><imprint><date type="published" when="{paper.Year}"/></imprint></monogr>
            <idno type="DOI">{paper.Doi}</idno></biblStruct></sourceDesc></fileDesc><profileDesc><abstract><p>{E(paper.Abstract ?? "")}</p></abstract></profileDesc></teiHeader>
            <text><body>{body}<figure><head>Figure 1</head><figDesc>A figure.</figDesc></figure></body><back><div type="references"><listBibl><biblStruct/></listBibl></div></back></text></TEI>
            """;
    }

    /// <summary>The mutations: each takes a seed's bytes and returns new bytes with a short description.</summary>
    private static class Mutator
    {
        public static (byte[] Bytes, string How) Mutate(string name, byte[] seed, Random random)
        {
            if (name.EndsWith(".zip", StringComparison.Ordinal))
            {
                return random.Next(4) switch
                {
                    0 => (Truncate(seed, random), "truncated zip"),
                    1 => (Flip(seed, random, random.Next(1, 12)), "byte-flipped zip"),
                    2 => (TraversalZip(seed, random), "traversal-named zip"),
                    _ => (Splice(seed, random), "spliced zip"),
                };
            }

            var text = name.EndsWith(".xml", StringComparison.Ordinal);
            var json = name.EndsWith(".json", StringComparison.Ordinal) || name.EndsWith(".jsonl", StringComparison.Ordinal);
            var markdown = name.EndsWith(".md", StringComparison.Ordinal);
            return random.Next(10) switch
            {
                0 => (Truncate(seed, random), "truncated"),
                1 => (Flip(seed, random, random.Next(1, 24)), "byte-flipped"),
                2 => (Splice(seed, random), "spliced"),
                3 => (Insert(seed, random, Nesting(random, text, json, markdown)), "deeply nested"),
                4 => (Insert(seed, random, Unbalanced(random, text, json, markdown)), "unbalanced nesting"),
                5 => (HugeAttribute(seed, random, text, json), "huge attribute"),
                6 => OddEncoding(seed, random),
                7 => (Insert(seed, random, [0, 0, 0xFF, 0xFE, 0xC3, 0x28, 0xED, 0xA0, 0x80]), "invalid bytes"),
                8 => (Flip(Truncate(seed, random), random, 3), "truncated and flipped"),
                _ => (Structural(seed, random), "structural characters swapped"),
            };
        }

        private static byte[] Truncate(byte[] bytes, Random random) => bytes[..random.Next(0, Math.Max(1, bytes.Length - 1))];

        private static byte[] Flip(byte[] bytes, Random random, int count)
        {
            var copy = (byte[])bytes.Clone();
            for (var i = 0; i < count && copy.Length > 0; i++)
            {
                copy[random.Next(copy.Length)] = (byte)random.Next(256);
            }

            return copy;
        }

        private static byte[] Splice(byte[] bytes, Random random)
        {
            var from = random.Next(bytes.Length);
            var length = random.Next(Math.Min(4096, bytes.Length - from) + 1);
            return Insert(bytes, random, bytes.AsSpan(from, length).ToArray());
        }

        private static byte[] Insert(byte[] bytes, Random random, byte[] insert)
        {
            var at = random.Next(bytes.Length + 1);
            return [.. bytes.AsSpan(0, at), .. insert, .. bytes.AsSpan(at)];
        }

        private static byte[] Repeat(string text, int count) => Encoding.UTF8.GetBytes(new StringBuilder(text.Length * count).Insert(0, text, count).ToString());

        private static byte[] Nesting(Random random, bool xml, bool json, bool markdown)
        {
            var depth = random.Next(2) == 0 ? random.Next(200, 300) : random.Next(1_000, 60_000);
            return xml ? [.. Repeat("<i>", depth), .. "x"u8, .. Repeat("</i>", depth)]
                : json ? [.. Repeat("[", depth), .. Repeat("]", depth)]
                : markdown ? [.. "\n\n"u8, .. Repeat(random.Next(2) == 0 ? ">" : "- ", depth), .. " x\n\n"u8]
                : [.. Repeat("\"", depth)];
        }

        private static byte[] Unbalanced(Random random, bool xml, bool json, bool markdown)
        {
            var depth = random.Next(1_000, 40_000);
            return xml ? Repeat("<sec><p>", depth) : json ? Repeat("{\"a\":[", depth) : markdown ? Repeat("[*_`", depth) : Repeat(",\"", depth);
        }

        private static byte[] HugeAttribute(byte[] bytes, Random random, bool xml, bool json)
        {
            var size = random.Next(100_000, 2_000_000);
            if (xml)
            {
                var at = Array.IndexOf(bytes, (byte)'>', Math.Max(0, Array.IndexOf(bytes, (byte)'<', 40)));
                return at < 0 ? bytes : [.. bytes.AsSpan(0, at), .. " data-x=\""u8, .. Repeat("a", size), .. "\""u8, .. bytes.AsSpan(at)];
            }

            var open = Array.IndexOf(bytes, (byte)'{');
            return json && open >= 0
                ? [.. bytes.AsSpan(0, open + 1), .. "\"x\":\""u8, .. Repeat("é", size / 2), .. "\","u8, .. bytes.AsSpan(open + 1)]
                : [.. Repeat("a", size), .. bytes];
        }

        private static (byte[], string) OddEncoding(byte[] bytes, Random random)
        {
            var text = Encoding.UTF8.GetString(bytes);
            return random.Next(5) switch
            {
                0 => ([.. Encoding.Unicode.GetPreamble(), .. Encoding.Unicode.GetBytes(text)], "utf-16le with bom"),
                1 => (Encoding.BigEndianUnicode.GetBytes(text), "utf-16be without bom"),
                2 => (Encoding.Latin1.GetBytes(text + " Café naïve"), "latin-1 bytes"),
                3 => (Encoding.UTF8.GetBytes(text.Replace("encoding=\"UTF-8\"", "encoding=\"UTF-16\"", StringComparison.OrdinalIgnoreCase).Replace("<?xml version=\"1.0\"?>", "<?xml version=\"1.0\" encoding=\"ISO-8859-7\"?>", StringComparison.Ordinal)), "wrong declared encoding"),
                _ => ([0xEF, 0xBB, 0xBF, 0xEF, 0xBB, 0xBF, .. bytes], "double bom"),
            };
        }

        private static byte[] Structural(byte[] bytes, Random random)
        {
            var copy = (byte[])bytes.Clone();
            byte[] structural = [(byte)'<', (byte)'>', (byte)'"', (byte)'{', (byte)'}', (byte)'[', (byte)']', (byte)'\n', (byte)'-', (byte)'#', (byte)'&', (byte)';'];
            for (var i = 0; i < 40 && copy.Length > 0; i++)
            {
                var at = random.Next(copy.Length);
                if (Array.IndexOf(structural, copy[at]) >= 0)
                {
                    copy[at] = structural[random.Next(structural.Length)];
                }
            }

            return copy;
        }

        /// <summary>The seed zip rebuilt with entry names that climb out of the archive, next to one ordinary entry.</summary>
        private static byte[] TraversalZip(byte[] zip, Random random)
        {
            string[] names = ["..\\..\\evil.xml", "../x.md", "/abs/paper.xml", "C:/Windows/paper.xml", "ok/../../up.csv"];
            using var source = new ZipArchive(new MemoryStream(zip), ZipArchiveMode.Read);
            using var buffer = new MemoryStream();
            using (var target = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
            {
                foreach (var entry in source.Entries)
                {
                    var name = random.Next(2) == 0 ? names[random.Next(names.Length)] : entry.FullName;
                    using var from = entry.Open();
                    using var to = target.CreateEntry(name).Open();
                    from.CopyTo(to);
                }
            }

            return buffer.ToArray();
        }
    }
}
