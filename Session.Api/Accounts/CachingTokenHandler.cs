using Microsoft.Extensions.Caching.Memory;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace PokerTracker.SessionApi.Accounts;

/// <summary>
/// Validates an access token once, then remembers the outcome until the token expires: a player's
/// phone sends the same token with every stack update for 15 minutes, and checking its signature and
/// building its claims each time cost more than the command itself. Only valid tokens are kept
/// (a forged one is never cached), the cache is bounded, and entries never outlive their token.
/// A deleted account is still refused on every request (JwtBearerEvents.OnTokenValidated).
/// </summary>
internal sealed class CachingTokenHandler : JsonWebTokenHandler, IDisposable
{
    /// <summary>Enough for every player active at once on one replica; beyond it the oldest are simply validated again.</summary>
    public const int Capacity = 20_000;

    private readonly MemoryCache _valid = new(new MemoryCacheOptions { SizeLimit = Capacity });

    public override async Task<TokenValidationResult> ValidateTokenAsync(string token, TokenValidationParameters validationParameters)
    {
        if (_valid.TryGetValue(token, out TokenValidationResult? known) && known!.SecurityToken.ValidTo > DateTime.UtcNow)
        {
            return known;
        }

        var result = await base.ValidateTokenAsync(token, validationParameters);
        if (result.IsValid && result.SecurityToken.ValidTo > DateTime.UtcNow)
        {
            _valid.Set(token, result, new MemoryCacheEntryOptions { Size = 1, AbsoluteExpiration = result.SecurityToken.ValidTo });
        }

        return result;
    }

    public void Dispose() => _valid.Dispose();
}
