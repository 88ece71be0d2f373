using System.Security.Claims;
using System.Globalization;
using PokerTracker.Contracts.Sessions;
using PokerTracker.SessionApi.Sessions;
using StackExchange.Redis;
using PokerTracker.SessionApi.Accounts;
using PokerTracker.SharedKernel.Sessions;

namespace PokerTracker.SessionApi.Live;

/// <summary>
/// Server-sent events. <c>/api/sessions/{id}/events</c>: one session, ids are its sequence
/// numbers. <c>/api/me/events</c>: all the player's sessions and alerts, ids are feed positions.
/// Both resume after Last-Event-ID without gaps, send heartbeats, and coalesce stack updates for
/// a client that falls behind.
/// </summary>
public static class LiveApi
{
    public static IEndpointRouteBuilder MapLiveApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/sessions/{id:guid}/events", SessionStream).WithTags("Live").RequireAuthorization()
            .Produces(StatusCodes.Status200OK, contentType: "text/event-stream")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status429TooManyRequests)
            .WithName("SessionStream").WithSummary("Live events of one session (text/event-stream).");
        app.MapGet("/api/me/events", FeedStream).WithTags("Live").RequireAuthorization()
            .Produces(StatusCodes.Status200OK, contentType: "text/event-stream")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status429TooManyRequests)
            .WithName("MyStream").WithSummary("Live events of all my sessions, and alerts (text/event-stream).");
        return app;
    }

    public static async Task SessionStream(HttpContext context, Guid id, ClaimsPrincipal user, SessionService sessions, SseStreams streams, TimeProvider time)
    {
        var caller = Caller.From(user);
        await sessions.LoadOwnedAsync(caller, id);
        var last = LastEventId.Sequence(context.Request);
        await using var stream = await streams.OpenAsync(context, caller.UserId);
        if (stream is null)
        {
            return;
        }

        var sent = long.MaxValue;
        if (last is { } after)
        {
            // Rebuilt from the session's own log, so totals are those right after each event.
            var state = new SessionState();
            foreach (var e in await sessions.GetEventsAsync(caller, id, 0))
            {
                state.Apply(e);
                if (e.Sequence > after)
                {
                    await stream.WriteAsync(e.Sequence.ToString(CultureInfo.InvariantCulture), e.TypeName(), System.Text.Encoding.UTF8.GetString(LiveEventJson.Serialize(e, state, SessionTotals.From(state, time.GetUtcNow()))));
                    sent = e.Sequence;
                }
            }

            sent = sent == long.MaxValue ? after : Math.Max(sent, after);
            await stream.FlushAsync();
        }

        await stream.PumpAsync(item =>
        {
            if (item.SessionId == id && item.Type == "TiltAlertRaised")
            {
                return ""; // delivered live without an id: alerts are listed at /alerts, not replayed by sequence
            }

            if (item.SessionId != id || (sent != long.MaxValue && item.Sequence <= sent))
            {
                return null;
            }

            sent = item.Sequence;
            return item.Sequence.ToString(CultureInfo.InvariantCulture);
        });
    }

    public static async Task FeedStream(HttpContext context, ClaimsPrincipal user, IConnectionMultiplexer redis, SseStreams streams)
    {
        var caller = Caller.From(user);
        var last = LastEventId.FeedPosition(context.Request);
        await using var stream = await streams.OpenAsync(context, caller.UserId);
        if (stream is null)
        {
            return;
        }

        var sent = last;
        if (last is not null)
        {
            foreach (var entry in await redis.GetDatabase().StreamRangeAsync(RedisKeys.UserFeed(caller.UserId), "(" + last, "+"))
            {
                if (LiveHub.Parse(entry.Id.ToString(), entry["data"].ToString()) is { } item)
                {
                    await stream.WriteAsync(item.FeedId, item.Type, item.Json);
                    sent = item.FeedId;
                }
            }

            await stream.FlushAsync();
        }

        await stream.PumpAsync(item =>
        {
            if (sent is not null && LiveItem.CompareFeedIds(item.FeedId, sent) <= 0)
            {
                return null;
            }

            sent = item.FeedId;
            return item.FeedId;
        });
    }
}
