using System.Text.Json;
using StackExchange.Redis;
using PokerTracker.SessionApi.Sessions;

namespace PokerTracker.SessionApi.Live;

/// <summary>
/// The live messages of the players who have a stream open on this replica, fanned out to their
/// streams. A change written through any replica is published by the write itself on the player's
/// channel; this replica subscribes to a player's channel while it holds one of their streams, so a
/// replica hears only the changes its own streams need (with nobody watching, a change costs it nothing).
/// </summary>
public sealed class LiveHub
{
    private readonly IConnectionMultiplexer _redis;
    private readonly ILogger<LiveHub> _logger;
    private readonly Dictionary<string, Watchers> _byUser = new(StringComparer.Ordinal);

    public LiveHub(IConnectionMultiplexer redis, ILogger<LiveHub> logger)
    {
        _redis = redis;
        _logger = logger;
        // Messages published while the subscription is down are not sent again when it comes back: every
        // stream here ends, and its client reconnects with Last-Event-ID, which reads what it missed.
        redis.ConnectionFailed += (_, failed) =>
        {
            if (failed.ConnectionType == ConnectionType.Subscription)
            {
                BreakAll(failed.FailureType);
            }
        };
    }

    private void BreakAll(ConnectionFailureType why)
    {
        SseQueue[] queues;
        lock (_lock)
        {
            queues = [.. _byUser.Values.SelectMany(w => w.Queues)];
        }

        foreach (var queue in queues)
        {
            queue.Break();
        }

        if (queues.Length > 0)
        {
            _logger.LogWarning("The live subscription broke ({Reason}): {Streams} streams end, and their clients come back with what they missed", why, queues.Length);
        }
    }

    /// <summary>
    /// A player's channel being unsubscribed after their last stream here closed: a new subscription
    /// to it waits for that, so the two never cross in the client (an unsubscribe sent after the new
    /// subscribe would leave the new stream deaf).
    /// </summary>
    private readonly Dictionary<string, Task> _leaving = new(StringComparer.Ordinal);

    private readonly Lock _lock = new();

    /// <summary>
    /// Adds a stream for the player. Completes once this replica hears the player's channel, so a
    /// backlog read after it and the live messages leave no gap between them.
    /// </summary>
    public async Task<IDisposable> RegisterAsync(string userId, SseQueue queue)
    {
        Watchers watchers;
        lock (_lock)
        {
            if (!_byUser.TryGetValue(userId, out watchers!))
            {
                watchers = new Watchers();
                watchers.Subscribed = SubscribeAsync(userId, watchers, _leaving.GetValueOrDefault(userId) ?? Task.CompletedTask);
                _byUser[userId] = watchers;
            }

            watchers.Queues = [.. watchers.Queues, queue];
        }

        var registration = new Registration(this, userId, watchers, queue);
        try
        {
            await watchers.Subscribed;
            // A subscription made while the connection is down waits for it to be back, but one the
            // player's other streams made earlier is taken as it is: if the connection is down now,
            // what is published until it is back never reaches this stream, so it ends after its
            // backlog and its client comes back (2 s later) for the rest.
            if (!_redis.GetSubscriber().IsConnected(RedisChannel.Literal(RedisKeys.LiveChannel(userId))))
            {
                queue.Break();
            }
        }
        catch
        {
            // Redis could not be reached: this stream fails (503), and the next one subscribes afresh.
            registration.Dispose();
            lock (_lock)
            {
                if (_byUser.GetValueOrDefault(userId) == watchers)
                {
                    _byUser.Remove(userId);
                }
            }

            throw;
        }

        return registration;
    }

    private async Task<ChannelMessageQueue> SubscribeAsync(string userId, Watchers watchers, Task leaving)
    {
        await leaving;
        // A message queue, not a handler: a handler runs messages concurrently, and a later feed entry
        // dispatched first would make streams skip the earlier one as already sent.
        var messages = await _redis.GetSubscriber().SubscribeAsync(RedisChannel.Literal(RedisKeys.LiveChannel(userId)));
        messages.OnMessage(message => Dispatch(watchers, message.Message));
        return messages;
    }

    private void Remove(string userId, Watchers watchers, SseQueue queue)
    {
        lock (_lock)
        {
            var rest = Array.FindAll(watchers.Queues, q => q != queue);
            if (rest.Length == watchers.Queues.Length)
            {
                return;
            }

            watchers.Queues = rest;
            if (rest.Length > 0 || _byUser.GetValueOrDefault(userId) != watchers)
            {
                return;
            }

            _byUser.Remove(userId);
            var leaving = UnsubscribeAsync(userId, watchers.Subscribed);
            _leaving[userId] = leaving;
            _ = leaving.ContinueWith(
                done =>
                {
                    lock (_lock)
                    {
                        if (_leaving.GetValueOrDefault(userId) == done)
                        {
                            _leaving.Remove(userId);
                        }
                    }
                },
                CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        }
    }

    private async Task UnsubscribeAsync(string userId, Task<ChannelMessageQueue> subscribed)
    {
        try
        {
            await (await subscribed).UnsubscribeAsync();
        }
        catch (Exception e)
        {
            // Not subscribed (Redis was down when the stream opened), or Redis is down now: the
            // client forgets the channel either way and does not subscribe to it again on reconnect.
            _logger.LogDebug(e, "Unsubscribing from a player's live channel failed ({UserId})", userId);
        }
    }

    private void Dispatch(Watchers watchers, RedisValue payload)
    {
        var queues = watchers.Queues;
        if (queues.Length == 0)
        {
            return;
        }

        var message = payload.ToString();
        var newline = message.IndexOf('\n');
        var item = newline <= 0 ? null : Parse(message[..newline], message[(newline + 1)..]);
        if (item is null)
        {
            _logger.LogWarning("Ignored a malformed live message");
            return;
        }

        foreach (var queue in queues)
        {
            queue.Add(item);
        }
    }

    /// <summary>Reads the routing fields of a feed entry's JSON.</summary>
    public static LiveItem? Parse(string feedId, string json)
    {
        try
        {
            using var doc = JsonDocument.Parse(json);
            var root = doc.RootElement;
            Guid? session = root.TryGetProperty("sessionId", out var s) && Guid.TryParse(s.GetString(), out var id) ? id : null;
            var sequence = root.TryGetProperty("sequence", out var q) && q.TryGetInt64(out var n) ? n : 0;
            var type = root.TryGetProperty("type", out var t) ? t.GetString() ?? "message" : "message";
            return new LiveItem(feedId, session, sequence, type, json);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>One player's streams on this replica, and the subscription that feeds them.</summary>
    private sealed class Watchers
    {
        /// <summary>Replaced, never changed, under the hub's lock: a message is sent to the streams open when it arrives, without a lock.</summary>
        public volatile SseQueue[] Queues = [];

        public Task<ChannelMessageQueue> Subscribed { get; set; } = null!;
    }

    private sealed class Registration(LiveHub hub, string userId, Watchers watchers, SseQueue queue) : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                hub.Remove(userId, watchers, queue);
            }
        }
    }
}
