using System.ComponentModel.DataAnnotations;
using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace PtmReuse.Core.Export.Figures;

/// <summary>How many pixels of PNG may be rendered at once. Bound from the "Export" configuration section.</summary>
public sealed class FigureRenderOptions
{
    public const string Section = "Export";

    /// <summary>
    /// Megapixels of bitmap being rendered at the same time (default 100: one largest-allowed PNG, or a hundred
    /// journal-size ones). A 100-megapixel render holds about 400 MB of bitmap, so parallel large requests wait their
    /// turn instead of exhausting memory.
    /// </summary>
    [Range(1, 10_000)]
    public int MaxRenderMegapixels { get; set; } = 100;

    /// <summary>Renders that may wait for their turn (default 32); more are refused at once ("busy, try again").</summary>
    [Range(0, 10_000)]
    public int MaxQueuedRenders { get; set; } = 32;
}

/// <summary>The render queue is full: the caller should try again later (HTTP 503).</summary>
public sealed class FigureRenderBusyException(string message) : Exception(message);

/// <summary>
/// Admits bitmap renders by their size: a weighted, first-come first-served queue (System.Threading.RateLimiting's
/// concurrency limiter) where a render costs its megapixels. SVG and PDF are vector and cost one permit.
/// </summary>
public sealed class FigureRenderGate : IDisposable
{
    private readonly ConcurrencyLimiter _limiter;
    private readonly int _capacity;
    private int _inFlight;
    private int _peak;

    public FigureRenderGate(IOptions<FigureRenderOptions> options)
    {
        _capacity = options.Value.MaxRenderMegapixels;
        _limiter = new ConcurrencyLimiter(new ConcurrencyLimiterOptions
        {
            PermitLimit = _capacity,
            QueueLimit = options.Value.MaxQueuedRenders * _capacity,
            QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
        });
    }

    /// <summary>The most megapixels ever rendering at once in this process (for tests and the load check).</summary>
    public int PeakMegapixels => Volatile.Read(ref _peak);

    /// <summary>Runs <paramref name="render"/> once its size fits beside the renders already running.</summary>
    public async Task<T> RunAsync<T>(FigureFormat format, FigureExportOptions size, Func<T> render, CancellationToken cancellationToken)
    {
        var cost = format == FigureFormat.Png
            ? (int)Math.Clamp(((long)size.PixelWidth * size.PixelHeight + 999_999) / 1_000_000, 1, _capacity)
            : 1;
        using var lease = await _limiter.AcquireAsync(cost, cancellationToken);
        if (!lease.IsAcquired)
        {
            throw new FigureRenderBusyException("Too many figure renders are waiting; try again in a moment.");
        }

        var now = Interlocked.Add(ref _inFlight, cost);
        for (var peak = Volatile.Read(ref _peak); now > peak; peak = Volatile.Read(ref _peak))
        {
            if (Interlocked.CompareExchange(ref _peak, now, peak) == peak)
            {
                break;
            }
        }

        try
        {
            // Rendering is CPU-bound and synchronous: off the request thread.
            return await Task.Run(render, cancellationToken);
        }
        finally
        {
            Interlocked.Add(ref _inFlight, -cost);
        }
    }

    public void Dispose() => _limiter.Dispose();
}
