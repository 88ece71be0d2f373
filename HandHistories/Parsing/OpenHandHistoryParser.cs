using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;

namespace PokerTracker.HandHistories.Parsing;

/// <summary>
/// Open Hand History (<c>.ohh</c>): one JSON object <c>{"ohh": {…}}</c> per hand, one after the
/// other (on one line each or pretty-printed). The file is scanned by characters to find where each
/// object ends; only the current object is held. A hand cut off (its object never closes) is
/// refused where the next hand starts, and reading goes on from there.
/// </summary>
public sealed class OpenHandHistoryParser : IHandHistoryParser
{
    public string Format => "Open Hand History";

    /// <summary>The most text one hand's object may take: a hand of ten players and every street is a few kilobytes.</summary>
    public const int MaxHandChars = 4 * 1024 * 1024;

    public bool Recognises(string start)
    {
        var trimmed = start.AsSpan().TrimStart("\uFEFF \r\n\t");
        return trimmed.StartsWith("{") && trimmed.IndexOf("\"ohh\"".AsSpan(), StringComparison.Ordinal) >= 0;
    }

    public async IAsyncEnumerable<HandParseResult> ParseAsync(TextReader reader, [EnumeratorCancellation] CancellationToken ct = default)
    {
        var json = new StringBuilder();
        var scanner = new ObjectScanner();
        var lineNumber = 0;
        var objectLine = 0;
        var junkReported = false;
        string? previous = null;
        while (await reader.ReadLineAsync(ct).ConfigureAwait(false) is { } line)
        {
            lineNumber++;
            if (scanner.Inside && StartsAHand(line, previous, openedOnPrevious: objectLine == lineNumber - 1) is { } startsAt)
            {
                yield return HandParseResult.Failed(objectLine, null,
                    $"The hand is cut off: its JSON object does not close before the next hand starts (line {(startsAt == StartLine.Previous ? lineNumber - 1 : lineNumber)}).");
                json.Clear();
                scanner = new ObjectScanner();
                if (startsAt == StartLine.Previous)
                {
                    // Pretty-printed: the new hand's "{" was the line before.
                    objectLine = lineNumber - 1;
                    json.Append("{\n");
                    scanner.Feed("{");
                }
            }

            if (line.AsSpan().Trim(" \t\uFEFF").Length > 0)
            {
                previous = line;
            }

            var from = 0;
            while (from < line.Length)
            {
                if (!scanner.Inside)
                {
                    var next = line.AsSpan(from).IndexOfAnyExcept(" \t\uFEFF,");
                    if (next < 0)
                    {
                        break;
                    }

                    from += next;
                    if (line[from] != '{')
                    {
                        if (!junkReported)
                        {
                            junkReported = true;
                            yield return HandParseResult.Failed(lineNumber, null, "Text outside a hand (each hand is one JSON object {\"ohh\": …}).");
                        }

                        break;
                    }

                    objectLine = lineNumber;
                    junkReported = false;
                }

                var end = scanner.Feed(line.AsSpan(from));
                if (end < 0)
                {
                    json.Append(line, from, line.Length - from).Append('\n');
                    if (json.Length > MaxHandChars)
                    {
                        // Dropped, and what follows is read as text outside a hand until the next hand starts.
                        yield return HandParseResult.Failed(objectLine, null, $"The hand goes on past {MaxHandChars / (1024 * 1024)} MB of text (line {lineNumber}): no hand is that long.");
                        json.Clear();
                        scanner = new ObjectScanner();
                        junkReported = true;
                    }

                    break;
                }

                json.Append(line, from, end + 1);
                yield return OpenHandHistoryMapper.Read(json.ToString(), objectLine);
                json.Clear();
                from += end + 1;
            }
        }

        if (scanner.Inside)
        {
            yield return HandParseResult.Failed(objectLine, null, "The file ends inside a hand (the JSON object is not closed).");
        }
    }

    private enum StartLine
    {
        This,
        Previous,
    }

    /// <summary>
    /// Whether <paramref name="line"/> starts a new hand while one is still open: <c>{"ohh":</c> at the
    /// start of a line, or <c>"ohh":</c> right after a line holding only <c>{</c> (pretty-printed) that
    /// did not open the current hand. "ohh" is only ever the name of a hand's top-level member.
    /// </summary>
    private static StartLine? StartsAHand(string line, string? previous, bool openedOnPrevious)
    {
        var text = line.AsSpan().TrimStart(" \t\uFEFF,");
        if (text.StartsWith("{") && text[1..].TrimStart(" \t").StartsWith("\"ohh\"", StringComparison.Ordinal))
        {
            return StartLine.This;
        }

        return !openedOnPrevious && text.StartsWith("\"ohh\"", StringComparison.Ordinal) && previous is not null && previous.AsSpan().Trim(" \t\uFEFF,").SequenceEqual("{")
            ? StartLine.Previous
            : null;
    }

    /// <summary>Tracks braces outside JSON strings to find where an object ends.</summary>
    private sealed class ObjectScanner
    {
        private int _depth;
        private bool _inString;
        private bool _escaped;

        public bool Inside => _depth > 0;

        /// <summary>The index of the character that closes the object, or −1 when it goes on.</summary>
        public int Feed(ReadOnlySpan<char> text)
        {
            for (var i = 0; i < text.Length; i++)
            {
                var c = text[i];
                if (_inString)
                {
                    if (_escaped)
                    {
                        _escaped = false;
                    }
                    else if (c == '\\')
                    {
                        _escaped = true;
                    }
                    else if (c == '"')
                    {
                        _inString = false;
                    }
                }
                else if (c == '"')
                {
                    _inString = true;
                }
                else if (c == '{')
                {
                    _depth++;
                }
                else if (c == '}' && --_depth == 0)
                {
                    return i;
                }
            }

            return -1;
        }
    }

    internal static JsonDocumentOptions JsonOptions { get; } = new() { MaxDepth = 16 };
}
