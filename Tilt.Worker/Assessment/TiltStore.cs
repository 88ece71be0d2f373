using System.Text.Json;
using Microsoft.Extensions.Options;
using PokerTracker.Contracts.Events;
using PokerTracker.SharedKernel.Tilt;
using StackExchange.Redis;
using PokerTracker.Clients.Redis;
using PokerTracker.SharedKernel.Sessions;

namespace PokerTracker.Tilt.Assessment;

/// <summary>
/// Per-session feature state in Redis, so any worker instance can take over a partition: the
/// session's running figures (<see cref="TiltSession"/>, constant in size, with the last level), the
/// player's baseline and the alert cool-downs. The events of a session that arrive together cost one read and one write.
/// </summary>
public sealed class TiltStore(IConnectionMultiplexer redis, IOptions<TiltOptions> options)
{
    // Saves a session's running figures unless a later event's are there already (a redelivery or a
    // worker that took the partition over): the sequence key is the guard.
    // In the same step, the session joins or leaves the set of running sessions (ARGV[4]: '+' or '-').
    private const string SaveIfNext = """
        local last = tonumber(redis.call('GET', KEYS[2]) or '0')
        if tonumber(ARGV[2]) <= last then return 0 end
        redis.call('SET', KEYS[1], ARGV[1], 'EX', ARGV[3])
        redis.call('SET', KEYS[2], ARGV[2], 'EX', ARGV[3])
        if ARGV[4] == '+' then redis.call('ZADD', KEYS[3], ARGV[5], ARGV[6])
        elseif ARGV[4] == '-' then redis.call('ZREM', KEYS[3], ARGV[6]) end
        return 1
        """;

    private IDatabase Db => redis.GetDatabase();
    private static string State(string session) => TiltKeys.State(session);
    private static string LastSequence(string session) => TiltKeys.LastSequence(session);
    private static string Baseline(string user) => TiltKeys.Baseline(user);
    public const string ActiveSessions = TiltKeys.ActiveSessions;

    /// <summary>
    /// In one round trip: the session's running figures (empty for a session not seen yet, or whose
    /// figures expired), the player's baseline and the guards that apply (the session's own, else the player's).
    /// </summary>
    public async Task<(TiltSession Figures, PlayerBaseline Baseline, SessionGuards Guards)> LoadAsync(string user, string session)
    {
        RedisValue[] values;
        using (RedisTracing.Start("MGET", "tilt figures"))
        {
            values = await Db.StringGetAsync([State(session), Baseline(user), SessionGuards.SessionKey(Guid.Parse(session)), SessionGuards.UserKey(user)]);
        }

        var figures = values[0].IsNullOrEmpty ? new TiltSession() : TiltSession.FromJson((byte[])values[0]!);
        var baseline = values[1].IsNullOrEmpty ? PlayerBaseline.None : JsonSerializer.Deserialize<PlayerBaseline>((byte[])values[1]!, SessionStateJson.Options)!;
        var guards = !values[2].IsNullOrEmpty ? values[2] : values[3];
        return (figures, baseline, guards.IsNullOrEmpty ? new SessionGuards() : JsonSerializer.Deserialize<SessionGuards>((byte[])guards!, SessionStateJson.Options)!);
    }

    /// <summary>
    /// Saves the figures after <paramref name="last"/> (the last event applied to them) unless they
    /// were saved for it or a later event already; false when they were, so nothing is assessed
    /// twice. A session that started or ended in these events joins or leaves the running ones.
    /// </summary>
    public async Task<bool> SaveAsync(SessionEventEnvelope last, TiltSession figures, ActiveChange active)
    {
        var ttl = (long)options.Value.SessionStateTtl.TotalSeconds;
        var change = active switch { ActiveChange.Started => "+", ActiveChange.Ended => "-", _ => "" };
        using (RedisTracing.Start("EVALSHA", "tilt figures"))
        {
            return (long)await Db.ScriptEvaluateAsync(SaveIfNext, [State(last.SessionId), LastSequence(last.SessionId), ActiveSessions],
                [figures.ToJson(), last.Sequence, ttl, change, figures.Start.ToUnixTimeMilliseconds(), $"{last.UserId}|{last.SessionId}"]) == 1;
        }
    }

    /// <summary>
    /// The session's events before <paramref name="sequence"/>, from its log in the live store: every one
    /// from the first, or null when the log does not hold them all (gone, or restarted from history).
    /// </summary>
    public async Task<IReadOnlyList<SessionEventEnvelope>?> EventsBeforeAsync(string session, long sequence)
    {
        RedisValue[] values;
        using (RedisTracing.Start("LRANGE", "session log"))
        {
            values = await Db.ListRangeAsync(PokerTracker.SharedKernel.LiveStore.LiveStoreKeys.SessionLog(Guid.Parse(session)), 0, -1);
        }

        var earlier = values.Select(v => SessionEventEnvelope.Parser.ParseFrom((byte[])v!)).Where(e => e.Sequence < sequence).OrderBy(e => e.Sequence).ToList();
        return earlier.Count == sequence - 1 && earlier.Select((e, i) => e.Sequence == i + 1).All(x => x) ? earlier : null;
    }

    public Task SaveBaselineAsync(string user, PlayerBaseline baseline) =>
        Db.StringSetAsync(Baseline(user), JsonSerializer.Serialize(baseline, SessionStateJson.Options));

    /// <summary>
    /// Starts the cool-down of an alert kind for <paramref name="alertId"/>, or finds it started for that
    /// same alert (its events handled again after a failure before their figures were saved): true when
    /// the alert is to go out (again: the id makes a repeat one alert to the player).
    /// </summary>
    /// <param name="hold">How long it lasts: the alert cool-down unless given.</param>
    public async Task<bool> ClaimCooldownAsync(string session, string kind, string alertId, TimeSpan? hold = null) =>
        (long)await Db.ScriptEvaluateAsync(ClaimScript, [Cooldown(session, kind)], [alertId, (long)(hold ?? options.Value.AlertCooldown).TotalMilliseconds]) == 1;

    /// <summary>Whether a cool-down of that kind is running for the session, whichever alert started it.</summary>
    public Task<bool> InCooldownAsync(string session, string kind) => Db.KeyExistsAsync(Cooldown(session, kind));

    private static RedisKey Cooldown(string session, string kind) => $"pt:tilt:cooldown:{session}:{kind}";

    /// <summary>Ends the cool-down <paramref name="alertId"/> started (and only that one), when the alert could not be sent.</summary>
    public async Task ReleaseCooldownAsync(string session, string kind, string alertId) =>
        await Db.ScriptEvaluateAsync(ReleaseScript, [Cooldown(session, kind)], [alertId]);

    private const string ReleaseScript = """
        if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
        return 0
        """;

    private const string ClaimScript = """
        if redis.call('SET', KEYS[1], ARGV[1], 'NX', 'PX', ARGV[2]) then return 1 end
        if redis.call('GET', KEYS[1]) == ARGV[1] then return 1 end
        return 0
        """;

    public Task LeaveActiveAsync(string user, string session) => Db.SortedSetRemoveAsync(ActiveSessions, $"{user}|{session}");

    public async Task<IReadOnlyList<(string User, string Session)>> ActiveAsync() =>
        (await Db.SortedSetRangeByRankAsync(ActiveSessions)).Select(v => v.ToString().Split('|')).Select(p => (p[0], p[1])).ToList();
}

/// <summary>Whether a session joined or left the running sessions in the events just applied.</summary>
public enum ActiveChange
{
    None,
    Started,
    Ended,
}
