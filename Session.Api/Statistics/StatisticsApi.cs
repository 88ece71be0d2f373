using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using PokerTracker.SessionApi.Sessions;
using PokerTracker.SessionApi.Statistics;
using PokerTracker.SessionApi.Accounts;

namespace PokerTracker.SessionApi.Statistics;

public static class StatisticsApi
{
    public static IEndpointRouteBuilder MapStatisticsApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/stats", GetStatistics).WithTags("Statistics").RequireAuthorization()
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status429TooManyRequests).ProducesProblem(StatusCodes.Status503ServiceUnavailable)
            .WithName("GetStatistics")
            .WithSummary("Results over my ended sessions (recorded, and online ones derived from imported hands): rates, deviation, confidence interval, risk of ruin, drawdowns, streaks, breakdowns and chart series.");
        app.MapGet("/api/online-sessions", GetOnlineSessions).WithTags("Statistics").RequireAuthorization()
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status429TooManyRequests).ProducesProblem(StatusCodes.Status503ServiceUnavailable)
            .WithName("GetOnlineSessions")
            .WithSummary("My online cash sessions, derived from imported hands (same site, game and stakes; a long gap starts a new one), newest first.");
        return app;
    }

    public static async Task<Ok<IReadOnlyList<SessionResult>>> GetOnlineSessions(
        ClaimsPrincipal user, OnlineSessionReader online, Infrastructure.PlayerLimiters limiters, CancellationToken ct,
        DateTimeOffset? from, DateTimeOffset? to, string? venue, string? currency, int? limit)
    {
        if (limit is < 1 or > 1000)
        {
            throw Infrastructure.InvalidInputException.Field("limit", "Must be between 1 and 1000.");
        }

        var filter = new StatsFilter(from, to, Format: "online", Venue: venue, Currency: currency);
        filter.Validate();
        var caller = Caller.From(user);
        limiters.ChargeStatistics(caller.UserId);
        var sessions = await online.SessionsAsync(caller.UserId, filter, ct);
        return TypedResults.Ok<IReadOnlyList<SessionResult>>([.. sessions.OrderByDescending(s => s.StartedAt).Take(limit ?? 100)]);
    }

    /// <param name="tags">Comma-separated; a session must have all of them.</param>
    /// <param name="timeZone">IANA zone for weekday and hour-of-day figures (default UTC).</param>
    /// <param name="bankroll">Minor units; enables the risk-of-ruin figures.</param>
    /// <param name="targetRisk">The acceptable risk of ruin for the bankroll suggestion (default 0.05).</param>
    /// <param name="points">The most points of the cumulative and bankroll series (default 500, 2–100000).</param>
    public static async Task<Ok<PlayerStatistics>> GetStatistics(
        ClaimsPrincipal user, StatisticsService statistics, CancellationToken ct,
        DateTimeOffset? from, DateTimeOffset? to, string? kind, string? game, string? format, string? stakes, string? venue,
        string? currency, string? tags, int? minMinutes, string? timeZone, long? bankroll, double? targetRisk, int? points)
    {
        var filter = new StatsFilter(from, to, kind, game, format, stakes, venue, currency,
            tags?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries), minMinutes, timeZone);
        return TypedResults.Ok(await statistics.GetAsync(Caller.From(user), filter, new RiskInputs(bankroll, targetRisk ?? 0.05), ct,
            points ?? StatisticsCalculator.DefaultChartPoints));
    }
}
