using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;
using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace PokerTracker.SessionApi.Accounts;

/// <summary>
/// Checks access tokens (JWT, HMAC-SHA256, from <see cref="TokenService"/>) with the IdentityModel
/// library, and remembers a valid token's identity until the token expires: a player's phone sends
/// the same token with every stack update for 15 minutes, and checking its signature and building its
/// claims each time cost more than the command itself. Only valid tokens are kept (a forged one never
/// is), the memory is bounded, and no entry outlives its token. A hit costs a lookup by the header's
/// characters: no string, no copy of the validation parameters, no per-request properties.
/// </summary>
public sealed class AccessTokens
{
    /// <summary>Enough for every player active at once on one replica; beyond it, new tokens are simply validated each time.</summary>
    public const int Capacity = 20_000;

    private readonly JsonWebTokenHandler _handler = new() { MapInboundClaims = false };
    private readonly TokenValidationParameters _parameters;
    private readonly ConcurrentDictionary<string, Known> _valid = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Known>.AlternateLookup<ReadOnlySpan<char>> _bySpan;

    public AccessTokens(IOptions<AuthOptions> options)
    {
        _bySpan = _valid.GetAlternateLookup<ReadOnlySpan<char>>();
        _parameters = new TokenValidationParameters
        {
            ValidIssuer = AuthOptions.Issuer,
            ValidAudience = AuthOptions.Audience,
            IssuerSigningKey = TokenService.Key(options.Value),
            // Only HMAC-SHA256: "none" and every other algorithm are refused.
            ValidAlgorithms = [SecurityAlgorithms.HmacSha256],
            RequireSignedTokens = true,
            RequireExpirationTime = true,
            ClockSkew = options.Value.AccessTokenClockSkew,
            NameClaimType = "sub",
            RoleClaimType = "role",
        };
    }

    /// <summary>
    /// The token's player with the scheme's answer for them (made once per token: nothing in a request
    /// changes an authentication result), or the reason it is refused.
    /// </summary>
    public ValueTask<(Known? Player, string? Failure)> ValidateAsync(ReadOnlySpan<char> token)
    {
        if (_bySpan.TryGetValue(token, out var known))
        {
            if (known.ValidTo > DateTime.UtcNow)
            {
                return ValueTask.FromResult<(Known?, string?)>((known, null));
            }

            _bySpan.TryRemove(token, out _);
        }

        return ValidateNewAsync(token.ToString());
    }

    /// <summary>The token's player when the token is known valid and not expired: a lookup, nothing validated.</summary>
    public bool TryKnown(ReadOnlySpan<char> token, [NotNullWhen(true)] out Known? known)
    {
        if (_bySpan.TryGetValue(token, out known) && known.ValidTo > DateTime.UtcNow)
        {
            return true;
        }

        known = null;
        return false;
    }

    private async ValueTask<(Known? Player, string? Failure)> ValidateNewAsync(string token)
    {
        var result = await _handler.ValidateTokenAsync(token, _parameters);
        if (!result.IsValid)
        {
            return (null, result.Exception?.Message ?? "The token is not valid.");
        }

        if (PlayerPrincipal.Of(result.ClaimsIdentity, new DateTimeOffset(DateTime.SpecifyKind(result.SecurityToken is JsonWebToken jwt ? jwt.IssuedAt : DateTime.MinValue, DateTimeKind.Utc))) is not { } player)
        {
            return (null, "The token names no subject.");
        }

        var known = new Known(player, result.SecurityToken.ValidTo);
        if (known.ValidTo > DateTime.UtcNow && (_valid.Count < Capacity || Prune()))
        {
            _valid[token] = known;
        }

        return (known, null);
    }

    /// <summary>Drops expired entries; true when that made room.</summary>
    private bool Prune()
    {
        var now = DateTime.UtcNow;
        foreach (var (token, known) in _valid)
        {
            if (known.ValidTo <= now)
            {
                _valid.TryRemove(token, out _);
            }
        }

        return _valid.Count < Capacity;
    }

    /// <summary>A valid token's player, until when, and the scheme's success for them, made once.</summary>
    public sealed class Known(PlayerPrincipal player, DateTime validTo)
    {
        public PlayerPrincipal Player { get; } = player;

        public DateTime ValidTo { get; } = validTo;

        public Task<AuthenticateResult> Success { get; } =
            Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(player, AccessTokenHandler.Name)));
    }
}

/// <summary>
/// The "Bearer" scheme (<see cref="Name"/>): the token from the Authorization header, checked by <see cref="AccessTokens"/>,
/// and refused when its account was deleted or signed out everywhere since it was issued (checked on
/// every request, in memory: <see cref="RecentRevocations"/>).
/// </summary>
public sealed class AccessTokenHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, AccessTokens tokens, RecentRevocations revoked)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string Name = "Bearer";

    private string? _failure;

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        // Almost always answered from memory: the token is known and its revocation check needs no
        // Redis call, so the request takes the token's one success result, with nothing allocated.
        var token = BearerToken(Request.Headers.Authorization);
        if (!token.IsEmpty && tokens.TryKnown(token, out var known))
        {
            var refusal = revoked.RefusalAsync(known.Player.Caller.UserId, known.Player.IssuedAt);
            if (refusal.IsCompletedSuccessfully)
            {
                return refusal.Result is { } reason ? Task.FromResult(Refuse(reason)) : known.Success;
            }
        }

        return AuthenticateSlowAsync();
    }

    private async Task<AuthenticateResult> AuthenticateSlowAsync()
    {
        var token = BearerToken(Request.Headers.Authorization);
        if (token.IsEmpty)
        {
            return AuthenticateResult.NoResult();
        }

        var (known, failure) = await tokens.ValidateAsync(token);
        if (known is null)
        {
            return Refuse(failure!);
        }

        try
        {
            // A token issued before its account was deleted, or signed out everywhere, is refused at once.
            if (await revoked.RefusalAsync(known.Player.Caller.UserId, known.Player.IssuedAt) is { } refusal)
            {
                return Refuse(refusal);
            }
        }
        catch (StackExchange.Redis.RedisException)
        {
            // The live store is down: the request fails where it needs the store (503);
            // what needs only the analytics store (statistics) still answers.
        }

        return await known.Success;
    }

    /// <summary>The token of an "Authorization: Bearer …" header; empty when there is none.</summary>
    private static ReadOnlySpan<char> BearerToken(string? header) =>
        header is not null && header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? header.AsSpan("Bearer ".Length).Trim() : [];

    private AuthenticateResult Refuse(string reason)
    {
        _failure = reason; // logged by the base handler ("was not authenticated. Failure message: …")
        return AuthenticateResult.Fail(reason);
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.WWWAuthenticate = _failure is null ? "Bearer" : "Bearer error=\"invalid_token\"";
        return Task.CompletedTask;
    }
}
