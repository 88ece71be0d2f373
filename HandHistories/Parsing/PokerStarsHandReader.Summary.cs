using PokerTracker.Trainer.Cards;

namespace PokerTracker.HandHistories.Parsing;

/// <summary>The boards a hand deals, street by street, and its summary, which must agree with them.</summary>
internal static partial class PokerStarsHandReader
{
    private sealed partial class State
    {
        /// <summary>
        /// A street's line repeats the board so far before its new cards ("*** TURN *** [2c 8d Jh] [4s]"):
        /// what it repeats must be what was dealt (a second board's, run twice, starts as the first).
        /// </summary>
        private void BoardSoFar(string street, int board, IReadOnlyList<Card> repeated)
        {
            var dealt = _boards[board].Count > 0 || board == 0 ? _boards[board] : _boards[0].Take(repeated.Count).ToList();
            if (!repeated.SequenceEqual(dealt))
            {
                throw Fail($"The {street.ToLowerInvariant()} line shows the board as [{string.Join(' ', repeated)}], but [{string.Join(' ', dealt)}] was dealt.");
            }
        }

        private void SummaryLine(string line)
        {
            if (line.StartsWith("Total pot ", StringComparison.Ordinal))
            {
                var m = TotalPot().Match(line);
                if (!m.Success)
                {
                    throw Fail("Unreadable total pot.");
                }

                _totalPot = Money(m.Groups["pot"].Value);
                _rake = Money(m.Groups["rake"].Value);
            }
            else if (SummaryBoard().Match(line) is { Success: true } named)
            {
                // The summary's board is the one the streets dealt.
                var board = named.Groups["which"].Value switch { "" or "FIRST" => 0, "SECOND" => 1, _ => 2 };
                var summary = Cards(line);
                var dealt = board < _boards.Count ? _boards[board] : [];
                if (!summary.SequenceEqual(dealt))
                {
                    throw Fail($"The summary's board [{string.Join(' ', summary)}] is not the one dealt [{string.Join(' ', dealt)}].");
                }
            }
            else if (line.StartsWith("Seat ", StringComparison.Ordinal) && SummarySeat().Match(line) is { Success: true } seat)
            {
                var player = PlayerAt(line, seat.Groups["name"].Index);
                if (player is not null && !_shown.ContainsKey(player))
                {
                    var cards = Cards(line[(seat.Groups["name"].Index + player.Length)..]);
                    if (cards.Count > 0)
                    {
                        _shown[player] = cards;
                    }
                }
            }
        }
    }
}
