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
            return $"The players put in {Amount(hand, put)} but the pot is {Amount(hand, hand.TotalPot)}.";
        }

        if (hand.TotalPot - hand.Rake != collected)
        {
            return $"The pot less the rake is {Amount(hand, hand.TotalPot - hand.Rake)} but the players collected {Amount(hand, collected)}.";
        }

        foreach (var (player, amount) in contributions)
        {
            if (amount < 0)
            {
                return $"{player} got back more than they put in.";
            }

            if (hand.Seat(player) is { } seat && amount > seat.Stack)
            {
                return $"{player} put in {Amount(hand, amount)}, more than their stack of {Amount(hand, seat.Stack)}.";
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

    /// <summary>An amount as the hand history writes it: "1,500 chips", "2.25 USD".</summary>
    private static string Amount(Hand hand, long units)
    {
        var digits = Parsing.Amounts.Digits(hand.Currency);
        var value = ((decimal)units / (long)Math.Pow(10, digits)).ToString("N" + digits, System.Globalization.CultureInfo.InvariantCulture);
        return Hand.InChips(hand.Currency) ? $"{value} chips" : $"{value} {hand.Currency}";
    }
}
