using System.Collections.Concurrent;
using System.Text.Json;
using PokerTracker.SessionApi.Infrastructure;
using StackExchange.Redis;
using PokerTracker.SessionApi.Sessions;

namespace PokerTracker.SessionApi.Live;

/// <summary>
/// One Redis pattern subscription per replica, fanned out to the streams open on it. A change
/// written through any replica is published by the write itself, so it reaches every stream.
/// </summary>
public sealed class LiveHub(IConnectionMultiplexer redis, ILogger<LiveHub> logger) : IHostedService
{
    private readonly ConcurrentDictionary<string, ConcurrentDictionary<SseQueue, byte>> _byUser = new();
    private readonly Lock _registrations = new();

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        // Sequential (a message queue, not a handler): a handler runs messages concurrently, and a
        // later feed entry dispatched first would make streams skip the earlier one as already sent.
        var messages = await redis.GetSubscriber().SubscribeAsync(RedisChannel.Pattern(RedisKeys.LiveChannelPattern));
        messages.OnMessage(message => Dispatch(message.Channel.ToString(), message.Message));
    }

    public Task StopAsync(CancellationToken cancellationToken) =>
        redis.GetSubscriber().UnsubscribeAsync(RedisChannel.Pattern(RedisKeys.LiveChannelPattern));

    public IDisposable Register(string userId, SseQueue queue)
    {
        lock (_registrations)
        {
            _byUser.GetOrAdd(userId, _ => new()).TryAdd(queue, 0);
        }

        return new Registration(this, userId, queue);
    }

    /// <summary>Players with a stream open on this replica (an entry goes when its last stream closes).</summary>
    public int PlayersConnected => _byUser.Count;

    private void Dispatch(string channel, RedisValue payload)
    {
        // Every replica hears every player's changes: the payload is decoded only for players with
        // a stream open here, so a change nobody on this replica watches costs no more than the lookup.
        var userId = channel.AsSpan(RedisKeys.LiveChannelPrefix.Length);
        if (!_byUser.GetAlternateLookup<ReadOnlySpan<char>>().TryGetValue(userId, out var queues) || queues.IsEmpty)
        {
            return;
        }

        var message = payload.ToString();
        var newline = message.IndexOf('\n');
        if (newline <= 0)
        {
            return;
        }

        var item = Parse(message[..newline], message[(newline + 1)..]);
        if (item is null)
        {
            logger.LogWarning("Ignored a malformed live message on {Channel}", channel);
            return;
        }

        foreach (var queue in queues.Keys)
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

    private sealed class Registration(LiveHub hub, string userId, SseQueue queue) : IDisposable
    {
        public void Dispose()
        {
            lock (hub._registrations)
            {
                if (hub._byUser.TryGetValue(userId, out var queues) && queues.TryRemove(queue, out _) && queues.IsEmpty)
                {
                    hub._byUser.TryRemove(userId, out _);
                }
            }
        }
    }
}
