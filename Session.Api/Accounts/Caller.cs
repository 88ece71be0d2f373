using System.Security.Claims;

namespace PokerTracker.SessionApi.Accounts;

/// <summary>Who is asking: the authenticated player, with their role.</summary>
public sealed record Caller(string UserId, string Role)
{
    public bool IsPremium => Role is Roles.Premium or Roles.Admin;

    /// <summary>The player of a signed-in request (kept on the principal the access token gave, or read from its claims).</summary>
    public static Caller From(ClaimsPrincipal user) =>
        user is PlayerPrincipal player ? player.Caller
        : new(user.FindFirstValue("sub") ?? throw new InvalidOperationException("The token names no subject."),
            user.FindFirstValue("role") ?? Roles.Free);

    /// <summary>The player's id, or null when nobody is signed in.</summary>
    public static string? IdOf(ClaimsPrincipal user) => user is PlayerPrincipal player ? player.Caller.UserId : user.FindFirstValue("sub");
}

/// <summary>
/// A signed-in player as the access token describes them, with the <see cref="Caller"/> read from the
/// claims once: the principal is built once per token and kept with it (<see cref="AccessTokens"/>), so
/// a request does not search the claims again. Nothing changes a principal once it is built.
/// </summary>
public sealed class PlayerPrincipal(ClaimsIdentity identity, Caller caller, DateTimeOffset issuedAt) : ClaimsPrincipal(identity)
{
    public Caller Caller { get; } = caller;

    /// <summary>The token's issue time in milliseconds (its "iat" is whole seconds).</summary>
    public const string IssuedMsClaim = "iat_ms";

    /// <summary>When the token was issued: a sign-out everywhere refuses the tokens issued before it.</summary>
    public DateTimeOffset IssuedAt { get; } = issuedAt;

    /// <summary>When the token expires (its "exp"); null for one without.</summary>
    public DateTimeOffset? ExpiresAt { get; } =
        long.TryParse(identity.FindFirst("exp")?.Value, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var exp)
            ? DateTimeOffset.FromUnixTimeSeconds(exp)
            : null;

    /// <summary>The principal of a token's identity, or null when the token names no subject.</summary>
    /// <param name="issuedAt">The token's "iat", for a token without <see cref="IssuedMsClaim"/>.</param>
    public static PlayerPrincipal? Of(ClaimsIdentity identity, DateTimeOffset issuedAt) =>
        identity.FindFirst("sub")?.Value is { Length: > 0 } subject
            ? new PlayerPrincipal(identity, new Caller(subject, identity.FindFirst("role")?.Value ?? Roles.Free),
                long.TryParse(identity.FindFirst(IssuedMsClaim)?.Value, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var ms)
                    ? DateTimeOffset.FromUnixTimeMilliseconds(ms)
                    : issuedAt)
            : null;
}

public static class Roles
{
    public const string Free = "free";
    public const string Premium = "premium";
    public const string Admin = "admin";
}
