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

    public async IAsyncEnumerable<HandParseResult> ParseAsync(TextReader reader, [EnumeratorCancellation] CancellationToken ct = default)
    {
        var block = new List<string>(64);
        var blockLine = 0;
        var lineNumber = 0;
        while (await reader.ReadLineAsync(ct).ConfigureAwait(false) is { } line)
        {
            lineNumber++;
            if (line.Length > 0 && line[0] == '\uFEFF')
            {
                line = line.TrimStart('\uFEFF'); // files joined end to end keep each one's byte order mark
            }

            if (IsHandStart(line))
            {
                if (block.Count > 0)
                {
                    yield return PokerStarsHandReader.Read(block, blockLine);
                }

                block.Clear();
                blockLine = lineNumber;
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
                            block.Add(skipped);
                            blockLine = lineNumber;
                            break;
                        }
                    }
                }

                continue;
            }

            block.Add(line);
        }

        if (block.Count > 0)
        {
            yield return PokerStarsHandReader.Read(block, blockLine);
        }
    }

    internal static bool IsHandStart(string line) =>
        line.StartsWith("PokerStars ", StringComparison.Ordinal)
        && (line.Contains(" Hand #", StringComparison.Ordinal) || line.Contains(" Game #", StringComparison.Ordinal));
}
