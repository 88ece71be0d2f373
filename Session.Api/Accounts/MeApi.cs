using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using PokerTracker.SessionApi.Accounts;

namespace PokerTracker.SessionApi.Accounts;

public static class MeApi
{
    public static IEndpointRouteBuilder MapMeApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/me", GetMe).WithTags("Accounts").RequireAuthorization().WithName("GetMe").WithSummary("The signed-in player.");
        app.MapGet("/api/me/export", Export).WithTags("Accounts").RequireAuthorization().RequireRateLimiting(Infrastructure.RateLimits.Writes)
            .Produces(StatusCodes.Status200OK, contentType: "application/zip").ProducesProblem(StatusCodes.Status429TooManyRequests)
            .WithName("ExportEverything").WithSummary("Everything of mine in one zip: account, sessions in full (with notes), sessions as CSV, alerts, guards.");
        app.MapDelete("/api/me", DeleteMe).WithTags("Accounts").RequireAuthorization().RequireRateLimiting(Infrastructure.RateLimits.Auth)
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status429TooManyRequests)
            .WithName("DeleteMe")
            .WithSummary("Delete my account and everything in it (sessions, notes, alerts, hands, training), after my password. The live store is cleared at once, the analytics store within a minute.");
        return app;
    }

    public static async Task<Results<FileStreamHttpResult, NotFound>> Export(
        ClaimsPrincipal user, UserStore users, AccountExport export, TimeProvider time, CancellationToken ct)
    {
        var caller = Caller.From(user);
        if (await users.FindAsync(caller.UserId) is not { } account)
        {
            return TypedResults.NotFound();
        }

        var archive = await export.BuildAsync(caller, account, ct);
        return TypedResults.File(archive, "application/zip", $"pokertracker-{time.GetUtcNow():yyyyMMdd}.zip");
    }

    public sealed record DeleteRequest(string? Password);

    public static async Task<Results<NoContent, ProblemHttpResult, NotFound>> DeleteMe(
        ClaimsPrincipal user, [Microsoft.AspNetCore.Mvc.FromBody] DeleteRequest? request, UserStore users, AccountDeletion deletion,
        LoginThrottle throttle, HttpContext context)
    {
        if (request?.Password is not { Length: > 0 and <= 128 } password)
        {
            return TypedResults.Problem(statusCode: 400, title: "Your password is needed.", detail: "Send {\"password\": \"…\"} to confirm that the account is yours to delete.");
        }

        if (await users.FindAsync(Caller.From(user).UserId) is not { } found)
        {
            return TypedResults.NotFound();
        }

        // Guessing the password with a stolen token is slowed down like signing in.
        if (await throttle.WaitAsync(found.Email, context) is { TotalSeconds: > 0 } wait)
        {
            context.Response.Headers.RetryAfter = ((int)Math.Ceiling(wait.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
            return TypedResults.Problem(statusCode: 429, title: "Too many wrong passwords.", detail: $"Try again in {Math.Ceiling(wait.TotalSeconds)} s.");
        }

        var account = await users.VerifyIdAsync(found.Id, password);
        if (account is null)
        {
            await throttle.FailedAsync(found.Email, context);
            return TypedResults.Problem(statusCode: 403, title: "The password is wrong.", detail: "The password is wrong: nothing was deleted.");
        }

        await deletion.DeleteAsync(account);
        AuthApi.ClearCookies(context); // this browser's sign-in goes with the account
        return TypedResults.NoContent();
    }

    public static async Task<Results<Ok<AccountView>, NotFound>> GetMe(ClaimsPrincipal user, UserStore users)
    {
        var account = await users.FindAsync(Caller.From(user).UserId);
        return account is null ? TypedResults.NotFound() : TypedResults.Ok(AuthApi.View(account));
    }
}
