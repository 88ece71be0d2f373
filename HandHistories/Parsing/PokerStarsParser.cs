using System.Runtime.CompilerServices;

namespace PokerTracker.HandHistories.Parsing;

/// <summary>
/// PokerStars text hand histories (English): cash games, Zoom, tournaments and sit &amp; gos, hold'em
/// and Omaha. A file is read line by line and split at each hand's first line; only the current
/// hand's lines are held, so memory does not grow with the file.
/// </summary>
public sealed class PokerStarsParser : IHandHistoryParser
{
    public const string Site = "PokerStars";

    public string Format => Site;

    public bool Recognises(string start) => IsHandStart(start.TrimStart('\uFEFF', ' ', '\r', '\n', '\t'));

    /// <summary>The longest line of a hand: a header, a seat or an action is a line of a few dozen characters.</summary>
    public const int MaxLineLength = 2_000;

    /// <summary>The most lines of a hand: ten seats playing four streets come to about a hundred.</summary>
    public const int MaxHandLines = 2_000;

    public async IAsyncEnumerable<HandParseResult> ParseAsync(TextReader reader, [EnumeratorCancellation] CancellationToken ct = default)
    {
        var block = new List<string>(64);
        var blockLine = 0;
        var lineNumber = 0;
        // The first line that makes the current hand one no player's file holds (too long, or one line too many).
        string? oversized = null;
        // Its number, read from the header as it starts, so that a hand refused unread is still named.
        string? blockId = null;
        HandParseResult Hand() => oversized is null ? PokerStarsHandReader.Read(block, blockLine) : HandParseResult.Failed(blockLine, blockId, oversized);
        while (await reader.ReadLineAsync(ct).ConfigureAwait(false) is { } line)
        {
            lineNumber++;
            if (line.Length > 0 && line[0] == '\uFEFF')
            {
                line = line.TrimStart('\uFEFF'); // files joined end to end keep each one's byte order mark
            }

            if (IsHandStart(line))
            {
                if (block.Count > 0 || oversized is not null)
                {
                    yield return Hand();
                }

                block.Clear();
                blockLine = lineNumber;
                blockId = PokerStarsHandReader.IdOf(line);
                oversized = null;
            }
            else if (block.Count == 0)
            {
                if (!string.IsNullOrWhiteSpace(line))
                {
                    yield return HandParseResult.Failed(lineNumber, null, "Text outside a hand (a hand starts with \"PokerStars Hand #\").");
                    while (await reader.ReadLineAsync(ct).ConfigureAwait(false) is { } skipped)
                    {
                        lineNumber++;
                        if (IsHandStart(skipped))
                        {
                            block.Add(skipped.Length > MaxLineLength ? "" : skipped);
                            blockLine = lineNumber;
                            blockId = PokerStarsHandReader.IdOf(skipped);
                            oversized = skipped.Length > MaxLineLength ? $"Line {lineNumber} is longer than {MaxLineLength:N0} characters: no line of a hand is." : null;
                            break;
                        }
                    }
                }

                continue;
            }

            if (oversized is null && line.Length > MaxLineLength)
            {
                oversized = $"Line {lineNumber} is longer than {MaxLineLength:N0} characters: no line of a hand is.";
            }
            else if (oversized is null && block.Count >= MaxHandLines)
            {
                oversized = $"The hand goes on past {MaxHandLines:N0} lines (line {lineNumber}): no hand is that long.";
            }

            if (oversized is null)
            {
                block.Add(line);
            }
        }

        if (block.Count > 0 || oversized is not null)
        {
            yield return Hand();
        }
    }

    internal static bool IsHandStart(string line) =>
        line.StartsWith("PokerStars ", StringComparison.Ordinal)
        && (line.Contains(" Hand #", StringComparison.Ordinal) || line.Contains(" Game #", StringComparison.Ordinal));
}
