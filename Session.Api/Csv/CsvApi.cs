using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using PokerTracker.SessionApi.Csv;
using PokerTracker.SessionApi.Sessions;
using PokerTracker.SessionApi.Accounts;
using PokerTracker.SessionApi.Infrastructure;

namespace PokerTracker.SessionApi.Csv;

/// <summary>CSV export and import of ended sessions; the columns are documented on <see cref="SessionCsvRow"/>.</summary>
public static class CsvApi
{
    public const string ImportPath = Contracts.RequestLimits.CsvImportPath;
    public const long MaxImportBytes = Contracts.RequestLimits.CsvImportBytes;

    public static IEndpointRouteBuilder MapCsvApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/sessions/export.csv", Export).WithTags("CSV").RequireAuthorization()
            .ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status429TooManyRequests).ProducesProblem(StatusCodes.Status503ServiceUnavailable)
            .WithName("ExportSessions").WithSummary("My ended sessions as CSV (RFC 4180).").Produces(200, contentType: "text/csv");
        app.MapPost(ImportPath, Import).WithTags("CSV").RequireAuthorization().RequireRateLimiting(RateLimits.Writes)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge).ProducesProblem(StatusCodes.Status422UnprocessableEntity)
            .ProducesProblem(StatusCodes.Status429TooManyRequests)
            .ProducesValidationProblem()
            .WithName("ImportSessions").WithSummary("Import sessions from CSV: all rows are checked first; nothing is written on errors; re-importing adds nothing. "
                + "Times without an offset are read in the row's time_zone, else in ?timeZone= (the player's IANA zone), else in UTC. "
                + "Numeric dates (05/04/2026) are read the way round the file's own dates show, or as ?dates=day-first or month-first says; "
                + "a refusal with datesAmbiguous: true is a file whose dates do not show it.")
            .Accepts<string>("text/csv");
        return app;
    }

    public static async Task Export(HttpContext context, ClaimsPrincipal user, CsvExporter exporter, StackExchange.Redis.IConnectionMultiplexer redis, TimeProvider time)
    {
        // One export at a time per player, as the account's: each reads every session of the record.
        await using var turn = await ExportTurn.TakeAsync(redis.GetDatabase(), Caller.From(user).UserId);
        context.Response.ContentType = "text/csv; charset=utf-8";
        context.Response.Headers.ContentDisposition = $"attachment; filename=\"pokertracker-sessions-{time.GetUtcNow():yyyyMMdd}.csv\"";
        await exporter.WriteAsync(Caller.From(user), context.Response.Body, context.RequestAborted);
    }

    public static async Task<Ok<ImportResult>> Import(HttpContext context, ClaimsPrincipal user, CsvImporter importer, string? timeZone = null, string? dates = null)
    {
        var errors = new Dictionary<string, string[]>();
        var zone = Infrastructure.IanaZones.Find(timeZone?.Trim());
        if (!string.IsNullOrWhiteSpace(timeZone) && zone is null)
        {
            errors["timeZone"] = ["Must be an IANA time zone, e.g. America/Los_Angeles."];
        }

        DayOrder? order = dates?.Trim().ToLowerInvariant() switch
        {
            null or "" => null,
            "day-first" => DayOrder.DayFirst,
            "month-first" => DayOrder.MonthFirst,
            _ => null,
        };
        if (!string.IsNullOrWhiteSpace(dates) && order is null)
        {
            errors["dates"] = ["Must be day-first (20/11/2026) or month-first (11/20/2026)."];
        }

        if (errors.Count > 0)
        {
            throw new InvalidInputException(errors);
        }

        return TypedResults.Ok(await importer.ImportAsync(Caller.From(user), context.Request.Body, zone, order, context.RequestAborted));
    }
}
