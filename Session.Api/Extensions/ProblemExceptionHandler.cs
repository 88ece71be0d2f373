using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using PokerTracker.SessionApi.Domain;

namespace PokerTracker.SessionApi.Extensions;

/// <summary>
/// Turns every failure into an RFC 9457 problem: bad input 400, unknown session 404, state
/// conflict 409, stale If-Match 412, reused idempotency key 422. Anything unexpected is a 500
/// without internals.
/// </summary>
internal sealed partial class ProblemExceptionHandler(IProblemDetailsService problems, ILogger<ProblemExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken cancellationToken)
    {
        ProblemDetails problem = exception switch
        {
            SessionValidationException v => new HttpValidationProblemDetails(v.Errors)
            {
                Status = StatusCodes.Status400BadRequest, Title = "One or more fields are invalid.",
            },
            BadHttpRequestException { InnerException: JsonException json } => Problem(400, "The request body is not valid JSON for this operation.", Describe(json)),
            BadHttpRequestException bad => Problem(bad.StatusCode, bad.StatusCode == 413 ? "The request body is too large." : "The request is malformed.", WithoutTypeNames(bad.Message)),
            JsonException json => Problem(400, "The request body is not valid JSON for this operation.", Describe(json)),
            SessionNotFoundException notFound => Problem(404, "Session not found.", notFound.Message),
            SessionConflictException conflict => Problem(409, "The session cannot do that now.", conflict.Message),
            VersionMismatchException stale => Problem(412, "The session has changed.", stale.Message),
            IdempotencyKeyReusedException reused => Problem(422, "Idempotency key reused.", reused.Message),
            QuotaExceededException quota => Problem(422, "Quota reached.", quota.Message),
            Csv.CsvImportRejectedException rejected => new ProblemDetails
            {
                Status = 422, Title = "The file has problems; nothing was imported.", Detail = rejected.Message,
                Extensions = { ["rowErrors"] = rejected.Errors },
            },
            Apis.RateLimitedException limited => Problem(429, "Too many requests.", limited.Message),
            Statistics.AnalyticsUnavailableException unavailable => Problem(503, "Statistics are unavailable right now.", "The analytics store does not answer; your sessions are safe and keep recording. Try again shortly."),
            StackExchange.Redis.RedisException or TimeoutException => Problem(503, "Your sessions cannot be saved right now.",
                "The live store does not answer or is full; nothing was changed. Try again shortly."),
            OperationCanceledException when context.RequestAborted.IsCancellationRequested => Problem(499, "Client closed request.", null),
            _ => Problem(500, "Something went wrong on our side.", null),
        };

        if (problem.Status >= 500)
        {
            logger.LogError(exception, "Unhandled error on {Method} {Path}", context.Request.Method, context.Request.Path);
        }

        if (exception is Apis.RateLimitedException { RetryAfterSeconds: var seconds })
        {
            context.Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        context.Response.StatusCode = problem.Status ?? 500;
        return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = context, ProblemDetails = problem, Exception = exception });
    }

    private static ProblemDetails Problem(int status, string title, string? detail) => new() { Status = status, Title = title, Detail = detail };

    /// <summary>Where the JSON went wrong, in the client's terms: the path and position, not our types.</summary>
    private static string Describe(JsonException json) =>
        json.Path is { Length: > 0 } path
            ? $"The value at {path} is missing, of the wrong type or not allowed (line {json.LineNumber + 1}, byte {json.BytePositionInLine})."
            : $"The body is not valid JSON (line {(json.LineNumber ?? 0) + 1}, byte {json.BytePositionInLine}).";

    /// <summary>Framework messages name parameters with their .NET types ("int limit"): keep the name only, drop namespaces.</summary>
    private static string WithoutTypeNames(string message) =>
        TypeNames().Replace(ParameterTypes().Replace(message, "parameter \"$1\""), "the expected type");

    [System.Text.RegularExpressions.GeneratedRegex(@"parameter ""[^""]*?\s(\w+)""")]
    private static partial System.Text.RegularExpressions.Regex ParameterTypes();

    [System.Text.RegularExpressions.GeneratedRegex(@"\b(?:PokerTracker|System|Microsoft)(?:\.[\w`]+)+(?:\[[^\]]*\])?")]
    private static partial System.Text.RegularExpressions.Regex TypeNames();
}
