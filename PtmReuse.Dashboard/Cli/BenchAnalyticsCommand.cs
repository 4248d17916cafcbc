using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using PtmReuse.Core.Analytics;
using PtmReuse.Core.Analytics.Projection;
using PtmReuse.Core.Benchmark;
using PtmReuse.Core.Classification;
using PtmReuse.Core.Review;
using PtmReuse.Core.Storage;

namespace PtmReuse.Dashboard.Cli;

/// <summary>
/// `bench analytics [--db-file FILE] [--papers N] [--repeat R]`: on a database at real size (a synthetic one is built
/// when no file is given) rebuilds the analytics projection, then times every chart's query (p50/p95 over R runs)
/// and prints peak memory, beside two same-run baselines: a plain COUNT(*) over the papers and the naive route
/// (effective labels computed in memory for a sample of papers, extrapolated to all).
/// </summary>
internal static class BenchAnalyticsCommand
{
    private const double TargetP95Milliseconds = 100;

    public static Command Create()
    {
        var file = new Option<string?>("--db-file") { Description = "An existing synthetic database to use (it gets the projection tables); default: build one." };
        var papers = new Option<int>("--papers") { Description = "Papers in the synthetic database built when no --db-file is given.", DefaultValueFactory = _ => 350_000 };
        var repeat = new Option<int>("--repeat") { Description = "Timed runs of each query.", DefaultValueFactory = _ => 20 };
        var skipRebuild = new Option<bool>("--skip-rebuild") { Description = "Reuse the projection already in --db-file when it is current." };
        var command = new Command("analytics", "Benchmark the analytics queries at real size (p50/p95 per chart, memory).") { file, papers, repeat, skipRebuild };
        command.SetAction((parse, ct) => RunAsync(parse, parse.GetValue(file), parse.GetValue(papers), Math.Max(3, parse.GetValue(repeat)), parse.GetValue(skipRebuild), ct));
        return command;
    }

    private static async Task<int> RunAsync(ParseResult parse, string? file, int paperCount, int repeat, bool skipRebuild, CancellationToken cancellationToken)
    {
        var output = CliHost.Out(parse);
        // --db "Host=…" runs on that PostgreSQL database (a synthetic corpus is built there when it is empty).
        var postgres = CliHost.PostgresDatabase(parse);
        var built = file is null;
        var path = file is null
            ? Path.Combine(Path.GetTempPath(), "ptmreuse-bench", $"analytics-{Guid.NewGuid():N}.db")
            : Path.GetFullPath(file);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        try
        {
            using var host = await CliHost.StartAsync(parse, cancellationToken, postgres is null ? path : null);
            var services = host.Services;
            if (postgres is not null)
            {
                await using var empty = await services.GetRequiredService<IDbContextFactory<PtmReuseDbContext>>().CreateDbContextAsync(cancellationToken);
                built = !await empty.Papers.AnyAsync(cancellationToken);
            }

            if (built)
            {
                var report = await services.GetRequiredService<SyntheticCorpus>().BuildAsync(new SyntheticCorpusOptions { Papers = paperCount }, null, cancellationToken);
                await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                    $"Synthetic database: {report.Papers:N0} papers, {report.Decisions:N0} decisions, {report.HumanLabels:N0} human labels, built in {report.Elapsed.TotalSeconds:F0} s"));
            }

            var projection = services.GetRequiredService<AnalyticsProjection>();
            var factory = services.GetRequiredService<IDbContextFactory<PtmReuseDbContext>>();
            int totalPapers;
            await using (var db = await factory.CreateDbContextAsync(cancellationToken))
            {
                totalPapers = await db.Papers.CountAsync(cancellationToken);
                var decisions = await db.Decisions.CountAsync(cancellationToken);
                var where = postgres is null ? $"{path} ({new FileInfo(path).Length / 1048576.0:N0} MB)" : "PostgreSQL " + StorageOptions.DescribePostgres(postgres);
                await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"Database: {where}: {totalPapers:N0} papers, {decisions:N0} decisions"));
            }

            if (!skipRebuild)
            {
                var rebuild = await projection.RebuildAsync(cancellationToken);
                await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                    $"Projection rebuild: {rebuild.PapersProjected:N0} papers in {rebuild.Elapsed.TotalSeconds:F1} s ({rebuild.PapersProjected / Math.Max(rebuild.Elapsed.TotalSeconds, 1e-3):N0} papers/s)"));
            }

            var repairClock = Stopwatch.StartNew();
            var stale = await projection.FindStalePapersAsync(cancellationToken);
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"Staleness check (per-paper signatures vs sources): {stale.Count:N0} stale papers, {repairClock.Elapsed.TotalMilliseconds:N0} ms"));

            var figures = services.GetRequiredService<AnalyticsFigures>();
            var query = AnalyticsQuery.Default;
            await figures.FunnelAsync(query, cancellationToken); // freshness check and warm-up
            var fractional = query with { Rules = query.Rules with { MultiField = MultiFieldRule.Fractional } };
            var whole = query with { Rules = query.Rules with { MultiField = MultiFieldRule.Whole } };
            var machine = query with { Rules = query.Rules with { Basis = LabelBasis.MachineOnly } };
            var perModel = query with { Rules = query.Rules with { Unit = CountingUnit.PaperModel } };
            var drillKey = (await figures.AdoptionAsync(query, AdoptionMeasure.UsesPtms, false, false, cancellationToken)).Series[0].Points[^1].DrillKey!;
            var charts = new (string Name, Func<Task> Run)[]
            {
                ("trends: papers ingested", () => figures.AdoptionAsync(query, AdoptionMeasure.Ingested, false, false, cancellationToken)),
                ("trends: DL share", () => figures.AdoptionAsync(query, AdoptionMeasure.UsesDl, true, false, cancellationToken)),
                ("trends: PTM share", () => figures.AdoptionAsync(query, AdoptionMeasure.UsesPtms, true, false, cancellationToken)),
                ("trends: PTM share, fractional", () => figures.AdoptionAsync(fractional, AdoptionMeasure.UsesPtms, true, false, cancellationToken)),
                ("trends: PTM share, whole", () => figures.AdoptionAsync(whole, AdoptionMeasure.UsesPtms, true, false, cancellationToken)),
                ("trends: PTM share, machine-only", () => figures.AdoptionAsync(machine, AdoptionMeasure.UsesPtms, true, false, cancellationToken)),
                ("trends: uses_dl outcomes per year", () => figures.OutcomesByYearAsync(query, Stage.UsesDl, cancellationToken)),
                ("patterns: overall", () => figures.CategoryAsync(query, AnalyticsFigures.CategoryKind.Pattern, AnalyticsFigures.CategoryAxis.Overall, cancellationToken)),
                ("patterns: by field", () => figures.CategoryAsync(query, AnalyticsFigures.CategoryKind.Pattern, AnalyticsFigures.CategoryAxis.Field, cancellationToken)),
                ("patterns: per year", () => figures.CategoryAsync(query, AnalyticsFigures.CategoryKind.Pattern, AnalyticsFigures.CategoryAxis.Year, cancellationToken)),
                ("patterns: per year, paper x model", () => figures.CategoryAsync(perModel, AnalyticsFigures.CategoryKind.Pattern, AnalyticsFigures.CategoryAxis.Year, cancellationToken)),
                ("impact: steps overall", () => figures.CategoryAsync(query, AnalyticsFigures.CategoryKind.Step, AnalyticsFigures.CategoryAxis.Overall, cancellationToken)),
                ("impact: steps by field", () => figures.CategoryAsync(query, AnalyticsFigures.CategoryKind.Step, AnalyticsFigures.CategoryAxis.Field, cancellationToken)),
                ("models: top 10", () => figures.TopModelsAsync(query, 10, cancellationToken)),
                ("models: top 5 per year", () => figures.ModelTrendAsync(query, 5, cancellationToken)),
                ("models: top 5 per field", () => figures.TopModelsByFieldAsync(query, 5, cancellationToken)),
                ("heatmap: field x year", () => figures.HeatmapAsync(query, cancellationToken)),
                ("funnel", () => figures.FunnelAsync(query, cancellationToken)),
                ("drill-down: papers behind a point", () => figures.DrillAsync(query, drillKey, 100, cancellationToken)),
            };

            var countStar = await TimeAsync(async () =>
            {
                await using var db = await factory.CreateDbContextAsync(cancellationToken);
                await db.Papers.CountAsync(cancellationToken);
            }, repeat);
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"Baseline SELECT COUNT(*) FROM Papers: p50 {countStar.P50:F1} ms, p95 {countStar.P95:F1} ms"));

            var naive = await NaiveAsync(services, factory, totalPapers, cancellationToken);
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"Baseline naive (effective labels in memory, per query): {naive.Sample:N0} papers in {naive.Milliseconds:N0} ms, so about {naive.Extrapolated / 1000:N1} s for all {totalPapers:N0}"));
            await output.WriteLineAsync();
            await output.WriteLineAsync($"{"chart query",-36} {"p50 ms",8} {"p95 ms",8} {"x COUNT(*)",11} {"naive / p95",12}");
            var worst = 0.0;
            foreach (var (name, run) in charts)
            {
                var timing = await TimeAsync(run, repeat);
                worst = Math.Max(worst, timing.P95);
                await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                    $"{name,-36} {timing.P50,8:F1} {timing.P95,8:F1} {timing.P50 / Math.Max(countStar.P50, 1e-3),11:F1} {naive.Extrapolated / Math.Max(timing.P95, 1e-3),12:N0}"));
            }

            using var process = Process.GetCurrentProcess();
            process.Refresh();
            await output.WriteLineAsync();
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"Worst p95 {worst:F1} ms (target < {TargetP95Milliseconds:F0} ms: {(worst < TargetP95Milliseconds ? "met" : "NOT met")}); " +
                $"peak working set {process.PeakWorkingSet64 / 1048576.0:N0} MB, managed heap now {GC.GetTotalMemory(false) / 1048576.0:N0} MB"));
            return 0;
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            if (built && postgres is null)
            {
                foreach (var leftover in new[] { path, path + "-wal", path + "-shm" })
                {
                    File.Delete(leftover);
                }
            }
        }
    }

    private sealed record Timing(double P50, double P95);

    private static async Task<Timing> TimeAsync(Func<Task> run, int repeat)
    {
        await run(); // warm-up
        var times = new List<double>();
        for (var i = 0; i < repeat; i++)
        {
            var clock = Stopwatch.StartNew();
            await run();
            times.Add(clock.Elapsed.TotalMilliseconds);
        }

        times.Sort();
        return new Timing(Percentile(times, 0.50), Percentile(times, 0.95));
    }

    private static double Percentile(List<double> sorted, double p)
    {
        var rank = p * (sorted.Count - 1);
        var low = (int)Math.Floor(rank);
        var high = (int)Math.Ceiling(rank);
        return sorted[low] + ((sorted[high] - sorted[low]) * (rank - low));
    }

    /// <summary>What the charts would cost without the projection: the effective labels of a sample computed in memory.</summary>
    private static async Task<(int Sample, double Milliseconds, double Extrapolated)> NaiveAsync(IServiceProvider services, IDbContextFactory<PtmReuseDbContext> factory, int totalPapers, CancellationToken cancellationToken)
    {
        List<long> ids;
        await using (var db = await factory.CreateDbContextAsync(cancellationToken))
        {
            ids = await db.Papers.OrderBy(p => p.Id).Select(p => p.Id).Take(5_000).ToListAsync(cancellationToken);
        }

        var labels = services.GetRequiredService<EffectiveLabels>();
        var clock = Stopwatch.StartNew();
        foreach (var chunk in ids.Chunk(500))
        {
            await labels.ForPapersAsync(chunk, MachineDecisionFilter.Latest, cancellationToken);
        }

        var milliseconds = clock.Elapsed.TotalMilliseconds;
        return (ids.Count, milliseconds, milliseconds * totalPapers / Math.Max(ids.Count, 1));
    }
}
