using PokerTracker.HandHistories.Model;

namespace PokerTracker.HandHistories.Checks;

/// <summary>
/// The money of a hand must add up: what the players put in (net of uncalled bets returned, plus
/// what the site added) is the pot, and the pot less the rake is what the players collected. A
/// hand that does not balance is reported, never stored.
/// </summary>
public static class HandBalance
{
    /// <summary>Null when the hand balances, else why not.</summary>
    public static string? Check(Hand hand)
    {
        // Money is counted by name: two seats of one name cannot be told apart.
        if (hand.Seats.GroupBy(s => s.Player, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1) is { } twice)
        {
            return $"Two seats are named {twice.Key}: a hand's players must have different names.";
        }

        var contributions = hand.Contributions();
        var put = contributions.Values.Sum();
        var collected = hand.Winnings.Sum(w => w.Amount);
        if (hand.Actions.Any(a => a.Amount < 0) || hand.Winnings.Any(w => w.Amount < 0) || hand.Rake < 0)
        {
            return "The hand has a negative amount.";
        }

        if (put + hand.AddedToPot != hand.TotalPot)
        {
            return $"The players put {put} in but the pot is {hand.TotalPot} (in {Unit(hand)}).";
        }

        if (hand.TotalPot - hand.Rake != collected)
        {
            return $"The pot less the rake is {hand.TotalPot - hand.Rake} but the players collected {collected} (in {Unit(hand)}).";
        }

        foreach (var (player, amount) in contributions)
        {
            if (amount < 0)
            {
                return $"{player} got back more than they put in.";
            }

            if (hand.Seat(player) is { } seat && amount > seat.Stack)
            {
                return $"{player} put in {amount}, more than their stack of {seat.Stack}.";
            }
        }

        foreach (var winning in hand.Winnings)
        {
            if (hand.Seat(winning.Player) is null)
            {
                return $"{winning.Player} collected from the pot without a seat.";
            }
        }

        return null;
    }

    private static string Unit(Hand hand) => Hand.InChips(hand.Currency) ? "chips" : $"minor units of {hand.Currency}";
}
