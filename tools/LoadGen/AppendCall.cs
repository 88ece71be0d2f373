using PokerTracker.Contracts.Sessions;
using PokerTracker.SessionApi.Sessions;
using PokerTracker.SharedKernel.Sessions;

namespace PokerTracker.Tools.LoadGen;

/// <summary>One update's bytes, read from a session the ingest scenario wrote.</summary>
public sealed record UpdateSample(Guid Session, byte[] Document, SessionEventEnvelope Event, string Feed)
{
    public static async Task<UpdateSample> ReadAsync(IConnectionMultiplexer redis, Guid session)
    {
        var db = redis.GetDatabase();
        var document = (byte[]?)await db.HashGetAsync(RedisKeys.Session(session), "doc") ?? throw new InvalidOperationException("The sample session has no document.");
        var last = (byte[]?)await db.ListGetByIndexAsync(RedisKeys.SessionLog(session), -1) ?? throw new InvalidOperationException("The sample session has no events.");
        var owner = SessionStateJson.Deserialize(document).OwnerId;
        var feed = await db.StreamRangeAsync(RedisKeys.UserFeed(owner), "-", "+", 1, Order.Descending);
        return new UpdateSample(session, document, SessionEventEnvelope.Parser.ParseFrom(last), feed.Length == 1 ? feed[0]["data"].ToString() : throw new InvalidOperationException("The sample player has no feed."));
    }
}

/// <summary>
/// Session.Api's append script as a stack update calls it (the same Lua, nine keys, 23 arguments with a real
/// update's document, event and feed entry), on keys of its own: a session of its own, and an outbox and a
/// pending set that neither the relay nor the reconciler reads.
/// </summary>
public sealed class AppendCall
{
    private readonly UpdateSample _sample;
    private readonly RedisKey[] _keys;
    private readonly Guid _id;
    private readonly string _owner;
    private readonly byte[] _event;
    private readonly string _type;
    private readonly long _at = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();

    public AppendCall(UpdateSample sample, Guid id)
    {
        (_sample, _id, _owner) = (sample, id, $"bench-floor-{id:N}");
        _keys =
        [
            RedisKeys.Session(id), RedisKeys.SessionLog(id), RedisKeys.SessionStack(id), RedisKeys.UserSessions(_owner), RedisKeys.UserActive(_owner),
            "", $"pt:floor:{id:N}:outbox", RedisKeys.UserFeed(_owner), $"pt:floor:{id:N}:pending",
        ];
        (_event, _type) = (sample.Event.ToByteArray(), sample.Event.TypeName());
    }

    /// <summary>The session's version the calls expect; then the script once, loaded as a replica has it.</summary>
    public async Task PrepareAsync(IDatabase db)
    {
        await db.HashSetAsync(_keys[0], "version", 5);
        await CallAsync(db, -1);
    }

    /// <summary>The <paramref name="n"/>th call (its own idempotency key); fails unless the script stored the update.</summary>
    public async Task CallAsync(IDatabase db, long n)
    {
        var keys = (RedisKey[])_keys.Clone();
        keys[5] = RedisKeys.Idempotency(_owner, $"floor-{n}");
        RedisValue[] args =
        [
            5, 5, _sample.Document, _owner, $"{new string('f', 64)}|{_id:N}|5", 600, RedisValue.EmptyString, _id.ToString(), "active", -1, 604_800,
            RedisKeys.LiveChannel(_owner), 43_200, 1, _at + 60_000, -1, RedisValue.EmptyString,
            _event, $"{n}:20000", _at + n, _sample.Feed, "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01", _type,
        ];
        if ((string?)((RedisResult[])(await db.ScriptEvaluateAsync(AppendScript.Lua, keys, args))!)[0] != "ok")
        {
            throw new InvalidOperationException("An append of the floor was not stored: the floor would not be of the append.");
        }
    }

    /// <summary>Everything the calls wrote (the idempotency records expire on their own).</summary>
    public Task CleanUpAsync(IDatabase db) => db.KeyDeleteAsync([.. _keys.Where(k => k != "")]);
}
