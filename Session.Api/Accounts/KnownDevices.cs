using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace PokerTracker.SessionApi.Accounts;

/// <summary>
/// Devices that have signed in to an account with its password before (a "device cookie"): an
/// HttpOnly cookie holding a random device id and a MAC binding it to the e-mail address. Failed
/// sign-ins by strangers slow down the account for strangers only; a known device has a budget of
/// its own, so nobody can keep a player out of their account from their own phone.
/// </summary>
public sealed class KnownDevices(IOptions<AuthOptions> options)
{
    public const string Cookie = "pt_device";

    // Its own key, derived from the signing key: a device cookie is never a token, nor the reverse.
    private readonly byte[] _key = SHA256.HashData(Encoding.UTF8.GetBytes($"known-device|{options.Value.SigningKey}"));

    /// <summary>The id of the device making this request, when it signed in to <paramref name="email"/> before; else null.</summary>
    public string? Of(string email, HttpContext context)
    {
        if (Parse(context) is not var (id, mac))
        {
            return null;
        }

        return CryptographicOperations.FixedTimeEquals(Convert.FromHexString(mac), Mac(email, id)) ? id : null;
    }

    /// <summary>Marks this device as one that knows <paramref name="email"/>'s password (keeping its id if it had one).</summary>
    public void Remember(string email, HttpContext context)
    {
        var id = Parse(context)?.Id ?? Convert.ToHexString(RandomNumberGenerator.GetBytes(16));
        context.Response.Cookies.Append(Cookie, $"{id}.{Convert.ToHexString(Mac(email, id))}", new CookieOptions
        {
            // Sent to sign-in, the password change and the account's deletion: every check of the password.
            HttpOnly = true, Secure = true, SameSite = SameSiteMode.Strict, Path = "/api", MaxAge = TimeSpan.FromDays(400), IsEssential = true,
        });
    }

    private static (string Id, string Mac)? Parse(HttpContext context)
    {
        var value = context.Request.Cookies[Cookie];
        var dot = value?.IndexOf('.') ?? -1;
        if (value is null || dot != 32 || value.Length != 65 || !IsHex(value.AsSpan(0, 32)) || !IsHex(value.AsSpan(33)))
        {
            return null;
        }

        return (value[..32], value[33..]);
    }

    private static bool IsHex(ReadOnlySpan<char> text) => !text.ContainsAnyExcept("0123456789ABCDEFabcdef");

    private byte[] Mac(string email, string id) =>
        HMACSHA256.HashData(_key, Encoding.UTF8.GetBytes($"{email.Trim().ToLowerInvariant()}|{id.ToUpperInvariant()}"))[..16];
}
