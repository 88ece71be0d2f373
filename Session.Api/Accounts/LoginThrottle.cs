using System.Security.Cryptography;
using System.Text;
using StackExchange.Redis;

namespace PokerTracker.SessionApi.Accounts;

/// <summary>
/// Failed sign-ins slow down further tries for that e-mail address, without a lock-out anybody
/// can impose on the player: from the address that failed (an IPv6 client's /64, see <see cref="Infrastructure.ClientNetwork"/>), the wait doubles after 5 failures (1 s,
/// 2 s, …, at most 15 min); for everybody else, it doubles only after 20 failures and never exceeds
/// 30 s, so an attacker spreading guesses over many addresses gains little. A device that signed
/// in to the account before (<see cref="KnownDevices"/>) is out of both: it has a budget of its own
/// (the wait doubles after 5 of its own failures), so strangers' failures never keep the player out
/// from their own phone. Counters fade an hour after the last failure; a successful sign-in clears them.
/// </summary>
public sealed class LoginThrottle(IConnectionMultiplexer redis, TimeProvider time, KnownDevices devices)
{
    private const string FailScript = """
        local now = tonumber(ARGV[1])
        for i = 1, #KEYS do
          local free = tonumber(ARGV[i * 2])
          local cap = tonumber(ARGV[i * 2 + 1])
          local count = redis.call('HINCRBY', KEYS[i], 'count', 1)
          if count > free then
            local wait = math.min(cap, 1000 * 2 ^ math.min(30, count - free - 1))
            redis.call('HSET', KEYS[i], 'until', now + wait)
          end
          redis.call('PEXPIRE', KEYS[i], 3600000)
        end
        return 1
        """;

    private IDatabase Db => redis.GetDatabase();

    /// <summary>How long this client must wait before trying this address again (zero: go ahead).</summary>
    public async Task<TimeSpan> WaitAsync(string email, HttpContext context)
    {
        var values = await Task.WhenAll(Keys(email, context).Select(k => Db.HashGetAsync(k, "until")));
        var until = values.Select(v => v.IsNullOrEmpty ? 0L : (long)(double)v).Max();
        var left = until - time.GetUtcNow().ToUnixTimeMilliseconds();
        return left > 0 ? TimeSpan.FromMilliseconds(left) : TimeSpan.Zero;
    }

    public async Task FailedAsync(string email, HttpContext context)
    {
        var keys = Keys(email, context);
        RedisValue[] budgets = keys.Length == 1
            ? [time.GetUtcNow().ToUnixTimeMilliseconds(), 5, 15 * 60_000]                 // a known device: its own
            : [time.GetUtcNow().ToUnixTimeMilliseconds(), 5, 15 * 60_000, 20, 30_000];    // this address, then everybody
        await Db.ScriptEvaluateAsync(FailScript, keys, budgets);
    }

    /// <summary>Clears the counters, and remembers this device as one that knows the password.</summary>
    public async Task SucceededAsync(string email, HttpContext context)
    {
        var device = devices.Of(email, context);
        await Db.KeyDeleteAsync([PairKey(email, context), AccountKey(email), .. device is null ? Array.Empty<RedisKey>() : [DeviceKey(email, device)]]);
        devices.Remember(email, context);
    }

    private RedisKey[] Keys(string email, HttpContext context) => devices.Of(email, context) is { } device
        ? [DeviceKey(email, device)]
        : [PairKey(email, context), AccountKey(email)];

    private static string DeviceKey(string email, string device) => $"pt:login-failures:{Hash(email)}:device:{device}";

    private static string AccountKey(string email) => $"pt:login-failures:{Hash(email)}";

    private static string PairKey(string email, HttpContext context) => $"pt:login-failures:{Hash(email)}:{Infrastructure.ClientNetwork.Of(context)}";

    private static string Hash(string email) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(email.Trim().ToLowerInvariant())))[..32];
}
