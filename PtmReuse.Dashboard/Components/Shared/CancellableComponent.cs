using Microsoft.AspNetCore.Components;

namespace PtmReuse.Dashboard.Components.Shared;

/// <summary>Base for pages that load data: <see cref="ComponentToken"/> is cancelled when the component goes away.</summary>
public abstract class CancellableComponent : ComponentBase, IDisposable
{
    private readonly CancellationTokenSource _cts = new();

    protected CancellationToken ComponentToken => _cts.Token;

    public void Dispose()
    {
        Dispose(disposing: true);
        GC.SuppressFinalize(this);
    }

    protected virtual void Dispose(bool disposing)
    {
        if (disposing)
        {
            _cts.Cancel();
            _cts.Dispose();
        }
    }
}
