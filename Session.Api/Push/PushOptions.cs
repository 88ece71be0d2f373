namespace PokerTracker.SessionApi.Push;

/// <summary>
/// Web Push (RFC 8030) with VAPID (RFC 8292): alerts reach a player's phone while the app is
/// closed. Keys come from configuration when the operator sets them; otherwise one pair is made
/// on first use and kept in Redis, shared by every replica.
/// </summary>
public sealed class PushOptions
{
    public const string Section = "Push";

    /// <summary>Who runs this server, for the push services (RFC 8292 "sub").</summary>
    public string Subject { get; set; } = "mailto:ops@pokertracker.app";

    /// <summary>The VAPID key pair, base64url (65-byte uncompressed P-256 point, 32-byte scalar); both or neither.</summary>
    public string? PublicKey { get; set; }

    public string? PrivateKey { get; set; }

    /// <summary>
    /// The push services subscriptions may point at (a host or a parent domain). A subscription
    /// elsewhere is refused, so that no player can make the server call an address of their choice.
    /// </summary>
    public List<string> AllowedHosts { get; set; } =
    [
        "fcm.googleapis.com", "android.googleapis.com", "push.services.mozilla.com", "notify.windows.com", "push.apple.com",
    ];

    /// <summary>Accept http://127.0.0.1 endpoints (tests run a push service of their own there).</summary>
    public bool AllowLoopback { get; set; }

    /// <summary>Devices one player may subscribe; a new one replaces the oldest.</summary>
    public int MaxSubscriptionsPerPlayer { get; set; } = 10;
}
