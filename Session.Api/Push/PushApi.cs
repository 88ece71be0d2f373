using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using PokerTracker.SessionApi.Accounts;
using PokerTracker.SessionApi.Infrastructure;

namespace PokerTracker.SessionApi.Push;

public static class PushApi
{
    public static IEndpointRouteBuilder MapPushApi(this IEndpointRouteBuilder app)
    {
        var push = app.MapGroup("/api/push").WithTags("Push").RequireAuthorization();
        push.MapGet("/key", GetKey).WithName("GetPushKey").WithSummary("The server's VAPID public key, for PushManager.subscribe({ applicationServerKey }).");
        push.MapPut("/subscription", Subscribe).RequireRateLimiting(RateLimits.Writes).ProducesValidationProblem()
            .WithName("Subscribe").WithSummary("Alerts to this device while the app is closed: the subscription PushManager.subscribe() returned.");
        push.MapDelete("/subscription", Unsubscribe).RequireRateLimiting(RateLimits.Writes).ProducesProblem(StatusCodes.Status404NotFound)
            .WithName("Unsubscribe").WithSummary("No more alerts to this device.");
        return app;
    }

    public sealed record KeyView(string PublicKey);

    public static async Task<Ok<KeyView>> GetKey(VapidKeys keys) => TypedResults.Ok(new KeyView((await keys.GetAsync()).Public));

    public static async Task<NoContent> Subscribe(ClaimsPrincipal user, PushSubscriptionInput subscription, PushSubscriptions store)
    {
        await store.SaveAsync(Caller.From(user).UserId, subscription);
        return TypedResults.NoContent();
    }

    public static async Task<Results<NoContent, NotFound<ProblemDetails>>> Unsubscribe(ClaimsPrincipal user, [FromQuery] string endpoint, PushSubscriptions store) =>
        await store.RemoveAsync(Caller.From(user).UserId, endpoint)
            ? TypedResults.NoContent()
            : TypedResults.NotFound(new ProblemDetails { Status = 404, Title = "Not subscribed.", Detail = "This device was not subscribed." });
}
