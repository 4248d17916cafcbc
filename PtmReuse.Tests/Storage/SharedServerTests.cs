using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PtmReuse.Core.Classification;
using PtmReuse.Core.Review;
using PtmReuse.Core.Review.Accounts;
using PtmReuse.Core.Review.Agreement;
using PtmReuse.Core.Storage;
using PtmReuse.Tests.Infrastructure;
using PtmReuse.Tests.Review;

namespace PtmReuse.Tests.Storage;

/// <summary>Two real dashboard instances (two Kestrel hosts on 127.0.0.1) on one real PostgreSQL database.</summary>
public sealed partial class SharedServerTests
{
    private const int Reviewers = 10;
    private const int LabelsEach = 50;

    [PostgresFact]
    public async Task TwoInstances_TenReviewersLabelConcurrently_EveryLabelOnceConflictsAre409AndAgreementMatches()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Postgres);
        var decisions = await SeedDecisionsAsync(database, Reviewers * LabelsEach);
        var names = Enumerable.Range(1, Reviewers).Select(i => $"team{i:00}").ToList();
        foreach (var name in names)
        {
            Assert.True((await database.Get<ReviewerAccounts>().CreateAsync(name, ReviewerRoles.Reviewer, TestUsers.PasswordOf(name), CancellationToken.None)).Succeeded);
        }

        await using var first = await DashboardServer.StartAsync(settings: new Dictionary<string, string?>(database.StorageSettings));
        await using var second = await DashboardServer.StartAsync(settings: new Dictionary<string, string?>(database.StorageSettings), seedTestUsers: false);
        var instances = new[] { first, second };

        // Signed in on one instance, the cookie is honoured by the other: the Data Protection keys are in the database.
        var cookies = new CookieContainer();
        using (var signIn = DashboardHttp.CreateClient(first, cookies))
        {
            Assert.Equal(HttpStatusCode.Found, (await DashboardHttp.PostLoginAsync(signIn, TestUsers.Admin, TestUsers.PasswordOf(TestUsers.Admin))).StatusCode);
        }

        using (var other = DashboardHttp.CreateClient(second, cookies))
        {
            Assert.Equal(HttpStatusCode.OK, (await other.GetAsync("agreement")).StatusCode);
        }

        var clock = Stopwatch.StartNew();
        var statuses = new ConcurrentBag<HttpStatusCode>();
        var contested = new ConcurrentBag<(HttpStatusCode A, HttpStatusCode B)>();
        await Task.WhenAll(names.Select(async (name, r) =>
        {
            // Reviewer r signs in on both instances and labels its own 50 decisions, alternating between them.
            using var onFirst = await SignedInAsync(first, name);
            using var onSecond = await SignedInAsync(second, name);
            var mine = decisions.Skip(r * LabelsEach).Take(LabelsEach).ToList();
            for (var i = 1; i < mine.Count; i++)
            {
                var client = i % 2 == 0 ? onFirst : onSecond;
                statuses.Add((await client.PostAsJsonAsync(LabelPath(mine[i]), new { action = "accept", expected_version = 0 })).StatusCode);
            }

            // The first item is edited twice at once from both instances, both having seen version 0: one wins, one conflicts.
            var both = await Task.WhenAll(
                onFirst.PostAsJsonAsync(LabelPath(mine[0]), new { action = "accept", expected_version = 0 }),
                onSecond.PostAsJsonAsync(LabelPath(mine[0]), new { action = "accept", expected_version = 0 }));
            contested.Add((both[0].StatusCode, both[1].StatusCode));
        }));
        var elapsed = clock.Elapsed;

        Assert.True(elapsed < TimeSpan.FromSeconds(60), $"{Reviewers} reviewers × {LabelsEach} labels took {elapsed.TotalSeconds:F1} s");
        Assert.All(statuses, s => Assert.Equal(HttpStatusCode.OK, s));
        Assert.Equal(Reviewers * (LabelsEach - 1), statuses.Count);
        Assert.All(contested, pair => Assert.Equal(
            [HttpStatusCode.OK, HttpStatusCode.Conflict], new[] { pair.A, pair.B }.Order().ToArray()));

        await using (var db = await database.OpenAsync())
        {
            var labels = await db.HumanLabels.Where(l => l.Stage == "uses_dl").Select(l => new { l.DecisionId, l.Reviewer }).ToListAsync();
            Assert.Equal(Reviewers * LabelsEach, labels.Count);
            Assert.Equal(decisions.Order(), labels.Select(l => l.DecisionId!.Value).Order());
            Assert.All(labels.GroupBy(l => l.Reviewer), g => Assert.Equal(LabelsEach, g.Count()));
        }

        // The same agreement on either instance: its service, and the page each one serves.
        var reports = new List<string>();
        var pages = new List<string>();
        foreach (var instance in instances)
        {
            var report = await instance.Services.GetRequiredService<AgreementReportService>().GetAsync(Stage.UsesDl, null, CancellationToken.None);
            Assert.Equal(Reviewers * LabelsEach, report.MachineVsHuman.Papers);
            reports.Add(System.Text.Json.JsonSerializer.Serialize(report.MachineVsHuman));
            using var admin = await DashboardHttp.SignedInClientAsync(instance, TestUsers.Admin);
            pages.Add(string.Join("; ", Figures().Matches(await admin.GetStringAsync("agreement")).Select(m => m.Groups[1].Value + "=" + m.Groups[2].Value)));
        }

        Assert.Equal(reports[0], reports[1]);
        Assert.Contains("machine-papers=500", pages[0], StringComparison.Ordinal);
        Assert.Equal(pages[0], pages[1]);
    }

    [PostgresFact]
    public async Task Healthz_DatabaseReachable_HealthyAnonymously_UnreachableIs503()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Postgres);
        await using var server = await DashboardServer.StartAsync(settings: new Dictionary<string, string?>(database.StorageSettings));
        using var anonymous = DashboardHttp.CreateClient(server);

        var healthy = await anonymous.GetAsync("healthz");
        Assert.Equal(HttpStatusCode.OK, healthy.StatusCode);
        Assert.Equal("Healthy", await healthy.Content.ReadAsStringAsync());

        // The database goes away under the running instance.
        await TestPostgres.DropDatabaseAsync(new Npgsql.NpgsqlConnectionStringBuilder(database.DatabaseArgument).ConnectionString);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await anonymous.GetAsync("healthz")).StatusCode);
    }

    private static string LabelPath(long decisionId) => $"api/review/decisions/{decisionId}/labels";

    private static async Task<HttpClient> SignedInAsync(DashboardServer server, string userName)
    {
        var client = DashboardHttp.CreateClient(server);
        using var response = await DashboardHttp.PostLoginAsync(client, userName, TestUsers.PasswordOf(userName));
        Assert.Equal(HttpStatusCode.Found, response.StatusCode);
        return client;
    }

    /// <summary>One uses_dl decision per paper, alternately yes and no (so agreement has both classes).</summary>
    private static async Task<List<long>> SeedDecisionsAsync(TestDatabase database, int count)
    {
        var run = await ReviewTestData.RunAsync(database);
        await using var db = await database.OpenAsync();
        var ids = new List<MachineDecision>();
        for (var i = 0; i < count; i++)
        {
            var paper = new PtmReuse.Core.Papers.Paper { Doi = $"10.5555/team-{i}", ContentHash = $"team-{i}", Title = $"Team paper {i}", Year = 2000 + (i % 25), PrimaryField = "Medicine" };
            db.Papers.Add(paper);
            var decision = new MachineDecision
            {
                RunId = run, Stage = "uses_dl", DecisionKey = $"team-{i}", PromptHash = "hash", Backend = "embedded", Model = "rules",
                ValueJson = StageJson.Serialize(ReviewTestData.Dl(i % 2 == 0)), EvidenceGrounded = true, CreatedAt = DateTime.UtcNow,
            };
            ids.Add(decision);
            await db.SaveChangesAsync();
            decision.PaperId = paper.Id;
            db.Decisions.Add(decision);
        }

        await db.SaveChangesAsync();
        return ids.Select(d => d.Id).ToList();
    }

    [GeneratedRegex("data-testid=\"(machine-[a-z-]+)\"[^>]*>([^<]*)<")]
    private static partial Regex Figures();
}
