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
internal sealed class ProblemExceptionHandler(IProblemDetailsService problems, ILogger<ProblemExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken cancellationToken)
    {
        ProblemDetails problem = exception switch
        {
            SessionValidationException v => new HttpValidationProblemDetails(v.Errors)
            {
                Status = StatusCodes.Status400BadRequest, Title = "One or more fields are invalid.",
            },
            BadHttpRequestException { InnerException: JsonException json } => Problem(400, "The request body is not valid JSON for this operation.", json.Message),
            BadHttpRequestException bad => Problem(bad.StatusCode, bad.StatusCode == 413 ? "The request body is too large." : "The request is malformed.", bad.Message),
            JsonException json => Problem(400, "The request body is not valid JSON for this operation.", json.Message),
            SessionNotFoundException notFound => Problem(404, "Session not found.", notFound.Message),
            SessionConflictException conflict => Problem(409, "The session cannot do that now.", conflict.Message),
            VersionMismatchException stale => Problem(412, "The session has changed.", stale.Message),
            IdempotencyKeyReusedException reused => Problem(422, "Idempotency key reused.", reused.Message),
            Csv.CsvImportRejectedException rejected => new ProblemDetails
            {
                Status = 422, Title = "The file has problems; nothing was imported.", Detail = rejected.Message,
                Extensions = { ["rowErrors"] = rejected.Errors },
            },
            Statistics.AnalyticsUnavailableException unavailable => Problem(503, "Statistics are unavailable right now.", "The analytics store does not answer; your sessions are safe and keep recording. Try again shortly."),
            OperationCanceledException when context.RequestAborted.IsCancellationRequested => Problem(499, "Client closed request.", null),
            _ => Problem(500, "Something went wrong on our side.", null),
        };

        if (problem.Status >= 500)
        {
            logger.LogError(exception, "Unhandled error on {Method} {Path}", context.Request.Method, context.Request.Path);
        }

        context.Response.StatusCode = problem.Status ?? 500;
        return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = context, ProblemDetails = problem, Exception = exception });
    }

    private static ProblemDetails Problem(int status, string title, string? detail) => new() { Status = status, Title = title, Detail = detail };
}
