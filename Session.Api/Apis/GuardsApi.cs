using System.Security.Claims;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http.HttpResults;
using PokerTracker.Contracts.Tilt;
using PokerTracker.SessionApi.Alerts;
using PokerTracker.SessionApi.Domain;
using PokerTracker.SessionApi.Sessions;
using StackExchange.Redis;

namespace PokerTracker.SessionApi.Apis;

/// <summary>Session guards (stop-loss, stop-win, maximum duration, drawdown), and the alerts of a session.</summary>
public static class GuardsApi
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static IEndpointRouteBuilder MapGuardsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("").WithTags("Guards and alerts").RequireAuthorization();
        group.MapGet("/api/me/guards", GetMyGuards).WithName("GetMyGuards").WithSummary("My default session guards.");
        group.MapPut("/api/me/guards", SetMyGuards).WithName("SetMyGuards").WithSummary("Set my default session guards.").RequireRateLimiting(RateLimits.Writes);
        group.MapGet("/api/sessions/{id:guid}/guards", GetSessionGuards).WithName("GetSessionGuards").WithSummary("The guards in force for a session.");
        group.MapPut("/api/sessions/{id:guid}/guards", SetSessionGuards).WithName("SetSessionGuards").WithSummary("Guards for this session only.").RequireRateLimiting(RateLimits.Writes);
        group.MapGet("/api/sessions/{id:guid}/alerts", GetAlerts).WithName("GetAlerts").WithSummary("Tilt and guard alerts of a session, oldest first.");
        group.MapGet("/api/sessions/{id:guid}/tilt", GetAssessment).WithName("GetTiltAssessment").WithSummary("The session's latest tilt assessment.");
        return app;
    }

    public static async Task<Ok<SessionGuards>> GetMyGuards(ClaimsPrincipal user, IConnectionMultiplexer redis) =>
        TypedResults.Ok(await ReadAsync(redis, SessionGuards.UserKey(Caller.From(user).UserId)) ?? new SessionGuards());

    public static async Task<Ok<SessionGuards>> SetMyGuards(ClaimsPrincipal user, SessionGuards guards, IConnectionMultiplexer redis)
    {
        Validate(guards);
        await redis.GetDatabase().StringSetAsync(SessionGuards.UserKey(Caller.From(user).UserId), JsonSerializer.Serialize(guards, Json));
        return TypedResults.Ok(guards);
    }

    public static async Task<Ok<SessionGuards>> GetSessionGuards(ClaimsPrincipal user, Guid id, SessionService sessions, IConnectionMultiplexer redis)
    {
        var caller = Caller.From(user);
        await sessions.LoadOwnedAsync(caller, id);
        return TypedResults.Ok(await ReadAsync(redis, SessionGuards.SessionKey(id)) ?? await ReadAsync(redis, SessionGuards.UserKey(caller.UserId)) ?? new SessionGuards());
    }

    public static async Task<Ok<SessionGuards>> SetSessionGuards(ClaimsPrincipal user, Guid id, SessionGuards guards, SessionService sessions, IConnectionMultiplexer redis)
    {
        await sessions.LoadOwnedAsync(Caller.From(user), id);
        Validate(guards);
        await redis.GetDatabase().StringSetAsync(SessionGuards.SessionKey(id), JsonSerializer.Serialize(guards, Json), TimeSpan.FromDays(30));
        return TypedResults.Ok(guards);
    }

    public static async Task<Ok<JsonArray>> GetAlerts(ClaimsPrincipal user, Guid id, SessionService sessions, IConnectionMultiplexer redis)
    {
        await sessions.LoadOwnedAsync(Caller.From(user), id);
        var items = await redis.GetDatabase().ListRangeAsync(AlertRelay.AlertsKey(id));
        return TypedResults.Ok(new JsonArray([.. items.Select(i => JsonNode.Parse(i.ToString()))]));
    }

    public static async Task<Results<Ok<JsonNode>, NoContent>> GetAssessment(ClaimsPrincipal user, Guid id, SessionService sessions, IConnectionMultiplexer redis)
    {
        await sessions.LoadOwnedAsync(Caller.From(user), id);
        var value = await redis.GetDatabase().StringGetAsync(AlertRelay.AssessmentKey(id));
        return value.IsNullOrEmpty ? TypedResults.NoContent() : TypedResults.Ok(JsonNode.Parse(value.ToString())!);
    }

    public static void Validate(SessionGuards g)
    {
        var errors = new Dictionary<string, string[]>();
        if (g.StopLoss is <= 0 or > Limits.MaxAmount) errors["stopLoss"] = ["Must be a positive amount in minor units."];
        if (g.StopLossBuyIns is not null && (g.StopLossBuyIns <= 0 || g.StopLossBuyIns > 100 || double.IsNaN(g.StopLossBuyIns.Value))) errors["stopLossBuyIns"] = ["Must be between 0 and 100 buy-ins."];
        if (g.StopWin is <= 0 or > Limits.MaxAmount) errors["stopWin"] = ["Must be a positive amount in minor units."];
        if (g.MaxDurationMinutes is <= 0 or > 10_080) errors["maxDurationMinutes"] = ["Must be between 1 and 10080 minutes."];
        if (g.MaxDrawdown is <= 0 or > Limits.MaxAmount) errors["maxDrawdown"] = ["Must be a positive amount in minor units."];
        if (errors.Count > 0)
        {
            throw new SessionValidationException(errors);
        }
    }

    private static async Task<SessionGuards?> ReadAsync(IConnectionMultiplexer redis, string key)
    {
        var value = await redis.GetDatabase().StringGetAsync(key);
        return value.IsNullOrEmpty ? null : JsonSerializer.Deserialize<SessionGuards>(value.ToString(), Json);
    }
}
