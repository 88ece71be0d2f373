using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using PokerTracker.Contracts.Hands;
using PokerTracker.SessionApi.Accounts;
using PokerTracker.SessionApi.Infrastructure;

namespace PokerTracker.SessionApi.Hands;

/// <summary>Hand histories: import (PokerStars text, Open Hand History, zips of them), the hero's statistics, hands and the push/fold review.</summary>
public static class HandsApi
{
    public const string ImportPath = Contracts.RequestLimits.HandImportPath;

    public static IEndpointRouteBuilder MapHandsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/hands").WithTags("Hands").RequireAuthorization()
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status429TooManyRequests).ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        group.MapPost("/import", Import).RequireRateLimiting(RateLimits.Writes).WithName("ImportHands")
            .WithSummary("Import hand histories: a file as the body (text or zip), or a multipart form with files. Up to 50 MB. Hands already imported are skipped; unreadable ones are reported; 422 when no hand is readable.")
            .ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status413PayloadTooLarge).ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        group.MapGet("/imports", Imports).WithName("ListHandImports").WithSummary("My recent imports, newest first, with their reports.");
        group.MapGet("/imports/{id}", ImportReport).WithName("GetHandImport")
            .WithSummary("An import's report: its counts so far while it runs (poll it), then its outcome.").ProducesProblem(StatusCodes.Status404NotFound);
        group.MapGet("/", List).WithName("ListHands").WithSummary("My hands (as the hero), newest first, filtered, a page at a time.");
        group.MapGet("/stats", Statistics).WithName("HandStatistics")
            .WithSummary("Hand statistics of the hero over a filter: hands, bb/100 (as won and all-in adjusted), VPIP, PFR, 3-bet, fold to 3-bet, c-bet, WTSD, W$SD, aggression, by position.");
        group.MapGet("/review", Review).WithName("PushFoldReview")
            .WithSummary("My heads-up push/fold decisions in real hands against the equilibrium: the leaks (EV lost by spot) and the costliest mistakes.");
        group.MapGet("/{site}/{handId}", Get).WithName("GetHand").WithSummary("One hand: seats, cards, every action and the pots (for the replayer).")
            .ProducesProblem(StatusCodes.Status404NotFound);
        return app;
    }

    public static async Task<Ok<HandImportReport>> Import(HttpContext context, ClaimsPrincipal user, HandImporter importer, Guid? id, string? name) =>
        name is { Length: > 200 }
            ? throw InvalidInputException.Field("name", "At most 200 characters.")
            : TypedResults.Ok(await importer.ImportAsync(Caller.From(user), context.Request, id, name, context.RequestAborted));

    public static async Task<Ok<IReadOnlyList<HandImportReport>>> Imports(ClaimsPrincipal user, HandStore store, int? limit) =>
        limit is < 1 or > 50
            ? throw InvalidInputException.Field("limit", "Must be between 1 and 50.")
            : TypedResults.Ok(await store.ReportsAsync(Caller.From(user).UserId, limit ?? 20));

    // Any text after /imports/ is an import id: one that is not a GUID is no import (not "a hand from imports").
    public static async Task<Ok<HandImportReport>> ImportReport(ClaimsPrincipal user, HandStore store, string id) =>
        TypedResults.Ok((Guid.TryParse(id, out var guid) ? await store.ReportAsync(Caller.From(user).UserId, guid) : null)
            ?? throw new NotFoundException("Import not found.", $"No import {id} of yours (reports are kept 7 days)."));

    public static async Task<Ok<HandPage>> List(ClaimsPrincipal user, HandReader reader, PlayerLimiters limiters, [AsParameters] HandQuery query, string? cursor, int? limit, CancellationToken ct)
    {
        if (limit is < 1 or > 200)
        {
            throw InvalidInputException.Field("limit", "Must be between 1 and 200.");
        }

        var caller = Caller.From(user);
        limiters.ChargeStatistics(caller.UserId);
        return TypedResults.Ok(await reader.HandsAsync(caller.UserId, query.ToFilter(), cursor, limit ?? 50, ct));
    }

    public static async Task<Ok<HandStatisticsView>> Statistics(ClaimsPrincipal user, HandReader reader, PlayerLimiters limiters, [AsParameters] HandQuery query, CancellationToken ct)
    {
        var caller = Caller.From(user);
        limiters.ChargeStatistics(caller.UserId);
        return TypedResults.Ok(await reader.StatisticsAsync(caller.UserId, query.ToFilter(), ct));
    }

    public static async Task<Ok<PushFoldReviewView>> Review(ClaimsPrincipal user, HandReader reader, PlayerLimiters limiters, int? leaks, int? mistakes, CancellationToken ct)
    {
        if (leaks is < 1 or > 200 || mistakes is < 0 or > 200)
        {
            throw InvalidInputException.Field(leaks is < 1 or > 200 ? "leaks" : "mistakes", "Must be between 1 and 200.");
        }

        var caller = Caller.From(user);
        limiters.ChargeStatistics(caller.UserId);
        return TypedResults.Ok(await reader.ReviewAsync(caller.UserId, leaks ?? 20, mistakes ?? 20, ct));
    }

    public static async Task<Ok<HandView>> Get(ClaimsPrincipal user, HandReader reader, PlayerLimiters limiters, string site, string handId, CancellationToken ct)
    {
        var caller = Caller.From(user);
        limiters.ChargeStatistics(caller.UserId);
        var hand = await reader.HandAsync(caller.UserId, site, handId, ct) ?? throw new NotFoundException("Hand not found.", $"You have no hand {handId} from {site}.");
        return TypedResults.Ok(HandView.From(hand));
    }
}

public sealed class NotFoundException(string title, string detail) : ProblemException(404, title, detail)
{
    public override string Code => "NOT_FOUND";
}

/// <summary>The hand filter as query parameters.</summary>
/// <param name="From">Hands from then: a time (2024-05-03T20:00:00Z), or a date, from its midnight in the time zone.</param>
/// <param name="To">Hands until then: a time, or a date, which takes in the whole day in the time zone.</param>
/// <param name="Site">The poker room as the hands name it (PokerStars), in any case.</param>
/// <param name="TimeZone">IANA zone whose days the dates in From and To are (default UTC).</param>
public sealed record HandQuery(string? From, string? To, string? Site, string? Game, string? Currency, long? BigBlind, string? Position, string? Kind, string? TimeZone)
{
    public HandFilter ToFilter()
    {
        var errors = new Dictionary<string, string[]>();
        var zone = Statistics.QueryDates.Zone(TimeZone, errors);
        var (from, to) = (Statistics.QueryDates.Bound(From, "from", zone, wholeDay: false, errors), Statistics.QueryDates.Bound(To, "to", zone, wholeDay: true, errors));
        if (errors.Count > 0)
        {
            throw new InvalidInputException(errors);
        }

        var filter = new HandFilter(from, to, Text(Site), Text(Game)?.ToUpperInvariant(), Sessions.Currencies.Normalize(Text(Currency)), BigBlind,
            Text(Position)?.ToUpperInvariant(), Text(Kind)?.ToLowerInvariant());
        filter.Validate();
        return filter;
    }

    private static string? Text(string? value) => Statistics.StatsQuery.Text(value);
}
