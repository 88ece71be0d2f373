using System.ComponentModel.DataAnnotations;

namespace PokerTracker.SessionApi.Accounts;

public sealed class AuthOptions
{
    public const string Section = "Auth";
    public const string Issuer = "pokertracker";
    public const string Audience = "pokertracker";

    /// <summary>HMAC-SHA256 key for access tokens, at least 32 bytes; shared by every replica.</summary>
    [Required, MinLength(32)]
    public string SigningKey { get; set; } = "";

    [Range(typeof(TimeSpan), "00:00:05", "01:00:00")]
    public TimeSpan AccessTokenLifetime { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>How far past its expiry an access token is still accepted (the clocks of replicas differ a little); a live stream ends there too.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:05:00")]
    public TimeSpan AccessTokenClockSkew { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>A refresh token unused this long expires (each rotation starts it again).</summary>
    [Range(typeof(TimeSpan), "00:01:00", "90.00:00:00")]
    public TimeSpan RefreshTokenLifetime { get; set; } = TimeSpan.FromDays(14);

    /// <summary>A login (a family of rotated refresh tokens) ends this long after the password was typed, however often it rotates.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "365.00:00:00")]
    public TimeSpan LoginLifetime { get; set; } = TimeSpan.FromDays(60);

    /// <summary>
    /// A refresh token presented again this soon after its rotation is a second tab refreshing at
    /// the same moment, not a theft: it gets a new token of the same login instead of revoking it.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:01:00")]
    public TimeSpan RefreshReuseGrace { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Account ids (comma-separated) that are administrators: a secret set by whoever runs the
    /// system (the app host's <c>admin-account-ids</c> parameter). Never derived from an e-mail
    /// address, which nobody has verified.
    /// </summary>
    public string AdminAccountIds { get; set; } = "";

    /// <summary>PBKDF2-HMAC-SHA512 iterations (OWASP's 2023 figure is 210,000); stored hashes are upgraded at the next sign-in.</summary>
    [Range(100_000, 10_000_000)]
    public int PasswordIterations { get; set; } = 210_000;

    public bool IsAdmin(string accountId) =>
        AdminAccountIds.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Contains(accountId, StringComparer.Ordinal);
}
