using System.Globalization;
using System.Text.RegularExpressions;
using PokerTracker.HandHistories.Model;
using PokerTracker.Trainer.Cards;

namespace PokerTracker.HandHistories.Parsing;

/// <summary>The values inside a line: players, cards, game, stakes, dates and amounts.</summary>
internal static partial class PokerStarsHandReader
{
    private sealed partial class State
    {
        /// <summary>The seated player whose name starts the text at <paramref name="at"/> (longest name first: names may contain spaces and colons).</summary>
        private string? PlayerAt(string line, int at)
        {
            foreach (var name in _names)
            {
                if (string.CompareOrdinal(line, at, name, 0, name.Length) == 0
                    && (line.Length == at + name.Length || line[at + name.Length] is ':' or ' ' or ')'))
                {
                    return name;
                }
            }

            return null;
        }

        private IReadOnlyList<Card> Cards(string text)
        {
            var cards = new List<Card>();
            foreach (Match group in Bracketed().Matches(text))
            {
                foreach (var token in group.Groups[1].Value.Split(' ', StringSplitOptions.RemoveEmptyEntries))
                {
                    try
                    {
                        cards.Add(Card.Parse(token));
                    }
                    catch (FormatException e)
                    {
                        throw Fail(e.Message);
                    }
                }
            }

            return cards;
        }

        private (GameVariant, BettingLimit) Game(string text)
        {
            GameVariant? variant = text switch
            {
                _ when text.StartsWith("Hold'em ", StringComparison.Ordinal) => GameVariant.Holdem,
                _ when text.StartsWith("Omaha Hi/Lo", StringComparison.Ordinal) => null,
                _ when text.StartsWith("Omaha ", StringComparison.Ordinal) => GameVariant.Omaha,
                _ when text.StartsWith("5 Card Omaha ", StringComparison.Ordinal) && !text.Contains("Hi/Lo", StringComparison.Ordinal) => GameVariant.FiveCardOmaha,
                _ => null,
            };
            BettingLimit? limit = text switch
            {
                _ when text.EndsWith(" No Limit", StringComparison.Ordinal) => BettingLimit.NoLimit,
                _ when text.EndsWith(" Pot Limit", StringComparison.Ordinal) => BettingLimit.PotLimit,
                _ when text.EndsWith(" Limit", StringComparison.Ordinal) => BettingLimit.FixedLimit,
                _ => null,
            };
            return variant is { } v && limit is { } l
                ? (v, l)
                : throw Fail($"The game \"{Shorten(text)}\" is not supported (hold'em and Omaha high are).");
        }

        private (long, long) Stakes(string text, bool tournament)
        {
            var parts = text.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            var blinds = parts[0].Split('/');
            if (blinds.Length < 2)
            {
                throw Fail($"Unreadable stakes \"{Shorten(text)}\".");
            }

            if (!tournament)
            {
                _currency = parts.Length > 1 && parts[1].Length == 3 && parts[1].All(char.IsAsciiLetterUpper)
                    ? parts[1]
                    : blinds[0][0] switch { '$' => "USD", '€' => "EUR", '£' => "GBP", _ => Hand.PlayMoney }; // a cash game without money is play money
            }

            _digits = Amounts.Digits(_currency);
            return (Money(blinds[0]), Money(blinds[1]));
        }

        private DateTimeOffset Date(string text)
        {
            var open = text.IndexOf('[', StringComparison.Ordinal);
            var close = open < 0 ? -1 : text.IndexOf(']', open);
            var m = DateText().Match(close > open ? text[(open + 1)..close] : text);
            if (!m.Success)
            {
                throw Fail("The hand has no readable date.");
            }

            if (!DateTime.TryParseExact(m.Groups["at"].Value, "yyyy/MM/dd H:mm:ss", CultureInfo.InvariantCulture, DateTimeStyles.None, out var local))
            {
                throw Fail($"The date \"{Shorten(m.Groups["at"].Value)}\" does not exist.");
            }

            var zone = m.Groups["zone"].Value switch
            {
                "ET" or "EST" or "EDT" => "America/New_York",
                "UTC" or "GMT" => "UTC",
                "CET" or "CEST" => "Europe/Paris",
                "WET" or "WEST" => "Europe/Lisbon",
                "MSK" => "Europe/Moscow",
                "PT" => "America/Los_Angeles",
                "CT" => "America/Chicago",
                "MT" => "America/Denver",
                "AET" => "Australia/Sydney",
                "BRT" => "America/Sao_Paulo",
                var other => throw Fail($"Unknown time zone \"{Shorten(other)}\"."),
            };
            var info = TimeZoneInfo.FindSystemTimeZoneById(zone);
            return new DateTimeOffset(local, info.GetUtcOffset(local)).ToUniversalTime();
        }

        /// <summary>A seat number or table size: a whole number from <paramref name="min"/> to <paramref name="max"/>.</summary>
        private int Number(string text, int min, int max, string what) =>
            int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n >= min && n <= max
                ? n
                : throw Fail($"The {what} {Shorten(text)} is not a number from {min} to {max}.");

        private long Money(string text) =>
            Amounts.TryParse(text.Trim(), _digits, out var units) ? units : throw Fail($"Unreadable amount \"{Shorten(text)}\".");
    }
}
