using Microsoft.EntityFrameworkCore;
using PtmReuse.Core.Storage;

namespace PtmReuse.Core.Classification.Runs;

/// <summary>
/// Compares two runs over the papers both decided. A run's answers are the decisions made under its identity
/// (backend, model and per-stage prompt hash), including answers it reused from an earlier run by decision key.
/// Errors show as "unknown" and count as disagreements with any answer; stages one run never reached are skipped
/// (the earlier stage that stopped the cascade already shows the difference).
/// </summary>
public sealed class RunComparer(IDbContextFactory<PtmReuseDbContext> dbFactory)
{
    public const string Unknown = "unknown";

    public async Task<RunComparison> CompareAsync(long runA, long runB, int maxDisagreements, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var a = await AnswersAsync(db, runA, cancellationToken);
        var b = await AnswersAsync(db, runB, cancellationToken);
        var papers = a.Keys.Select(k => k.PaperId).Intersect(b.Keys.Select(k => k.PaperId)).ToHashSet();
        var stages = a.Keys.Select(k => k.Stage).Intersect(b.Keys.Select(k => k.Stage)).Order().ToList();

        var agreements = new List<StageAgreement>();
        var disagreements = new List<(long PaperId, Stage Stage, string A, string B)>();
        foreach (var stage in stages)
        {
            int compared = 0, agreed = 0;
            foreach (var paperId in papers.Order())
            {
                if (!a.TryGetValue((paperId, stage), out var answerA) || !b.TryGetValue((paperId, stage), out var answerB))
                {
                    continue;
                }

                compared++;
                if (answerA == answerB && answerA != Unknown)
                {
                    agreed++;
                }
                else
                {
                    disagreements.Add((paperId, stage, answerA, answerB));
                }
            }

            agreements.Add(new StageAgreement(stage, compared, agreed));
        }

        var shown = disagreements.Take(maxDisagreements).ToList();
        var ids = shown.Select(d => d.PaperId).Distinct().ToList();
        var titles = await db.Papers.AsNoTracking().Where(p => ids.Contains(p.Id)).ToDictionaryAsync(p => p.Id, p => p.Title, cancellationToken);
        return new RunComparison(runA, runB, papers.Count, agreements,
            shown.Select(d => new Disagreement(d.PaperId, titles.GetValueOrDefault(d.PaperId, ""), d.Stage, d.A, d.B)).ToList());
    }

    /// <summary>A comparable text per answer: yes/no, or the sorted model list with pattern or step.</summary>
    public static string Summarise(StageAnswer? answer) => answer switch
    {
        null => Unknown,
        FlagAnswer flag => flag.Result ? "yes" : "no",
        IdentifyPtmsAnswer ids => Join(ids.Models.Select(m => Name(m.Model, m.Canonical))),
        PtmReuseAnswer reuse => Join(reuse.Items.Select(i => $"{Name(i.Model, i.Canonical)}: {i.Pattern.ToString().ToLowerInvariant()}")),
        PtmImpactAnswer impact => Join(impact.Items.Select(i => $"{Name(i.Model, i.Canonical)}: {i.Step}")),
        _ => answer.GetType().Name,
    };

    private static string Name(string model, string? canonical) => canonical ?? model.Trim().ToLowerInvariant();

    private static string Join(IEnumerable<string> parts)
    {
        var list = parts.Distinct(StringComparer.OrdinalIgnoreCase).Order(StringComparer.OrdinalIgnoreCase).ToList();
        return list.Count == 0 ? "(none)" : string.Join("; ", list);
    }

    private static async Task<Dictionary<(long PaperId, Stage Stage), string>> AnswersAsync(PtmReuseDbContext db, long runId, CancellationToken cancellationToken)
    {
        var run = await db.Runs.AsNoTracking().FirstOrDefaultAsync(r => r.Id == runId, cancellationToken)
            ?? throw new ArgumentException($"No classification run {runId}.", nameof(runId));
        var hashes = RunSettings.FromJson(run.SettingsJson).PromptHashes.Values.ToList();
        var rows = await db.Decisions.AsNoTracking()
            .Where(d => (d.Backend == run.Backend && d.Model == run.Model && hashes.Contains(d.PromptHash) && d.ErrorKind == null) || d.RunId == runId)
            .OrderBy(d => d.CreatedAt)
            .Select(d => new { d.PaperId, d.Stage, d.ValueJson, d.ErrorKind })
            .ToListAsync(cancellationToken);

        var answers = new Dictionary<(long, Stage), string>();
        foreach (var row in rows)
        {
            if (!StageNames.TryParse(row.Stage, out var stage))
            {
                continue;
            }

            // Later rows win, but an answer is never replaced by an older failure.
            var text = row.ErrorKind is null ? Summarise(StageJson.Deserialize(row.ValueJson)) : Unknown;
            if (text != Unknown || !answers.ContainsKey((row.PaperId, stage)))
            {
                answers[(row.PaperId, stage)] = text;
            }
        }

        return answers;
    }
}
