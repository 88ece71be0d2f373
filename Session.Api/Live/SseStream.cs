using System.Buffers;
using System.Runtime.CompilerServices;
using Microsoft.Extensions.Options;
using PokerTracker.SessionApi.Infrastructure;
using PokerTracker.SessionApi.Sessions;

namespace PokerTracker.SessionApi.Live;

/// <summary>
/// Opens server-sent event streams: admission against the player's cap (a slot in Redis, so the cap
/// holds across replicas), registration with this replica's <see cref="LiveHub"/>, the response headers.
/// </summary>
public sealed class SseStreams(
    LiveHub hub, StreamSlots slots, Accounts.RecentRevocations revocations, IOptions<RateLimitOptions> limits, IOptions<Accounts.AuthOptions> auth,
    SessionMetrics metrics, TimeProvider time)
{
    /// <summary>The stream, or null when the player has too many open (a 429 was written).</summary>
    public async Task<SseStream?> OpenAsync(HttpContext context, string userId)
    {
        var slot = StreamSlots.NewSlot(Owner(context));
        var max = limits.Value.StreamsPerUser;
        if (!await slots.TryTakeAsync(userId, slot, max))
        {
            context.Response.StatusCode = StatusCodes.Status429TooManyRequests;
            context.Response.Headers.RetryAfter = "5";
            await TypedResults.Problem(statusCode: 429, title: "Too many live streams.", detail: $"At most {max} open streams per player.").ExecuteAsync(context);
            return null;
        }

        var queue = new SseQueue();
        IDisposable registration;
        try
        {
            registration = await hub.RegisterAsync(userId, queue);
        }
        catch
        {
            await slots.ReleaseAsync(userId, slot);
            throw;
        }

        // Each renewal also asks whether the stream's sign-in still holds: the streams of a deleted
        // account end, and so do those opened before a sign-out everywhere.
        var player = context.User as Accounts.PlayerPrincipal;
        var issuedAt = player?.IssuedAt;
        async Task<bool> RenewAsync()
        {
            if (!await slots.RenewAsync(userId, slot))
            {
                return false; // the same page opened a newer stream (after a drop this one never heard of)
            }

            return issuedAt is { } issued ? await revocations.RefusalAsync(userId, issued) is null : !await revocations.IsDeletedAsync(userId);
        }

        // A stream lasts as long as its token is accepted: then the app opens it again with its renewed sign-in
        // (a token taken from a device keeps no stream open for longer than the token itself).
        var endsAt = player?.ExpiresAt + auth.Value.AccessTokenClockSkew;
        var stream = new SseStream(context, queue, registration, RenewAsync, () => slots.ReleaseAsync(userId, slot), metrics, time, endsAt);
        try
        {
            await stream.BeginAsync();
        }
        catch
        {
            // The client went away before the first byte: nobody will dispose a stream never returned.
            await stream.DisposeAsync();
            throw;
        }

        return stream;
    }

    /// <summary>
    /// Which page of which device the stream is for: its <c>X-Stream-Key</c> (the app sends one per page
    /// load) with the stream's path; null for a client that sends none, or one that is not such a key.
    /// </summary>
    private static string? Owner(HttpContext context) =>
        context.Request.Headers["X-Stream-Key"].ToString() is { Length: >= 8 and <= 64 } key && key.All(c => char.IsAsciiLetterOrDigit(c) || c == '-')
            ? $"{key}:{context.Request.Path}"
            : null;
}

/// <summary>
/// One open stream: writes events (text/event-stream), pumps live items, sends heartbeats, and renews
/// its slot (<paramref name="renewSlot"/> answers false when the stream must end: the account is gone),
/// until <paramref name="endsAt"/> (its token's end) if given.
/// </summary>
public sealed class SseStream(
    HttpContext context, SseQueue queue, IDisposable registration, Func<Task<bool>> renewSlot, Func<Task> releaseSlot, SessionMetrics metrics,
    TimeProvider time, DateTimeOffset? endsAt = null)
    : IAsyncDisposable
{
    public static readonly TimeSpan Heartbeat = TimeSpan.FromSeconds(15);
    private static readonly TimeSpan RenewalSlack = TimeSpan.FromSeconds(1);

    private CancellationToken Aborted => context.RequestAborted;

    internal async Task BeginAsync()
    {
        metrics.StreamOpened();
        context.Response.ContentType = "text/event-stream";
        context.Response.Headers.CacheControl = "no-cache, no-transform";
        context.Response.Headers["X-Accel-Buffering"] = "no";
        await context.Response.WriteAsync("retry: 2000\n\n", Aborted);
        await context.Response.Body.FlushAsync(Aborted);
    }

    /// <summary>One event; an empty <paramref name="id"/> sends it without an id (not resumable).</summary>
    public Task WriteAsync(string id, string type, string json) => WriteAsync(SseFrames.Build(id, type, json));

    private Task WriteAsync(ReadOnlyMemory<byte> frame) => context.Response.Body.WriteAsync(frame, Aborted).AsTask();

    public Task FlushAsync() => context.Response.Body.FlushAsync(Aborted);

    /// <summary>Writes live items until the client goes away; <paramref name="idOf"/> picks each item's id, or null to skip it.</summary>
    public async Task PumpAsync(Func<LiveItem, string?> idOf)
    {
        var renewed = time.GetUtcNow();
        var items = new List<LiveItem>();
        // One timer and one registration for the stream's life: each wakes the pump, which then
        // finds nothing to send (a keep-alive is due) or the client gone.
        await using var heartbeat = time.CreateTimer(static q => ((SseQueue)q!).Wake(), queue, Heartbeat, Heartbeat);
        await using var aborted = Aborted.UnsafeRegister(static q => ((SseQueue)q!).Wake(), queue);
        // Its end is the timer's word, not the clock's: a timer may wake a hair before the time it was set for.
        var expired = new StrongBox<bool>();
        await using var expiry = endsAt is { } end
            ? time.CreateTimer(_ => { Volatile.Write(ref expired.Value, true); queue.Wake(); }, null, Clamp(end - time.GetUtcNow()), Timeout.InfiniteTimeSpan)
            : null;
        var body = context.Response.BodyWriter;
        try
        {
            while (!Aborted.IsCancellationRequested && !queue.Ended && !Volatile.Read(ref expired.Value))
            {
                // The timer and the clock may disagree by a few milliseconds: a wake a hair before the
                // heartbeat's end still renews, or a deleted account's stream would last two heartbeats.
                if (time.GetUtcNow() - renewed >= Heartbeat - RenewalSlack)
                {
                    if (!await renewSlot())
                    {
                        break;
                    }

                    renewed = time.GetUtcNow();
                }

                await queue.WaitAsync();
                items.Clear();
                queue.TakeAll(items);
                if (Aborted.IsCancellationRequested)
                {
                    break;
                }

                if (items.Count == 0)
                {
                    body.Write(": keep-alive\n\n"u8);
                }

                // Copied into the response's buffer, then sent with one flush.
                foreach (var item in items)
                {
                    if (idOf(item) is { } id)
                    {
                        body.Write(item.FrameFor(id).Span);
                    }
                }

                await body.FlushAsync(Aborted);
            }
        }
        catch (OperationCanceledException) when (Aborted.IsCancellationRequested)
        {
            // The client went away.
        }
    }

    /// <summary>A timer's due time: at once when already past, at most what a timer takes.</summary>
    private static TimeSpan Clamp(TimeSpan due) => due < TimeSpan.Zero ? TimeSpan.Zero : due > TimeSpan.FromDays(30) ? TimeSpan.FromDays(30) : due;

    public async ValueTask DisposeAsync()
    {
        registration.Dispose();
        metrics.StreamClosed();
        await releaseSlot();
    }
}

/// <summary>The Last-Event-ID a client resumes from: exactly what the stream sent, or a 400 before anything is written.</summary>
public static class LastEventId
{
    public static string? Of(HttpRequest request)
    {
        var header = request.Headers["Last-Event-ID"].ToString();
        if (header.Length > 0)
        {
            return header.Trim();
        }

        var query = request.Query["lastEventId"].ToString();
        return query.Length > 0 ? query.Trim() : null;
    }

    /// <summary>A session stream's id: its sequence number, digits only.</summary>
    public static long? Sequence(HttpRequest request) =>
        Of(request) is not { } value ? null
        : value.Length is > 0 and <= 18 && !value.AsSpan().ContainsAnyExceptInRange('0', '9') && long.TryParse(value, System.Globalization.NumberStyles.None, null, out var n) ? n
        : throw InvalidInputException.Field("Last-Event-ID", "Must be a sequence number this stream sent.");

    /// <summary>The player stream's id: a feed position, "digits-digits".</summary>
    public static string? FeedPosition(HttpRequest request) =>
        Of(request) is not { } value ? null
        : LiveItem.IsFeedId(value) ? value
        : throw InvalidInputException.Field("Last-Event-ID", "Is not an id this stream sent.");
}
