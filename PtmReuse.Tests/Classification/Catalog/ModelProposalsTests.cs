using Microsoft.EntityFrameworkCore;
using PtmReuse.Core.Classification;
using PtmReuse.Core.Classification.Catalog;
using PtmReuse.Core.Export;
using PtmReuse.Core.Papers;
using PtmReuse.Core.Review;
using PtmReuse.Tests.Analytics;
using PtmReuse.Tests.Infrastructure;

namespace PtmReuse.Tests.Classification.Catalog;

public sealed class ModelProposalsTests
{
    private const string Quote = "We fine-tuned the pre-trained GlacioNet model on our radar images.";

    /// <summary>A paper whose run used DL, reused PTMs and named <paramref name="model"/> without a canonical name (as an LLM may).</summary>
    private static async Task<long> AddPaperNamingAsync(TestDatabase database, AnalyticsTestData data, long runId, string title, string model, double? confidence = null, string? mentionsJson = null)
    {
        var paper = await data.AddPaperAsync(title, 2022, AnalyticsTestData.Chemistry);
        await data.AddDecisionAsync(runId, paper, new UsesDlAnswer(true, null));
        await data.AddDecisionAsync(runId, paper, new UsesPtmsAnswer(true, null));
        var identify = await data.AddDecisionAsync(runId, paper, new IdentifyPtmsAnswer([new PtmMention(model, null, new Evidence(Quote))]), confidence: confidence);
        await data.AddDecisionAsync(runId, paper, new PtmReuseAnswer([new PtmReuseItem(model, null, "fine-tuned", ReusePattern.Adaptation, null)]));
        if (mentionsJson is not null)
        {
            await using var db = await database.OpenAsync();
            var decision = await db.Decisions.SingleAsync(d => d.Id == identify);
            decision.ValueJson = decision.ValueJson!.TrimEnd('}') + ",\"mentions\":" + mentionsJson + "}";
            await db.SaveChangesAsync();
        }

        return paper;
    }

    private static async Task<ExportedPaper> ExportedAsync(TestDatabase database, string title)
    {
        await foreach (var paper in database.Get<DecisionsExport>().PapersAsync(MachineDecisionFilter.Latest, CancellationToken.None))
        {
            if (paper.Title == title)
            {
                return paper;
            }
        }

        throw new InvalidOperationException($"'{title}' was not exported");
    }

    [Fact]
    public async Task ListAsync_UnknownNameInTwoPapers_OneProposalWithPapersBestConfidenceAndExample()
    {
        await using var database = await TestDatabase.CreateAsync();
        var data = new AnalyticsTestData(database);
        var run = await data.AddRunAsync();
        await AddPaperNamingAsync(database, data, run, "Glaciers one", "GlacioNet", confidence: 0.4);
        var second = await AddPaperNamingAsync(database, data, run, "Glaciers two", "Glacio-Net", confidence: 0.9);
        await AddPaperNamingAsync(database, data, run, "Known model", "ResNet50");

        var proposal = Assert.Single(await database.Get<ModelProposals>().ListAsync(CancellationToken.None));

        Assert.Equal(PtmCatalog.NormalizeKey("GlacioNet"), proposal.Key);
        Assert.Equal(2, proposal.Papers);
        Assert.Equal(0.9, proposal.BestConfidence);
        Assert.Equal(["Glacio-Net", "GlacioNet"], proposal.Spellings.Order(StringComparer.Ordinal));
        // The example is the sighting with a quote and the highest confidence: the second paper's.
        Assert.Equal(second, proposal.Example.PaperId);
        Assert.Equal(Quote, proposal.Example.Quote);
    }

    [Fact]
    public async Task ListAsync_MentionsArray_ProposesUnknownMentionsWithTheirUseAndNameConfidence()
    {
        await using var database = await TestDatabase.CreateAsync();
        var data = new AnalyticsTestData(database);
        var run = await data.AddRunAsync();
        await AddPaperNamingAsync(database, data, run, "Mentions", "ResNet50", mentionsJson: """
            [{"model":"SeaIceFormer","canonical":null,"use":"compared","rule":"context:compared","section":"Results","count":2,
              "evidence":{"quote":"We compared against SeaIceFormer."},"name_confidence":0.7},
             {"model":"BERT","canonical":"BERT","use":"cited","name_confidence":0.99}]
            """);

        var proposal = Assert.Single(await database.Get<ModelProposals>().ListAsync(CancellationToken.None));

        Assert.Equal("SeaIceFormer", proposal.Name);
        Assert.Equal(0.7, proposal.BestConfidence);
        Assert.Equal(("We compared against SeaIceFormer.", "compared"), (proposal.Example.Quote, proposal.Example.Use));
    }

    [Fact]
    public async Task AcceptAsAliasAsync_UnknownName_CountsAsTheTargetInExportAnalyticsAndListWithoutReclassifying()
    {
        await using var database = await TestDatabase.CreateAsync();
        var data = new AnalyticsTestData(database);
        var run = await data.AddRunAsync();
        await AddPaperNamingAsync(database, data, run, "Glaciers", "GlacioNet");
        var papers = database.Get<PaperQueries>();
        // Before: the name is counted as written (no canonical), and the projection is built.
        Assert.Null(Assert.Single((await ExportedAsync(database, "Glaciers")).Ptms).Canonical);
        Assert.Equal(1, (await papers.PapersPerModelAsync(CancellationToken.None)).GetValueOrDefault("GlacioNet"));

        await database.Get<ModelProposals>().AcceptAsAliasAsync(TestUsers.Reviewer, "GlacioNet", "ResNet-50", CancellationToken.None);

        Assert.Equal("ResNet-50", Assert.Single((await ExportedAsync(database, "Glaciers")).Ptms).Canonical);
        // The analytics projection caches canonical names: the paper's rows were rebuilt and now count as ResNet-50.
        Assert.Equal(1, (await papers.PapersPerModelAsync(CancellationToken.None)).GetValueOrDefault("ResNet-50"));
        Assert.False((await papers.PapersPerModelAsync(CancellationToken.None)).ContainsKey("GlacioNet"));
        Assert.Empty(await database.Get<ModelProposals>().ListAsync(CancellationToken.None));
        var verdict = Assert.Single(await database.Get<ModelProposals>().DecidedAsync(10, CancellationToken.None));
        Assert.Equal((ProposalVerdictKind.Accepted, TestUsers.Reviewer, "ResNet-50", true), (verdict.Verdict, verdict.Reviewer, verdict.Canonical, verdict.AsAlias));
    }

    [Fact]
    public async Task AcceptAsModelAsync_NewModel_EntryWithKindFamilyModalityAndProvenance()
    {
        await using var database = await TestDatabase.CreateAsync();
        var data = new AnalyticsTestData(database);
        var run = await data.AddRunAsync();
        await AddPaperNamingAsync(database, data, run, "Glaciers", "GlacioNet");

        await database.Get<ModelProposals>().AcceptAsModelAsync(TestUsers.Reviewer, "GlacioNet", PtmKind.Tool, "U-Net", "remote sensing", CancellationToken.None);

        var entry = database.Get<PtmCatalogStore>().Current.Resolve("glacio net");
        Assert.NotNull(entry);
        Assert.Equal(("GlacioNet", PtmKind.Tool, "U-Net", "remote sensing", CatalogProvenance.Override),
            (entry!.Canonical, entry.Kind, entry.Family, entry.Modality, entry.Provenance?.Source));
        Assert.Equal("GlacioNet", Assert.Single((await ExportedAsync(database, "Glaciers")).Ptms).Canonical);
        Assert.Equal(1, (await database.Get<PaperQueries>().PapersPerModelAsync(CancellationToken.None)).GetValueOrDefault("GlacioNet"));
    }

    [Fact]
    public async Task RejectAsync_Name_StoredWithWhoAndNoLongerListed()
    {
        await using var database = await TestDatabase.CreateAsync();
        var data = new AnalyticsTestData(database);
        var run = await data.AddRunAsync();
        await AddPaperNamingAsync(database, data, run, "Glaciers", "GlacioNet");
        var proposals = database.Get<ModelProposals>();
        Assert.Single(await proposals.ListAsync(CancellationToken.None));

        await proposals.RejectAsync(TestUsers.Reviewer2, "glacionet", "a lab's nickname, not a model", CancellationToken.None);

        Assert.Empty(await proposals.ListAsync(CancellationToken.None));
        var verdict = Assert.Single(await proposals.DecidedAsync(10, CancellationToken.None));
        Assert.Equal((ProposalVerdictKind.Rejected, TestUsers.Reviewer2, "a lab's nickname, not a model"), (verdict.Verdict, verdict.Reviewer, verdict.Note));
        Assert.Null(database.Get<PtmCatalogStore>().Current.Resolve("GlacioNet"));
    }

    [Fact]
    public async Task AcceptAsAliasAsync_UnknownTarget_FailsNamingItAndChangesNothing()
    {
        await using var database = await TestDatabase.CreateAsync();
        var proposals = database.Get<ModelProposals>();

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => proposals.AcceptAsAliasAsync(TestUsers.Reviewer, "GlacioNet", "NoSuchNet", CancellationToken.None));

        Assert.Contains("NoSuchNet", error.Message, StringComparison.Ordinal);
        Assert.Empty(database.Get<PtmCatalogStore>().Edits);
        Assert.Empty(await proposals.DecidedAsync(10, CancellationToken.None));
    }

    [Fact]
    public async Task AcceptAsModelAsync_NameAlreadyInCatalog_Fails()
    {
        await using var database = await TestDatabase.CreateAsync();

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() =>
            database.Get<ModelProposals>().AcceptAsModelAsync(TestUsers.Reviewer, "resnet50", PtmKind.TrainedModel, null, null, CancellationToken.None));

        Assert.Contains("already in the catalog", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RejectAsync_NoReviewer_Fails()
    {
        await using var database = await TestDatabase.CreateAsync();

        await Assert.ThrowsAsync<InvalidOperationException>(() => database.Get<ModelProposals>().RejectAsync("", "GlacioNet", null, CancellationToken.None));
    }
}
