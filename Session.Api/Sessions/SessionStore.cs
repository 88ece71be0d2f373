using System.Runtime.CompilerServices;
using System.Text.Json;
using Google.Protobuf;
using Microsoft.Extensions.Options;
using PokerTracker.Contracts;
using PokerTracker.Contracts.Events;
using PokerTracker.Contracts.Sessions;
using StackExchange.Redis;
using PokerTracker.Clients.Redis;
using PokerTracker.SharedKernel.Sessions;
using PokerTracker.SharedKernel.LiveStore;

namespace PokerTracker.SessionApi.Sessions;

/// <summary>What one command writes; see <see cref="AppendScript"/>.</summary>
public sealed record AppendRequest(
    SessionState State,
    long ExpectedVersion,
    IReadOnlyList<SessionEventEnvelope> Events,
    IReadOnlyList<byte[]> FeedJson,
    IReadOnlyList<long?> StackAfter,
    string? IdempotencyKey,
    string? IdempotencyRecord,
    int MaxActiveSessions,
    string TraceParent,
    DateTimeOffset Now,
    int MaxSessions = -1,
    bool IndexChanged = true,
    bool StatusChanged = true);

public enum AppendStatus { Ok, Duplicate, Conflict, ActiveLimit, Quota }

public sealed record AppendOutcome(AppendStatus Status, string Detail);

public sealed record StackPoint(DateTimeOffset At, long Amount, long Sequence);

/// <summary>The live store of sessions in Redis.</summary>
public sealed partial class SessionStore(
    IConnectionMultiplexer redis, SessionStateCache cache, IOptions<SessionStoreOptions> options, IOptions<ReconcilerOptions> reconciler)
{
    private readonly SessionStoreOptions _options = options.Value;
    private readonly ReconcilerOptions _reconciler = reconciler.Value;
    private IDatabase Db => redis.GetDatabase();

    public async Task<SessionState?> LoadAsync(Guid id)
    {
        // Leased: the document is parsed straight from the connection's buffer, without a copy of its own.
        Lease<byte>? doc;
        using (RedisTracing.Start("HGET", "session"))
        {
            doc = await Db.HashGetLeaseAsync(RedisKeys.Session(id), "doc");
        }

        using (doc)
        {
            return doc is null || doc.Length == 0 ? null : SessionStateJson.Deserialize(doc.Span);
        }
    }

    /// <summary>
    /// The session for a command that will change it, owned by the caller: the state this replica kept
    /// after its own last change of it, without a call to Redis, or else the document read. A kept
    /// state may be behind (another replica changed the session since): the append then finds another
    /// version, stores nothing, and the command starts again from the document. See <see cref="SessionStateCache"/>.
    /// </summary>
    public async Task<SessionState?> LoadForChangeAsync(Guid id) => cache.Take(id) ?? await LoadAsync(id);

    /// <summary>A command's state once its change is stored: kept for the session's next command.</summary>
    public void Stored(SessionState state) => cache.Put(state);

    public async Task<AppendOutcome> AppendAsync(AppendRequest r)
    {
        var s = r.State;
        if (!Names.TryGetValue(s, out var names) || !names.AreOf(s))
        {
            names = new SessionNames(s, OutboxShard(s.Id));
            Names.AddOrUpdate(s, names);
        }

        // Without an idempotency key every key is the session's own: the same array serves each of its
        // commands (a command that is still queued in the client after a timeout writes the same keys).
        var keys = r.IdempotencyKey is null ? names.Keys : names.KeysWith(RedisKeys.Idempotency(s.OwnerId, r.IdempotencyKey));
        var args = new RedisValue[17 + r.Events.Count * 6];
        (args[0], args[1], args[2], args[3]) = (r.ExpectedVersion, s.Version, SessionStateJson.SerializeToUtf8Bytes(s), s.OwnerId);
        (args[4], args[5]) = (r.IdempotencyRecord ?? "", (long)_options.IdempotencyTtl.TotalSeconds);
        args[6] = r.IndexChanged ? s.StartedAt.ToUnixTimeMilliseconds() : RedisValue.EmptyString;
        (args[7], args[8], args[9], args[10]) = (names.Id, s.Status, r.MaxActiveSessions, (long)_options.EndedSessionTtl.TotalSeconds);
        (args[11], args[12], args[13]) = (names.LiveChannel, (long)_options.ActiveSessionTtl.TotalSeconds, r.Events.Count);
        (args[14], args[15], args[16]) = ((r.Now + _reconciler.Grace).ToUnixTimeMilliseconds(), r.MaxSessions, r.StatusChanged ? "1" : RedisValue.EmptyString);
        for (var i = 0; i < r.Events.Count; i++)
        {
            var e = r.Events[i];
            var stack = r.StackAfter[i];
            var at = 17 + i * 6;
            args[at] = e.ToByteArray();
            args[at + 1] = stack is { } amount ? $"{e.Sequence}:{amount}" : "";
            args[at + 2] = stack is null ? 0 : e.OccurredAt.ToDateTimeOffset().ToUnixTimeMilliseconds();
            args[at + 3] = r.FeedJson[i];
            args[at + 4] = r.TraceParent;
            args[at + 5] = e.TypeName();
        }

        RedisResult[] result;
        using (RedisTracing.Start("EVALSHA", "session append"))
        {
            result = (RedisResult[])(await Db.ScriptEvaluateAsync(AppendScript.Lua, keys, args))!;
        }

        var detail = result[1].ToString() ?? "";
        return ((string?)result[0]) switch
        {
            "ok" => new AppendOutcome(AppendStatus.Ok, detail),
            "dup" => new AppendOutcome(AppendStatus.Duplicate, detail),
            "conflict" => new AppendOutcome(AppendStatus.Conflict, detail),
            "quota" => new AppendOutcome(AppendStatus.Quota, detail),
            _ => new AppendOutcome(AppendStatus.ActiveLimit, detail),
        };
    }

    public async Task<string?> GetIdempotencyRecordAsync(string userId, string key)
    {
        var value = await Db.StringGetAsync(RedisKeys.Idempotency(userId, key));
        return value.IsNullOrEmpty ? null : value.ToString();
    }

    public async Task<IReadOnlyList<StackPoint>> GetStackAsync(Guid id)
    {
        var entries = await Db.SortedSetRangeByRankWithScoresAsync(RedisKeys.SessionStack(id));
        return entries
            .Select(e =>
            {
                var parts = e.Element.ToString().Split(':');
                return new StackPoint(DateTimeOffset.FromUnixTimeMilliseconds((long)e.Score), long.Parse(parts[1]), long.Parse(parts[0]));
            })
            .OrderBy(p => p.At).ThenBy(p => p.Sequence)
            .ToList();
    }

    /// <summary>Whether one of the session's last <paramref name="within"/> events in the live store has this id.</summary>
    public async Task<bool> HasRecentEventAsync(Guid id, string eventId, int within)
    {
        var values = await Db.ListRangeAsync(RedisKeys.SessionLog(id), -within, -1);
        return values.Any(v => string.Equals(SessionEventEnvelope.Parser.ParseFrom((byte[])v!).EventId, eventId, StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>The session's events after <paramref name="afterSequence"/>, in order.</summary>
    public async Task<IReadOnlyList<SessionEventEnvelope>> GetEventsAsync(Guid id, long afterSequence)
    {
        // By sequence, not list position: a session brought back from history restarts its log.
        var values = await Db.ListRangeAsync(RedisKeys.SessionLog(id), 0, -1);
        return values.Select(v => SessionEventEnvelope.Parser.ParseFrom((byte[])v!)).Where(e => e.Sequence > afterSequence).ToList();
    }

    /// <summary>
    /// Puts a session read from the analytics store back into the live store, unless it is there
    /// already. Its event log starts empty: the analytics store holds the events up to this version.
    /// </summary>
    public async Task RehydrateAsync(SessionState state) =>
        await Db.ScriptEvaluateAsync(
            """
            if redis.call('EXISTS', KEYS[1]) == 1 then return 0 end
            redis.call('HSET', KEYS[1], 'doc', ARGV[1], 'version', ARGV[2], 'owner', ARGV[3], 'ttl', ARGV[4], 'rehydrated', ARGV[2])
            redis.call('EXPIRE', KEYS[1], ARGV[4])
            return 1
            """,
            [RedisKeys.Session(state.Id)],
            [SessionStateJson.Serialize(state), state.Version, state.OwnerId, (long)_options.EndedSessionTtl.TotalSeconds]);

    /// <summary>Puts events of a session in the outbox again, as they were first written (same ids and sequences).</summary>
    public async Task ResendAsync(Guid id, IReadOnlyList<SessionEventEnvelope> events)
    {
        var batch = Db.CreateBatch();
        var sends = events.Select(e => batch.StreamAddAsync(RedisKeys.Outbox(OutboxShard(id)),
        [
            new NameValueEntry("key", id.ToString()), new NameValueEntry("value", e.ToByteArray()),
            new NameValueEntry("traceparent", ""), new NameValueEntry("type", e.TypeName()),
        ])).ToList();
        batch.Execute();
        await Task.WhenAll(sends);
    }

    /// <summary>True when the session came back from the analytics store: its live log and stack series start late.</summary>
    public async Task<bool> IsRehydratedAsync(Guid id) => await Db.HashExistsAsync(RedisKeys.Session(id), "rehydrated");

    /// <summary>Every session the player has (running, ended, discarded).</summary>
    public async Task<long> CountSessionsAsync(string userId) => await Db.SortedSetLengthAsync(RedisKeys.UserSessions(userId));

    /// <summary>
    /// The player's sessions whose latest version the analytics store may not hold yet (a second or
    /// so after a cash-out, a correction, a discard or an import), as the live store has them: a
    /// read of the analytics store puts these in place of what it has of them.
    /// </summary>
    public async Task<IReadOnlyList<SessionState>> NotInHistoryAsync(string userId)
    {
        // The two sets meet where the smaller is walked: what waits for the analytics store is
        // usually a handful of sessions, while a regular's own sessions run into the thousands.
        var own = RedisKeys.UserSessions(userId);
        var (waiting, owned) = (Db.SortedSetLengthAsync(LiveStoreKeys.AnalyticsPending), Db.SortedSetLengthAsync(own));
        var (walked, other) = await waiting < await owned ? (LiveStoreKeys.AnalyticsPending, own) : (own, LiveStoreKeys.AnalyticsPending);
        var candidates = await Db.SortedSetRangeByRankAsync(walked);
        var inBoth = candidates.Length == 0 ? [] : await Db.SortedSetScoresAsync(other, candidates);
        var ids = candidates.Where((_, i) => inBoth[i] is not null).Select(id => Guid.TryParse(id.ToString(), out var g) ? g : (Guid?)null).OfType<Guid>();
        return [.. (await Task.WhenAll(ids.Select(LoadAsync))).OfType<SessionState>()];
    }

    public async Task<long> CountActiveAsync(string userId) => await Db.SetLengthAsync(RedisKeys.UserActive(userId));

    /// <summary>
    /// The Redis names one session's append uses, built once per state object: a state this replica
    /// keeps between commands (<see cref="SessionStateCache"/>) is the same object each time, so a
    /// command builds no key strings. Weakly held: they go with the state.
    /// </summary>
    private static readonly ConditionalWeakTable<SessionState, SessionNames> Names = new();

    /// <summary>See <see cref="AppendScript"/> for the order of the keys.</summary>
    private sealed class SessionNames(SessionState s, int outboxShard)
    {
        private readonly Guid _session = s.Id;
        private readonly string _owner = s.OwnerId;

        /// <summary>Built for this session and owner (a state's id and owner are set once, when it starts).</summary>
        public bool AreOf(SessionState state) => state.Id == _session && string.Equals(state.OwnerId, _owner, StringComparison.Ordinal);

        public RedisKey[] Keys { get; } =
        [
            RedisKeys.Session(s.Id), RedisKeys.SessionLog(s.Id), RedisKeys.SessionStack(s.Id),
            RedisKeys.UserSessions(s.OwnerId), RedisKeys.UserActive(s.OwnerId), "pt:idem:none",
            RedisKeys.Outbox(outboxShard), RedisKeys.UserFeed(s.OwnerId), LiveStoreKeys.AnalyticsPending,
        ];

        public RedisValue Id { get; } = s.Id.ToString();

        public RedisValue LiveChannel { get; } = RedisKeys.LiveChannel(s.OwnerId);

        public RedisKey[] KeysWith(RedisKey idempotency)
        {
            var keys = (RedisKey[])Keys.Clone();
            keys[5] = idempotency;
            return keys;
        }
    }

    public int OutboxShard(Guid sessionId) => (int)((uint)BitConverter.ToInt32(sessionId.ToByteArray(), 12) % (uint)_options.OutboxShards);
}
