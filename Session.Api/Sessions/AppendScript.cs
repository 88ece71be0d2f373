namespace PokerTracker.SessionApi.Sessions;

/// <summary>
/// One command, applied atomically: the session document, its event log, stack series, the
/// player's indexes, the outbox entries for Kafka, the player's live feed and the idempotency
/// record are all written by one Lua script, or none are.
/// </summary>
internal static class AppendScript
{
    // KEYS: 1 session hash, 2 event log, 3 stack series, 4 user index, 5 user active set,
    //       6 idempotency key, 7 outbox stream, 8 user feed stream, 9 analytics pending set
    // ARGV: 1 expected version, 2 new version, 3 document json, 4 owner, 5 idempotency record (or ''),
    //       6 idempotency ttl s, 7 index score (started ms), 8 session id, 9 status,
    //       10 max active sessions (-1: not a start), 11 ttl s once ended, 12 live channel,
    //       13 ttl s while active, 14 event count, 15 when the reconciler checks the analytics store (ms),
    //       16 most sessions a player may have (-1: not a start), 17 '1' when the session's status may have
    //       changed (a start, or a command that changes it; else ''),
    //       then per event 6 values: event bytes, stack member (or ''), stack score, feed json, traceparent, type
    // ARGV 7 is '' when the index score is unchanged (not a start, the start time kept): the index
    // already holds it, and a command then makes only the writes that change something.
    // Returns {status, detail}: ok | dup (stored record) | conflict (current version) | limit | quota
    //
    // The session's keys do not expire while the analytics store may lack a change (the session is
    // in the pending set): the live store is the source of truth until the analytics store confirms
    // the version (LiveStoreKeys.ConfirmScript), which then applies the 'ttl' kept in the hash.
    public const string Lua = $$"""
        if ARGV[5] ~= '' then
          local prior = redis.call('GET', KEYS[6])
          if prior then return {'dup', prior} end
        end
        local current = redis.call('HGET', KEYS[1], 'version') or '0'
        if current ~= ARGV[1] then return {'conflict', current} end
        local maxActive = tonumber(ARGV[10])
        if maxActive >= 0 and redis.call('SCARD', KEYS[5]) >= maxActive then return {'limit', ''} end
        local maxSessions = tonumber(ARGV[16])
        if maxSessions >= 0 and redis.call('ZCARD', KEYS[4]) >= maxSessions then return {'quota', ''} end

        local ttl = ARGV[13]
        if ARGV[9] ~= 'active' then ttl = ARGV[11] end
        redis.call('HSET', KEYS[1], 'doc', ARGV[3], 'version', ARGV[2], 'owner', ARGV[4], 'ttl', ttl)
        if ARGV[7] ~= '' then redis.call('ZADD', KEYS[4], ARGV[7], ARGV[8]) end
        if ARGV[17] ~= '' then
          if ARGV[9] == 'active' then
            redis.call('SADD', KEYS[5], ARGV[8])
          else
            redis.call('SREM', KEYS[5], ARGV[8])
          end
        end

        local count = tonumber(ARGV[14])
        for i = 0, count - 1 do
          local at = 18 + i * 6
          local event = ARGV[at]
          redis.call('RPUSH', KEYS[2], event)
          if ARGV[at + 1] ~= '' then redis.call('ZADD', KEYS[3], ARGV[at + 2], ARGV[at + 1]) end
          redis.call('XADD', KEYS[7], '*', 'key', ARGV[8], 'value', event, 'traceparent', ARGV[at + 4], 'type', ARGV[at + 5])
          local feedId = redis.call('XADD', KEYS[8], 'MAXLEN', '~', '{{RedisKeys.FeedMaxLength}}', '*', 'data', ARGV[at + 3])
          redis.call('PUBLISH', ARGV[12], feedId .. '\n' .. ARGV[at + 3])
        end
        if count > 0 then redis.call('EXPIRE', KEYS[8], {{RedisKeys.FeedTtlSeconds}}) end

        -- The three keys get their expiry together (LiveStoreKeys.ConfirmScript; a session brought
        -- back from history has the hash alone): the log and the series can only have one if the hash has.
        if redis.call('PERSIST', KEYS[1]) == 1 then
          redis.call('PERSIST', KEYS[2])
          redis.call('PERSIST', KEYS[3])
        end
        redis.call('ZADD', KEYS[9], ARGV[15], ARGV[8])
        if ARGV[5] ~= '' then redis.call('SET', KEYS[6], ARGV[5], 'EX', ARGV[6]) end
        return {'ok', current}
        """;
}
