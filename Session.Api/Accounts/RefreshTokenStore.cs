using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace PokerTracker.SessionApi.Accounts;

public enum RefreshOutcome { Rotated, Unknown, Reused, Revoked, Expired }

/// <summary>
/// Opaque, rotating refresh tokens, stored only as SHA-256 hashes with a TTL. Each login is a
/// family of tokens: every rotation marks the old token used and issues the next. Presenting a
/// used token again means it leaked, so the whole family is revoked — unless it comes within a
/// few seconds of its rotation (two tabs refreshing at once), which gets a sibling token instead.
/// A family ends <see cref="AuthOptions.LoginLifetime"/> after the sign-in however often it
/// rotates. A player's families are indexed, so a password change or "sign out everywhere"
/// revokes them all.
/// </summary>
public sealed class RefreshTokenStore(IConnectionMultiplexer redis, IOptions<AuthOptions> options, TimeProvider time)
{
    // KEYS: 1 presented token, 2 next token. ARGV: 1 now ms, 2 sliding ttl ms, 3 login lifetime ms, 4 grace ms
    private const string RotateScript = """
        local userId = redis.call('HGET', KEYS[1], 'user')
        if not userId then return {'unknown', ''} end
        local family = redis.call('HGET', KEYS[1], 'family')
        local born = tonumber(redis.call('HGET', KEYS[1], 'born') or ARGV[1])
        local now = tonumber(ARGV[1])
        local revoked = 'pt:refresh-family:' .. family
        if redis.call('EXISTS', revoked) == 1 then return {'revoked', userId} end
        local left = born + tonumber(ARGV[3]) - now
        if left <= 0 then return {'expired', userId} end
        if redis.call('HGET', KEYS[1], 'used') == '1' then
          local usedAt = tonumber(redis.call('HGET', KEYS[1], 'usedAt') or '0')
          if now - usedAt > tonumber(ARGV[4]) then
            redis.call('SET', revoked, '1', 'PX', math.max(1, left))
            return {'reused', userId}
          end
        else
          redis.call('HSET', KEYS[1], 'used', '1', 'usedAt', now)
        end
        redis.call('HSET', KEYS[2], 'user', userId, 'family', family, 'used', '0', 'born', born)
        redis.call('PEXPIRE', KEYS[2], math.min(tonumber(ARGV[2]), left))
        return {'rotated', userId}
        """;

    private IDatabase Db => redis.GetDatabase();
    private AuthOptions O => options.Value;

    private static string Families(string userId) => $"pt:refresh-families:{userId}";

    private static string Revoked(string family) => $"pt:refresh-family:{family}";

    /// <summary>A new login: the first token of a new family.</summary>
    public async Task<string> IssueAsync(string userId)
    {
        var token = NewToken();
        var key = Key(token);
        var family = Guid.NewGuid().ToString("N");
        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        await Db.HashSetAsync(key, [new("user", userId), new("family", family), new("used", "0"), new("born", now)]);
        await Db.KeyExpireAsync(key, Min(O.RefreshTokenLifetime, O.LoginLifetime));
        await Db.SortedSetAddAsync(Families(userId), family, now);
        await Db.SortedSetRemoveRangeByScoreAsync(Families(userId), double.NegativeInfinity, now - O.LoginLifetime.TotalMilliseconds); // ended logins
        await Db.KeyExpireAsync(Families(userId), O.LoginLifetime);
        return token;
    }

    public async Task<(RefreshOutcome Outcome, string? UserId, string? NewToken)> RotateAsync(string token)
    {
        var next = NewToken();
        var result = (RedisResult[])(await Db.ScriptEvaluateAsync(RotateScript, [Key(token), Key(next)],
            [time.GetUtcNow().ToUnixTimeMilliseconds(), (long)O.RefreshTokenLifetime.TotalMilliseconds, (long)O.LoginLifetime.TotalMilliseconds,
             (long)O.RefreshReuseGrace.TotalMilliseconds]))!;
        var userId = result[1].ToString();
        return (string?)result[0] switch
        {
            "rotated" => (RefreshOutcome.Rotated, userId, next),
            "reused" => (RefreshOutcome.Reused, userId, null),
            "revoked" => (RefreshOutcome.Revoked, userId, null),
            "expired" => (RefreshOutcome.Expired, userId, null),
            _ => (RefreshOutcome.Unknown, null, null),
        };
    }

    /// <summary>Signs out the login this token belongs to (its whole family).</summary>
    public async Task RevokeFamilyAsync(string token)
    {
        var family = await Db.HashGetAsync(Key(token), "family");
        if (!family.IsNullOrEmpty)
        {
            await Db.StringSetAsync(Revoked(family.ToString()), "1", O.LoginLifetime);
        }
    }

    /// <summary>Signs the player out everywhere: every login they have.</summary>
    public async Task RevokeAllAsync(string userId) =>
        // In one step: a login made between reading the list and emptying it would leave the list unrevoked.
        await Db.ScriptEvaluateAsync(RevokeAllScript, [(RedisKey)Families(userId)], [Revoked(""), (long)O.LoginLifetime.TotalSeconds]);

    private const string RevokeAllScript = """
        local families = redis.call('ZRANGE', KEYS[1], 0, -1)
        for _, family in ipairs(families) do redis.call('SET', ARGV[1] .. family, '1', 'EX', ARGV[2]) end
        redis.call('DEL', KEYS[1])
        return #families
        """;

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;

    private static string NewToken() => Base64Url(RandomNumberGenerator.GetBytes(32));

    private static string Key(string token) =>
        "pt:refresh:" + Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
