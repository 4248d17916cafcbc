namespace PtmReuse.Dashboard.Security;

/// <summary>
/// Guards a cookie-authenticated JSON endpoint against cross-site requests: the body must be application/json (which
/// no HTML form can send, and which a foreign page can only send after a CORS preflight this app never grants), and a
/// browser's Origin and Sec-Fetch-Site must name this site. Scripts without a browser send neither header and pass;
/// they still need the signed-in cookie and the role.
/// </summary>
public sealed class SameOriginJsonFilter : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var request = context.HttpContext.Request;
        if (!IsJson(request.ContentType))
        {
            return Results.Problem(
                $"Send the request body as application/json (got {(string.IsNullOrEmpty(request.ContentType) ? "no content type" : request.ContentType)}).",
                statusCode: StatusCodes.Status415UnsupportedMediaType);
        }

        if (CrossSiteReason(request) is { } reason)
        {
            return Results.Problem(reason, statusCode: StatusCodes.Status403Forbidden);
        }

        return await next(context);
    }

    private static bool IsJson(string? contentType) =>
        Microsoft.Net.Http.Headers.MediaTypeHeaderValue.TryParse(contentType, out var media)
        && media.MediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase);

    /// <summary>Why a browser request comes from another site, or null when it does not.</summary>
    public static string? CrossSiteReason(HttpRequest request)
    {
        var fetchSite = request.Headers["Sec-Fetch-Site"].ToString();
        if (fetchSite.Length > 0 && fetchSite is not ("same-origin" or "none"))
        {
            return $"Cross-site request refused (Sec-Fetch-Site: {fetchSite}).";
        }

        var origin = request.Headers.Origin.ToString();
        if (origin.Length > 0)
        {
            var own = $"{request.Scheme}://{request.Host}";
            if (!string.Equals(origin, own, StringComparison.OrdinalIgnoreCase))
            {
                return $"Cross-site request refused (Origin {origin} is not {own}).";
            }
        }

        return null;
    }
}
