using Microsoft.EntityFrameworkCore;
using PtmReuse.Core.Benchmark;
using PtmReuse.Core.Classification;
using PtmReuse.Core.Review;
using PtmReuse.Core.Storage;
using PtmReuse.Tests.Infrastructure;

namespace PtmReuse.Tests.Benchmark;

public sealed class SyntheticCorpusTests
{
    private static readonly SyntheticCorpusOptions Small = new() { Papers = 1500, Runs = 2, HumanLabelShare = 0.05 };

    [Theory, SqliteData, PostgresData]
    public async Task Build_SmallCorpus_FollowsStageGatesInEveryRun(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var report = await database.Get<SyntheticCorpus>().BuildAsync(Small, null, CancellationToken.None);

        await using var db = await database.OpenAsync();
        Assert.Equal(1500, await db.Papers.CountAsync());
        Assert.Equal(report.Decisions, await db.Decisions.LongCountAsync());
        Assert.Equal(report.HumanLabels, await db.HumanLabels.LongCountAsync());
        Assert.True(report.HumanLabels > 0);
        // Every paper has exactly one uses_dl decision per run (answer or failure).
        Assert.Equal(1500 * 2, await db.Decisions.CountAsync(d => d.Stage == "uses_dl"));

        // Gates: a later stage exists only where the earlier stage of the same run said yes.
        var decisions = await db.Decisions.AsNoTracking().Select(d => new { d.RunId, d.PaperId, d.Stage, d.ValueJson }).ToListAsync();
        var byRunPaper = decisions.ToLookup(d => (d.RunId, d.PaperId));
        foreach (var group in byRunPaper)
        {
            var answers = group.ToDictionary(d => d.Stage, d => StageJson.Deserialize(d.ValueJson));
            if (answers.ContainsKey("uses_ptms"))
            {
                Assert.True(answers["uses_dl"] is UsesDlAnswer { Result: true });
            }

            if (answers.ContainsKey("identify_ptms"))
            {
                Assert.True(answers["uses_ptms"] is UsesPtmsAnswer { Result: true });
                Assert.True(answers.ContainsKey("ptm_reuse") && answers.ContainsKey("ptm_impact"));
            }
        }

        var ptmPapers = decisions.Count(d => d.Stage == "identify_ptms");
        Assert.InRange(ptmPapers, 1, decisions.Count(d => d.Stage == "uses_ptms"));
    }

    [Fact]
    public async Task Build_SameSeed_GivesTheSameRows()
    {
        await using var first = await TestDatabase.CreateAsync();
        await using var second = await TestDatabase.CreateAsync();
        var options = Small with { Papers = 300 };
        await first.Get<SyntheticCorpus>().BuildAsync(options, null, CancellationToken.None);
        await second.Get<SyntheticCorpus>().BuildAsync(options, null, CancellationToken.None);

        async Task<List<string>> Rows(TestDatabase database)
        {
            await using var db = await database.OpenAsync();
            return await db.Decisions.OrderBy(d => d.Id).Select(d => d.PaperId + d.Stage + d.ValueJson + d.EvidenceGrounded).ToListAsync();
        }

        Assert.Equal(await Rows(first), await Rows(second));
    }

    [Theory, SqliteData, PostgresData]
    public async Task Build_HumanLabels_ResolveThroughEffectiveLabels(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await database.Get<SyntheticCorpus>().BuildAsync(Small, null, CancellationToken.None);
        await using var db = await database.OpenAsync();
        var labelled = await db.HumanLabels.Select(l => l.PaperId).Distinct().Take(20).ToListAsync();

        var labels = await database.Get<EffectiveLabels>().ForPapersAsync(labelled, MachineDecisionFilter.Latest, CancellationToken.None);

        Assert.All(labelled, id => Assert.Contains(labels[id].Values, l => l.Source == LabelSource.Human && l.Answer is not null));
    }
}
