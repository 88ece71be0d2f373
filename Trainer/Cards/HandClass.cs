namespace PokerTracker.Trainer.Cards;

/// <summary>
/// One of the 169 preflop hand classes, as the 13×13 chart shows them: row and column are ranks
/// from ace (0) down to deuce (12); the diagonal holds pairs, above it suited hands (AKs), below it
/// offsuit hands (AKo). <see cref="Index"/> is <c>row * 13 + column</c>.
/// </summary>
public readonly record struct HandClass(int Row, int Column)
{
    public const int Count = 169;

    public int Index => Row * 13 + Column;

    public bool IsPair => Row == Column;

    public bool IsSuited => Column > Row;

    /// <summary>The higher and lower rank (0 = deuce .. 12 = ace).</summary>
    public int HighRank => 12 - Math.Min(Row, Column);

    public int LowRank => 12 - Math.Max(Row, Column);

    /// <summary>Distinct two-card combinations: 6 for a pair, 4 suited, 12 offsuit.</summary>
    public int Combos => IsPair ? 6 : IsSuited ? 4 : 12;

    public static HandClass FromIndex(int index) => new(index / 13, index % 13);

    public static HandClass Of(Card a, Card b)
    {
        var (high, low) = a.Rank >= b.Rank ? (a, b) : (b, a);
        int row = 12 - high.Rank, column = 12 - low.Rank;
        return high.Rank == low.Rank ? new HandClass(row, row) : a.Suit == b.Suit ? new HandClass(row, column) : new HandClass(column, row);
    }

    public static HandClass Parse(string text)
    {
        if (text.Length is < 2 or > 3)
        {
            throw new FormatException($"'{text}' is not a hand class (e.g. AA, AKs, T9o).");
        }

        var high = Card.Ranks.IndexOf(char.ToUpperInvariant(text[0]));
        var low = Card.Ranks.IndexOf(char.ToUpperInvariant(text[1]));
        if (high < 0 || low < 0 || high < low || (high == low) != (text.Length == 2) || (text.Length == 3 && text[2] is not ('s' or 'o')))
        {
            throw new FormatException($"'{text}' is not a hand class (e.g. AA, AKs, T9o).");
        }

        int row = 12 - high, column = 12 - low;
        return high == low ? new HandClass(row, row) : text[2] == 's' ? new HandClass(row, column) : new HandClass(column, row);
    }

    /// <summary>Every two-card combination of the class.</summary>
    public IEnumerable<(Card, Card)> Hands()
    {
        for (var s1 = 0; s1 < 4; s1++)
        {
            for (var s2 = 0; s2 < 4; s2++)
            {
                var take = IsPair ? s1 < s2 : IsSuited ? s1 == s2 : s1 != s2;
                if (take)
                {
                    yield return (new Card(HighRank, s1), new Card(LowRank, s2));
                }
            }
        }
    }

    public override string ToString() =>
        IsPair ? $"{Card.Ranks[HighRank]}{Card.Ranks[HighRank]}" : $"{Card.Ranks[HighRank]}{Card.Ranks[LowRank]}{(IsSuited ? 's' : 'o')}";

    public static IEnumerable<HandClass> All() => Enumerable.Range(0, Count).Select(FromIndex);
}
