using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using PokerTracker.SessionApi.Accounts;
using PokerTracker.SessionApi.Infrastructure;
using PokerTracker.Trainer.Cards;
using PokerTracker.Trainer.Solver;

namespace PokerTracker.SessionApi.Training;

/// <summary>Push/fold training: sessions of graded spots, the equilibrium charts, statistics and leaderboards.</summary>
public static class TrainingApi
{
    public static IEndpointRouteBuilder MapTrainingApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/training").WithTags("Training").RequireAuthorization()
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status429TooManyRequests);
        group.MapPost("/sessions", Start).RequireRateLimiting(RateLimits.Writes).WithName("StartTraining")
            .WithSummary("Start a drill (random, stack-range with minStack/maxStack, or leaks); the first spot is dealt.");
        group.MapGet("/sessions", List).WithName("ListTraining").WithSummary("My training sessions, newest first.");
        group.MapGet("/sessions/{id:guid}", Get).WithName("GetTraining").WithSummary("A training session: graded spots and the open one.");
        group.MapPost("/sessions/{id:guid}/decisions", Decide).RequireRateLimiting(RateLimits.Writes).WithName("Decide")
            .WithSummary("Answer the open spot (shove or fold as small blind, call or fold as big blind): graded, and the next spot dealt.");
        group.MapPost("/sessions/{id:guid}/end", End).RequireRateLimiting(RateLimits.Writes).WithName("EndTraining").WithSummary("End a training session.");
        group.MapGet("/chart", Chart).WithName("TrainingChart").WithSummary("The equilibrium at a stack (and ante): each hand's shove and call frequencies, and the default chart's thresholds.");
        group.MapGet("/statistics", Statistics).WithName("TrainingStatistics").WithSummary("Accuracy and EV lost per 100 decisions, by stack depth and seat, and by day (on the calendar of `timeZone`, an IANA zone; UTC when not given).").ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        group.MapGet("/leaderboard", Leaderboard).WithName("Leaderboard").WithSummary("Weekly or all-time board by EV lost per 100 decisions (opt-in players), and my rank.");
        group.MapGet("/leaderboard/profile", GetProfile).WithName("GetLeaderboardProfile").WithSummary("Whether I am on the leaderboards, and under which name.");
        group.MapPut("/leaderboard/profile", SetProfile).RequireRateLimiting(RateLimits.Writes).WithName("SetLeaderboardProfile")
            .WithSummary("Opt in (with a display name) or out of the leaderboards.");
        return app;
    }

    public static async Task<Created<TrainingView>> Start(HttpRequest http, ClaimsPrincipal user, TrainingService training, StartTrainingRequest? request)
    {
        var view = await training.StartAsync(Caller.From(user), request ?? new StartTrainingRequest(), Sessions.RequestHeaders.IdempotencyKey(http));
        return TypedResults.Created($"/api/training/sessions/{view.Id}", view);
    }

    public static async Task<Ok<IReadOnlyList<TrainingView>>> List(ClaimsPrincipal user, TrainingService training, int? limit) =>
        limit is < 1 or > 100
            ? throw InvalidInputException.Field("limit", "Must be between 1 and 100.")
            : TypedResults.Ok(await training.ListAsync(Caller.From(user), limit ?? 20));

    public static async Task<Ok<TrainingView>> Get(ClaimsPrincipal user, TrainingService training, Guid id) =>
        TypedResults.Ok(await training.GetAsync(Caller.From(user), id));

    public static async Task<Ok<DecisionResult>> Decide(HttpRequest http, ClaimsPrincipal user, TrainingService training, Guid id, DecisionRequest request) =>
        TypedResults.Ok(await training.DecideAsync(Caller.From(user), id, request, Sessions.RequestHeaders.IdempotencyKey(http)));

    public static async Task<Ok<TrainingView>> End(ClaimsPrincipal user, TrainingService training, Guid id) =>
        TypedResults.Ok(await training.EndAsync(Caller.From(user), id));

    public static Ok<ChartView> Chart(ClaimsPrincipal user, TrainingCharts charts, PlayerLimiters limiters, double? stack, double? ante)
    {
        limiters.ChargeStatistics(Caller.From(user).UserId);
        return TypedResults.Ok(charts.At(stack, ante));
    }

    public static async Task<Ok<TrainingStatistics>> Statistics(ClaimsPrincipal user, TrainingReader reader, PlayerLimiters limiters, CancellationToken ct, string? timeZone)
    {
        var zone = TrainingReader.Zone(timeZone);
        var caller = Caller.From(user);
        limiters.ChargeStatistics(caller.UserId);
        return TypedResults.Ok(await reader.StatisticsAsync(caller.UserId, ct, zone));
    }

    public static async Task<Ok<LeaderboardPage>> Leaderboard(ClaimsPrincipal user, Leaderboards boards, string? board, int? limit, string? cursor)
    {
        var which = board ?? "weekly";
        if (which is not ("weekly" or "all-time"))
        {
            throw InvalidInputException.Field("board", "Must be weekly or all-time.");
        }

        if (limit is < 1 or > 100)
        {
            throw InvalidInputException.Field("limit", "Must be between 1 and 100.");
        }

        return TypedResults.Ok(await boards.PageAsync(which, Caller.From(user).UserId, limit ?? 25, cursor));
    }

    public static async Task<Ok<LeaderboardProfile>> GetProfile(ClaimsPrincipal user, Leaderboards boards) =>
        TypedResults.Ok(await boards.GetProfileAsync(Caller.From(user).UserId));

    public static async Task<Ok<LeaderboardProfile>> SetProfile(ClaimsPrincipal user, Leaderboards boards, LeaderboardProfile profile) =>
        TypedResults.Ok(await boards.SetProfileAsync(Caller.From(user).UserId, profile));
}
