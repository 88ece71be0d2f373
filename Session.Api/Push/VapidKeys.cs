using System.Security.Cryptography;
using Lib.Net.Http.WebPush.Authentication;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace PokerTracker.SessionApi.Push;

/// <summary>The server's VAPID key pair: from configuration, or made once and kept in Redis.</summary>
public sealed class VapidKeys(IConnectionMultiplexer redis, IOptions<PushOptions> options)
{
    private const string Key = "pt:push:vapid";
    private readonly SemaphoreSlim _gate = new(1, 1);
    private (string Public, string Private)? _pair;

    public async Task<(string Public, string Private)> GetAsync()
    {
        if (_pair is { } known)
        {
            return known;
        }

        await _gate.WaitAsync();
        try
        {
            _pair ??= options.Value is { PublicKey: { Length: > 0 } pub, PrivateKey: { Length: > 0 } priv } ? (pub, priv) : await LoadOrCreateAsync();
            return _pair.Value;
        }
        finally
        {
            _gate.Release();
        }
    }

    public async Task<VapidAuthentication> AuthenticationAsync()
    {
        var (pub, priv) = await GetAsync();
        return new VapidAuthentication(pub, priv) { Subject = options.Value.Subject };
    }

    private async Task<(string, string)> LoadOrCreateAsync()
    {
        var db = redis.GetDatabase();
        using var ec = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var p = ec.ExportParameters(includePrivateParameters: true);
        var made = (Base64Url([0x04, .. p.Q.X!, .. p.Q.Y!]), Base64Url(p.D!));
        // The first replica to get here sets the pair; every other one reads it.
        var tx = db.CreateTransaction();
        tx.AddCondition(Condition.KeyNotExists(Key));
        _ = tx.HashSetAsync(Key, [new("public", made.Item1), new("private", made.Item2)]);
        await tx.ExecuteAsync();
        var stored = await db.HashGetAsync(Key, ["public", "private"]);
        return (stored[0].ToString(), stored[1].ToString());
    }

    public static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
