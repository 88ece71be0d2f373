using System.Security.Claims;
using Microsoft.Extensions.Options;
using PokerTracker.Contracts.Sessions;
using PokerTracker.SessionApi.Infrastructure;
using PokerTracker.SessionApi.Live;
using PokerTracker.SessionApi.Sessions;
using StackExchange.Redis;

namespace PokerTracker.SessionApi.Apis;

/// <summary>
/// Server-sent events. <c>/api/sessions/{id}/events</c>: one session, ids are its sequence
/// numbers. <c>/api/me/events</c>: all the player's sessions and alerts, ids are feed positions.
/// Both resume after Last-Event-ID without gaps, send heartbeats, and coalesce stack updates for
/// a client that falls behind.
/// </summary>
public static class LiveApi
{
    private static readonly TimeSpan Heartbeat = TimeSpan.FromSeconds(15);

    public static IEndpointRouteBuilder MapLiveApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/sessions/{id:guid}/events", SessionStream).WithTags("Live").RequireAuthorization()
            .WithName("SessionStream").WithSummary("Live events of one session (text/event-stream).");
        app.MapGet("/api/me/events", FeedStream).WithTags("Live").RequireAuthorization()
            .WithName("MyStream").WithSummary("Live events of all my sessions, and alerts (text/event-stream).");
        return app;
    }

    public static async Task SessionStream(HttpContext context, Guid id, ClaimsPrincipal user, SessionService sessions, LiveHub hub,
        StreamSlots slots, IOptions<RateLimitOptions> limits, SessionMetrics metrics, TimeProvider time)
    {
        var caller = Caller.From(user);
        await sessions.LoadOwnedAsync(caller, id);
        var last = ParseSequence(LastEventId(context));
        var slot = Guid.NewGuid().ToString("N");
        if (!await AdmitAsync(context, slots, caller, limits.Value, slot))
        {
            return;
        }

        var queue = new SseQueue();
        using var registration = hub.Register(caller.UserId, queue);
        try
        {
            await BeginAsync(context, metrics);
            var sent = last ?? long.MaxValue;
            if (last is { } after)
            {
                // Rebuilt from the session's own log, so totals are those right after each event.
                var all = await sessions.GetEventsAsync(caller, id, 0);
                var state = new SessionState();
                foreach (var e in all)
                {
                    state.Apply(e);
                    if (e.Sequence > after)
                    {
                        await WriteAsync(context, e.Sequence.ToString(), e.TypeName(), LiveEventJson.Serialize(e, state, time.GetUtcNow()));
                        sent = e.Sequence;
                    }
                }

                sent = Math.Max(sent, after);
                await context.Response.Body.FlushAsync(context.RequestAborted);
            }

            await PumpAsync(context, queue, () => slots.RenewAsync(caller.UserId, slot), item =>
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
                return item.Sequence.ToString();
            });
        }
        finally
        {
            metrics.StreamClosed();
            await slots.ReleaseAsync(caller.UserId, slot);
        }
    }

    public static async Task FeedStream(HttpContext context, ClaimsPrincipal user, IConnectionMultiplexer redis, LiveHub hub,
        StreamSlots slots, IOptions<RateLimitOptions> limits, SessionMetrics metrics)
    {
        var caller = Caller.From(user);
        var last = LastEventId(context);
        if (last is not null && !LiveItem.IsFeedId(last))
        {
            throw new Domain.SessionValidationException(new Dictionary<string, string[]> { ["Last-Event-ID"] = ["Is not an id this stream sent."] });
        }

        var slot = Guid.NewGuid().ToString("N");
        if (!await AdmitAsync(context, slots, caller, limits.Value, slot))
        {
            return;
        }

        var queue = new SseQueue();
        using var registration = hub.Register(caller.UserId, queue);
        try
        {
            await BeginAsync(context, metrics);
            var sent = last;
            if (last is not null)
            {
                var backlog = await redis.GetDatabase().StreamRangeAsync(RedisKeys.UserFeed(caller.UserId), "(" + last, "+");
                foreach (var entry in backlog)
                {
                    var item = LiveHub.Parse(entry.Id.ToString(), entry["data"].ToString());
                    if (item is not null)
                    {
                        await WriteAsync(context, item.FeedId, item.Type, item.Json);
                        sent = item.FeedId;
                    }
                }

                await context.Response.Body.FlushAsync(context.RequestAborted);
            }

            await PumpAsync(context, queue, () => slots.RenewAsync(caller.UserId, slot), item =>
            {
                if (sent is not null && LiveItem.CompareFeedIds(item.FeedId, sent) <= 0)
                {
                    return null;
                }

                sent = item.FeedId;
                return item.FeedId;
            });
        }
        finally
        {
            metrics.StreamClosed();
            await slots.ReleaseAsync(caller.UserId, slot);
        }
    }

    /// <summary>Writes queued items until the client goes away; <paramref name="idOf"/> picks the id or skips the item.</summary>
    private static async Task PumpAsync(HttpContext context, SseQueue queue, Func<Task> renewSlot, Func<LiveItem, string?> idOf)
    {
        var ct = context.RequestAborted;
        var renewed = DateTime.UtcNow;
        try
        {
            while (!ct.IsCancellationRequested && !queue.Overflowed)
            {
                if (DateTime.UtcNow - renewed > Heartbeat)
                {
                    await renewSlot();
                    renewed = DateTime.UtcNow;
                }

                var items = await queue.TakeAllAsync(Heartbeat, ct);
                if (items.Count == 0)
                {
                    await context.Response.WriteAsync(": keep-alive\n\n", ct);
                }

                foreach (var item in items)
                {
                    if (idOf(item) is { } id)
                    {
                        await WriteAsync(context, id, item.Type, item.Json);
                    }
                }

                await context.Response.Body.FlushAsync(ct);
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // The client went away.
        }
    }

    private static async Task<bool> AdmitAsync(HttpContext context, StreamSlots slots, Caller caller, RateLimitOptions limits, string slot)
    {
        if (await slots.TryTakeAsync(caller.UserId, slot, limits.StreamsPerUser))
        {
            return true;
        }

        context.Response.StatusCode = StatusCodes.Status429TooManyRequests;
        context.Response.Headers.RetryAfter = "5";
        context.Response.ContentType = "application/problem+json";
        await context.Response.WriteAsync($$"""{"status":429,"title":"Too many live streams.","detail":"At most {{limits.StreamsPerUser}} open streams per player."}""");
        return false;
    }

    private static async Task BeginAsync(HttpContext context, SessionMetrics metrics)
    {
        metrics.StreamOpened();
        context.Response.ContentType = "text/event-stream";
        context.Response.Headers.CacheControl = "no-cache, no-transform";
        context.Response.Headers["X-Accel-Buffering"] = "no";
        await context.Response.WriteAsync("retry: 2000\n\n", context.RequestAborted);
        await context.Response.Body.FlushAsync(context.RequestAborted);
    }

    private static Task WriteAsync(HttpContext context, string id, string type, string json) =>
        context.Response.WriteAsync(id.Length == 0 ? $"event: {type}\ndata: {json}\n\n" : $"id: {id}\nevent: {type}\ndata: {json}\n\n", context.RequestAborted);

    private static string? LastEventId(HttpContext context)
    {
        var header = context.Request.Headers["Last-Event-ID"].ToString();
        if (header.Length > 0)
        {
            return header.Trim();
        }

        var query = context.Request.Query["lastEventId"].ToString();
        return query.Length > 0 ? query.Trim() : null;
    }

    private static long? ParseSequence(string? value) =>
        value is null ? null
        : value.Length is > 0 and <= 18 && !value.AsSpan().ContainsAnyExceptInRange('0', '9') && long.TryParse(value, System.Globalization.NumberStyles.None, null, out var n) ? n
        : throw new Domain.SessionValidationException(new Dictionary<string, string[]> { ["Last-Event-ID"] = ["Must be a sequence number this stream sent."] });
}
