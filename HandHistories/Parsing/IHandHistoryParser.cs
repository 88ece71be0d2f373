using PokerTracker.HandHistories.Model;

namespace PokerTracker.HandHistories.Parsing;

/// <summary>One hand read from a file: the hand, or why it could not be read (and where).</summary>
public sealed record HandParseResult(int Line, string? HandId, Hand? Hand, string? Error)
{
    public static HandParseResult Ok(int line, Hand hand) => new(line, hand.Id, hand, null);

    public static HandParseResult Failed(int line, string? handId, string error) => new(line, handId, null, error);
}

/// <summary>
/// A site's hand-history format. A new site is a new implementation: <see cref="Recognises"/> looks
/// at the start of a file, <see cref="ParseAsync"/> reads it hand by hand, holding one hand at a time.
/// </summary>
public interface IHandHistoryParser
{
    /// <summary>The format's name in reports ("PokerStars", "Open Hand History").</summary>
    string Format { get; }

    /// <summary>True when the first non-blank characters of a file are this format's.</summary>
    bool Recognises(string start);

    IAsyncEnumerable<HandParseResult> ParseAsync(TextReader reader, CancellationToken ct = default);
}
