namespace PokerTracker.TestSupport;

/// <summary>Hand histories written for tests.</summary>
public static class SampleHands
{
    /// <summary>A PokerStars hand where the villain folds the small blind to the hero's big blind: the hero wins $0.05.</summary>
    public static string Walk(long id, DateTime et, string table) => $"""
        PokerStars Hand #{id}:  Hold'em No Limit ($0.05/$0.10 USD) - {et:yyyy/MM/dd H:mm:ss} ET
        Table '{table}' 6-max Seat #1 is the button
        Seat 1: Villain ($10 in chips)
        Seat 2: Hero ($10 in chips)
        Villain: posts small blind $0.05
        Hero: posts big blind $0.10
        *** HOLE CARDS ***
        Dealt to Hero [Ah Kd]
        Villain: folds
        Uncalled bet ($0.05) returned to Hero
        Hero collected $0.10 from pot
        *** SUMMARY ***
        Total pot $0.10 | Rake $0
        """;
}
