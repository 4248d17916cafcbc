using System.Security.Claims;
using System.Text.Json;
using PtmReuse.Core.Classification;
using PtmReuse.Core.Review;

namespace PtmReuse.Dashboard.Review;

/// <summary>
/// A labelling endpoint for scripts: <c>POST /api/review/decisions/{id}/labels</c> with
/// <c>{"action":"accept|correct|note|skip|undo","expected_version":0,"value":{...stage answer...},"note":"...","label_id":null}</c>.
/// Signed-in reviewers and admins only (<see cref="ReviewPolicies.CanLabel"/>; others get 401/403 with a JSON reason); the
/// label is written as the signed-in user. The body must be application/json and a browser's request must come from this
/// site (<see cref="Security.SameOriginJsonFilter"/>).
/// </summary>
public static class ReviewEndpoints
{
    public sealed record LabelRequest(string Action, int ExpectedVersion, JsonElement? Value, string? Note, long? LabelId);

    public static IEndpointRouteBuilder MapReviewEndpoints(this IEndpointRouteBuilder endpoints)
    {
        // No antiforgery token (scripts cannot fetch one); cross-site requests are refused by content type and origin instead.
        endpoints.MapPost("/api/review/decisions/{decisionId:long}/labels", PostLabelAsync)
            .RequireAuthorization(ReviewPolicies.CanLabel)
            .DisableAntiforgery()
            .AddEndpointFilter<Security.SameOriginJsonFilter>();
        return endpoints;
    }

    private static async Task<IResult> PostLabelAsync(long decisionId, HttpRequest request, ClaimsPrincipal user, LabellingService labels, CancellationToken cancellationToken)
    {
        LabelRequest? body;
        StageAnswer? value;
        try
        {
            body = await JsonSerializer.DeserializeAsync<LabelRequest>(request.Body, StageJson.Options, cancellationToken);
            value = body?.Value is { ValueKind: JsonValueKind.Object } json ? json.Deserialize<StageAnswer>(StageJson.Options) : null;
        }
        catch (JsonException exception)
        {
            return Results.Problem($"The request body is not a valid label: {exception.Message}", statusCode: StatusCodes.Status400BadRequest);
        }

        if (body is null || !Enum.TryParse<LabelAction>(body.Action, ignoreCase: true, out var action))
        {
            return Results.Problem("'action' must be one of accept, correct, note, skip, undo.", statusCode: StatusCodes.Status400BadRequest);
        }

        var reviewer = user.Identity?.Name ?? "";
        try
        {
            var outcome = action == LabelAction.Undo
                ? await labels.UndoAsync(reviewer, decisionId, body.ExpectedVersion, body.LabelId, cancellationToken)
                : await labels.ApplyAsync(reviewer, new LabelCommand(decisionId, action, body.ExpectedVersion, value, body.Note), cancellationToken);
            return Results.Ok(new { label_id = outcome.LabelId, version = outcome.Version, cascaded = outcome.Cascaded, retired = outcome.Retired, restored = outcome.Restored });
        }
        catch (ReviewException exception)
        {
            var status = exception switch
            {
                ReviewNotFoundException => StatusCodes.Status404NotFound,
                LabelConflictException => StatusCodes.Status409Conflict,
                LabelPermissionException => StatusCodes.Status403Forbidden,
                _ => StatusCodes.Status400BadRequest,
            };
            return Results.Problem(exception.Message, statusCode: status);
        }
    }
}
