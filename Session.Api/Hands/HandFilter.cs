using PokerTracker.SessionApi.Infrastructure;

namespace PokerTracker.SessionApi.Hands;

/// <summary>Which of the hero's hands a statistic covers; every field is optional and they combine.</summary>
public sealed record HandFilter(
    DateTimeOffset? From = null,
    DateTimeOffset? To = null,
    string? Site = null,
    string? Game = null,
    string? Currency = null,
    long? BigBlind = null,
    string? Position = null,
    string? Kind = null)
{
    public static readonly IReadOnlySet<string> Positions = new HashSet<string> { "BTN", "SB", "BB", "UTG", "MP", "HJ", "CO" };

    public void Validate()
    {
        var errors = new Dictionary<string, string[]>();
        if (From > To) errors["from"] = ["Must be before 'to'."];
        if (Site is { Length: > 64 }) errors["site"] = ["Is too long."];
        if (Game is not null && (Game.Length > 8 || !Game.All(char.IsAsciiLetterOrDigit))) errors["game"] = ["Is a game code, e.g. NLHE or PLO."];
        if (Currency is not null && (Currency.Length is not (3 or 4 or 5) || !Currency.All(char.IsAsciiLetterUpper))) errors["currency"] = ["Is an ISO 4217 code, e.g. USD, or CHIPS (tournaments) or PLAY (play money)."];
        if (BigBlind is <= 0) errors["bigBlind"] = ["Must be positive (minor units)."];
        if (Position is not null && !Positions.Contains(Position)) errors["position"] = [$"Must be one of {string.Join(", ", Positions)}."];
        if (Kind is not null and not ("cash" or "tournament")) errors["kind"] = ["Must be 'cash' or 'tournament'."];
        if (errors.Count > 0)
        {
            throw new InvalidInputException(errors);
        }
    }
}
