using Bunit;
using Microsoft.Extensions.DependencyInjection;
using PtmReuse.Core.Classification.Catalog;
using PtmReuse.Dashboard.Components.Pages.Catalog;
using PtmReuse.Tests.Infrastructure;

namespace PtmReuse.Tests.Dashboard.Catalog;

public sealed class CatalogPageTests
{
    private static BunitContext NewContext(TestDatabase database, string userName = TestUsers.Reviewer)
    {
        var ctx = Components.BunitDashboard.Create(database, userName);
        ctx.Services.AddSingleton(database.Get<PtmCatalogStore>());
        ctx.Services.AddSingleton(database.Get<ModelProposals>());
        return ctx;
    }

    [Fact]
    public async Task CatalogPage_Search_ShowsMatchingModels()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var ctx = NewContext(database);
        var page = ctx.Render<CatalogPage>();

        page.Find("input[data-testid=catalog-search]").Input("AlphaFold-Multimer");

        page.WaitForAssertion(() =>
        {
            var rows = page.FindAll("[data-testid=catalog-table] tbody tr");
            Assert.Contains(rows, r => r.TextContent.Contains("AlphaFold-Multimer", StringComparison.Ordinal));
            Assert.DoesNotContain(rows, r => r.TextContent.Contains("ResNet-50", StringComparison.Ordinal));
        });
    }

    [Fact]
    public async Task CatalogPage_Viewer_SeesNoEditor()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var ctx = NewContext(database, TestUsers.Viewer);
        var page = ctx.Render<CatalogPage>();

        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("[data-testid=catalog-table] tbody tr")));
        Assert.Empty(page.FindAll("[data-testid=catalog-editor]"));
        Assert.Empty(page.FindAll("[data-testid=edit-apply]"));
    }

    [Fact]
    public async Task CatalogPage_AddAlias_SavedAndCanonicalised()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var ctx = NewContext(database);
        var page = ctx.Render<CatalogPage>();

        page.Find("input[data-testid=edit-canonical]").Change("ESM-2");
        page.Find("input[data-testid=edit-argument]").Change("esm two");
        await page.Find("[data-testid=edit-apply]").ClickAsync(new());

        page.WaitForAssertion(() => Assert.Contains("Saved", page.Find("[data-testid=edit-message]").TextContent, StringComparison.Ordinal));
        Assert.Equal("ESM-2", database.Get<PtmCatalogStore>().Canonicalize("ESM two"));
    }

    [Fact]
    public async Task CatalogPage_AddAliasToUnknownModel_ShowsError()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var ctx = NewContext(database);
        var page = ctx.Render<CatalogPage>();

        page.Find("input[data-testid=edit-canonical]").Change("NoSuchNet");
        page.Find("input[data-testid=edit-argument]").Change("nsn");
        await page.Find("[data-testid=edit-apply]").ClickAsync(new());

        page.WaitForAssertion(() => Assert.Contains("NoSuchNet", page.Find("[data-testid=edit-message]").TextContent, StringComparison.Ordinal));
    }

    [Fact]
    public async Task CatalogPage_SearchBySource_ShowsProvenanceAndWrappedModels()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var ctx = NewContext(database);
        var page = ctx.Render<CatalogPage>();

        page.Find("input[data-testid=catalog-search]").Input("ColabFold");

        page.WaitForAssertion(() =>
        {
            var row = Assert.Single(page.FindAll("[data-testid=catalog-table] tbody tr"), r => r.TextContent.Contains("ColabFold", StringComparison.Ordinal));
            Assert.Contains("Tool (runs AlphaFold 2", row.TextContent, StringComparison.Ordinal);
            Assert.Contains("curated", row.TextContent, StringComparison.Ordinal);
        });

        page.Find("input[data-testid=catalog-search]").Input("pytorch-image-models");

        page.WaitForAssertion(() =>
            Assert.Contains(page.FindAll("[data-testid=catalog-table] tbody tr"),
                r => r.TextContent.Contains("huggingface/pytorch-image-models@aa4b585", StringComparison.Ordinal)));
    }
}
