using PokerTracker.HandHistories.Model;
using PokerTracker.Trainer.Cards;

namespace PokerTracker.HandHistories.Checks;

/// <summary>
/// The cards of a hand must be possible: no player holds more cards than the game deals, and no card
/// is seen twice — in two hands, or in a hand and on the board. A hand with impossible cards would
/// give wrong equities and all-in figures: it is reported, never stored.
/// </summary>
public static class HandCards
{
    /// <summary>Null when the cards are possible, else why not.</summary>
    public static string? Check(Hand hand)
    {
        var dealt = hand.Variant switch { GameVariant.Holdem => 2, GameVariant.Omaha => 4, _ => 5 };
        var holders = new Dictionary<Card, string>();
        foreach (var seat in hand.Seats)
        {
            if (seat.Cards.Count > dealt)
            {
                return $"{seat.Player} holds {seat.Cards.Count} cards ({string.Join(' ', seat.Cards)}); {hand.Game} deals {dealt}.";
            }

            foreach (var card in seat.Cards)
            {
                if (!holders.TryAdd(card, seat.Player))
                {
                    return holders[card] == seat.Player
                        ? $"{seat.Player} holds {card} twice."
                        : $"{card} is in both {holders[card]}'s and {seat.Player}'s hands.";
                }
            }
        }

        // Run twice, the boards share their first cards: each board is checked with the hands on its own.
        foreach (var board in hand.Boards)
        {
            if (board.Count > 5)
            {
                return $"The board has {board.Count} cards ({string.Join(' ', board)}).";
            }

            var seen = new HashSet<Card>();
            foreach (var card in board)
            {
                if (!seen.Add(card))
                {
                    return $"{card} is on the board twice.";
                }

                if (holders.TryGetValue(card, out var holder))
                {
                    return $"{card} is both on the board and in {holder}'s hand.";
                }
            }
        }

        return null;
    }
}
