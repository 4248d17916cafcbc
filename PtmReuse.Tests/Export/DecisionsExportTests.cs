using System.Text.Json.Nodes;
using PtmReuse.Core.Classification;
using PtmReuse.Core.Export;
using PtmReuse.Core.Review;
using PtmReuse.Tests.Classification;
using PtmReuse.Tests.Infrastructure;
using PtmReuse.Core.Storage;

namespace PtmReuse.Tests.Export;

public sealed class DecisionsExportTests
{
    private const string Quote = "We fine-tuned a pre-trained ResNet50 network on 4,000 labelled micrographs.";

    private static async Task<long> AddRunAsync(TestDatabase database)
    {
        await using var db = await database.OpenAsync();
        var run = new ClassificationRun { Backend = "fake", Model = "m", StartedAt = DateTime.UtcNow, Status = RunStatus.Completed };
        db.Runs.Add(run);
        await db.SaveChangesAsync();
        return run.Id;
    }

    private static async Task AddDecisionAsync(TestDatabase database, long runId, long paperId, StageAnswer? answer, string? error = null, DateTime? at = null)
    {
        await using var db = await database.OpenAsync();
        var stage = answer?.Stage.WireName() ?? "uses_dl";
        db.Decisions.Add(new MachineDecision
        {
            RunId = runId,
            PaperId = paperId,
            Stage = stage,
            DecisionKey = Guid.NewGuid().ToString("N"),
            Backend = "fake",
            Model = "m",
            ValueJson = answer is null ? null : StageJson.Serialize(answer),
            ErrorKind = error,
            CreatedAt = at ?? DateTime.UtcNow,
        });
        await db.SaveChangesAsync();
    }

    private static async Task AddHumanLabelAsync(TestDatabase database, long paperId, StageAnswer answer, bool retired = false)
    {
        await using var db = await database.OpenAsync();
        db.HumanLabels.Add(new HumanLabel
        {
            PaperId = paperId,
            Stage = answer.Stage.WireName(),
            Reviewer = "ana",
            CreatedAt = DateTime.UtcNow,
            ValueJson = StageJson.Serialize(answer),
            Retired = retired,
        });
        await db.SaveChangesAsync();
    }

    private static async Task<List<JsonObject>> ExportJsonlAsync(TestDatabase database)
    {
        var path = Path.Combine(database.Directory, "out", "decisions.jsonl");
        var count = await database.Get<DecisionsExport>().WriteFileAsync(path, DecisionsFormat.Jsonl, MachineDecisionFilter.Latest, CancellationToken.None);
        var lines = await File.ReadAllLinesAsync(path);
        Assert.Equal(count, lines.Length);
        return lines.Select(l => JsonNode.Parse(l)!.AsObject()).ToList();
    }

    [Theory, SqliteData, PostgresData]
    public async Task Jsonl_AfterCatalogMerge_ExportsTheMergedCanonicalName(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var paper = (await TestPapers.AddAsync(database, new TestPaperBuilder("Structure paper").Year(2022)))[0];
        var run = await AddRunAsync(database);
        const string quote = "Structures were predicted with AlphaFold2.";
        var evidence = new Evidence(quote, 0, quote.Length, true);
        // PTMs are listed only for a paper whose uses_ptms is yes (the outcome every view shares).
        await AddDecisionAsync(database, run, paper.Id, new UsesDlAnswer(true, evidence));
        await AddDecisionAsync(database, run, paper.Id, new UsesPtmsAnswer(true, evidence));
        await AddDecisionAsync(database, run, paper.Id, new IdentifyPtmsAnswer([new PtmMention("AlphaFold2", "AlphaFold 2", evidence)]));
        Assert.Equal("AlphaFold 2", (string?)(await ExportJsonlAsync(database))[0]["ptms"]![0]!["canonical"]);

        // A curator decides AlphaFold 2 is to be counted as AlphaFold: the decision stays, the export follows the catalog.
        await database.Get<PtmReuse.Core.Classification.Catalog.PtmCatalogStore>().MergeAsync("AlphaFold 2", "AlphaFold", CancellationToken.None);

        var ptm = (await ExportJsonlAsync(database))[0]["ptms"]![0]!;
        Assert.Equal("AlphaFold", (string?)ptm["canonical"]);
        Assert.Equal("AlphaFold2", (string?)ptm["name"]);
    }

    [Theory, SqliteData, PostgresData]
    public async Task Jsonl_FullyClassifiedPaper_HasTheContractShapeWithMergedPtms(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var paper = (await TestPapers.AddAsync(database, new TestPaperBuilder("DL paper").Year(2021).Field("Biology")))[0];
        var run = await AddRunAsync(database);
        var evidence = new Evidence(Quote, 10, Quote.Length, true);
        await AddDecisionAsync(database, run, paper.Id, new UsesDlAnswer(true, evidence));
        await AddDecisionAsync(database, run, paper.Id, new UsesPtmsAnswer(true, evidence));
        await AddDecisionAsync(database, run, paper.Id, new IdentifyPtmsAnswer([new PtmMention("ResNet50", "ResNet-50", evidence)]));
        await AddDecisionAsync(database, run, paper.Id, new PtmReuseAnswer([new PtmReuseItem("ResNet50", "ResNet-50", "fine-tuned", ReusePattern.Adaptation, evidence)]));
        await AddDecisionAsync(database, run, paper.Id, new PtmImpactAnswer([new PtmImpactItem("ResNet 50", "ResNet-50", ScienceStep.Observation, evidence)]));

        var line = Assert.Single(await ExportJsonlAsync(database));

        Assert.Equal(["doi", "title", "year", "field", "uses_dl", "uses_ptms", "ptms", "label_source", "source_file"], line.Select(p => p.Key));
        Assert.Null(line["source_file"]); // built in memory: no file it was read from
        Assert.Equal(paper.Doi, line["doi"]!.GetValue<string>());
        Assert.Equal("DL paper", line["title"]!.GetValue<string>());
        Assert.Equal(2021, line["year"]!.GetValue<int>());
        Assert.Equal("Biology", line["field"]!.GetValue<string>());
        Assert.True(line["uses_dl"]!.GetValue<bool>());
        Assert.True(line["uses_ptms"]!.GetValue<bool>());
        Assert.Equal("machine", line["label_source"]!.GetValue<string>());
        var ptm = Assert.Single(line["ptms"]!.AsArray())!.AsObject();
        Assert.Equal(["name", "canonical", "pattern", "step", "evidence"], ptm.Select(p => p.Key));
        Assert.Equal(("ResNet50", "ResNet-50", "adaptation", "Observation", Quote),
            (ptm["name"]!.GetValue<string>(), ptm["canonical"]!.GetValue<string>(), ptm["pattern"]!.GetValue<string>(), ptm["step"]!.GetValue<string>(), ptm["evidence"]!.GetValue<string>()));
    }

    [Theory, SqliteData, PostgresData]
    public async Task Jsonl_StagesNotRunOrFailed_AreNullNeverFalseButUsesDlNoSettlesUsesPtms(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var papers = await TestPapers.AddAsync(database, new TestPaperBuilder("Says no"), new TestPaperBuilder("Failed"), new TestPaperBuilder("Never classified"));
        var run = await AddRunAsync(database);
        await AddDecisionAsync(database, run, papers[0].Id, new UsesDlAnswer(false, null));
        await AddDecisionAsync(database, run, papers[1].Id, null, error: "unparseable");

        var lines = await ExportJsonlAsync(database);

        Assert.Equal(3, lines.Count);
        Assert.False(lines[0]["uses_dl"]!.GetValue<bool>());
        // Not asked, but settled: a paper without deep learning reuses no pre-trained model (the charts count it as "no" too).
        Assert.False(lines[0]["uses_ptms"]!.GetValue<bool>());
        Assert.Null(lines[1]["uses_dl"]);
        Assert.Null(lines[1]["uses_ptms"]);
        Assert.True(lines[1].ContainsKey("uses_ptms"));
        Assert.Null(lines[2]["uses_dl"]);
        Assert.Empty(lines[2]["ptms"]!.AsArray());
    }

    [Theory, SqliteData, PostgresData]
    public async Task Jsonl_HumanLabel_OverridesTheMachineAndMarksTheSource(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var papers = await TestPapers.AddAsync(database, new TestPaperBuilder("Corrected"), new TestPaperBuilder("Retired correction"));
        var run = await AddRunAsync(database);
        await AddDecisionAsync(database, run, papers[0].Id, new UsesDlAnswer(false, null));
        await AddHumanLabelAsync(database, papers[0].Id, new UsesDlAnswer(true, new Evidence(Quote)));
        await AddDecisionAsync(database, run, papers[1].Id, new UsesDlAnswer(false, null));
        await AddHumanLabelAsync(database, papers[1].Id, new UsesDlAnswer(true, null), retired: true);

        var lines = await ExportJsonlAsync(database);

        Assert.True(lines[0]["uses_dl"]!.GetValue<bool>());
        Assert.Equal("human", lines[0]["label_source"]!.GetValue<string>());
        Assert.False(lines[1]["uses_dl"]!.GetValue<bool>());
        Assert.Equal("machine", lines[1]["label_source"]!.GetValue<string>());
    }

    [Theory, SqliteData, PostgresData]
    public async Task EffectiveLabels_LaterAnswerWinsButAnOlderAnswerBeatsALaterFailure(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var papers = await TestPapers.AddAsync(database, new TestPaperBuilder("Two answers"), new TestPaperBuilder("Answer then failure"));
        var run = await AddRunAsync(database);
        var t0 = new DateTime(2025, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        await AddDecisionAsync(database, run, papers[0].Id, new UsesDlAnswer(false, null), at: t0);
        await AddDecisionAsync(database, run, papers[0].Id, new UsesDlAnswer(true, null), at: t0.AddHours(1));
        await AddDecisionAsync(database, run, papers[1].Id, new UsesDlAnswer(true, null), at: t0);
        await AddDecisionAsync(database, run, papers[1].Id, null, error: "timeout", at: t0.AddHours(1));

        var labels = await database.Get<EffectiveLabels>().ForPapersAsync([papers[0].Id, papers[1].Id], MachineDecisionFilter.Latest, CancellationToken.None);

        Assert.True(Assert.IsType<UsesDlAnswer>(labels[papers[0].Id][Stage.UsesDl].Answer).Result);
        Assert.True(Assert.IsType<UsesDlAnswer>(labels[papers[1].Id][Stage.UsesDl].Answer).Result);
    }

    [Theory, SqliteData, PostgresData]
    public async Task Csv_WritesAHeaderAndEscapesFormulae(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var paper = (await TestPapers.AddAsync(database, new TestPaperBuilder("=HYPERLINK(\"x\")")))[0];
        var run = await AddRunAsync(database);
        await AddDecisionAsync(database, run, paper.Id, new UsesDlAnswer(true, null));
        var writer = new StringWriter();

        await database.Get<DecisionsExport>().WriteAsync(writer, DecisionsFormat.Csv, MachineDecisionFilter.Latest, CancellationToken.None);

        var lines = writer.ToString().ReplaceLineEndings("\n").TrimEnd('\n').Split('\n');
        Assert.Equal("doi,title,year,field,uses_dl,uses_ptms,ptm_names,ptm_canonical,patterns,steps,label_source", lines[0]);
        Assert.Equal(2, lines.Length);
        Assert.Contains("'=HYPERLINK", lines[1], StringComparison.Ordinal);
        Assert.Contains(",true,,", lines[1], StringComparison.Ordinal);
    }
}
