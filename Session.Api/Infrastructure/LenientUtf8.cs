using System.Text;

namespace PokerTracker.SessionApi.Infrastructure;

/// <summary>
/// UTF-8 for the files players upload, reading any byte that is not UTF-8 as Windows-1252: the
/// "ANSI" encoding Notepad, Excel's plain "CSV" and older poker clients save in on Windows. A file
/// in euros ("€0.25" is the single byte 0x80 there) or with "Doña" in it reads as typed instead of
/// as replacement characters. Valid UTF-8 is never changed.
/// </summary>
public static class LenientUtf8
{
    private static readonly Encoding Windows1252 = CodePagesEncodingProvider.Instance.GetEncoding(1252)
        ?? throw new InvalidOperationException("Windows-1252 is not available.");

    public static Encoding Encoding { get; } = Encoding.GetEncoding("utf-8", EncoderFallback.ReplacementFallback, new Windows1252Fallback());

    private sealed class Windows1252Fallback : DecoderFallback
    {
        public override int MaxCharCount => 4; // UTF-8 reports at most 3 bytes of a broken sequence at a time

        public override DecoderFallbackBuffer CreateFallbackBuffer() => new Buffer();

        private sealed class Buffer : DecoderFallbackBuffer
        {
            private string _chars = "";
            private int _next;

            public override int Remaining => _chars.Length - _next;

            public override bool Fallback(byte[] bytesUnknown, int index)
            {
                _chars = Windows1252.GetString(bytesUnknown);
                _next = 0;
                return _chars.Length > 0;
            }

            public override char GetNextChar() => _next < _chars.Length ? _chars[_next++] : '\0';

            public override bool MovePrevious()
            {
                if (_next == 0)
                {
                    return false;
                }

                _next--;
                return true;
            }

            public override void Reset() => (_chars, _next) = ("", 0);
        }
    }
}
