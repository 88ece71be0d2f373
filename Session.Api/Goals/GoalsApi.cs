using System.Security.Claims;
using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using PokerTracker.SessionApi.Accounts;
using PokerTracker.SessionApi.Infrastructure;
using StackExchange.Redis;

namespace PokerTracker.SessionApi.Goals;

/// <summary>
/// The player's monthly targets: hours at the table and profit (in one currency). Progress is the
/// current month of the statistics (by month, in the player's time zone), so it needs no store of its own.
/// </summary>
public sealed record MonthlyGoals(decimal? Hours = null, long? Profit = null, string? Currency = null);

public static class GoalsApi
{
    public static IEndpointRouteBuilder MapGoalsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/me/goals").WithTags("Goals").RequireAuthorization();
        group.MapGet("/", Get).WithName("GetGoals").WithSummary("My monthly targets (hours, profit).");
        group.MapPut("/", Set).RequireRateLimiting(RateLimits.Writes).ProducesValidationProblem()
            .WithName("SetGoals").WithSummary("Set my monthly targets; a null one is no target.");
        return app;
    }

    private static string Key(string userId) => $"pt:user:{userId}:goals";

    public static async Task<Ok<MonthlyGoals>> Get(ClaimsPrincipal user, IConnectionMultiplexer redis) =>
        TypedResults.Ok(await ReadAsync(redis, Caller.From(user).UserId));

    /// <summary>The player's targets (none set: an empty one).</summary>
    public static async Task<MonthlyGoals> ReadAsync(IConnectionMultiplexer redis, string userId)
    {
        var stored = await redis.GetDatabase().StringGetAsync(Key(userId));
        return stored.IsNullOrEmpty ? new MonthlyGoals() : JsonSerializer.Deserialize<MonthlyGoals>(stored.ToString(), ApiJson.Storage)!;
    }

    public static async Task<Ok<MonthlyGoals>> Set(ClaimsPrincipal user, MonthlyGoals goals, IConnectionMultiplexer redis)
    {
        goals = goals with { Currency = Sessions.Currencies.Normalize(goals.Currency) };
        var errors = new Dictionary<string, string[]>();
        // Kept to a tenth of an hour (6 minutes): a goal is that, and one that would round to 0 is none.
        if (goals.Hours is < 0.1m or > 744 || goals.Hours is { } h && h != Math.Round(h, 1))
        {
            errors["hours"] = ["Must be from 0.1 to 744 (a month of days), to a tenth of an hour (e.g. 40 or 12.5)."];
        }

        if (goals.Profit is <= 0 or > Sessions.Limits.MaxAmount)
        {
            errors["profit"] = [goals.Profit <= 0 ? "Must be more than 0." : Sessions.Limits.TooLarge(goals.Currency)];
        }

        if (goals.Profit is not null && !Sessions.Currencies.IsValid(goals.Currency))
        {
            errors["currency"] = ["A profit target needs its currency, an ISO 4217 code (e.g. USD)."];
        }

        if (errors.Count > 0)
        {
            throw new InvalidInputException(errors);
        }

        var saved = goals with { Currency = goals.Profit is null ? null : goals.Currency };
        await redis.GetDatabase().StringSetAsync(Key(Caller.From(user).UserId), JsonSerializer.Serialize(saved, ApiJson.Storage));
        return TypedResults.Ok(saved);
    }
}
