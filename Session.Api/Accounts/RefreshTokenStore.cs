using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace PokerTracker.SessionApi.Accounts;

public enum RefreshOutcome { Rotated, Unknown, Reused, Revoked }

/// <summary>
/// Opaque, rotating refresh tokens, stored only as SHA-256 hashes with a TTL. Each rotation
/// marks the old token used; presenting a used token again means it leaked, so the whole family
/// (every token descended from that login) is revoked.
/// </summary>
public sealed class RefreshTokenStore(IConnectionMultiplexer redis, IOptions<AuthOptions> options)
{
    private const string RotateScript = """
        local userId = redis.call('HGET', KEYS[1], 'user')
        if not userId then return {'unknown', ''} end
        local family = redis.call('HGET', KEYS[1], 'family')
        local revoked = 'pt:refresh-family:' .. family
        if redis.call('EXISTS', revoked) == 1 then return {'revoked', userId} end
        if redis.call('HGET', KEYS[1], 'used') == '1' then
          redis.call('SET', revoked, '1', 'EX', ARGV[2])
          return {'reused', userId}
        end
        redis.call('HSET', KEYS[1], 'used', '1')
        redis.call('HSET', KEYS[2], 'user', userId, 'family', family, 'used', '0')
        redis.call('EXPIRE', KEYS[2], ARGV[1])
        return {'rotated', userId}
        """;

    private IDatabase Db => redis.GetDatabase();
    private long TtlSeconds => (long)options.Value.RefreshTokenLifetime.TotalSeconds;

    public async Task<string> IssueAsync(string userId)
    {
        var token = NewToken();
        var key = Key(token);
        await Db.HashSetAsync(key, [new("user", userId), new("family", Guid.NewGuid().ToString("N")), new("used", "0")]);
        await Db.KeyExpireAsync(key, TimeSpan.FromSeconds(TtlSeconds));
        return token;
    }

    public async Task<(RefreshOutcome Outcome, string? UserId, string? NewToken)> RotateAsync(string token)
    {
        var next = NewToken();
        var result = (RedisResult[])(await Db.ScriptEvaluateAsync(RotateScript, [Key(token), Key(next)], [TtlSeconds, TtlSeconds]))!;
        var userId = result[1].ToString();
        return (string?)result[0] switch
        {
            "rotated" => (RefreshOutcome.Rotated, userId, next),
            "reused" => (RefreshOutcome.Reused, userId, null),
            "revoked" => (RefreshOutcome.Revoked, userId, null),
            _ => (RefreshOutcome.Unknown, null, null),
        };
    }

    /// <summary>Logs out everywhere this login reached: the token's whole family.</summary>
    public async Task RevokeFamilyAsync(string token)
    {
        var family = await Db.HashGetAsync(Key(token), "family");
        if (!family.IsNullOrEmpty)
        {
            await Db.StringSetAsync($"pt:refresh-family:{family}", "1", TimeSpan.FromSeconds(TtlSeconds));
        }
    }

    private static string NewToken() => Base64Url(RandomNumberGenerator.GetBytes(32));

    private static string Key(string token) =>
        "pt:refresh:" + Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
