using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using PtmReuse.Core.Classification;
using PtmReuse.Core.Classification.Runs;
using PtmReuse.Core.Fields;
using PtmReuse.Core.Ingest;
using PtmReuse.Core.Papers;
using PtmReuse.Core.Storage;

namespace PtmReuse.Core.Benchmark;

/// <summary>Shape of a synthetic database; the defaults give the size of the whole PLOS corpus (350k papers, ~2M decisions).</summary>
public sealed record SyntheticCorpusOptions
{
    public int Papers { get; init; } = 350_000;
    /// <summary>Classification runs over every paper (each run decides uses_dl for all papers, the later stages where gated in).</summary>
    public int Runs { get; init; } = 3;
    /// <summary>Share of papers using deep learning in 2025; earlier years follow a logistic rise from near zero in 2010.</summary>
    public double DeepLearningShare2025 { get; init; } = 0.6;
    /// <summary>Share of deep-learning papers that reuse a pre-trained model.</summary>
    public double PtmShareOfDeepLearning { get; init; } = 0.45;
    /// <summary>Share of machine decisions given a human label (by one reviewer; a tenth of those by a second, blind).</summary>
    public double HumanLabelShare { get; init; } = 0.01;
    public int Seed { get; init; } = 20_251_123;
}

public sealed record SyntheticCorpusReport(int Papers, int Runs, long Decisions, long HumanLabels, TimeSpan Elapsed);

/// <summary>
/// Builds a large, realistic-looking database for benchmarks: papers spread over 2000–2025 and the natural-science
/// fields (multi-field through OpenAlex topics), several runs whose decisions follow the stage gates and mostly agree,
/// catalog models with a long tail, some ungrounded evidence and failures, and a sprinkle of human labels.
/// Rows go in through prepared commands in large transactions (EF change tracking would take minutes), on either provider.
/// Deterministic for a seed.
/// </summary>
public sealed class SyntheticCorpus(IDbContextFactory<PtmReuseDbContext> dbFactory, IPtmCatalog catalog)
{
    private static readonly string[] Journals =
    [
        "PLOS ONE", "PLOS Biology", "PLOS Computational Biology", "PLOS Genetics", "PLOS Medicine", "PLOS Pathogens",
        "eLife", "Nature Communications", "Scientific Reports", "Bioinformatics", "Nucleic Acids Research", "Cell Reports",
        "Remote Sensing", "Frontiers in Plant Science", "Ecology and Evolution", "Journal of Chemical Information and Modeling",
    ];

    // Relative weights loosely following the study's ranking (Biochemistry first).
    private static readonly (string Field, double Weight)[] FieldWeights =
    [
        (FieldNames.BiochemistryGeneticsMolecularBiology, 24), ("Medicine", 20), (FieldNames.AgriculturalAndBiologicalSciences, 14),
        ("Neuroscience", 9), ("Immunology and Microbiology", 8), ("Environmental Science", 6), ("Chemistry", 4),
        ("Earth and Planetary Sciences", 4), ("Physics and Astronomy", 3), ("Materials Science", 2), ("Computer Science", 3),
        ("Pharmacology, Toxicology and Pharmaceutics", 3),
    ];

    private static readonly string[] Reviewers = ["reviewer", "reviewer2"];

    public async Task<SyntheticCorpusReport> BuildAsync(SyntheticCorpusOptions options, IProgress<string>? progress, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var random = new Random(options.Seed);
        var fields = FieldWeights.Where(f => OpenAlexTaxonomy.FindField(f.Field) is not null).ToArray();
        var models = catalog.Models.Where(m => m.Kind != PtmKind.Framework).Select(m => m.Canonical).ToArray();
        if (models.Length == 0)
        {
            throw new InvalidOperationException("The PTM catalog is empty; synthetic decisions need model names.");
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await db.Database.OpenConnectionAsync(cancellationToken);
        var connection = db.Database.GetDbConnection();
        var dialect = SqlDialect.For(connection);
        await using (var pragma = connection.CreateCommand())
        {
            // Bulk load of a throw-away benchmark database: durability per row does not matter here.
            pragma.CommandText = dialect.BulkLoadStartSql;
            await pragma.ExecuteNonQueryAsync(cancellationToken);
        }

        var runIds = await CreateRunsAsync(db, options.Runs, cancellationToken);
        var paperIds = new long[options.Papers];
        var profiles = new PaperProfile[options.Papers];
        const int batch = 20_000;
        for (var start = 0; start < options.Papers; start += batch)
        {
            cancellationToken.ThrowIfCancellationRequested();
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
            using var inserter = new PaperInserter(connection, transaction);
            for (var i = start; i < Math.Min(options.Papers, start + batch); i++)
            {
                var profile = NewProfile(random, fields, models, options);
                profiles[i] = profile;
                var paper = NewPaper(i, profile, fields, random);
                inserter.Insert(paper);
                paperIds[i] = paper.Id;
            }

            await transaction.CommitAsync(cancellationToken);
            progress?.Report($"papers {Math.Min(options.Papers, start + batch):N0}/{options.Papers:N0}");
        }

        long decisions = 0;
        long labels = 0;
        var decisionsPerRun = new List<(long DecisionId, int PaperIndex, Stage Stage, string ValueJson)>();
        for (var r = 0; r < runIds.Count; r++)
        {
            var runRandom = new Random(options.Seed + 7919 * (r + 1));
            for (var start = 0; start < options.Papers; start += batch)
            {
                cancellationToken.ThrowIfCancellationRequested();
                await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
                using var decisionInsert = DecisionInsert(connection, transaction);
                using var labelInsert = LabelInsert(connection, transaction);
                for (var i = start; i < Math.Min(options.Papers, start + batch); i++)
                {
                    // Later runs disagree with the profile on a few papers, as two backends would.
                    var profile = runRandom.NextDouble() < 0.06 ? profiles[i].Perturbed(runRandom, models) : profiles[i];
                    foreach (var (stage, answer, evidence, grounded, error) in Decide(profile, runRandom))
                    {
                        var id = InsertDecision(decisionInsert, runIds[r], paperIds[i], i, r, stage, answer, evidence, grounded, error, runRandom);
                        decisions++;
                        if (r == 0 && answer is not null && runRandom.NextDouble() < options.HumanLabelShare)
                        {
                            labels += InsertLabels(labelInsert, paperIds[i], id, stage, answer, runRandom);
                        }
                    }
                }

                await transaction.CommitAsync(cancellationToken);
                progress?.Report($"run {r + 1}/{runIds.Count}: papers {Math.Min(options.Papers, start + batch):N0}, decisions {decisions:N0}");
            }
        }

        await FinishRunsAsync(connection, options.Papers, cancellationToken);
        await using (var analyze = connection.CreateCommand())
        {
            analyze.CommandText = dialect.BulkLoadEndSql;
            await analyze.ExecuteNonQueryAsync(cancellationToken);
        }

        return new SyntheticCorpusReport(options.Papers, runIds.Count, decisions, labels, clock.Elapsed);
    }

    private static async Task<IReadOnlyList<long>> CreateRunsAsync(PtmReuseDbContext db, int count, CancellationToken cancellationToken)
    {
        string[] backends = ["embedded", "llm-a", "llm-b"];
        var runs = Enumerable.Range(0, count).Select(r => new ClassificationRun
        {
            Backend = backends[r % backends.Length],
            Model = r == 0 ? "rules" : $"synthetic-model-{r}",
            PromptVersion = $"synthetic-{r}",
            SettingsJson = "{\"synthetic\":true}",
            Selection = "all",
            StartedAt = new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc).AddDays(r),
            Status = RunStatus.Running,
        }).ToList();
        db.Runs.AddRange(runs);
        await db.SaveChangesAsync(cancellationToken);
        return runs.Select(r => r.Id).ToList();
    }

    private static async Task FinishRunsAsync(DbConnection connection, int papers, CancellationToken cancellationToken)
    {
        await using var finish = connection.CreateCommand();
        finish.CommandText = """UPDATE "Runs" SET "Status" = @status, "FinishedAt" = "StartedAt", "PapersTotal" = @papers, "PapersDone" = @papers""";
        foreach (var (name, value) in new (string, object)[] { ("@status", (int)RunStatus.Completed), ("@papers", papers) })
        {
            var parameter = finish.CreateParameter();
            parameter.ParameterName = name;
            parameter.Value = value;
            finish.Parameters.Add(parameter);
        }

        await finish.ExecuteNonQueryAsync(cancellationToken);
    }

    private sealed record PaperProfile(int Year, int FieldIndex, int[] OtherFields, bool UsesDl, bool UsesPtms, (string Model, ReusePattern Pattern, ScienceStep Step)[] Models)
    {
        public PaperProfile Perturbed(Random random, string[] models)
        {
            if (!UsesDl)
            {
                return this with { UsesDl = true, UsesPtms = false };
            }

            if (UsesPtms && Models.Length > 0)
            {
                var changed = Models.ToArray();
                changed[0] = random.Next(3) switch
                {
                    0 => changed[0] with { Pattern = (ReusePattern)random.Next(3) },
                    1 => changed[0] with { Step = (ScienceStep)random.Next(6) },
                    _ => changed[0] with { Model = models[random.Next(models.Length)] },
                };
                return this with { Models = changed };
            }

            return this with { UsesPtms = !UsesPtms, Models = UsesPtms ? [] : [(models[0], ReusePattern.Adaptation, ScienceStep.Test)] };
        }
    }

    private static PaperProfile NewProfile(Random random, (string Field, double Weight)[] fields, string[] models, SyntheticCorpusOptions options)
    {
        // More papers in later years, as in the literature.
        var year = 2000 + (int)Math.Floor(26 * Math.Sqrt(random.NextDouble()));
        var fieldIndex = Weighted(random, fields);
        var others = random.NextDouble() < 0.3 ? [Weighted(random, fields)] : Array.Empty<int>();
        var dlShare = options.DeepLearningShare2025 / (1 + Math.Exp(-(year - 2018) / 2.0));
        var usesDl = random.NextDouble() < dlShare;
        var usesPtms = usesDl && random.NextDouble() < options.PtmShareOfDeepLearning;
        var modelCount = usesPtms ? 1 + (random.NextDouble() < 0.25 ? 1 : 0) : 0;
        var picked = new (string, ReusePattern, ScienceStep)[modelCount];
        for (var m = 0; m < modelCount; m++)
        {
            // A long tail: a few models dominate, as AlexNet and AlphaFold do in the study.
            var index = (int)Math.Min(models.Length - 1, Math.Floor(Math.Pow(random.NextDouble(), 3) * models.Length));
            var pattern = random.NextDouble() switch { < 0.70 => ReusePattern.Adaptation, < 0.92 => ReusePattern.Deployment, _ => ReusePattern.Conceptual };
            var step = random.NextDouble() switch
            {
                < 0.45 => ScienceStep.Test,
                < 0.70 => ScienceStep.Analysis,
                < 0.85 => ScienceStep.Observation,
                < 0.93 => ScienceStep.Hypothesis,
                < 0.97 => ScienceStep.Background,
                _ => ScienceStep.Conclusion,
            };
            picked[m] = (models[index], pattern, step);
        }

        return new PaperProfile(year, fieldIndex, others, usesDl, usesPtms, picked);
    }

    private static int Weighted(Random random, (string Field, double Weight)[] fields)
    {
        var target = random.NextDouble() * fields.Sum(f => f.Weight);
        for (var i = 0; i < fields.Length; i++)
        {
            target -= fields[i].Weight;
            if (target <= 0)
            {
                return i;
            }
        }

        return fields.Length - 1;
    }

    private static Paper NewPaper(int index, PaperProfile profile, (string Field, double Weight)[] fields, Random random)
    {
        var now = new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        var fieldNames = new[] { profile.FieldIndex }.Concat(profile.OtherFields).Distinct().Select(f => fields[f].Field).ToList();
        var method = profile.UsesPtms
            ? $"We fine-tuned a pre-trained {profile.Models[0].Model} model on our images."
            : profile.UsesDl ? "We trained a convolutional neural network from scratch." : "We used linear mixed models.";
        return new Paper
        {
            Doi = $"10.5555/synthetic.{index:D7}",
            ContentHash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"synthetic-{index}"))),
            Title = $"Synthetic study {index} of {fieldNames[0].ToLowerInvariant()}",
            Journal = Journals[random.Next(Journals.Length)],
            Publisher = "Synthetic",
            Year = profile.Year,
            PublishedOn = new DateOnly(profile.Year, 1 + random.Next(12), 1 + random.Next(28)),
            Licence = "CC BY 4.0",
            Abstract = $"We study a question in {fieldNames[0]}. {method}",
            PrimaryField = fieldNames[0],
            Topics = fieldNames.Select((f, i) => new PaperTopic
            {
                TopicId = $"T{10_000 + (index % 4000)}",
                Name = $"Topic in {f}",
                Subfield = f,
                Field = f,
                Domain = OpenAlexTaxonomy.FindField(f)?.Domain.Name,
                Score = i == 0 ? 0.9 : 0.5,
            }).ToList(),
            Sections =
            [
                new PaperSection { Ordinal = 0, Heading = "Methods", Kind = SectionKind.Methods, Text = method },
            ],
            SourceFormat = SourceFormat.Jats,
            IngestedAt = now,
            UpdatedAt = now,
        };
    }

    private static IEnumerable<(Stage Stage, StageAnswer? Answer, string? Evidence, bool Grounded, string? Error)> Decide(PaperProfile profile, Random random)
    {
        bool Grounded() => random.NextDouble() >= 0.05;
        if (random.NextDouble() < 0.01)
        {
            // A failed request: kept as an error decision, unknown rather than "no".
            yield return (Stage.UsesDl, null, null, false, "unparseable");
            yield break;
        }

        var dlQuote = profile.UsesDl ? "We trained a convolutional neural network" : "We used linear mixed models";
        yield return (Stage.UsesDl, new UsesDlAnswer(profile.UsesDl, new Evidence(dlQuote)), dlQuote, Grounded(), null);
        if (!profile.UsesDl)
        {
            yield break;
        }

        var ptmQuote = profile.UsesPtms ? "We fine-tuned a pre-trained" : "trained a convolutional neural network from scratch";
        yield return (Stage.UsesPtms, new UsesPtmsAnswer(profile.UsesPtms, new Evidence(ptmQuote)), ptmQuote, Grounded(), null);
        if (!profile.UsesPtms)
        {
            yield break;
        }

        var quote = $"pre-trained {profile.Models[0].Model} model";
        yield return (Stage.IdentifyPtms, new IdentifyPtmsAnswer(profile.Models.Select(m => new PtmMention(m.Model, m.Model, new Evidence(quote))).ToList()), quote, Grounded(), null);
        yield return (Stage.PtmReuse, new PtmReuseAnswer(profile.Models.Select(m => new PtmReuseItem(m.Model, m.Model, "weights", m.Pattern, new Evidence(quote))).ToList()), quote, Grounded(), null);
        yield return (Stage.PtmImpact, new PtmImpactAnswer(profile.Models.Select(m => new PtmImpactItem(m.Model, m.Model, m.Step, new Evidence(quote))).ToList()), quote, Grounded(), null);
    }

    private static readonly string[] DecisionColumns =
    [
        "RunId", "PaperId", "Stage", "DecisionKey", "PromptHash", "Backend", "Model", "ValueJson", "Evidence", "EvidenceStart",
        "EvidenceLength", "EvidenceGrounded", "Reasoning", "LatencyMs", "PromptTokens", "CompletionTokens", "Confidence",
        "ErrorKind", "CreatedAt",
    ];

    // Action and Adjudicated are given explicitly: SQLite's columns have defaults (added by a migration), PostgreSQL's do not.
    private static readonly string[] LabelColumns = ["PaperId", "Stage", "DecisionId", "Reviewer", "CreatedAt", "ValueJson", "Retired", "Version", "Action", "Adjudicated"];

    private static DbCommand DecisionInsert(DbConnection connection, DbTransaction transaction) =>
        PreparedInsert.Prepare(connection, transaction, "Decisions", DecisionColumns, " RETURNING \"Id\"");

    private static DbCommand LabelInsert(DbConnection connection, DbTransaction transaction) =>
        PreparedInsert.Prepare(connection, transaction, "HumanLabels", LabelColumns, "");



    private static long InsertDecision(DbCommand insert, long runId, long paperId, int paperIndex, int run, Stage stage, StageAnswer? answer,
        string? evidence, bool grounded, string? error, Random random)
    {
        var backend = run == 0 ? "embedded" : $"llm-{(char)('a' + run - 1)}";
        var model = run == 0 ? "rules" : $"synthetic-model-{run}";
        var key = DecisionKeys.For($"synthetic-{paperIndex}", stage, $"prompt-{run}", backend, model);
        PreparedInsert.Bind(insert, runId, paperId, stage.WireName(), error is null ? key : DecisionKeys.ForError(key, runId), $"prompt-{run}", backend, model,
            answer is null ? null : StageJson.Serialize(answer), evidence, evidence is null ? null : 0, evidence?.Length,
            evidence is null ? null : grounded, answer is null ? null : "Synthetic reasoning.", run == 0 ? 1 : 400 + random.Next(2000),
            run == 0 ? 0 : 1500 + random.Next(3000), run == 0 ? 0 : 40 + random.Next(80), Math.Round(0.5 + (random.NextDouble() / 2), 3),
            error, new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc).AddDays(run).AddSeconds(paperIndex));
        return Convert.ToInt64(insert.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }

    private static int InsertLabels(DbCommand insert, long paperId, long decisionId, Stage stage, StageAnswer answer, Random random)
    {
        // Reviewers mostly confirm the machine; now and then they flip a yes/no, so agreement figures are not trivial.
        var labelled = answer is FlagAnswer flag && random.NextDouble() < 0.08
            ? (StageAnswer)(flag is UsesDlAnswer ? new UsesDlAnswer(!flag.Result, flag.Evidence) : new UsesPtmsAnswer(!flag.Result, flag.Evidence))
            : answer;
        var json = StageJson.Serialize(labelled);
        var created = new DateTime(2026, 2, 1, 0, 0, 0, DateTimeKind.Utc).AddSeconds(decisionId);
        PreparedInsert.Bind(insert, paperId, stage.WireName(), decisionId, Reviewers[0], created, json, false, 0, nameof(Review.LabelAction.Correct), false);
        insert.ExecuteNonQuery();
        if (random.NextDouble() >= 0.1)
        {
            return 1;
        }

        PreparedInsert.Bind(insert, paperId, stage.WireName(), decisionId, Reviewers[1], created.AddMinutes(5), json, false, 0, nameof(Review.LabelAction.Correct), false);
        insert.ExecuteNonQuery();
        return 2;
    }
}
