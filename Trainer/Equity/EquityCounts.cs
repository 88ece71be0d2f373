namespace PokerTracker.Trainer.Equity;

/// <summary>All-in showdown outcomes of the first hand against the second, counted over boards (and combinations).</summary>
public readonly record struct EquityCounts(long FirstWins, long SecondWins, long Ties)
{
    public long Total => FirstWins + SecondWins + Ties;

    /// <summary>The first hand's share of the pot: wins plus half the ties.</summary>
    public double FirstEquity => Total == 0 ? 0 : (FirstWins + Ties / 2.0) / Total;

    public EquityCounts Swapped => new(SecondWins, FirstWins, Ties);

    public static EquityCounts operator +(EquityCounts x, EquityCounts y) => new(x.FirstWins + y.FirstWins, x.SecondWins + y.SecondWins, x.Ties + y.Ties);

    public static EquityCounts operator *(EquityCounts x, int weight) => new(x.FirstWins * weight, x.SecondWins * weight, x.Ties * weight);
}
