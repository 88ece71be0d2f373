namespace PokerTracker.TestSupport;

/// <summary>Hand histories written for tests.</summary>
public static class SampleHands
{
    /// <summary>A PokerStars hand where the villain folds the small blind to the hero's big blind: the hero wins $0.05.</summary>
    public static string Walk(long id, DateTime et, string table) => Walk(id, et, table, 0.05m);

    /// <summary>The same walk at blinds of <paramref name="smallBlind"/> and twice that: the hero wins the small blind.</summary>
    public static string Walk(long id, DateTime et, string table, decimal smallBlind) => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"""
        PokerStars Hand #{id}:  Hold'em No Limit (${smallBlind:0.00}/${2 * smallBlind:0.00} USD) - {et:yyyy/MM/dd H:mm:ss} ET
        Table '{table}' 6-max Seat #1 is the button
        Seat 1: Villain ($10 in chips)
        Seat 2: Hero ($10 in chips)
        Villain: posts small blind ${smallBlind:0.00}
        Hero: posts big blind ${2 * smallBlind:0.00}
        *** HOLE CARDS ***
        Dealt to Hero [Ah Kd]
        Villain: folds
        Uncalled bet (${smallBlind:0.00}) returned to Hero
        Hero collected ${2 * smallBlind:0.00} from pot
        *** SUMMARY ***
        Total pot ${2 * smallBlind:0.00} | Rake $0
        """);
}
