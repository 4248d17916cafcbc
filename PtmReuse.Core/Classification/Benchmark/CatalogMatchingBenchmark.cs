using System.Diagnostics;
using System.Globalization;
using System.Text;
using PtmReuse.Core.Classification.Catalog;

namespace PtmReuse.Core.Classification.Benchmark;

/// <summary>Catalog matching cost of the shipped catalog against a baseline catalog, measured in the same run.</summary>
public sealed record CatalogMatchingResult(string Name, int Entries, int Names, TimeSpan CpuTime, int Mentions);

/// <summary>
/// Times <see cref="PtmCatalog.FindMentions"/> over the same texts with each catalog in turn (single thread, CPU time), so
/// the cost of a larger catalog is read as a ratio against a baseline from the same run, not against an old figure.
/// </summary>
public static class CatalogMatchingBenchmark
{
    /// <summary>The hand-curated part of the shipped catalog: the baseline that model-zoo entries are added to.</summary>
    public static PtmCatalog CuratedOnly(PtmCatalog catalog) =>
        new(catalog.Entries.Where(e => e.Provenance?.Source is null or CatalogProvenance.Curated));

    /// <summary>The text the embedded backend matches for every readable paper under a folder.</summary>
    public static IReadOnlyList<string> LoadTexts(string folder, CancellationToken cancellationToken)
    {
        var texts = new List<string>();
        foreach (var file in Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories).Where(EmbeddedBenchmark.IsPaperFile).Order(StringComparer.Ordinal))
        {
            cancellationToken.ThrowIfCancellationRequested();
            try
            {
                texts.AddRange(Ingest.Formats.PaperReader.ReadFile(file).Select(p => PaperDocument.FromPaper(p).Text));
            }
            catch (Ingest.Formats.PaperFormatException)
            {
                // Unreadable papers are counted by the classify benchmark; here they are simply not timed.
            }
        }

        return texts;
    }

    public static IReadOnlyList<CatalogMatchingResult> Run(IReadOnlyList<string> texts, int repetitions, params (string Name, PtmCatalog Catalog)[] catalogs)
    {
        foreach (var (_, catalog) in catalogs)
        {
            foreach (var text in texts.Take(20))
            {
                catalog.FindMentions(text); // warm-up: JIT and frozen-dictionary probes
            }
        }

        var results = new List<CatalogMatchingResult>();
        foreach (var (name, catalog) in catalogs)
        {
            var mentions = 0;
            var before = Process.GetCurrentProcess().TotalProcessorTime;
            for (var r = 0; r < repetitions; r++)
            {
                foreach (var text in texts)
                {
                    mentions += catalog.FindMentions(text).Count;
                }
            }

            var cpu = Process.GetCurrentProcess().TotalProcessorTime - before;
            results.Add(new CatalogMatchingResult(name, catalog.Entries.Count, catalog.Entries.Sum(e => 1 + e.Aliases.Count), cpu, mentions / repetitions));
        }

        return results;
    }

    public static string Format(IReadOnlyList<CatalogMatchingResult> results, int papers, int repetitions)
    {
        var invariant = CultureInfo.InvariantCulture;
        var text = new StringBuilder();
        text.AppendLine(invariant, $"catalog matching (FindMentions over {papers} papers x {repetitions}, one thread, CPU time):");
        var baseline = results[0];
        foreach (var r in results)
        {
            var perPaper = r.CpuTime.TotalMilliseconds / (papers * repetitions);
            text.AppendLine(invariant, $"  {r.Name,-18} {r.Entries,5} entries {r.Names,6} names  {perPaper:0.000} ms/paper  {papers * repetitions / r.CpuTime.TotalSeconds,8:0.0} papers/s per core  x{r.CpuTime.TotalSeconds / baseline.CpuTime.TotalSeconds:0.00} of {baseline.Name}  {r.Mentions} mentions");
        }

        return text.ToString();
    }
}
