using System.Globalization;
using System.Text.RegularExpressions;
using PokerTracker.HandHistories.Model;
using PokerTracker.Trainer.Cards;

namespace PokerTracker.HandHistories.Parsing;

/// <summary>A player's action line: what it puts in the pot, on which street.</summary>
internal static partial class PokerStarsHandReader
{
    private sealed partial class State
    {
        private void Action(string player, string text, long bigBlind)
        {
            if (CapReached().Match(text) is { Success: true } cap)
            {
                text = text[..cap.Index];
            }

            var allIn = text.EndsWith(" and is all-in", StringComparison.Ordinal);
            if (allIn)
            {
                text = text[..^" and is all-in".Length];
            }

            if (text.StartsWith("folds", StringComparison.Ordinal))
            {
                _actions.Add(new HandAction(_street, player, ActionKind.Fold, 0));
                if (Cards(text[5..]) is { Count: > 0 } folded)
                {
                    _shown[player] = folded;
                }
            }
            else if (text == "checks")
            {
                _actions.Add(new HandAction(_street, player, ActionKind.Check, 0));
            }
            else if (text.StartsWith("calls ", StringComparison.Ordinal))
            {
                Put(player, ActionKind.Call, Money(text[6..]), allIn);
            }
            else if (text.StartsWith("bets ", StringComparison.Ordinal))
            {
                Put(player, ActionKind.Bet, Money(text[5..]), allIn);
            }
            else if (RaiseText().Match(text) is { Success: true } raise)
            {
                var to = Money(raise.Groups["to"].Value);
                var increment = to - _inStreet.GetValueOrDefault(player);
                if (increment <= 0)
                {
                    throw Fail("A raise to less than the player already had in.");
                }

                _inStreet[player] = to;
                _actions.Add(new HandAction(_street, player, ActionKind.Raise, increment, to, allIn));
            }
            else if (text.StartsWith("posts small & big blinds ", StringComparison.Ordinal))
            {
                var amount = Money(text[25..]);
                _inStreet[player] = _inStreet.GetValueOrDefault(player) + Math.Min(amount, bigBlind);
                _actions.Add(new HandAction(_street, player, ActionKind.DeadBlind, amount, 0, allIn));
            }
            else if (text.StartsWith("posts small blind ", StringComparison.Ordinal))
            {
                Put(player, ActionKind.SmallBlind, Money(text[18..]), allIn);
            }
            else if (text.StartsWith("posts big blind ", StringComparison.Ordinal))
            {
                Put(player, ActionKind.BigBlind, Money(text[16..]), allIn);
            }
            else if (text.StartsWith("posts the ante ", StringComparison.Ordinal))
            {
                _actions.Add(new HandAction(_street, player, ActionKind.Ante, Money(text[15..]), 0, allIn));
            }
            else if (StraddleText().Match(text) is { Success: true } straddle)
            {
                Put(player, ActionKind.Straddle, Money(straddle.Groups["amount"].Value), allIn);
            }
            else if (text.StartsWith("shows ", StringComparison.Ordinal) || text.StartsWith("mucks ", StringComparison.Ordinal))
            {
                if (Cards(text[6..]) is { Count: > 0 } cards)
                {
                    _shown[player] = cards;
                }
            }
            else if (!Quiet().IsMatch(text))
            {
                throw Fail($"Unrecognised action \"{Shorten(text)}\".");
            }
        }

        private void Put(string player, ActionKind kind, long amount, bool allIn)
        {
            _inStreet[player] = _inStreet.GetValueOrDefault(player) + amount;
            var to = kind == ActionKind.Bet ? _inStreet[player] : 0;
            _actions.Add(new HandAction(_street, player, kind, amount, to, allIn));
        }
    }
}
