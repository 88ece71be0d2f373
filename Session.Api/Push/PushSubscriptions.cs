using System.Net;
using System.Text.Json;
using Microsoft.Extensions.Options;
using PokerTracker.SessionApi.Infrastructure;
using StackExchange.Redis;

namespace PokerTracker.SessionApi.Push;

/// <summary>What a browser's PushManager.subscribe() gives: the push service URL and the keys to encrypt for it.</summary>
public sealed record PushKeys(string? P256dh, string? Auth);

public sealed record PushSubscriptionInput(string? Endpoint, PushKeys? Keys);

/// <summary>A stored subscription of one of the player's devices.</summary>
public sealed record StoredSubscription(string Endpoint, string P256dh, string Auth, DateTimeOffset CreatedAt);

/// <summary>The devices of each player that asked for alerts, in one Redis hash per player (endpoint → keys).</summary>
public sealed class PushSubscriptions(IConnectionMultiplexer redis, IOptions<PushOptions> options, TimeProvider time)
{
    private IDatabase Db => redis.GetDatabase();

    private static string Key(string userId) => $"pt:user:{userId}:push";

    public async Task SaveAsync(string userId, PushSubscriptionInput input)
    {
        var subscription = Validate(input);
        var existing = await ListAsync(userId);
        foreach (var old in existing.Where(e => e.Endpoint != subscription.Endpoint)
                     .OrderByDescending(e => e.CreatedAt).Skip(options.Value.MaxSubscriptionsPerPlayer - 1))
        {
            await Db.HashDeleteAsync(Key(userId), old.Endpoint);
        }

        await Db.HashSetAsync(Key(userId), subscription.Endpoint, JsonSerializer.Serialize(subscription, ApiJson.Storage));
    }

    public async Task<bool> RemoveAsync(string userId, string endpoint) => await Db.HashDeleteAsync(Key(userId), endpoint);

    public async Task<IReadOnlyList<StoredSubscription>> ListAsync(string userId) =>
        [.. (await Db.HashValuesAsync(Key(userId))).Select(v => JsonSerializer.Deserialize<StoredSubscription>(v.ToString(), ApiJson.Storage)!)];

    private StoredSubscription Validate(PushSubscriptionInput input)
    {
        var errors = new Dictionary<string, string[]>();
        if (!Uri.TryCreate(input.Endpoint, UriKind.Absolute, out var endpoint) || input.Endpoint!.Length > 1000 || !Allowed(endpoint))
        {
            errors["endpoint"] = ["Must be the https URL of a known push service (what PushManager.subscribe() returns)."];
        }

        if (Decode(input.Keys?.P256dh) is not { Length: 65 } point || point[0] != 0x04)
        {
            errors["keys.p256dh"] = ["Must be the subscription's P-256 public key (65 bytes, base64url)."];
        }

        if (Decode(input.Keys?.Auth) is not { Length: 16 })
        {
            errors["keys.auth"] = ["Must be the subscription's 16-byte auth secret (base64url)."];
        }

        return errors.Count > 0
            ? throw new InvalidInputException(errors)
            : new StoredSubscription(endpoint!.ToString(), input.Keys!.P256dh!, input.Keys.Auth!, time.GetUtcNow());
    }

    private bool Allowed(Uri endpoint)
    {
        if (endpoint.Scheme == Uri.UriSchemeHttps && endpoint.IsDefaultPort
            && options.Value.AllowedHosts.Any(h => endpoint.Host == h || endpoint.Host.EndsWith("." + h, StringComparison.OrdinalIgnoreCase)))
        {
            return true;
        }

        return options.Value.AllowLoopback && endpoint.Scheme == Uri.UriSchemeHttp && IPAddress.TryParse(endpoint.Host, out var ip) && IPAddress.IsLoopback(ip);
    }

    private static byte[]? Decode(string? base64Url)
    {
        if (string.IsNullOrEmpty(base64Url) || base64Url.Length > 200)
        {
            return null;
        }

        var text = base64Url.Replace('-', '+').Replace('_', '/');
        text = text.PadRight(text.Length + (4 - text.Length % 4) % 4, '=');
        try
        {
            return Convert.FromBase64String(text);
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
