namespace PokerTracker.Trainer.Cards;

/// <summary>
/// A card: rank 0 (deuce) to 12 (ace), suit 0 to 3 (clubs, diamonds, hearts, spades). As a bit
/// in a 64-bit hand mask: bit <c>suit * 16 + rank</c>, so each suit's ranks are one 13-bit group.
/// </summary>
public readonly record struct Card(int Rank, int Suit)
{
    public const string Ranks = "23456789TJQKA";
    public const string Suits = "cdhs";

    /// <summary>0..51, suit-major.</summary>
    public int Index => Suit * 13 + Rank;

    public ulong Mask => 1UL << (Suit * 16 + Rank);

    public static Card FromIndex(int index) => new(index % 13, index / 13);

    public static Card Parse(string text) =>
        text.Length == 2 && Ranks.IndexOf(char.ToUpperInvariant(text[0])) is >= 0 and var rank && Suits.IndexOf(char.ToLowerInvariant(text[1])) is >= 0 and var suit
            ? new Card(rank, suit)
            : throw new FormatException($"'{text}' is not a card (e.g. As, Td, 7c).");

    public override string ToString() => $"{Ranks[Rank]}{Suits[Suit]}";

    /// <summary>Every card of the deck.</summary>
    public static IEnumerable<Card> Deck() => Enumerable.Range(0, 52).Select(FromIndex);
}
