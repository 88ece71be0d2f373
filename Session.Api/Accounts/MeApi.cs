using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using PokerTracker.SessionApi.Accounts;

namespace PokerTracker.SessionApi.Accounts;

public static class MeApi
{
    public static IEndpointRouteBuilder MapMeApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/me", GetMe).WithTags("Accounts").RequireAuthorization().WithName("GetMe").WithSummary("The signed-in player.");
        return app;
    }

    public static async Task<Results<Ok<AccountView>, NotFound>> GetMe(ClaimsPrincipal user, UserStore users)
    {
        var account = await users.FindAsync(Caller.From(user).UserId);
        return account is null ? TypedResults.NotFound() : TypedResults.Ok(AuthApi.View(account));
    }
}
