using Microsoft.AspNetCore.Http.HttpResults;
using PokerTracker.SessionApi.Accounts;

namespace PokerTracker.SessionApi.Accounts;

public sealed record RoleChange(string Role);

public sealed record AdminOverview(long Accounts);

/// <summary>Administration: only the admin role gets in (403 for everyone else).</summary>
public static class AdminApi
{
    public const string Policy = "admin";

    public static IEndpointRouteBuilder MapAdminApi(this IEndpointRouteBuilder app)
    {
        var admin = app.MapGroup("/api/admin").WithTags("Administration").RequireAuthorization(Policy);
        admin.MapGet("/overview", Overview).WithName("AdminOverview").WithSummary("How many accounts exist.");
        admin.MapPut("/users/{userId}/role", SetRole).WithName("SetRole").WithSummary("Make a player free, premium or admin.");
        return app;
    }

    public static async Task<Ok<AdminOverview>> Overview(UserStore users) => TypedResults.Ok(new AdminOverview(await users.CountAsync()));

    public static async Task<Results<NoContent, NotFound, ValidationProblem>> SetRole(string userId, RoleChange change, UserStore users)
    {
        if (change.Role is not (Roles.Free or Roles.Premium or Roles.Admin))
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["role"] = ["Must be free, premium or admin."] });
        }

        return await users.SetRoleAsync(userId, change.Role) ? TypedResults.NoContent() : TypedResults.NotFound();
    }
}
