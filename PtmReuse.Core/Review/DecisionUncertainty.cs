using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using PtmReuse.Core.Storage;

namespace PtmReuse.Core.Review;

/// <summary>
/// Scores machine decisions for the "most uncertain first" queue, in SQL so two million rows take one statement:
/// disagreement with another decision on the same paper × stage (4), a failed request (3), ungrounded evidence (2),
/// hedged language in the evidence or reasoning (1), and 1 − confidence when the backend reported one.
/// New decisions have no score (<see cref="MachineDecision.UncertaintyScore"/> null); <see cref="RefreshAsync"/> scores
/// them and re-scores the other decisions of the same papers, whose disagreement may have changed.
/// </summary>
public sealed partial class DecisionUncertainty(IDbContextFactory<PtmReuseDbContext> dbFactory, ILogger<DecisionUncertainty> logger)
{
    public const double DisagreementWeight = 4;
    public const double FailureWeight = 3;
    public const double UngroundedWeight = 2;
    public const double HedgedWeight = 1;

    /// <summary>Words that make an excerpt or the model's reasoning tentative.</summary>
    public static readonly IReadOnlyList<string> HedgeWords = ["may", "might", "possibly", "probably", "likely", "unclear", "suggest", "appears", "perhaps", "presumably", "could"];

    private static readonly string HedgedSql = "(" + string.Join(" OR ", HedgeWords.Select(w =>
        $"(' ' || lower(coalesce(\"Evidence\", '') || ' ' || coalesce(\"Reasoning\", '')) || ' ') LIKE '% {w} %'")) + ")";

    private static readonly string ScoreSql = $"""
        (CASE WHEN "ValueKey" IS NOT NULL AND EXISTS (SELECT 1 FROM "Decisions" AS other WHERE other."PaperId" = "Decisions"."PaperId"
            AND other."Stage" = "Decisions"."Stage" AND other."Id" <> "Decisions"."Id" AND other."ValueKey" IS NOT NULL
            AND other."ValueKey" <> "Decisions"."ValueKey") THEN {DisagreementWeight} ELSE 0 END)
        + (CASE WHEN "ErrorKind" IS NOT NULL THEN {FailureWeight} ELSE 0 END)
        + (CASE WHEN "EvidenceGrounded" = FALSE THEN {UngroundedWeight} ELSE 0 END)
        + (CASE WHEN {HedgedSql} THEN {HedgedWeight} ELSE 0 END)
        + (CASE WHEN "Confidence" IS NULL THEN 0 WHEN "Confidence" >= 1.0 THEN 0 WHEN "Confidence" <= 0.0 THEN 1.0 ELSE 1.0 - "Confidence" END)
        """;

    // Constant SQL built once from the fixed expressions above; nothing user-supplied goes into it.
    private static string KeySql(SqlDialect dialect) =>
        $"""UPDATE "Decisions" SET "ValueKey" = {AnswerKeys.SqlExpression(dialect)} WHERE "UncertaintyScore" IS NULL""";

    private static readonly string RescoreSql = $"""
        UPDATE "Decisions" SET "UncertaintyScore" = {ScoreSql}
        WHERE "PaperId" IN (SELECT "PaperId" FROM "Decisions" WHERE "UncertaintyScore" IS NULL)
        """;

    // How long one scoring statement may run on PostgreSQL (see RefreshAsync).
    private static readonly TimeSpan ScoringStatementTimeout = TimeSpan.FromMinutes(30);

    /// <summary>Decisions scored at once from which the table is vacuumed and its planner statistics refreshed (PostgreSQL).</summary>
    public const int MaintainAfterScoring = 10_000;

    private readonly SemaphoreSlim _gate = new(1, 1);

    /// <summary>Scores every decision without a score and re-scores their papers' other decisions. Returns the rows scored.</summary>
    /// <remarks>
    /// The queue calls this before every step, and almost always nothing is new: an index seek answers that without a
    /// write transaction. The key UPDATE alone, run on every step, cost a scan of every decision (0.6–4 s at 1.8M) where
    /// the planner's statistics still counted every score as NULL (analysed before the first scoring).
    /// </remarks>
    public async Task<int> RefreshAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
            var dialect = SqlDialect.For(db.Database);
            if (!await db.Decisions.AnyAsync(d => d.UncertaintyScore == null, cancellationToken))
            {
                return 0;
            }

            if (dialect.Provider == DatabaseProvider.Postgres)
            {
                // A first scoring is two statements over every decision: minutes at 1.8M on a loaded machine. PostgreSQL's
                // statement timeout (2 min by default, StorageProviders) cancelled it at 350k papers, and every later step
                // retried and was cancelled again, so the queue never got scores. SQLite's timeout only bounds lock waits.
                db.Database.SetCommandTimeout(ScoringStatementTimeout);
            }

            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            await dialect.SerializeWritersAsync(db, WriterLock.DecisionScores, 0, cancellationToken);
            var keyed = await db.Database.ExecuteSqlRawAsync(KeySql(dialect), cancellationToken);
            if (keyed == 0)
            {
                return 0;
            }

            var scored = await db.Database.ExecuteSqlRawAsync(RescoreSql, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            LogScored(scored);
            if (scored >= MaintainAfterScoring && dialect.MaintainAfterRewriteSql("Decisions") is { } maintain)
            {
                // A large scoring turns NULL scores into values. Until PostgreSQL re-analyses, it still believes most scores
                // are NULL and answers the per-step check above with a scan of every decision (7.5 s at 1.8M), not a seek;
                // and until it vacuums, the queue's index walks step over every decision's dead unscored version.
                await db.Database.ExecuteSqlRawAsync(maintain, cancellationToken);
            }

            return scored;
        }
        finally
        {
            _gate.Release();
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Scored {Count} machine decisions for the review queue")]
    private partial void LogScored(int count);
}
