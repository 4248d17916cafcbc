namespace PtmReuse.Dashboard.Security;

/// <summary>
/// Response headers on every answer (pages, files, API): no MIME sniffing, no referrer to other sites, no framing, and
/// a Content-Security-Policy under which Blazor Server (its script and WebSocket on this origin), MudBlazor and Plotly
/// (inline style attributes and the style elements they add, SVG and data: images) work and nothing else loads: no
/// inline or foreign script, no eval, no plugins, forms and connections to this origin only.
/// </summary>
public static class SecurityHeaders
{
    public const string ContentSecurityPolicy =
        "default-src 'self'; " +
        "script-src 'self'; " +
        // MudBlazor and Plotly position and colour elements through style attributes and injected <style> elements.
        "style-src 'self' 'unsafe-inline'; " +
        "img-src 'self' data: blob:; " +
        "font-src 'self' data:; " +
        // 'self' covers the circuit's WebSocket (ws/wss to this host) in CSP Level 3 browsers.
        "connect-src 'self'; " +
        "object-src 'none'; " +
        "base-uri 'self'; " +
        "form-action 'self'; " +
        "frame-ancestors 'none'";

    public static readonly IReadOnlyDictionary<string, string> All = new Dictionary<string, string>
    {
        ["Content-Security-Policy"] = ContentSecurityPolicy,
        ["X-Content-Type-Options"] = "nosniff",
        ["Referrer-Policy"] = "same-origin",
        ["X-Frame-Options"] = "DENY",
        ["Cross-Origin-Opener-Policy"] = "same-origin",
    };

    /// <summary>Adds <see cref="All"/> to every response, before anything else can write one.</summary>
    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            context.Response.OnStarting(() =>
            {
                foreach (var (name, value) in All)
                {
                    context.Response.Headers[name] = value;
                }

                return Task.CompletedTask;
            });
            await next(context);
        });
}
