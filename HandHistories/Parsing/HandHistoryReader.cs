using System.Runtime.CompilerServices;
using PokerTracker.HandHistories.Checks;

namespace PokerTracker.HandHistories.Parsing;

/// <summary>
/// Reads a hand-history file of any known format: picks the parser from the file's first
/// characters, then yields every hand, checked (a hand whose money does not balance comes back as
/// an error, not as a hand).
/// </summary>
public sealed class HandHistoryReader(IEnumerable<IHandHistoryParser> parsers)
{
    private const int Sniff = 512;

    public static HandHistoryReader Default { get; } = new([new PokerStarsParser(), new OpenHandHistoryParser()]);

    public IReadOnlyList<IHandHistoryParser> Parsers { get; } = [.. parsers];

    /// <summary>The parser for a file that starts with <paramref name="start"/>, or null for a format no parser knows.</summary>
    public IHandHistoryParser? For(string start) => Parsers.FirstOrDefault(p => p.Recognises(start));

    /// <summary>
    /// The hands of <paramref name="reader"/>; <paramref name="format"/> is set once the format is known.
    /// Throws <see cref="UnknownFormatException"/> when no parser recognises the file.
    /// </summary>
    public async IAsyncEnumerable<HandParseResult> ReadAsync(TextReader reader, Action<string>? format = null, [EnumeratorCancellation] CancellationToken ct = default)
    {
        var buffer = new char[Sniff];
        var read = 0;
        while (read < Sniff && await reader.ReadAsync(buffer.AsMemory(read), ct).ConfigureAwait(false) is > 0 and var n)
        {
            read += n;
        }

        var start = new string(buffer, 0, read);
        var parser = For(start) ?? throw new UnknownFormatException();
        format?.Invoke(parser.Format);
        using var whole = new PrefixedReader(start, new BoundedLineReader(reader));
        await foreach (var result in parser.ParseAsync(whole, ct).ConfigureAwait(false))
        {
            if (result.Hand is { } hand && (HandBalance.Check(hand) ?? HandCards.Check(hand)) is { } error)
            {
                yield return HandParseResult.Failed(result.Line, hand.Id, error);
            }
            else
            {
                yield return result;
            }
        }
    }

    /// <summary>The characters read to recognise the format, then the rest of the reader; read by lines, as the parsers do.</summary>
    private sealed class PrefixedReader(string prefix, TextReader rest) : TextReader
    {
        private int _at;

        public override int Peek() => _at < prefix.Length ? prefix[_at] : rest.Peek();

        public override int Read() => _at < prefix.Length ? prefix[_at++] : rest.Read();

        public override string? ReadLine() => _at < prefix.Length ? FromPrefix(rest.ReadLine) : rest.ReadLine();

        public override async ValueTask<string?> ReadLineAsync(CancellationToken cancellationToken)
        {
            if (_at >= prefix.Length)
            {
                return await rest.ReadLineAsync(cancellationToken).ConfigureAwait(false);
            }

            var tail = await EndOfPrefixLineAsync(cancellationToken).ConfigureAwait(false);
            return FromPrefix(() => tail);
        }

        public override Task<string?> ReadLineAsync() => ReadLineAsync(CancellationToken.None).AsTask();

        /// <summary>The rest of the line when the prefix ends inside it (read ahead only in that case).</summary>
        private async ValueTask<string?> EndOfPrefixLineAsync(CancellationToken ct) =>
            prefix.AsSpan(_at).IndexOfAny('\r', '\n') < 0 ? await rest.ReadLineAsync(ct).ConfigureAwait(false) : null;

        private string FromPrefix(Func<string?> tail)
        {
            var span = prefix.AsSpan(_at);
            var end = span.IndexOfAny('\r', '\n');
            if (end < 0)
            {
                _at = prefix.Length;
                return span.ToString() + tail();
            }

            var line = span[..end].ToString();
            _at += end + 1;
            if (span[end] == '\r')
            {
                if (_at < prefix.Length && prefix[_at] == '\n')
                {
                    _at++;
                }
                else if (_at == prefix.Length && rest.Peek() == '\n')
                {
                    rest.Read();
                }
            }

            return line;
        }
    }
}

/// <summary>No parser recognises the file.</summary>
public sealed class UnknownFormatException() : Exception("The file is not a hand history this app reads (PokerStars text or Open Hand History).");
