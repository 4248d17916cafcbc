using Bunit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PtmReuse.Core.Classification.Runs;
using PtmReuse.Core.Review;
using PtmReuse.Core.Review.Agreement;
using PtmReuse.Core.Review.Sampling;
using PtmReuse.Dashboard.Components.Pages.Agreement;
using PtmReuse.Tests.Infrastructure;
using PtmReuse.Tests.Review.Agreement;

namespace PtmReuse.Tests.Dashboard.Agreement;

public sealed class AgreementPageTests
{
    private static BunitContext NewContext(TestDatabase database, string userName, string role)
    {
        var ctx = Components.BunitDashboard.Create(database, userName, role);
        ctx.Services.AddSingleton(database.Get<AgreementReportService>());
        ctx.Services.AddSingleton(database.Get<ValidationSampler>());
        ctx.Services.AddSingleton(database.Get<ClassificationRunner>());
        return ctx;
    }

    [Fact]
    public async Task AgreementPage_LabelledStage_ShowsHandComputedNumbers()
    {
        await using var database = await TestDatabase.CreateAsync();
        await AgreementReportServiceTests.SeedUsesDlAsync(database);
        await using var ctx = NewContext(database, "vera", ReviewerRoles.Viewer);

        var page = ctx.Render<AgreementPage>();

        // The seed's hand counts (AgreementReportServiceTests): κ = 0.28/0.48, α = 0.64, Cohen between reviewers 0.32/0.52,
        // accuracy 8/10 with Wilson (0.4902, 0.9433).
        page.WaitForAssertion(() => Assert.Equal("0.583", page.Find("[data-testid=machine-kappa]").TextContent.Trim()), TimeSpan.FromSeconds(10));
        Assert.Equal("0.833", page.Find("[data-testid=machine-precision]").TextContent.Trim());
        Assert.Equal("0.615", page.Find("[data-testid=human-kappa]").TextContent.Trim());
        Assert.Equal("0.640", page.Find("[data-testid=human-alpha]").TextContent.Trim());
        Assert.Equal("0.800 [0.490, 0.943]", page.Find("[data-testid=sample-accuracy]").TextContent.Trim());
        Assert.Equal("0.600 [0.313, 0.832]", page.Find("[data-testid=sample-prevalence]").TextContent.Trim());
        Assert.Equal(3, page.FindAll("[data-testid=disagreement-table] tbody tr").Count);
        Assert.Contains(page.FindAll("[data-testid=review-link]"), a => a.GetAttribute("href")!.StartsWith("review/", StringComparison.Ordinal));
        Assert.Equal("10 / 10", page.Find("[data-testid=sample-reviewed]").TextContent.Trim());
        Assert.StartsWith("review?sample=", page.Find("[data-testid=review-sample-link]").GetAttribute("href"), StringComparison.Ordinal);
        // A viewer reads but cannot create samples.
        Assert.Empty(page.FindAll("[data-testid=create-sample]"));
    }

    [Fact]
    public async Task AgreementPage_NoLabels_ShowsNotAvailable()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var ctx = NewContext(database, "vera", ReviewerRoles.Viewer);

        var page = ctx.Render<AgreementPage>();

        page.WaitForAssertion(() => Assert.Equal("n/a", page.Find("[data-testid=machine-kappa]").TextContent.Trim()), TimeSpan.FromSeconds(10));
        Assert.Equal("0", page.Find("[data-testid=machine-papers]").TextContent.Trim());
    }

    [Fact]
    public async Task AgreementPage_AdminSuggestsSizeAndCreatesSample()
    {
        await using var database = await TestDatabase.CreateAsync();
        await AgreementReportServiceTests.SeedUsesDlAsync(database, withSample: false);
        await using var ctx = NewContext(database, "ada", ReviewerRoles.Admin);
        var page = ctx.Render<AgreementPage>();
        page.WaitForAssertion(() => page.Find("[data-testid=create-sample]"), TimeSpan.FromSeconds(10));

        page.Find("input[data-testid=sample-seed]").Change("123");
        await page.Find("[data-testid=sample-suggest]").ClickAsync(new());
        // Ten uses_dl decisions, stratified by default: n = ForProportion(0.10, N = 10) = 10·384.15/(9 + 384.15) = 9.77 → 10.
        page.WaitForAssertion(() => Assert.Contains("n = 10", page.Find("[data-testid=sample-suggestion]").TextContent, StringComparison.Ordinal));
        await page.Find("[data-testid=sample-create]").ClickAsync(new());

        page.WaitForAssertion(() => Assert.Contains("Created", page.Find("[data-testid=sample-message]").TextContent, StringComparison.Ordinal));
        await using var db = await database.OpenAsync();
        var sample = await db.ValidationSamples.SingleAsync();
        Assert.Equal((123, "ada", "stratified", 10), (sample.Seed, sample.CreatedBy, sample.Design, sample.PopulationSize));
        page.WaitForAssertion(() => Assert.Single(page.FindAll("[data-testid=sample-row]")));
    }
}
