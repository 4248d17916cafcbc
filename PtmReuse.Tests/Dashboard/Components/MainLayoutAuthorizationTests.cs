using Bunit;
using Microsoft.AspNetCore.Components;
using PtmReuse.Core.Review;
using PtmReuse.Dashboard.Components.Layout;
using PtmReuse.Tests.Infrastructure;

namespace PtmReuse.Tests.Dashboard.Components;

/// <summary>The layout shows the signed-in user and only the navigation their role can use (bUnit's authorization).</summary>
public sealed class MainLayoutAuthorizationTests
{
    [Theory]
    [InlineData(TestUsers.Viewer, new[] { "Overview", "Papers", "PTM catalog", "Review", "Trends", "Reuse patterns", "Impact", "Top models", "Study summary", "Agreement", "Export" })]
    [InlineData(TestUsers.Reviewer, new[] { "Overview", "Ingest", "Acquire", "Papers", "Classify", "PTM catalog", "Review", "Trends", "Reuse patterns", "Impact", "Top models", "Study summary", "Agreement", "Export" })]
    [InlineData(TestUsers.Admin, new[] { "Overview", "Ingest", "Acquire", "Papers", "Classify", "PTM catalog", "Review", "Adjudication", "Trends", "Reuse patterns", "Impact", "Top models", "Study summary", "Agreement", "Export", "Users" })]
    public async Task Layout_ForEachRole_ShowsNameAndOnlyUsableNavigation(string userName, string[] expectedLinks)
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var ctx = BunitDashboard.Create(database, userName);

        var layout = ctx.Render<MainLayout>(p => p.Add(l => l.Body, (RenderFragment)(b => b.AddContent(0, "page"))));

        Assert.Equal(userName, layout.Find("[data-testid=signed-in-user]").TextContent);
        Assert.Equal(TestUsers.RoleOf(userName), layout.Find("[data-testid=signed-in-role]").TextContent);
        Assert.Equal(expectedLinks, layout.FindAll("nav .mud-nav-link-text").Select(e => e.TextContent.Trim()));
    }

    [Fact]
    public async Task Create_WithExplicitRole_GrantsThatRolesPolicies()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var ctx = BunitDashboard.Create(database, "someone", ReviewerRoles.Viewer);

        var layout = ctx.Render<MainLayout>(p => p.Add(l => l.Body, (RenderFragment)(b => b.AddContent(0, "page"))));

        Assert.DoesNotContain(layout.FindAll("nav .mud-nav-link-text"), e => e.TextContent.Trim() == "Ingest");
    }
}
