using Microsoft.EntityFrameworkCore;
using PtmReuse.Core.Classification;
using PtmReuse.Core.Import;
using PtmReuse.Core.Papers;
using PtmReuse.Core.Review;
using PtmReuse.Core.Review.Agreement;
using PtmReuse.Tests.Acquire;
using PtmReuse.Tests.Infrastructure;

namespace PtmReuse.Tests.Import;

/// <summary>
/// `import aius` and `import labels` on fixtures built here in the study's shapes, with counts and agreement figures
/// worked out by hand from the fixture's contents.
/// </summary>
public sealed class ImportTests : IAsyncLifetime
{
    private const string Reviewer = "study-authors";
    private TestDatabase _database = default!;
    private List<FixtureWork> _works = default!;

    private string P(int n) => _works[n - 1].Doi;

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync();
        _works = AcquireFixtures.PlosCorpus(6);
    }

    public async Task DisposeAsync() => await _database.DisposeAsync();

    private string Path_(string name) => Path.Combine(_database.Directory, name);

    /// <summary>
    /// Six articles p1..p6. uses_dl: p1–p4 yes, p5 no, p6 unreadable. uses_ptms: p1–p3 yes, p4 no. identify_ptms: p1 AlexNet,
    /// p2 VGG16 + ResNet50, p3 AlphaFold2. ptm_reuse: p1 adaptation, p2 adaptation + deployment, p3 an out-of-set
    /// "magic_reuse". ptm_impact: p1 Analysis, p2 Observation, p3 Hypothesis. JATS stored for p1 and p2, Markdown for p3;
    /// p6 has no OpenAlex row (its article row is used).
    /// </summary>
    private string CreateAiusDatabase()
    {
        var path = Path_("aius.sqlite3");
        AiusAnswer A(string table, int n, string response) => new(table, P(n), response);
        AiusFixture.Create(path, _works,
        [
            A("uses_dl_analysis", 1, """{"result": true, "prose": "We fine-tuned AlexNet on our images."}"""),
            A("uses_dl_analysis", 2, "```json\n{\"result\": true, \"prose\": \"features were extracted with VGG16\"}\n```"),
            A("uses_dl_analysis", 3, """{"result": true, "prose": "structures predicted with AlphaFold2"}"""),
            A("uses_dl_analysis", 4, """{"result": true, "prose": "a convolutional neural network"}"""),
            A("uses_dl_analysis", 5, """{"result": false, "prose": null}"""),
            A("uses_dl_analysis", 6, "Sorry, the paper text could not be read."),
            A("uses_ptms_analysis", 1, """{"result": true, "prose": "pre-trained AlexNet"}"""),
            A("uses_ptms_analysis", 2, """{"result": true, "prose": "ImageNet weights"}"""),
            A("uses_ptms_analysis", 3, """{"result": true, "prose": "AlphaFold2"}"""),
            A("uses_ptms_analysis", 4, """{"result": false, "prose": null}"""),
            A("identify_ptms_analysis", 1, """[{"model": "AlexNet", "prose": "pre-trained AlexNet"}]"""),
            A("identify_ptms_analysis", 2, """[{"model": "VGG16", "prose": "VGG16"}, {"model": "ResNet50", "prose": "ResNet50"}]"""),
            A("identify_ptms_analysis", 3, """[{"model": "AlphaFold2", "prose": "AlphaFold2"}]"""),
            A("identify_ptm_reuse_analysis", 1, """[{"model": "AlexNet", "form": "fine-tuned", "classification": "adaptation_reuse", "prose": "fine-tuned"}]"""),
            A("identify_ptm_reuse_analysis", 2, """[{"model": "VGG16", "form": "features", "classification": "adaptation_reuse", "prose": "x"}, {"model": "ResNet50", "form": "as is", "classification": "deployment_reuse", "prose": "y"}]"""),
            A("identify_ptm_reuse_analysis", 3, """[{"model": "AlphaFold2", "form": "?", "classification": "magic_reuse", "prose": "z"}]"""),
            A("identify_ptm_impact_analysis", 1, """[{"model": "AlexNet", "step": "Analysis", "prose": "a"}]"""),
            A("identify_ptm_impact_analysis", 2, """[{"model": "VGG16", "step": "Observation", "prose": "b"}]"""),
            A("identify_ptm_impact_analysis", 3, """[{"model": "AlphaFold2", "step": "Hypothesis", "prose": "c"}]"""),
        ], withJats: [P(1), P(2)], withoutOpenAlex: [P(6)], withMarkdown: [P(3)]);
        return path;
    }

    /// <summary>The authors' sheet: p3 is "no deep learning", p2 says both models were adapted, p6 names AlphaFold 2.</summary>
    private string[][] SheetRows() =>
    [
        [P(1), "Yes", "Yes", "[AlexNet, Adaptation]", ""],
        [P(2), "Yes", "Yes", "[VGG-16, Adaptation]; [ResNet-50, Adaptation]", ""],
        [P(3), "No", "No", "", "no DL after all"],
        ["https://doi.org/" + P(4), "yes", "no", "", ""],
        [P(5), "No", "No", "", ""],
        [P(6), "Yes", "Yes", "[AlphaFold 2, Deployment]", ""],
        ["10.1371/journal.pone.0000000", "Yes", "Yes", "[BERT, Adaptation]", "not harvested"],
        ["not-a-doi", "Yes", "", "", ""],
    ];

    [Fact]
    public async Task ImportAius_StudyDatabase_StoresPapersAndAnswersAsOneRunKeepingUnparseableOnesAsFailures()
    {
        var path = CreateAiusDatabase();

        var summary = await _database.Get<AiusImporter>().ImportAsync(path, "llama3.1:70b", CancellationToken.None);

        Assert.Equal((6, 6, 3), (summary.Articles, summary.PapersAdded, summary.FullTexts));
        Assert.Equal((19, 2, 0), (summary.Decisions, summary.FailedDecisions, summary.AlreadyImported)); // 6 + 4 + 3 + 3 + 3 answers
        await using (var db = await _database.OpenAsync())
        {
            var run = await db.Runs.SingleAsync();
            Assert.Equal((AiusImporter.Backend, "llama3.1:70b", RunStatus.CompletedWithErrors), (run.Backend, run.Model, run.Status));
            Assert.Equal((6, 6, 2), (run.PapersTotal, run.PapersDone, run.Errors));
            var papers = await db.Papers.AsNoTracking().ToListAsync();
            Assert.Equal(2, papers.Count(p => p.SourceFormat == SourceFormat.Jats));
            Assert.Equal(SourceFormat.Markdown, papers.Single(p => p.Doi == P(3)).SourceFormat); // merged onto its article by DOI
            Assert.Equal(AcquireFixtures.Biochemistry, papers.Single(p => p.Doi == P(1)).PrimaryField); // topics from the stored OpenAlex work
            Assert.Equal(_works[5].Title, papers.Single(p => p.Doi == P(6)).Title); // from the article row alone

            var decisions = await db.Decisions.AsNoTracking().ToListAsync();
            var unreadable = decisions.Single(d => d.Stage == "uses_dl" && d.ErrorKind != null);
            Assert.Equal(("unparseable", "Sorry, the paper text could not be read."), (unreadable.ErrorKind, unreadable.RawResponse));
            Assert.Equal(papers.Single(p => p.Doi == P(6)).Id, unreadable.PaperId);
            var outOfSet = decisions.Single(d => d.Stage == "ptm_reuse" && d.ErrorKind != null);
            Assert.Equal("out_of_set", outOfSet.ErrorKind);
            var reuse = (PtmReuseAnswer)StageJson.Deserialize(decisions.Single(d => d.Stage == "ptm_reuse" && d.PaperId == papers.Single(p => p.Doi == P(2)).Id).ValueJson)!;
            Assert.Equal([("VGG-16", ReusePattern.Adaptation), ("ResNet-50", ReusePattern.Deployment)], reuse.Items.Select(i => (i.Canonical, i.Pattern)));
            var dl = (UsesDlAnswer)StageJson.Deserialize(decisions.Single(d => d.Stage == "uses_dl" && d.PaperId == papers.Single(p => p.Doi == P(1)).Id).ValueJson)!;
            Assert.Equal("We fine-tuned AlexNet on our images.", dl.Evidence!.Quote);
        }

        var again = await _database.Get<AiusImporter>().ImportAsync(path, "llama3.1:70b", CancellationToken.None);

        Assert.Equal((0, 19, summary.RunId), (again.Decisions, again.AlreadyImported, again.RunId));
        Assert.Equal(0, again.PapersAdded);
        await using var after = await _database.OpenAsync();
        Assert.Equal((1, 19, 6), (await after.Runs.CountAsync(), await after.Decisions.CountAsync(), await after.Papers.CountAsync()));
    }

    [Fact]
    public async Task ImportAius_NotAnAiusDatabase_FailsNamingTheFileAndTheMissingTable()
    {
        var path = Path_("other.db");
        await using (var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={path};Pooling=False"))
        {
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = "CREATE TABLE articles (_id INTEGER PRIMARY KEY, doi VARCHAR)";
            await command.ExecuteNonQueryAsync();
        }

        var error = await Assert.ThrowsAsync<AiusImportException>(() => _database.Get<AiusImporter>().ImportAsync(path, null, CancellationToken.None));

        Assert.Contains(path, error.Message);
        Assert.Contains("has no `openalex` table", error.Message);
        await using var db = await _database.OpenAsync();
        Assert.Equal(0, await db.Papers.CountAsync());
    }

    [Fact]
    public async Task ImportLabels_CsvSheet_WritesTheReviewersLabelsListsMissingPapersAndGivesTheAgreementItImplies()
    {
        await _database.Get<AiusImporter>().ImportAsync(CreateAiusDatabase(), null, CancellationToken.None);
        var sheet = Path_("authors.csv");
        AiusFixture.WriteCsv(sheet, SheetRows());

        var summary = await _database.Get<LabelSheetImporter>().ImportAsync(sheet, Reviewer, CancellationToken.None);

        // Written: p1 and p2 four labels each (uses_dl, uses_ptms, identify_ptms, ptm_reuse), p3 one (its "no" settles
        // uses_ptms by cascade, so the sheet's "No" there is already in place), p4 two, p5 one (as p3), p6 four.
        Assert.Equal((8, 6, 16, 2), (summary.Rows, summary.PapersMatched, summary.LabelsWritten, summary.LabelsUnchanged));
        // Rows are numbered as a spreadsheet shows them: the header is row 1.
        Assert.Equal([(8, "10.1371/journal.pone.0000000")], summary.NotInStore.Select(n => (n.Row, n.Doi)));
        Assert.Equal("'not-a-doi' is not a DOI", Assert.Single(summary.Problems).Problem);
        await using (var db = await _database.OpenAsync())
        {
            var p6 = await db.Papers.SingleAsync(p => p.Doi == P(6));
            var identify = await db.HumanLabels.SingleAsync(l => l.PaperId == p6.Id && l.Stage == "identify_ptms" && l.Reviewer == Reviewer);
            Assert.Equal("AlphaFold 2", ((IdentifyPtmsAnswer)StageJson.Deserialize(identify.ValueJson)!).Models.Single().Canonical);
        }

        // uses_dl over the five papers with a readable machine answer (p6's failed): machine yes/human yes p1, p2, p4;
        // machine yes/human no p3; both no p5. Precision 3/4, recall 3/3, p_o = 4/5, p_e = (4·3 + 1·2)/25 = 0.56,
        // kappa = (0.8 − 0.56)/(1 − 0.56) = 0.5454…
        var usesDl = (await _database.Get<AgreementReportService>().GetAsync(Stage.UsesDl, null, CancellationToken.None)).MachineVsHuman;
        Assert.Equal(5, usesDl.Papers);
        Assert.Equal(0.75, usesDl.Precision!.Value, 6);
        Assert.Equal(1.0, usesDl.Recall!.Value, 6);
        Assert.Equal(6.0 / 11.0, usesDl.Kappa!.Value, 6);

        // Importing the same sheet again changes nothing.
        var again = await _database.Get<LabelSheetImporter>().ImportAsync(sheet, Reviewer, CancellationToken.None);
        Assert.Equal((0, 18), (again.LabelsWritten, again.LabelsUnchanged));
    }

    [Fact]
    public async Task ImportLabels_XlsxSheetOfASecondRater_GivesPerfectHumanAgreement()
    {
        await _database.Get<AiusImporter>().ImportAsync(CreateAiusDatabase(), null, CancellationToken.None);
        var csv = Path_("authors.csv");
        var xlsx = Path_("authors.xlsx");
        AiusFixture.WriteCsv(csv, SheetRows());
        AiusFixture.WriteXlsx(xlsx, SheetRows());
        await _database.Get<LabelSheetImporter>().ImportAsync(csv, Reviewer, CancellationToken.None);

        var second = await _database.Get<LabelSheetImporter>().ImportAsync(xlsx, "second-rater", CancellationToken.None);

        Assert.Equal((8, 6, 16, 2), (second.Rows, second.PapersMatched, second.LabelsWritten, second.LabelsUnchanged));
        // Both raters gave uses_dl for p1–p6 (yes, yes, no, yes, no, yes): identical, with both categories present.
        var humans = (await _database.Get<AgreementReportService>().GetAsync(Stage.UsesDl, null, CancellationToken.None)).HumanVsHuman;
        Assert.Equal(["second-rater", Reviewer], humans.Reviewers.Order());
        Assert.Equal(1.0, humans.CohensKappa!.Value, 6);
    }

    [Fact]
    public async Task ImportLabels_SheetWithoutDoiColumn_FailsNamingTheFileAndColumns()
    {
        var sheet = Path_("wrong.csv");
        await File.WriteAllTextAsync(sheet, "Paper,Uses DL?\nx,Yes\n");

        var error = await Assert.ThrowsAsync<LabelSheetException>(() => _database.Get<LabelSheetImporter>().ImportAsync(sheet, Reviewer, CancellationToken.None));

        Assert.Contains(sheet, error.Message);
        Assert.Contains("has no 'DOI' column (columns: 'Paper', 'Uses DL?')", error.Message);
    }

    [Theory]
    [InlineData("[AlexNet, Adaptation]; [VGG-16, Adaptation]", "AlexNet:Adaptation|VGG-16:Adaptation")]
    [InlineData("[ESM-2, deployment_reuse]", "ESM-2:Deployment")]
    [InlineData("[Model, with comma, Conceptual reuse]", "Model, with comma:Conceptual")]
    [InlineData("none", "")]
    public async Task LabelSheet_Pairings_AreReadAsModelAndMethod(string cell, string expected)
    {
        var sheet = Path_("pairs.csv");
        AiusFixture.WriteCsv(sheet, [["10.1371/journal.pone.0000001", "Yes", "Yes", cell, ""]]);

        var row = Assert.Single(LabelSheet.Read(sheet));

        Assert.Empty(row.Problems);
        Assert.Equal(expected, string.Join('|', row.Pairs!.Select(p => $"{p.Model}:{p.Pattern}")));
        await Task.CompletedTask;
    }

    [Fact]
    public void LabelSheet_BadCells_AreProblemsOfTheirRowNotGuesses()
    {
        var sheet = Path_("bad.csv");
        AiusFixture.WriteCsv(sheet, [["10.1371/journal.pone.0000001", "Maybe", "No", "[AlexNet, Adaptation]", ""], ["10.1371/journal.pone.0000002", "Yes", "Yes", "AlexNet adapted", ""]]);

        var rows = LabelSheet.Read(sheet);

        Assert.Equal(["'Uses DL?' is 'Maybe', not yes or no", "the row pairs models with reuse methods but says 'Are PTMs Used?' = no"], rows[0].Problems);
        Assert.Null(rows[0].UsesDl);
        Assert.Contains("not pairs like [AlexNet, Adaptation]", Assert.Single(rows[1].Problems));
    }
}
