using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;

namespace PokerTracker.SessionApi.Infrastructure;

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
            InvalidInputException v => new HttpValidationProblemDetails(v.Errors) { Status = v.Status, Title = v.Title },
            ProblemException p => WithExtensions(Problem(p.Status, p.Title, p.Message), p.Extensions),
            BadHttpRequestException { InnerException: JsonException json } => Problem(400, "The request body is not valid JSON for this operation.", Describe(json)),
            BadHttpRequestException bad when Unbound().Match(bad.Message) is { Success: true } unbound => Unreadable(unbound),
            // ASP.NET Core's "Implicit body inferred for parameter … Did you mean to use a Service instead?" is for our developers.
            BadHttpRequestException bad when NoBody().IsMatch(bad.Message) => Problem(400, "The request needs a body.",
                "This operation takes a JSON object in its body (Content-Type: application/json); the request had none, or null."),
            BadHttpRequestException bad => Problem(bad.StatusCode, bad.StatusCode == 413 ? "The request body is too large." : "The request is malformed.", WithoutTypeNames(bad.Message)),
            JsonException json => Problem(400, "The request body is not valid JSON for this operation.", Describe(json)),
            StackExchange.Redis.RedisException or TimeoutException => Problem(503, "Your sessions cannot be saved right now.",
                "The live store does not answer or is full; nothing was changed. Try again shortly."),
            OperationCanceledException when context.RequestAborted.IsCancellationRequested => Problem(499, "Client closed request.", null),
            _ => Problem(500, "Something went wrong on our side.", null),
        };

        (exception as ProblemException)?.AddHeaders(context.Response);
        if (problem.Status >= 500)
        {
            logger.LogError(exception, "Unhandled error on {Method} {Path}", context.Request.Method, context.Request.Path);
        }

        context.Response.StatusCode = problem.Status ?? 500;
        return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = context, ProblemDetails = problem, Exception = exception });
    }

    /// <summary>A query or route value that is not of its parameter's kind ("minMinutes=2h"): named, with what it takes.</summary>
    private static HttpValidationProblemDetails Unreadable(System.Text.RegularExpressions.Match unbound)
    {
        var type = unbound.Groups["type"].Value.Replace("Nullable<", "", StringComparison.Ordinal).TrimEnd('?', '>');
        var expected = type[(type.LastIndexOf('.') + 1)..] switch
        {
            "int" or "long" or "short" or "Int32" or "Int64" => "a whole number",
            "double" or "decimal" or "float" or "Double" or "Decimal" => "a number",
            "DateTimeOffset" or "DateTime" => "a date and time (ISO 8601, e.g. 2026-10-01T00:00:00Z)",
            "DateOnly" => "a date (e.g. 2026-10-01)",
            "Guid" => "an id",
            "bool" or "Boolean" => "true or false",
            _ => "a value of this parameter's kind",
        };
        var value = unbound.Groups["value"].Value;
        var shown = value.Length > 40 ? value[..40] + "…" : value;
        // A whole number too large for the parameter ("minMinutes=99999999999") is one, and is said to be out of range.
        var message = expected == "a whole number" && WholeNumber().IsMatch(value) ? $"\"{shown}\" is out of range." : $"\"{shown}\" is not {expected}.";
        return new HttpValidationProblemDetails(new Dictionary<string, string[]>
        {
            [JsonNamingPolicy.CamelCase.ConvertName(unbound.Groups["name"].Value)] = [message],
        })
        { Status = 400, Title = "One or more values are not valid." };
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"^\s*[+-]?\d+\s*$")]
    private static partial System.Text.RegularExpressions.Regex WholeNumber();

    // ASP.NET Core: Failed to bind parameter "int? minMinutes" from "2h".
    [System.Text.RegularExpressions.GeneratedRegex(@"^Failed to bind parameter ""(?<type>[^""]+?) (?<name>\w+)"" from ""(?<value>.*)""\.$", System.Text.RegularExpressions.RegexOptions.Singleline)]
    private static partial System.Text.RegularExpressions.Regex Unbound();

    // ASP.NET Core: Implicit body inferred for parameter "command" but no body was provided. / Required parameter "X command" was not provided from body.
    [System.Text.RegularExpressions.GeneratedRegex(@"^(Implicit body inferred for parameter ""[^""]+"" but no body was provided|Required parameter ""[^""]+"" was not provided from body)")]
    private static partial System.Text.RegularExpressions.Regex NoBody();

    private static ProblemDetails Problem(int status, string title, string? detail) => new() { Status = status, Title = title, Detail = detail };

    private static ProblemDetails WithExtensions(ProblemDetails problem, IReadOnlyDictionary<string, object?> extensions)
    {
        foreach (var (key, value) in extensions)
        {
            problem.Extensions[key] = value;
        }

        return problem;
    }

    /// <summary>Where the JSON went wrong, in the client's terms: the path and position, not our types.</summary>
    private static string Describe(JsonException json) =>
        json is OffsetMissingException ? $"{json.Path}: {OffsetMissingException.Reason}"
        : MissingProperties().Match(json.Message) is { Success: true } missing
            ? $"The body lacks {(missing.Groups["names"].Value.Contains(',', StringComparison.Ordinal) ? "the required fields" : "the required field")} {missing.Groups["names"].Value.Replace("'", "", StringComparison.Ordinal)}."
            : json.Path is { Length: > 0 } path
            ? $"The value at {path} is missing, of the wrong type or not allowed (line {json.LineNumber + 1}, byte {json.BytePositionInLine})."
            : $"The body is not valid JSON (line {(json.LineNumber ?? 0) + 1}, byte {json.BytePositionInLine}).";

    // System.Text.Json: "JSON deserialization for type 'T' was missing required properties including: 'a', 'b'."
    [System.Text.RegularExpressions.GeneratedRegex(@"missing required properties including: (?<names>'[^']+'(?:, '[^']+')*)")]
    private static partial System.Text.RegularExpressions.Regex MissingProperties();

    /// <summary>Framework messages name parameters with their .NET types ("int limit"): keep the name only, drop namespaces.</summary>
    private static string WithoutTypeNames(string message) =>
        TypeNames().Replace(ParameterTypes().Replace(message, "parameter \"$1\""), "the expected type");

    [System.Text.RegularExpressions.GeneratedRegex(@"parameter ""[^""]*?\s(\w+)""")]
    private static partial System.Text.RegularExpressions.Regex ParameterTypes();

    [System.Text.RegularExpressions.GeneratedRegex(@"\b(?:PokerTracker|System|Microsoft)(?:\.[\w`]+)+(?:\[[^\]]*\])?")]
    private static partial System.Text.RegularExpressions.Regex TypeNames();
}
