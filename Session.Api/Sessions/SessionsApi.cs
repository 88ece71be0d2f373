using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using PokerTracker.Contracts.Sessions;
using PokerTracker.SessionApi.Infrastructure;
using PokerTracker.SessionApi.Sessions;
using PokerTracker.SessionApi.Accounts;
using PokerTracker.SharedKernel.Sessions;

namespace PokerTracker.SessionApi.Sessions;

public static class SessionsApi
{
    public static IEndpointRouteBuilder MapSessionsApi(this IEndpointRouteBuilder app)
    {
        var reads = app.MapGroup("/api/sessions").WithTags("Sessions").RequireAuthorization()
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status429TooManyRequests);
        reads.MapGet("/", ListSessions).WithName("ListSessions").WithSummary("The player's sessions, newest first, with cursor paging.");
        reads.MapGet("/{id:guid}", GetSession).WithName("GetSession").WithSummary("One session with its totals; ETag = version.");
        reads.MapGet("/{id:guid}/stack", GetStack).WithName("GetStack").WithSummary("The session's stack over time.");

        // Every command: bad input 400, unknown session 404, state conflict 409, stale If-Match 412,
        // reused idempotency key or quota 422, budget spent 429, live store unavailable 503.
        var writes = app.MapGroup("/api/sessions").WithTags("Sessions").RequireAuthorization().RequireRateLimiting(RateLimits.Writes)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status412PreconditionFailed).ProducesProblem(StatusCodes.Status422UnprocessableEntity)
            .ProducesProblem(StatusCodes.Status429TooManyRequests).ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        writes.MapPost("/", StartSession).WithName("StartSession").WithSummary("Start a cash game or tournament.");
        writes.MapPost("/{id:guid}/buy-ins", AddBuyIn).WithName("AddBuyIn").WithSummary("Buy-in, rebuy or add-on.");
        writes.MapPost("/{id:guid}/stack", UpdateStack).WithName("UpdateStack").WithSummary("The chips in front of the player now.");
        writes.MapPost("/{id:guid}/notes", AddNote).WithName("AddNote").WithSummary("A hand note, while the session runs or after it ended.");
        writes.MapPut("/{id:guid}/notes/{sequence:long}", EditNote).WithName("EditNote").WithSummary("Change a note's text (the note is named by its sequence).");
        writes.MapDelete("/{id:guid}/notes/{sequence:long}", DeleteNote).WithName("DeleteNote").WithSummary("Delete a note.");
        writes.MapPost("/{id:guid}/expenses", AddExpense).WithName("AddExpense").WithSummary("Tips, food, travel or other.");
        writes.MapDelete("/{id:guid}/expenses/{sequence:long}", DeleteExpense).WithName("DeleteExpense")
            .WithSummary("Take back an expense typed wrong (named by its sequence), while the session runs or after it ended.");
        writes.MapPost("/{id:guid}/breaks/start", StartBreak).WithName("StartBreak").WithSummary("Start a break.");
        writes.MapPost("/{id:guid}/breaks/end", EndBreak).WithName("EndBreak").WithSummary("End the running break.");
        writes.MapPost("/{id:guid}/end", EndSession).WithName("EndSession").WithSummary("Cash out, or record the tournament result.");
        writes.MapPatch("/{id:guid}", CorrectSession).WithName("CorrectSession").WithSummary("Correct an ended session (audited as an event).");
        writes.MapDelete("/{id:guid}", DiscardSession).WithName("DiscardSession").WithSummary("Discard a session: it leaves every statistic.");

        // The design documents' name for starting a session.
        app.MapPost("/session/start", StartSession).WithTags("Sessions").RequireAuthorization().RequireRateLimiting(RateLimits.Writes)
            .WithName("StartSessionAlias").WithSummary("Alias of POST /api/sessions.");
        return app;
    }

    public static async Task<Results<Ok<SessionPage>, ValidationProblem>> ListSessions(
        SessionService sessions, ClaimsPrincipal user, string? status, int? limit, string? cursor)
    {
        var errors = new Dictionary<string, string[]>();
        if (status is not null && status is not (SessionStatus.Active or SessionStatus.Ended or SessionStatus.Discarded))
        {
            errors["status"] = ["Must be active, ended or discarded."];
        }

        if (limit is < 1 or > 100)
        {
            errors["limit"] = ["Must be between 1 and 100."];
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        return TypedResults.Ok(await sessions.ListAsync(Caller.From(user), status, limit ?? 20, cursor));
    }

    public static async Task<Ok<SessionView>> GetSession(SessionService sessions, ClaimsPrincipal user, Guid id, HttpResponse response)
    {
        var view = await sessions.GetAsync(Caller.From(user), id);
        RequestHeaders.SetETag(response, view.Version);
        return TypedResults.Ok(view);
    }

    public static async Task<Ok<IReadOnlyList<StackPoint>>> GetStack(SessionService sessions, ClaimsPrincipal user, Guid id) =>
        TypedResults.Ok(await sessions.GetStackAsync(Caller.From(user), id));

    public static async Task<Created<SessionView>> StartSession(
        SessionService sessions, ClaimsPrincipal user, StartSessionCommand command, HttpContext context)
    {
        var result = await sessions.StartAsync(Caller.From(user), command, RequestHeaders.IdempotencyKey(context.Request));
        RequestHeaders.SetETag(context.Response, result.Session.Version);
        return TypedResults.Created($"/api/sessions/{result.Session.Id}", result.Session);
    }

    public static Task<Ok<SessionView>> AddBuyIn(SessionService s, ClaimsPrincipal u, Guid id, AddBuyInCommand command, HttpContext c) =>
        Change(s, u, id, command, c);

    public static Task<Ok<SessionView>> UpdateStack(SessionService s, ClaimsPrincipal u, Guid id, UpdateStackCommand command, HttpContext c) =>
        Change(s, u, id, command, c);

    public static Task<Ok<SessionView>> AddNote(SessionService s, ClaimsPrincipal u, Guid id, AddNoteCommand command, HttpContext c) =>
        Change(s, u, id, command, c);

    /// <param name="Was">The text the note had when the editor opened it (optional): changed since, the edit is refused (409), not saved over it.</param>
    public sealed record NoteText(string Text, string? Was = null);

    public static Task<Ok<SessionView>> EditNote(SessionService s, ClaimsPrincipal u, Guid id, long sequence, NoteText body, HttpContext c) =>
        Change(s, u, id, new EditNoteCommand(sequence, body.Text, body.Was), c);

    public static Task<Ok<SessionView>> DeleteNote(SessionService s, ClaimsPrincipal u, Guid id, long sequence, HttpContext c) =>
        Change(s, u, id, new DeleteNoteCommand(sequence), c);

    public static Task<Ok<SessionView>> AddExpense(SessionService s, ClaimsPrincipal u, Guid id, AddExpenseCommand command, HttpContext c) =>
        Change(s, u, id, command, c);

    public static Task<Ok<SessionView>> DeleteExpense(SessionService s, ClaimsPrincipal u, Guid id, long sequence, HttpContext c) =>
        Change(s, u, id, new DeleteExpenseCommand(sequence), c);

    public static Task<Ok<SessionView>> StartBreak(SessionService s, ClaimsPrincipal u, Guid id, [FromBody] BreakCommand? command, HttpContext c) =>
        Change(s, u, id, new StartBreak(command ?? new BreakCommand()), c);

    public static Task<Ok<SessionView>> EndBreak(SessionService s, ClaimsPrincipal u, Guid id, [FromBody] BreakCommand? command, HttpContext c) =>
        Change(s, u, id, new EndBreak(command ?? new BreakCommand()), c);

    public static Task<Ok<SessionView>> EndSession(SessionService s, ClaimsPrincipal u, Guid id, EndSessionCommand command, HttpContext c) =>
        Change(s, u, id, command, c);

    public static Task<Ok<SessionView>> CorrectSession(SessionService s, ClaimsPrincipal u, Guid id, CorrectSessionCommand command, HttpContext c) =>
        Change(s, u, id, command, c);

    public static Task<Ok<SessionView>> DiscardSession(SessionService s, ClaimsPrincipal u, Guid id, string? reason, HttpContext c) =>
        Change(s, u, id, new DiscardSessionCommand(reason), c);

    private static async Task<Ok<SessionView>> Change<TCommand>(SessionService sessions, ClaimsPrincipal user, Guid id, TCommand command, HttpContext context)
        where TCommand : ISessionCommand
    {
        var result = await sessions.ChangeAsync(
            Caller.From(user), id, command, RequestHeaders.IdempotencyKey(context.Request), RequestHeaders.IfMatch(context.Request));
        RequestHeaders.SetETag(context.Response, result.Session.Version);
        return TypedResults.Ok(result.Session);
    }
}
