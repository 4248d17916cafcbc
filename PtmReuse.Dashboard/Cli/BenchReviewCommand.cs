using System.CommandLine;
using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using PtmReuse.Core.Benchmark;
using PtmReuse.Core.Classification;
using PtmReuse.Core.Classification.Runs;
using PtmReuse.Core.Ingest;
using PtmReuse.Core.Papers;
using PtmReuse.Core.Review;
using PtmReuse.Core.Storage;

namespace PtmReuse.Dashboard.Cli;

/// <summary>
/// `bench review [--db-file FILE] [--papers N] [--steps N]`: on a database at real size (a synthetic one is built when
/// the file does not exist), prints p50/p95 of "open the next item of a filtered queue" for several filters and of
/// "build and render the review view" for the longest corpus paper, memory per open review view (a connected
/// reviewer's circuit holds one), and ratios against baselines measured in the same run: an unfiltered keyset step,
/// and the paper page's existing load-and-render path.
/// </summary>
internal static class BenchReviewCommand
{
    public static Command Create()
    {
        var file = new Option<string?>("--db-file") { Description = "SQLite database to use (a synthetic one is built there when missing; it gets the review columns and scores)." };
        var papers = new Option<int>("--papers") { Description = "Papers when a synthetic database is built.", DefaultValueFactory = _ => 350_000 };
        var steps = new Option<int>("--steps") { Description = "Timed repetitions per figure.", DefaultValueFactory = _ => 60 };
        var corpus = new Option<string?>("--corpus") { Description = "Corpus folder whose longest paper is rendered (default ../shared/corpus)." };
        var command = new Command("review", "Benchmark the review queue and review view at real size.") { file, papers, steps, corpus };
        command.SetAction((parse, ct) => RunAsync(parse, parse.GetValue(file), parse.GetValue(papers), Math.Max(5, parse.GetValue(steps)), parse.GetValue(corpus), ct));
        return command;
    }

    private static async Task<int> RunAsync(ParseResult parse, string? file, int papers, int steps, string? corpusPath, CancellationToken cancellationToken)
    {
        var output = CliHost.Out(parse);
        var path = Path.GetFullPath(file ?? Path.Combine(Path.GetTempPath(), "ptmreuse-bench", $"review-{papers}.db"));
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        // --db "Host=…" runs on that PostgreSQL database (a synthetic corpus is built there when it is empty).
        var postgres = CliHost.PostgresDatabase(parse);
        var build = !File.Exists(path);
        var watch = Stopwatch.StartNew();
        using var host = await CliHost.StartAsync(parse, cancellationToken, postgres is null ? path : null);
        var services = host.Services;
        if (postgres is not null)
        {
            await using var empty = await services.GetRequiredService<IDbContextFactory<PtmReuseDbContext>>().CreateDbContextAsync(cancellationToken);
            build = !await empty.Papers.AnyAsync(cancellationToken);
        }

        await output.WriteLineAsync($"Database: {(postgres is null ? path : "PostgreSQL " + StorageOptions.DescribePostgres(postgres))} (opened and migrated in {watch.Elapsed.TotalSeconds:N1} s)");
        if (build)
        {
            var report = await services.GetRequiredService<SyntheticCorpus>().BuildAsync(new SyntheticCorpusOptions { Papers = papers }, null, cancellationToken);
            await output.WriteLineAsync($"Built synthetic corpus: {report.Papers:N0} papers, {report.Decisions:N0} decisions in {report.Elapsed.TotalSeconds:N1} s");
        }

        watch.Restart();
        var scored = await services.GetRequiredService<DecisionUncertainty>().RefreshAsync(cancellationToken);
        await output.WriteLineAsync($"Uncertainty scores: {scored:N0} decisions scored in {watch.Elapsed.TotalSeconds:N1} s (once; later only new decisions)");

        var dbFactory = services.GetRequiredService<IDbContextFactory<PtmReuseDbContext>>();
        await using (var db = await dbFactory.CreateDbContextAsync(cancellationToken))
        {
            await output.WriteLineAsync($"Size: {await db.Papers.CountAsync(cancellationToken):N0} papers, {await db.Decisions.CountAsync(cancellationToken):N0} decisions, {await db.HumanLabels.CountAsync(cancellationToken):N0} human labels");
        }

        var queue = services.GetRequiredService<ReviewQueue>();
        var gcBefore = GC.GetTotalAllocatedBytes(precise: true);
        var baseline = await TimeQueueAsync(queue, ReviewQueueFilter.All, ReviewOrder.Newest, steps, cancellationToken);
        await output.WriteLineAsync();
        await output.WriteLineAsync("Open the next item of a queue (ms)                                     p50      p95   p95/baseline");
        await Row(output, "baseline: unfiltered, newest first (primary-key keyset)", baseline, baseline);
        (string Name, ReviewQueueFilter Filter, ReviewOrder Order)[] cases =
        [
            ("most uncertain first, all stages", ReviewQueueFilter.All, ReviewOrder.MostUncertain),
            ("uses_dl, not yet reviewed, most uncertain", new ReviewQueueFilter(Stage: Stage.UsesDl, Reviewed: ReviewedState.NotReviewed), ReviewOrder.MostUncertain),
            ("ptm_reuse = adaptation, most uncertain", new ReviewQueueFilter(Stage: Stage.PtmReuse, Pattern: ReusePattern.Adaptation), ReviewOrder.MostUncertain),
            ("field + years 2015-2020 + ungrounded", new ReviewQueueFilter(Field: "Medicine", YearFrom: 2015, YearTo: 2020, UngroundedOnly: true), ReviewOrder.MostUncertain),
            ("run 1 disagrees with run 2, by paper", new ReviewQueueFilter(RunId: 1, CompareRunId: 2), ReviewOrder.Paper),
            ("backend llm-a, uses_ptms = yes, newest", new ReviewQueueFilter(Stage: Stage.UsesPtms, Backend: "llm-a", Flag: true), ReviewOrder.Newest),
            ("run 2, uses_dl, newest", new ReviewQueueFilter(Stage: Stage.UsesDl, RunId: 2), ReviewOrder.Newest),
            ("field Medicine, uses_ptms, by paper", new ReviewQueueFilter(Stage: Stage.UsesPtms, Field: "Medicine"), ReviewOrder.Paper),
            ("reviewed by others (sparse), most uncertain", new ReviewQueueFilter(Reviewed: ReviewedState.ReviewedByOthers), ReviewOrder.MostUncertain),
        ];
        foreach (var (name, filter, order) in cases)
        {
            await Row(output, name, await TimeQueueAsync(queue, filter, order, steps, cancellationToken), baseline);
        }

        await output.WriteLineAsync($"(allocated while stepping the queues: {(GC.GetTotalAllocatedBytes(precise: true) - gcBefore) / 1024.0 / 1024.0:N1} MB in total: nothing proportional to the table)");

        var corpus = Path.GetFullPath(corpusPath ?? Path.Combine(AppPaths.ContentRoot(), "..", "shared", "corpus"));
        var longest = Directory.Exists(corpus)
            ? Directory.EnumerateFiles(corpus, "*.xml", SearchOption.AllDirectories).OrderByDescending(f => new FileInfo(f).Length).FirstOrDefault()
            : null;
        if (longest is null)
        {
            await output.WriteLineAsync($"{corpus}: no corpus XML found; review view figures skipped.");
            return 0;
        }

        var decisionId = await AddLongPaperDecisionAsync(services, dbFactory, longest, cancellationToken);
        var views = services.GetRequiredService<ReviewViews>();
        var paperDecisions = services.GetRequiredService<PaperDecisions>();
        var paperId = await PaperOfAsync(dbFactory, decisionId, cancellationToken);
        var pageBaseline = await TimeAsync(steps, async () =>
        {
            var set = await paperDecisions.ForPaperAsync(paperId, cancellationToken);
            var paper = await services.GetRequiredService<PaperQueries>().GetAsync(paperId, cancellationToken);
            foreach (var section in paper!.Sections)
            {
                _ = SafeMarkdown.ToHtml(section.Text, set!.Highlights.ForSection(section.Ordinal));
            }
        });
        var review = await TimeAsync(steps, async () => Render((await views.BuildAsync(decisionId, "bench", cancellationToken))!));
        var view = (await views.BuildAsync(decisionId, "bench", cancellationToken))!;
        await output.WriteLineAsync();
        await output.WriteLineAsync($"Review view of the longest corpus paper: {Path.GetFileName(longest)} ({view.Paper.Sections.Sum(s => s.Text.Length):N0} characters, {view.Paper.Sections.Count} sections, {view.Paper.Sections.Sum(s => s.Highlights.Count)} marks)");
        await output.WriteLineAsync("Build + render (ms)                                                    p50      p95   p95/baseline");
        await Row(output, "baseline: paper page (decisions + sections rendered)", pageBaseline, pageBaseline);
        await Row(output, "review view (decision, labels, history, marks, rendered)", review, pageBaseline);

        // A connected reviewer's circuit holds one review view and its rendered sections (the render tree keeps the markup).
        const int Reviewers = 20;
        var held = new List<object>(Reviewers);
        var before = GC.GetTotalMemory(forceFullCollection: true);
        for (var i = 0; i < Reviewers; i++)
        {
            var built = (await views.BuildAsync(decisionId, $"bench-{i}", cancellationToken))!;
            held.Add((built, Render(built)));
        }

        var after = GC.GetTotalMemory(forceFullCollection: true);
        GC.KeepAlive(held);
        await output.WriteLineAsync($"Memory per connected reviewer (heap delta per open review view of this paper, {Reviewers} held): {(after - before) / (double)Reviewers / 1024:N0} KB");
        await output.WriteLineAsync("Target: p95 under 300 ms for both.");
        return 0;
    }

    private static List<string> Render(ReviewView view) =>
        view.Paper.Sections.Select(section => SafeMarkdown.ToHtml(section.Text, section.Highlights)).ToList();

    /// <summary>Opens the first item, then steps "next" repeatedly (each step reads the current item's key and one row).</summary>
    private static async Task<double[]> TimeQueueAsync(ReviewQueue queue, ReviewQueueFilter filter, ReviewOrder order, int steps, CancellationToken cancellationToken)
    {
        long? current = null;
        return await TimeAsync(steps, async () =>
        {
            var next = await queue.NextAsync(filter, order, "bench", current, forward: true, cancellationToken);
            current = next?.DecisionId;
        });
    }

    private static async Task<double[]> TimeAsync(int steps, Func<Task> action)
    {
        await action(); // warm-up: compiled queries, page cache
        var times = new double[steps];
        for (var i = 0; i < steps; i++)
        {
            var watch = Stopwatch.StartNew();
            await action();
            times[i] = watch.Elapsed.TotalMilliseconds;
        }

        Array.Sort(times);
        return times;
    }

    private static double Percentile(double[] sorted, double p) => sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)];

    private static Task Row(TextWriter output, string name, double[] times, double[] baseline) =>
        output.WriteLineAsync($"  {name,-68} {Percentile(times, 0.5),7:N1}  {Percentile(times, 0.95),7:N1}  {Percentile(times, 0.95) / Math.Max(0.001, Percentile(baseline, 0.95)),8:N1}x");

    private static async Task<long> PaperOfAsync(IDbContextFactory<PtmReuseDbContext> dbFactory, long decisionId, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.Decisions.Where(d => d.Id == decisionId).Select(d => d.PaperId).FirstAsync(cancellationToken);
    }

    /// <summary>Ingests the paper and classifies it with the embedded backend, so its decisions carry real, grounded evidence.</summary>
    private static async Task<long> AddLongPaperDecisionAsync(IServiceProvider services, IDbContextFactory<PtmReuseDbContext> dbFactory, string file, CancellationToken cancellationToken)
    {
        await services.GetRequiredService<IPaperIngestor>().IngestAsync([new IngestInput(file, file)], "bench review", null, cancellationToken);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var paper = await db.Papers.AsSplitQuery().Include(p => p.Sections).Include(p => p.Captions)
            .Where(p => p.SourceFile == file || p.Sources.Any(s => s.Path == file)).OrderByDescending(p => p.Id).FirstAsync(cancellationToken);
        var existing = await db.Decisions.Where(d => d.PaperId == paper.Id && d.Stage == "uses_dl").Select(d => (long?)d.Id).FirstOrDefaultAsync(cancellationToken);
        if (existing is { } id)
        {
            return id;
        }

        // A decision quoting a real sentence of the paper (grounded) and naming a model that occurs in it, so the view has marks to place.
        var document = PaperDocument.FromPaper(paper);
        var body = paper.Sections.OrderByDescending(s => s.Text.Length).First();
        var sentence = body.Text.Split(". ", StringSplitOptions.RemoveEmptyEntries).OrderByDescending(s => s.Length).First();
        var start = document.Text.IndexOf(sentence, StringComparison.Ordinal);
        var run = new ClassificationRun { Backend = "bench", Model = "bench", StartedAt = DateTime.UtcNow, Status = RunStatus.Completed };
        db.Runs.Add(run);
        await db.SaveChangesAsync(cancellationToken);
        var answer = new UsesDlAnswer(true, new Evidence(sentence, start, sentence.Length, start >= 0));
        var decision = new MachineDecision
        {
            RunId = run.Id, PaperId = paper.Id, Stage = "uses_dl", DecisionKey = "bench-review-" + paper.Id, PromptHash = "bench", Backend = "bench", Model = "bench",
            ValueJson = StageJson.Serialize(answer), Evidence = sentence, EvidenceStart = start, EvidenceLength = sentence.Length, EvidenceGrounded = start >= 0, CreatedAt = DateTime.UtcNow,
        };
        db.Decisions.Add(decision);
        await db.SaveChangesAsync(cancellationToken);
        return decision.Id;
    }
}
