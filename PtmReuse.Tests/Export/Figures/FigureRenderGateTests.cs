using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using PtmReuse.Core.Export.Figures;
using PtmReuse.Tests.Dashboard.Analytics;
using PtmReuse.Tests.Infrastructure;

namespace PtmReuse.Tests.Export.Figures;

/// <summary>
/// Issue 11, finding 10: parallel 100-megapixel PNG requests each allocated their bitmap at once. Renders now queue by
/// their megapixels (Export:MaxRenderMegapixels in flight), and a full queue answers 503 with Retry-After.
/// </summary>
public sealed class FigureRenderGateTests
{
    private static FigureRenderGate Gate(int megapixels, int queued) =>
        new(Options.Create(new FigureRenderOptions { MaxRenderMegapixels = megapixels, MaxQueuedRenders = queued }));

    // 200 mm wide at 200 DPI and 100 mm high: 1575 × 787 pixels, 1.24 MP, which costs 2 megapixels of the budget.
    private static readonly FigureExportOptions OnePointTwoMegapixels = new(200, 200, 100);

    [Fact]
    public async Task RunAsync_RendersLargerThanTheBudgetTogether_RunOneAtATime()
    {
        using var gate = Gate(megapixels: 3, queued: 8);
        var running = 0;
        var peak = 0;

        var renders = Enumerable.Range(0, 4).Select(_ => gate.RunAsync(FigureFormat.Png, OnePointTwoMegapixels, () =>
        {
            var now = Interlocked.Increment(ref running);
            InterlockedMax(ref peak, now);
            Thread.Sleep(150);
            Interlocked.Decrement(ref running);
            return now;
        }, CancellationToken.None)).ToList();
        await Task.WhenAll(renders);

        Assert.Equal(1, peak);
        Assert.Equal(2, gate.PeakMegapixels);
    }

    [Fact]
    public async Task RunAsync_QueueFull_RefusedAtOnceWithBusy()
    {
        using var gate = Gate(megapixels: 2, queued: 0);
        var release = new TaskCompletionSource();
        var first = gate.RunAsync(FigureFormat.Png, OnePointTwoMegapixels, () => SpinWait.SpinUntil(() => release.Task.IsCompleted, TimeSpan.FromSeconds(30)), CancellationToken.None);
        while (gate.PeakMegapixels == 0)
        {
            await Task.Delay(10);
        }

        var busy = await Assert.ThrowsAsync<FigureRenderBusyException>(() => gate.RunAsync(FigureFormat.Png, OnePointTwoMegapixels, () => true, CancellationToken.None));
        release.SetResult();

        Assert.Contains("try again", busy.Message, StringComparison.Ordinal);
        Assert.True(await first);
        Assert.True(await gate.RunAsync(FigureFormat.Png, OnePointTwoMegapixels, () => true, CancellationToken.None), "free again once the first render ended");
    }

    [Fact]
    public async Task PngEndpoint_ParallelLargeRequestsOnKestrel_AllServedNeverPastTheBudget()
    {
        await using var server = await AnalyticsServerFixture.StartAsync(new Dictionary<string, string?> { ["Export:MaxRenderMegapixels"] = "2", ["Export:MaxQueuedRenders"] = "16" });
        using var client = await DashboardHttp.SignedInClientAsync(server, TestUsers.Viewer);
        var url = "export/figures/adoption-ptms.png?width_mm=200&dpi=200&height_mm=100";

        var responses = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => client.GetAsync(url)));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        Assert.All(responses, r => Assert.Equal("image/png", r.Content.Headers.ContentType?.MediaType));
        Assert.Equal(2, server.Services.GetRequiredService<FigureRenderGate>().PeakMegapixels);
    }

    private static void InterlockedMax(ref int target, int value)
    {
        for (var current = Volatile.Read(ref target); value > current; current = Volatile.Read(ref target))
        {
            if (Interlocked.CompareExchange(ref target, value, current) == current)
            {
                return;
            }
        }
    }
}
