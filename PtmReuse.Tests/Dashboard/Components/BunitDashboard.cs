using Bunit;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using MudBlazor.Services;
using PtmReuse.Core.Papers;
using PtmReuse.Tests.Infrastructure;

namespace PtmReuse.Tests.Dashboard.Components;

/// <summary>A bUnit context wired like the dashboard: MudBlazor services, loose JS interop, Core queries on a real database.</summary>
internal static class BunitDashboard
{
    public static BunitContext Create(TestDatabase database)
    {
        var ctx = new BunitContext();
        ctx.JSInterop.Mode = JSRuntimeMode.Loose;
        ctx.Services.AddMudServices(options => options.PopoverOptions.CheckForPopoverProvider = false);
        ctx.Services.AddSingleton(database.Get<PaperQueries>());
        // The paper page shows the paper's decisions (classification feature).
        ctx.Services.AddSingleton(database.Get<PtmReuse.Core.Classification.Runs.PaperDecisions>());
        return ctx;
    }
}
