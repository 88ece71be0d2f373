using System.Text;

namespace PokerTracker.HandHistories.Parsing;

/// <summary>
/// Reads lines of at most <see cref="MaxLine"/> characters: the rest of a longer line is read and
/// dropped, and the line comes back cut at <see cref="MaxLine"/> + 1 characters, so the parser sees a
/// line too long to be part of a hand and refuses that hand. A file of one endless line costs a
/// bounded buffer, never the memory of the whole file. The inner reader stays its owner's to dispose.
/// </summary>
internal sealed class BoundedLineReader(TextReader inner) : TextReader
{
    /// <summary>8 million characters: far past any hand (a one-line Open Hand History hand is a few kilobytes).</summary>
    public const int MaxLine = 8 * 1024 * 1024;

    private readonly char[] _buffer = new char[16 * 1024];
    private int _at;
    private int _end;

    public override int Peek() => Fill(CancellationToken.None).AsTask().GetAwaiter().GetResult() ? _buffer[_at] : -1;

    public override int Read() => Fill(CancellationToken.None).AsTask().GetAwaiter().GetResult() ? _buffer[_at++] : -1;

    public override string? ReadLine() => ReadLineAsync(CancellationToken.None).AsTask().GetAwaiter().GetResult();

    public override Task<string?> ReadLineAsync() => ReadLineAsync(CancellationToken.None).AsTask();

    public override async ValueTask<string?> ReadLineAsync(CancellationToken cancellationToken)
    {
        if (!await Fill(cancellationToken).ConfigureAwait(false))
        {
            return null;
        }

        StringBuilder? line = null;
        while (true)
        {
            var span = _buffer.AsSpan(_at, _end - _at);
            var end = span.IndexOfAny('\r', '\n');
            var piece = end < 0 ? span : span[..end];
            if (line is null && end >= 0)
            {
                // The common case: the whole line is in the buffer.
                _at += end + 1;
                var whole = piece.ToString();
                await SkipLineFeedAfter(span[end], cancellationToken).ConfigureAwait(false);
                return whole;
            }

            line ??= new StringBuilder();
            line.Append(piece[..Math.Min(piece.Length, Math.Max(0, MaxLine + 1 - line.Length))]);
            if (end >= 0)
            {
                _at += end + 1;
                await SkipLineFeedAfter(span[end], cancellationToken).ConfigureAwait(false);
                return line.ToString();
            }

            _at = _end;
            if (!await Fill(cancellationToken).ConfigureAwait(false))
            {
                return line.ToString();
            }
        }
    }

    private async ValueTask SkipLineFeedAfter(char ended, CancellationToken ct)
    {
        if (ended == '\r' && await Fill(ct).ConfigureAwait(false) && _buffer[_at] == '\n')
        {
            _at++;
        }
    }

    private async ValueTask<bool> Fill(CancellationToken ct)
    {
        if (_at < _end)
        {
            return true;
        }

        _at = 0;
        _end = await inner.ReadAsync(_buffer.AsMemory(), ct).ConfigureAwait(false);
        return _end > 0;
    }
}
