using System.Globalization;
using System.Text.Json;
using PokerTracker.HandHistories.Model;
using PokerTracker.Trainer.Cards;

namespace PokerTracker.HandHistories.Parsing;

/// <summary>
/// One Open Hand History object into a <see cref="Hand"/>. Amounts are decimal numbers in the
/// currency (chips in tournaments); a raise's amount is what the action adds, as the spec defines
/// it. OHH has no "uncalled bet returned" action, so the part of the last bet nobody called is
/// given back at the end of its round, as the site did.
/// </summary>
internal static class OpenHandHistoryMapper
{
    public static HandParseResult Read(string json, int line)
    {
        string? id = null;
        try
        {
            using var document = JsonDocument.Parse(json, OpenHandHistoryParser.JsonOptions);
            if (document.RootElement.ValueKind != JsonValueKind.Object || !document.RootElement.TryGetProperty("ohh", out var ohh) || ohh.ValueKind != JsonValueKind.Object)
            {
                return HandParseResult.Failed(line, null, "The object has no \"ohh\" member.");
            }

            id = Text(ohh, "game_number");
            return HandParseResult.Ok(line, Map(ohh, id ?? throw new HandFormatException(0, "The hand has no game_number.")));
        }
        catch (JsonException e)
        {
            return HandParseResult.Failed(line + (int)(e.LineNumber ?? 0), id, $"Not valid JSON: {e.Message.Split(". ")[0]}.");
        }
        catch (HandFormatException e)
        {
            return HandParseResult.Failed(line, id, e.Message);
        }
        catch (Exception e) when (e is InvalidOperationException or FormatException or KeyNotFoundException or OverflowException)
        {
            return HandParseResult.Failed(line, id, $"A field has the wrong type or value ({e.Message.Split(". ")[0]}).");
        }
    }

    private static Hand Map(JsonElement ohh, string id)
    {
        var tournament = ohh.TryGetProperty("tournament", out var t) && t.ValueKind == JsonValueKind.True;
        var tournamentId = tournament
            ? (ohh.TryGetProperty("tournament_info", out var info) && info.ValueKind == JsonValueKind.Object ? Text(info, "tournament_number") : null) ?? "?"
            : null;
        var currency = tournament ? Hand.Chips : (Text(ohh, "currency") ?? Hand.PlayMoney).ToUpperInvariant();
        if (!Hand.InChips(currency) && (currency.Length != 3 || !currency.All(char.IsAsciiLetterUpper)))
        {
            throw new HandFormatException(0, $"Unknown currency \"{currency}\".");
        }

        var digits = Amounts.Digits(currency);
        long Money(JsonElement e, string name) =>
            !e.TryGetProperty(name, out var v) || v.ValueKind == JsonValueKind.Null ? 0
            : Amounts.TryFromDecimal(v.GetDecimal(), digits, out var units) ? units
            : throw new HandFormatException(0, $"{name} {v.GetRawText()} is not an amount in {currency}.");

        var variant = Text(ohh, "game_type") switch
        {
            "Holdem" => GameVariant.Holdem,
            "Omaha" => GameVariant.Omaha,
            var other => throw new HandFormatException(0, $"The game \"{other}\" is not supported (Holdem and Omaha are)."),
        };
        var limit = ohh.TryGetProperty("bet_limit", out var betLimit) && betLimit.ValueKind == JsonValueKind.Object ? Text(betLimit, "bet_type") : null;
        var bettingLimit = limit switch
        {
            "NL" => BettingLimit.NoLimit,
            "PL" => BettingLimit.PotLimit,
            "FL" => BettingLimit.FixedLimit,
            _ => throw new HandFormatException(0, $"Unknown bet_type \"{limit}\"."),
        };

        var players = new Dictionary<long, string>();
        var seats = new List<HandSeat>();
        foreach (var p in ohh.GetProperty("players").EnumerateArray())
        {
            var playerId = p.GetProperty("id").GetInt64();
            var name = Text(p, "name") ?? throw new HandFormatException(0, $"Player {playerId} has no name.");
            players[playerId] = name;
            seats.Add(new HandSeat(p.GetProperty("seat").GetInt32(), name, Money(p, "starting_stack"), p.TryGetProperty("is_sitting_out", out var s) && s.ValueKind == JsonValueKind.True, []));
        }

        string Player(JsonElement action) =>
            players.TryGetValue(action.GetProperty("player_id").GetInt64(), out var name) ? name
            : throw new HandFormatException(0, $"An action names player {action.GetProperty("player_id")}, who is not in players.");

        var actions = new List<HandAction>();
        var shown = new Dictionary<string, IReadOnlyList<Card>>();
        var boards = new List<List<Card>> { new() };
        Street? lastBoardStreet = null;
        foreach (var round in ohh.GetProperty("rounds").EnumerateArray())
        {
            var streetName = Text(round, "street");
            Street? street = streetName switch
            {
                "Preflop" => Street.Preflop,
                "Flop" => Street.Flop,
                "Turn" => Street.Turn,
                "River" => Street.River,
                "Showdown" => null,
                _ => throw new HandFormatException(0, $"Unknown street \"{streetName}\"."),
            };
            if (street > Street.Preflop && round.TryGetProperty("cards", out var boardCards) && Cards(boardCards) is { Count: > 0 } dealt)
            {
                // Run it twice: a street dealt again starts another board from the first one's earlier cards.
                if (street <= lastBoardStreet)
                {
                    boards.Add([.. boards[0].Take(street switch { Street.Flop => 0, Street.Turn => 3, _ => 4 })]);
                }

                boards[^1].AddRange(dealt);
                lastBoardStreet = street;
            }

            var inStreet = new Dictionary<string, long>();
            foreach (var a in round.GetProperty("actions").EnumerateArray())
            {
                var player = Player(a);
                var amount = Money(a, "amount");
                var allIn = a.TryGetProperty("is_allin", out var ai) && ai.ValueKind == JsonValueKind.True;
                var name = Text(a, "action");
                ActionKind? kind = name switch
                {
                    "Post SB" => ActionKind.SmallBlind,
                    "Post BB" => ActionKind.BigBlind,
                    "Post Ante" => ActionKind.Ante,
                    "Straddle" or "Post Extra Blind" => ActionKind.Straddle,
                    "Post Dead" => ActionKind.DeadBlind,
                    "Fold" => ActionKind.Fold,
                    "Check" => ActionKind.Check,
                    "Call" => ActionKind.Call,
                    "Bet" => ActionKind.Bet,
                    "Raise" => ActionKind.Raise,
                    "Dealt Cards" or "Dealt Card" or "Shows Cards" or "Mucks Cards" => null,
                    "Sits Down" or "Stands Up" or "Sitting Out" or "Sits Out" or "Returns" => null,
                    _ => throw new HandFormatException(0, $"Unknown action \"{name}\"."),
                };
                if (kind is null)
                {
                    if (a.TryGetProperty("cards", out var held) && Cards(held) is { Count: > 0 } cards)
                    {
                        shown[player] = cards;
                    }

                    continue;
                }

                if (street is not { } s)
                {
                    throw new HandFormatException(0, $"\"{name}\" in the showdown round.");
                }

                if (kind is ActionKind.Ante or ActionKind.DeadBlind)
                {
                    actions.Add(new HandAction(s, player, kind.Value, amount, 0, allIn));
                    continue;
                }

                inStreet[player] = inStreet.GetValueOrDefault(player) + amount;
                var to = kind is ActionKind.Bet or ActionKind.Raise ? inStreet[player] : 0;
                actions.Add(new HandAction(s, player, kind.Value, amount, to, allIn));
            }

            if (street is { } closed && inStreet.Count > 0)
            {
                ReturnUncalled(closed, inStreet, actions);
            }
        }

        long pot = 0, rake = 0;
        var winnings = new List<Winning>();
        foreach (var p in ohh.GetProperty("pots").EnumerateArray())
        {
            pot += Money(p, "amount");
            rake += Money(p, "rake") + Money(p, "jackpot");
            foreach (var w in p.GetProperty("player_wins").EnumerateArray())
            {
                winnings.Add(new Winning(Player(w), Money(w, "win_amount")));
            }
        }

        string? hero = null;
        if (ohh.TryGetProperty("hero_player_id", out var heroId) && heroId.ValueKind == JsonValueKind.Number)
        {
            hero = players.GetValueOrDefault(heroId.GetInt64());
        }

        var startedAt = DateTimeOffset.Parse(Text(ohh, "start_date_utc") ?? throw new HandFormatException(0, "The hand has no start_date_utc."), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal).ToUniversalTime();
        var site = Text(ohh, "site_name") ?? Text(ohh, "network_name") ?? "Open Hand History";
        var sb = Money(ohh, "small_blind_amount");
        var bb = Money(ohh, "big_blind_amount");
        if (variant == GameVariant.Omaha && shown.Values.Any(c => c.Count == 5))
        {
            variant = GameVariant.FiveCardOmaha;
        }

        return new Hand(
            site,
            id,
            startedAt,
            variant,
            bettingLimit,
            currency,
            tournamentId,
            sb,
            bb,
            Money(ohh, "ante_amount"),
            Text(ohh, "table_name") ?? "",
            ohh.TryGetProperty("table_size", out var size) && size.ValueKind == JsonValueKind.Number ? size.GetInt32() : seats.Count,
            ohh.TryGetProperty("dealer_seat", out var dealer) && dealer.ValueKind == JsonValueKind.Number ? dealer.GetInt32() : 0,
            [.. seats.Select(s => shown.TryGetValue(s.Player, out var c) ? s with { Cards = c } : s)],
            actions,
            [.. boards.Where(b => b.Count > 0)],
            pot,
            rake,
            winnings,
            hero);
    }

    /// <summary>The part of the round's largest bet that nobody matched goes back to its player.</summary>
    private static void ReturnUncalled(Street street, Dictionary<string, long> inStreet, List<HandAction> actions)
    {
        var ordered = inStreet.OrderByDescending(kv => kv.Value).ToList();
        var top = ordered[0];
        var second = ordered.Count > 1 ? ordered[1].Value : 0;
        if (top.Value > second)
        {
            actions.Add(new HandAction(street, top.Key, ActionKind.Return, top.Value - second));
        }
    }

    private static List<Card> Cards(JsonElement array)
    {
        var cards = new List<Card>();
        if (array.ValueKind != JsonValueKind.Array)
        {
            return cards;
        }

        foreach (var c in array.EnumerateArray())
        {
            var text = c.GetString() ?? "";
            if (text is "??" or "")
            {
                continue;
            }

            try
            {
                cards.Add(Card.Parse(text));
            }
            catch (FormatException e)
            {
                throw new HandFormatException(0, e.Message);
            }
        }

        return cards;
    }

    private static string? Text(JsonElement e, string name) =>
        !e.TryGetProperty(name, out var v) ? null
        : v.ValueKind switch
        {
            JsonValueKind.String => v.GetString(),
            JsonValueKind.Number => v.GetRawText(),
            _ => null,
        };
}
