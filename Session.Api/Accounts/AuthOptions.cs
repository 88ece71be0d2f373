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

    [Range(typeof(TimeSpan), "00:01:00", "90.00:00:00")]
    public TimeSpan RefreshTokenLifetime { get; set; } = TimeSpan.FromDays(14);

    /// <summary>Accounts registered with these e-mail addresses are administrators.</summary>
    public List<string> AdminEmails { get; set; } = [];
}
