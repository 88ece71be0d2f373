using System.Text.Json;
using PokerTracker.SharedKernel.Tilt;
using PokerTracker.SessionApi.Infrastructure;
using PokerTracker.SessionApi.Sessions;
using StackExchange.Redis;
using PokerTracker.SharedKernel.Sessions;

namespace PokerTracker.SessionApi.Alerts;

/// <summary>
/// The limits players set for themselves, in Redis where Tilt.Worker reads them: per player, and
/// per session (which then wins). The one place REST and GraphQL read and write them.
/// </summary>
public sealed class GuardStore(IConnectionMultiplexer redis)
{
    private static readonly TimeSpan SessionGuardsTtl = TimeSpan.FromDays(30);

    private IDatabase Db => redis.GetDatabase();

    public async Task<SessionGuards> ForPlayerAsync(string userId) => await ReadAsync(SessionGuards.UserKey(userId)) ?? new SessionGuards();

    /// <summary>A session's own limits, when the player set some for it.</summary>
    public async Task<SessionGuards?> OfSessionAsync(Guid sessionId) => await ReadAsync(SessionGuards.SessionKey(sessionId));

    /// <summary>The guards in force for a session: its own, else the player's.</summary>
    public async Task<SessionGuards> InForceAsync(string userId, Guid sessionId) =>
        await ReadAsync(SessionGuards.SessionKey(sessionId)) ?? await ReadAsync(SessionGuards.UserKey(userId)) ?? new SessionGuards();

    public async Task<SessionGuards> SetForPlayerAsync(string userId, SessionGuards guards)
    {
        guards = guards with { Currency = Currencies.Normalize(guards.Currency) };
        Validate(guards);
        await Db.StringSetAsync(SessionGuards.UserKey(userId), JsonSerializer.Serialize(guards, SessionStateJson.Options));
        return guards;
    }

    /// <summary>
    /// A session's own limits are in its currency: the request may leave it out, and one in another
    /// currency is refused (€100.00 is not $100.00, and nothing here converts one into the other).
    /// </summary>
    public async Task<SessionGuards> SetForSessionAsync(Guid sessionId, string currency, SessionGuards guards)
    {
        if (guards.Currency is { } asked && !string.Equals(asked.Trim(), currency, StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidInputException(new Dictionary<string, string[]>
            {
                ["currency"] = [$"This session is in {currency}: its limits are in {currency} too (send {currency}, or leave the currency out)."],
            });
        }

        guards = guards with { Currency = currency };
        Validate(guards);
        await Db.StringSetAsync(SessionGuards.SessionKey(sessionId), JsonSerializer.Serialize(guards, SessionStateJson.Options), SessionGuardsTtl);
        return guards;
    }

    public static void Validate(SessionGuards g)
    {
        var errors = new Dictionary<string, string[]>();
        if (g.StopLoss is <= 0 or > Limits.MaxAmount) errors["stopLoss"] = [g.StopLoss <= 0 ? "Must be more than 0." : Limits.TooLarge(g.Currency)];
        if (g.StopLossBuyIns is not null && !(g.StopLossBuyIns >= 0.1 && g.StopLossBuyIns <= 100)) errors["stopLossBuyIns"] = ["Must be from 0.1 to 100 buy-ins (half a buy-in is 0.5)."];
        if (g.StopWin is <= 0 or > Limits.MaxAmount) errors["stopWin"] = [g.StopWin <= 0 ? "Must be more than 0." : Limits.TooLarge(g.Currency)];
        if (g.MaxDurationMinutes is <= 0 or > 10_080) errors["maxDurationMinutes"] = ["Must be between 1 and 10080 minutes."];
        if (g.MaxDrawdown is <= 0 or > Limits.MaxAmount) errors["maxDrawdown"] = [g.MaxDrawdown <= 0 ? "Must be more than 0." : Limits.TooLarge(g.Currency)];
        if (g.Currency is not null ? !Currencies.IsValid(g.Currency) : g.HasMoneyLimit)
        {
            errors["currency"] = ["The currency of the money limits (an ISO 4217 code, e.g. USD): they hold for sessions in it."];
        }

        if (errors.Count > 0)
        {
            throw new InvalidInputException(errors);
        }
    }

    private async Task<SessionGuards?> ReadAsync(string key)
    {
        var value = await Db.StringGetAsync(key);
        return value.IsNullOrEmpty ? null : JsonSerializer.Deserialize<SessionGuards>(value.ToString(), SessionStateJson.Options);
    }
}
