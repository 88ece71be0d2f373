using System.Globalization;
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
        app.MapGet("/api/stats/sessions", GetSessions).WithTags("Statistics").RequireAuthorization()
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status429TooManyRequests).ProducesProblem(StatusCodes.Status503ServiceUnavailable)
            .WithName("GetStatisticsSessions")
            .WithSummary("The ended sessions behind a statistics view (same filters as /api/stats), newest first or by `sort` (newest, oldest, best, worst, longest), `limit` of them after the first `offset`: what a breakdown row drills down to.");
        app.MapGet("/api/online-sessions", GetOnlineSessions).WithTags("Statistics").RequireAuthorization()
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status429TooManyRequests).ProducesProblem(StatusCodes.Status503ServiceUnavailable)
            .WithName("GetOnlineSessions")
            .WithSummary("My online cash sessions, derived from imported hands (same site, game and stakes; a long gap starts a new one), newest first; hands played during a recorded cash session are that session's, not one of their own.");
        return app;
    }

    public static async Task<Ok<IReadOnlyList<SessionResult>>> GetOnlineSessions(
        ClaimsPrincipal user, StatisticsReader reader, Infrastructure.PlayerLimiters limiters, CancellationToken ct,
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
        var sessions = await reader.OnlineSessionsAsync(caller.UserId, filter, ct);
        return TypedResults.Ok<IReadOnlyList<SessionResult>>([.. sessions.OrderByDescending(s => s.StartedAt).Take(limit ?? 100)]);
    }

    /// <param name="bankroll">Minor units; enables the risk-of-ruin figures.</param>
    /// <param name="targetRisk">The acceptable risk of ruin for the bankroll suggestion (default 0.05).</param>
    /// <param name="points">The most points of the cumulative and bankroll series (default 500, 2–100000).</param>
    public static async Task<Ok<PlayerStatistics>> GetStatistics(
        ClaimsPrincipal user, StatisticsService statistics, CancellationToken ct, [AsParameters] StatsQuery query,
        long? bankroll, double? targetRisk, int? points) =>
        TypedResults.Ok(await statistics.GetAsync(Caller.From(user), query.ToFilter(), new RiskInputs(bankroll, targetRisk ?? 0.05), ct,
            points ?? StatisticsCalculator.DefaultChartPoints));

    /// <param name="limit">How many to list (default 100, at most 500); the answer says how many match.</param>
    public static async Task<Ok<SessionList>> GetSessions(
        ClaimsPrincipal user, StatisticsService statistics, CancellationToken ct, [AsParameters] StatsQuery query, int? limit, string? sort, int? offset) =>
        TypedResults.Ok(await statistics.ListAsync(Caller.From(user), query.ToFilter(), limit ?? 100, ct, string.IsNullOrWhiteSpace(sort) ? null : sort.Trim(), offset ?? 0));
}

/// <summary>
/// The sessions behind a view of the statistics, in the order asked for (newest first by default), and how many match
/// in all. They are in one currency, the one asked for or else the first of <see cref="Currencies"/>: every currency
/// of the sessions the filters match, the most played first.
/// </summary>
public sealed record SessionList(IReadOnlyList<SessionResult> Items, int Total, IReadOnlyList<string> Currencies);

/// <summary>The filter of a statistics view, from the query string. Every field is optional.</summary>
/// <param name="From">Sessions started from then: a time (2026-10-01T00:00:00+02:00), or a date, which starts at its midnight in the time zone.</param>
/// <param name="To">Sessions started until then: a time, or a date, which takes in the whole day in the time zone.</param>
/// <param name="Tags">Comma-separated; a session must have all of them.</param>
/// <param name="TimeZone">IANA zone of the viewer's calendar (default UTC): dates in From and To are its days. A session's date, month, weekday and hour are those of the clock at its table, in this zone when no zone was known.</param>
/// <param name="Weekday">0 (Sunday) to 6: only sessions started on that day at the table, as the weekday figures count them.</param>
public sealed record StatsQuery(
    string? From, string? To, string? Kind, string? Game, string? Format, string? Stakes, string? Venue,
    string? Currency, string? Tags, int? MinMinutes, string? TimeZone, int? Weekday)
{
    public StatsFilter ToFilter()
    {
        var zone = TimeZone is not null && TimeZoneInfo.TryFindSystemTimeZoneById(TimeZone, out var named) ? named : TimeZoneInfo.Utc;
        var errors = new Dictionary<string, string[]>();
        var (from, to) = (QueryDates.Bound(From, "from", zone, wholeDay: false, errors), QueryDates.Bound(To, "to", zone, wholeDay: true, errors));
        return errors.Count > 0 ? throw new Infrastructure.InvalidInputException(errors)
            : new StatsFilter(from, to, Kind, Game, Format, Stakes, Venue, Currency, Tags?.Split(','), MinMinutes, TimeZone, Weekday).Normalized();
    }

    /// <summary>" Aria " is the venue Aria, as the app trims what it sends.</summary>
    internal static string? Text(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
