using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using PokerTracker.SharedKernel.Tilt;
using PokerTracker.SessionApi.Alerts;
using PokerTracker.SessionApi.Sessions;
using PokerTracker.SessionApi.Accounts;
using PokerTracker.SessionApi.Infrastructure;

namespace PokerTracker.SessionApi.Alerts;

/// <summary>Session guards (stop-loss, stop-win, maximum duration, drawdown), and the alerts of a session.</summary>
public static class GuardsApi
{
    public static IEndpointRouteBuilder MapGuardsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("").WithTags("Guards and alerts").RequireAuthorization()
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status429TooManyRequests);
        group.MapGet("/api/me/guards", GetMyGuards).WithName("GetMyGuards").WithSummary("My default session guards.");
        group.MapPut("/api/me/guards", SetMyGuards).WithName("SetMyGuards").WithSummary("Set my default session guards.").RequireRateLimiting(RateLimits.Writes);
        group.MapGet("/api/sessions/{id:guid}/guards", GetSessionGuards).WithName("GetSessionGuards").WithSummary("The guards in force for a session.");
        group.MapPut("/api/sessions/{id:guid}/guards", SetSessionGuards).WithName("SetSessionGuards").WithSummary("Guards for this session only.").RequireRateLimiting(RateLimits.Writes);
        group.MapGet("/api/sessions/{id:guid}/alerts", GetAlerts).WithName("GetAlerts").WithSummary("Tilt and guard alerts of a session, oldest first.");
        group.MapGet("/api/sessions/{id:guid}/tilt", GetAssessment).WithName("GetTiltAssessment").WithSummary("The session's latest tilt assessment.");
        return app;
    }

    public static async Task<Ok<SessionGuards>> GetMyGuards(ClaimsPrincipal user, GuardStore guards) =>
        TypedResults.Ok(await guards.ForPlayerAsync(Caller.From(user).UserId));

    public static async Task<Ok<SessionGuards>> SetMyGuards(ClaimsPrincipal user, SessionGuards guards, GuardStore store) =>
        TypedResults.Ok(await store.SetForPlayerAsync(Caller.From(user).UserId, guards));

    public static async Task<Results<Ok<SessionGuards>, NotFound<ProblemDetails>>> GetSessionGuards(ClaimsPrincipal user, Guid id, SessionService sessions, GuardStore guards)
    {
        var caller = Caller.From(user);
        await sessions.LoadOwnedAsync(caller, id);
        return TypedResults.Ok(await guards.InForceAsync(caller.UserId, id));
    }

    public static async Task<Results<Ok<SessionGuards>, NotFound<ProblemDetails>>> SetSessionGuards(
        ClaimsPrincipal user, Guid id, SessionGuards guards, SessionService sessions, GuardStore store)
    {
        var session = await sessions.LoadOwnedAsync(Caller.From(user), id);
        return TypedResults.Ok(await store.SetForSessionAsync(id, session.Currency, guards));
    }

    public static async Task<Results<Ok<IReadOnlyList<AlertView>>, NotFound<ProblemDetails>>> GetAlerts(ClaimsPrincipal user, Guid id, SessionService sessions, AlertStore alerts)
    {
        await sessions.LoadOwnedAsync(Caller.From(user), id);
        return TypedResults.Ok(await alerts.ListAsync(id));
    }

    public static async Task<Results<Ok<AssessmentView>, NoContent, NotFound<ProblemDetails>>> GetAssessment(ClaimsPrincipal user, Guid id, SessionService sessions, AlertStore alerts)
    {
        await sessions.LoadOwnedAsync(Caller.From(user), id);
        return await alerts.LatestAssessmentAsync(id) is { } assessment ? TypedResults.Ok(assessment) : TypedResults.NoContent();
    }
}
