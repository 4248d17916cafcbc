using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using PtmReuse.Core.Acquire;
using PtmReuse.Core.Classification;
using PtmReuse.Core.Classification.Llm;
using PtmReuse.Core.Classification.Runs;
using PtmReuse.Core.Ingest;
using PtmReuse.Core.Ingest.Formats;
using PtmReuse.Core.Review;
using PtmReuse.Core.Storage;

namespace PtmReuse.Core.Import;

public sealed record AiusImportSummary(
    string File, int Articles, int PapersAdded, int PapersUpdated, int IngestFailed, int FullTexts, long? RunId,
    int Decisions, int FailedDecisions, int AlreadyImported, IReadOnlyList<string> Problems);

/// <summary>
/// Imports the study pipeline's database (<see cref="AiusDatabase"/>): its articles with their OpenAlex records (and
/// JATS or Markdown text where stored) go through <see cref="IPaperIngestor"/> like any ingest; its stored LLM answers
/// become one classification run with backend <see cref="Backend"/>, read by the same parser as live LLM answers (after
/// renaming the pipeline's keys: prose → evidence, classification "adaptation_reuse" → pattern "adaptation"), with
/// model names canonicalised and evidence grounded as in a live run. An answer the parser cannot read is stored as a
/// failed decision with the raw text, never dropped. Importing the same file again adds nothing twice.
/// </summary>
public sealed partial class AiusImporter(
    IDbContextFactory<PtmReuseDbContext> dbFactory,
    IPaperIngestor ingestor,
    AcquireFolder folder,
    IPtmCatalog catalog,
    IEnumerable<ILabelsChangedListener> listeners,
    ILogger<AiusImporter> logger)
{
    public const string Backend = "aius-import";
    public const string UnknownModel = "unknown";

    public async Task<AiusImportSummary> ImportAsync(string path, string? model, CancellationToken cancellationToken)
    {
        path = Path.GetFullPath(path);
        using var source = AiusDatabase.Open(path);
        var fileHash = Convert.ToHexStringLower(await SHA256.HashDataAsync(File.OpenRead(path), cancellationToken));
        var problems = new List<string>();

        // 1. Papers: one OpenAlex work file per article (stored JSON, or the article row when OpenAlex had nothing), then text.
        var articles = source.Articles();
        var subfolder = Path.Combine("aius", AcquireFolder.SafeName(Path.GetFileNameWithoutExtension(path)) + "-" + fileHash[..12]);
        var inputs = new List<IngestInput>();
        foreach (var article in articles)
        {
            var relative = Path.Combine(subfolder, "works", AcquireFolder.SafeName(article.Doi) + ".json");
            await folder.WriteAsync(relative, Encoding.UTF8.GetBytes(WorkJson(article, problems)), cancellationToken);
            inputs.Add(IngestInput.FromPath(folder.Full(relative)));
        }

        var fullTexts = 0;
        foreach (var (doi, text, extension) in source.FullTexts())
        {
            var relative = Path.Combine(subfolder, "text", AcquireFolder.SafeName(doi) + extension);
            // Pandoc's Markdown carries no DOI: front matter gives it one, so the text merges onto its article.
            var content = extension == ".md" && !text.TrimStart().StartsWith("---", StringComparison.Ordinal)
                ? $"---\ndoi: \"{doi.Replace("\"", "", StringComparison.Ordinal)}\"\n---\n\n{text}"
                : text;
            await folder.WriteAsync(relative, Encoding.UTF8.GetBytes(content), cancellationToken);
            inputs.Add(IngestInput.FromPath(folder.Full(relative)));
            fullTexts++;
        }

        var ingest = inputs.Count == 0 ? null : await ingestor.IngestAsync(inputs, "import aius", null, cancellationToken);
        problems.AddRange(ingest?.Errors.Select(e => e.Reason) ?? []);

        // 2. The stored answers as one run.
        var modelName = string.IsNullOrWhiteSpace(model) ? UnknownModel : model.Trim();
        var responses = AiusDatabase.ResponseTables.Keys.ToDictionary(stage => stage, source.Responses);
        var (runId, decisions, failed, already) = await ImportRunAsync(path, fileHash, modelName, responses, problems, cancellationToken);
        LogImported(path, articles.Count, ingest?.Added ?? 0, runId, decisions, failed, already);
        return new AiusImportSummary(path, articles.Count, ingest?.Added ?? 0, ingest?.Updated ?? 0, ingest?.Failed ?? 0, fullTexts, runId, decisions, failed, already, problems);
    }

    private async Task<(long? RunId, int Decisions, int Failed, int Already)> ImportRunAsync(
        string path, string fileHash, string model, Dictionary<Stage, IReadOnlyList<AiusResponse>> responses, List<string> problems, CancellationToken cancellationToken)
    {
        var stages = responses.Where(r => r.Value.Count > 0).Select(r => r.Key).Order().ToList();
        if (stages.Count == 0)
        {
            problems.Add($"{path} holds no LLM answers (none of {string.Join(", ", AiusDatabase.ResponseTables.Values)} has rows); no run was made.");
            return (null, 0, 0, 0);
        }

        // The prompt is part of a decision's identity: hash the system prompt the pipeline stored for the stage.
        var promptHashes = stages.ToDictionary(stage => stage, stage =>
            "aius:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(responses[stage].Select(r => r.SystemPrompt).FirstOrDefault(p => !string.IsNullOrEmpty(p)) ?? stage.WireName())))[..16]);
        var selection = $"AIUS database {Path.GetFileName(path)} (sha256 {fileHash[..16]})";
        long runId;
        await using (var db = await dbFactory.CreateDbContextAsync(cancellationToken))
        {
            var existing = await db.Runs.Where(r => r.Backend == Backend && r.Model == model && r.Selection == selection).Select(r => (long?)r.Id).FirstOrDefaultAsync(cancellationToken);
            if (existing is { } id)
            {
                runId = id;
            }
            else
            {
                var settings = new RunSettings(stages, PaperSelection.All, 1, true, promptHashes);
                var run = new ClassificationRun
                {
                    Backend = Backend,
                    Model = model,
                    PromptVersion = "aius:" + string.Join(",", promptHashes.Values.Select(h => h[5..13])),
                    SettingsJson = settings.ToJson(),
                    Selection = selection,
                    StartedAt = DateTime.UtcNow,
                    Status = RunStatus.Running,
                };
                db.Runs.Add(run);
                await db.SaveChangesAsync(cancellationToken);
                runId = run.Id;
            }
        }

        var byDoi = responses.SelectMany(r => r.Value.Select(a => (Stage: r.Key, Answer: a)))
            .GroupBy(x => Doi.Normalize(x.Answer.Doi) ?? x.Answer.Doi, StringComparer.Ordinal).ToList();
        int decisions = 0, failed = 0, already = 0, unknownDois = 0;
        foreach (var chunk in byDoi.Chunk(100))
        {
            await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
            var dois = chunk.Select(g => g.Key).ToList();
            var papers = await db.Papers.AsNoTracking().Where(p => p.Doi != null && dois.Contains(p.Doi))
                .Include(p => p.Sections).AsSplitQuery().ToDictionaryAsync(p => p.Doi!, StringComparer.Ordinal, cancellationToken);
            var touched = new List<long>();
            foreach (var group in chunk)
            {
                if (!papers.TryGetValue(group.Key, out var paper))
                {
                    unknownDois++;
                    continue;
                }

                var document = PaperDocument.FromPaper(paper);
                foreach (var (stage, answer) in group.OrderBy(x => x.Stage))
                {
                    var key = DecisionKeys.For(paper.ContentHash, stage, promptHashes[stage], Backend, model);
                    var errorKey = DecisionKeys.ForError(key, runId);
                    if (await db.Decisions.AnyAsync(d => d.DecisionKey == key || d.DecisionKey == errorKey, cancellationToken))
                    {
                        already++;
                        continue;
                    }

                    var outcome = Outcome(stage, answer, document);
                    var row = new MachineDecision { RunId = runId, PaperId = paper.Id, Stage = stage.WireName() };
                    ClassificationRunner.Fill(row, outcome, key, promptHashes[stage], Backend, model, runId);
                    db.Decisions.Add(row);
                    decisions++;
                    failed += row.ErrorKind is null ? 0 : 1;
                }

                touched.Add(paper.Id);
            }

            await db.SaveChangesAsync(cancellationToken);
            foreach (var listener in listeners)
            {
                await listener.PapersChangedAsync(touched, cancellationToken);
            }
        }

        if (unknownDois > 0)
        {
            problems.Add($"{unknownDois} DOIs have answers but no paper (they are not in the database's articles or could not be ingested).");
        }

        await using (var db = await dbFactory.CreateDbContextAsync(cancellationToken))
        {
            var counts = await db.Decisions.Where(d => d.RunId == runId)
                .GroupBy(d => 1).Select(g => new { Papers = g.Select(d => d.PaperId).Distinct().Count(), Errors = g.Count(d => d.ErrorKind != null) })
                .FirstOrDefaultAsync(cancellationToken);
            await db.Runs.Where(r => r.Id == runId).ExecuteUpdateAsync(set => set
                .SetProperty(r => r.Status, counts != null && counts.Errors > 0 ? RunStatus.CompletedWithErrors : RunStatus.Completed)
                .SetProperty(r => r.FinishedAt, DateTime.UtcNow)
                .SetProperty(r => r.PapersTotal, counts == null ? 0 : counts.Papers)
                .SetProperty(r => r.PapersDone, counts == null ? 0 : counts.Papers)
                .SetProperty(r => r.Errors, counts == null ? 0 : counts.Errors), cancellationToken);
        }

        return (runId, decisions, failed, already);
    }

    /// <summary>One stored answer read like a live LLM reply: parsed, canonicalised, grounded; or a failed decision.</summary>
    private StageOutcome Outcome(Stage stage, AiusResponse answer, PaperDocument document)
    {
        var reply = AdaptReply(answer.Response);
        var parsed = LlmAnswerParser.Parse(stage, reply);
        var latency = TimeSpan.FromSeconds(answer.Seconds is { } s && double.IsFinite(s) && s >= 0 ? Math.Min(s, 86_400) : 0);
        return parsed.Answer is null
            ? StageOutcome.Failed(parsed.ErrorKind!, parsed.Problem!, answer.Response) with { Reasoning = answer.Reasoning, Latency = latency }
            : new StageOutcome
            {
                Answer = LlmAnswerPostProcessing.Complete(parsed.Answer, document, catalog),
                RawResponse = answer.Response,
                Reasoning = answer.Reasoning,
                Latency = latency,
            };
    }

    /// <summary>
    /// The pipeline's keys in ours: "prose" is the evidence and "classification" ("adaptation_reuse", ...) the pattern.
    /// A reply that is not JSON is passed on unchanged, so the parser names its problem.
    /// </summary>
    internal static string? AdaptReply(string? reply)
    {
        if (string.IsNullOrWhiteSpace(reply) || LlmAnswerParser.ExtractJson(reply) is not { } json)
        {
            return reply;
        }

        JsonNode? node;
        try
        {
            node = JsonNode.Parse(json, documentOptions: new JsonDocumentOptions { AllowTrailingCommas = true });
        }
        catch (JsonException)
        {
            return reply;
        }

        void Rename(JsonObject item)
        {
            if (item["prose"] is { } prose && !item.ContainsKey("evidence"))
            {
                item.Remove("prose");
                item["evidence"] = prose;
            }

            if (item["classification"] is JsonValue classification && classification.TryGetValue<string>(out var text) && !item.ContainsKey("pattern"))
            {
                item.Remove("classification");
                item["pattern"] = text.Trim().ToLowerInvariant().Replace("_reuse", "", StringComparison.Ordinal).Replace(" reuse", "", StringComparison.Ordinal);
            }
        }

        switch (node)
        {
            case JsonObject single:
                Rename(single);
                break;
            case JsonArray items:
                foreach (var item in items.OfType<JsonObject>())
                {
                    Rename(item);
                }

                break;
        }

        return node?.ToJsonString() ?? reply;
    }

    /// <summary>The stored OpenAlex work, or (when there is none or it is not JSON) a minimal work from the article row.</summary>
    private static string WorkJson(AiusArticle article, List<string> problems)
    {
        if (!string.IsNullOrWhiteSpace(article.OpenAlexJson))
        {
            try
            {
                if (JsonNode.Parse(article.OpenAlexJson) is JsonObject work)
                {
                    work["doi"] ??= article.Doi;
                    return work.ToJsonString();
                }
            }
            catch (JsonException ex)
            {
                problems.Add($"{article.Doi}: the stored OpenAlex record is not JSON ({ex.Message}); the article row was used instead.");
            }
        }

        var minimal = new JsonObject
        {
            ["doi"] = article.Doi,
            ["title"] = article.Title,
            ["publication_year"] = null, // marks the record as an OpenAlex work for the ingest's format detection
            ["primary_location"] = new JsonObject { ["source"] = new JsonObject { ["display_name"] = article.Journal } },
        };
        return minimal.ToJsonString();
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "AIUS database {Path} imported: {Articles} articles ({Added} new papers), run {RunId}: {Decisions} decisions ({Failed} failed), {Already} already imported")]
    private partial void LogImported(string path, int articles, int added, long? runId, int decisions, int failed, int already);
}
