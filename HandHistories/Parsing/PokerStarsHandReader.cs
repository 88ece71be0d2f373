using System.Globalization;
using System.Text.RegularExpressions;
using PokerTracker.HandHistories.Model;
using PokerTracker.Trainer.Cards;

namespace PokerTracker.HandHistories.Parsing;

/// <summary>Reads one PokerStars hand (its lines, header first) into a <see cref="Hand"/>, or says which line it could not read.</summary>
internal static partial class PokerStarsHandReader
{
    public static HandParseResult Read(IReadOnlyList<string> lines, int firstLine)
    {
        // Blank lines carry nothing; files edited by hand have them between the header lines too.
        var kept = new List<string>(lines.Count);
        var offsets = new List<int>(lines.Count);
        for (var i = 0; i < lines.Count; i++)
        {
            var line = lines[i].TrimEnd();
            if (line.Length > 0)
            {
                kept.Add(line);
                offsets.Add(i);
            }
        }

        var state = new State(kept, offsets);
        try
        {
            return HandParseResult.Ok(firstLine, state.Read());
        }
        catch (HandFormatException e)
        {
            return HandParseResult.Failed(firstLine + e.LineOffset, state.Id, e.Message);
        }
        catch (Exception e) when (e is FormatException or OverflowException or ArgumentException or InvalidOperationException)
        {
            // A value no rule above foresaw: this hand is reported, the file's other hands are read.
            return HandParseResult.Failed(firstLine, state.Id, $"The hand could not be read ({e.Message.Split(". ")[0].TrimEnd('.')}).");
        }
    }

    private sealed partial class State(List<string> lines, List<int> offsets)
    {
        /// <summary>The most seats a PokerStars table has.</summary>
        private const int MaxSeats = 10;

        private readonly List<HandSeat> _seats = [];
        private readonly List<HandAction> _actions = [];
        private readonly List<Winning> _winnings = [];
        private readonly List<List<Card>> _boards = [[]];
        private readonly Dictionary<string, long> _inStreet = new(StringComparer.Ordinal);
        private readonly Dictionary<string, IReadOnlyList<Card>> _shown = new(StringComparer.Ordinal);
        private string[] _names = [];
        private int _line;
        private Street _street = Street.Preflop;
        private string _currency = Hand.Chips;
        private int _digits;
        private string? _hero;
        private long _totalPot = -1;
        private long _rake;
        private long _added;

        public string? Id { get; private set; }

        public Hand Read()
        {
            var header = Header().Match(lines[0]);
            if (!header.Success)
            {
                throw Fail("The first line is not a PokerStars hand header.");
            }

            Id = header.Groups["id"].Value;
            var tournament = header.Groups["tid"].Success ? header.Groups["tid"].Value : null;
            var (variant, limit) = Game(header.Groups["game"].Value.Trim());
            var (smallBlind, bigBlind) = Stakes(header.Groups["stakes"].Value, tournament is not null);
            var startedAt = Date(header.Groups["date"].Value);

            _line = 1;
            var table = TableLine().Match(At(1));
            if (!table.Success)
            {
                throw Fail("Expected the table line (\"Table '…' 6-max Seat #1 is the button\").");
            }

            var (maxSeats, button) = (Number(table.Groups["max"].Value, 2, MaxSeats, "table size"), Number(table.Groups["button"].Value, 1, MaxSeats, "button seat"));

            for (_line = 2; _line < lines.Count && SeatLine().Match(lines[_line]) is { Success: true } seat; _line++)
            {
                _seats.Add(new HandSeat(
                    Number(seat.Groups["n"].Value, 1, MaxSeats, "seat"),
                    seat.Groups["name"].Value,
                    Money(seat.Groups["stack"].Value),
                    seat.Groups["rest"].Value.Contains("sitting out", StringComparison.Ordinal) || seat.Groups["rest"].Value.Contains("out of hand", StringComparison.Ordinal),
                    []));
            }

            if (_seats.Count < 2)
            {
                throw Fail("A hand needs at least two seats.");
            }

            _names = [.. _seats.Select(s => s.Player).OrderByDescending(n => n.Length)];
            var summary = false;
            for (; _line < lines.Count; _line++)
            {
                var line = lines[_line];
                if (line.StartsWith("*** ", StringComparison.Ordinal))
                {
                    summary |= Marker(line);
                }
                else if (summary)
                {
                    SummaryLine(line);
                }
                else
                {
                    BodyLine(line, bigBlind);
                }
            }

            if (_totalPot < 0)
            {
                throw Fail("The hand has no summary (\"Total pot …\"); the file may be cut short.");
            }

            var seats = _seats.Select(s => _shown.TryGetValue(s.Player, out var cards) ? s with { Cards = cards } : s).ToList();
            return new Hand(
                PokerStarsParser.Site,
                Id,
                startedAt,
                variant,
                limit,
                _currency,
                tournament,
                smallBlind,
                bigBlind,
                _actions.Where(a => a.Kind == ActionKind.Ante).Select(a => a.Amount).DefaultIfEmpty(0).Max(),
                table.Groups["table"].Value,
                maxSeats,
                button,
                seats,
                _actions,
                [.. _boards.Where(b => b.Count > 0).Select(b => (IReadOnlyList<Card>)b)],
                _totalPot,
                _rake,
                _winnings,
                _hero,
                _added);
        }

        /// <summary>A "*** … ***" line: a new street (and its board), the show down, or the summary (true).</summary>
        private bool Marker(string line)
        {
            var name = line[4..line.IndexOf(" ***", 4, StringComparison.Ordinal)];
            var board = 0;
            if (name.StartsWith("FIRST ", StringComparison.Ordinal) || name.StartsWith("SECOND ", StringComparison.Ordinal) || name.StartsWith("THIRD ", StringComparison.Ordinal))
            {
                board = name[0] switch { 'F' => 0, 'S' => 1, _ => 2 };
                name = name[(name.IndexOf(' ', StringComparison.Ordinal) + 1)..];
            }

            Street? street = name switch
            {
                "HOLE CARDS" or "DEALING HANDS" => Street.Preflop,
                "FLOP" => Street.Flop,
                "TURN" => Street.Turn,
                "RIVER" => Street.River,
                _ => null,
            };
            if (street is { } s)
            {
                if (s != _street)
                {
                    _street = s;
                    _inStreet.Clear();
                }

                if (s != Street.Preflop)
                {
                    while (_boards.Count <= board)
                    {
                        _boards.Add([]);
                    }

                    var end = line.IndexOf(" ***", 4, StringComparison.Ordinal);
                    var text = line[(end + 4)..];
                    BoardSoFar(line[4..end], board, Cards(text[..Math.Max(0, text.LastIndexOf('['))]));
                    _boards[board] = [.. Cards(text)];
                }

                return false;
            }

            return name == "SUMMARY";
        }

        private void BodyLine(string line, long bigBlind)
        {
            if (line.StartsWith("Dealt to ", StringComparison.Ordinal))
            {
                var player = PlayerAt(line, 9) ?? throw Fail("\"Dealt to\" names nobody seated.");
                var cards = Cards(line[(9 + player.Length)..]);
                if (cards.Count > 0)
                {
                    _hero ??= player;
                    _shown[player] = cards;
                }

                return;
            }

            if (line.StartsWith("Uncalled bet (", StringComparison.Ordinal))
            {
                var m = Uncalled().Match(line);
                var player = m.Success ? PlayerAt(line, m.Groups["name"].Index) : null;
                if (player is null)
                {
                    throw Fail("Unreadable uncalled bet.");
                }

                var amount = Money(m.Groups["amount"].Value);
                _inStreet[player] = _inStreet.GetValueOrDefault(player) - amount;
                _actions.Add(new HandAction(_street, player, ActionKind.Return, amount));
                return;
            }

            if (line.StartsWith("Cash Drop to Pot", StringComparison.Ordinal))
            {
                _added += Money(line[(line.LastIndexOf(' ') + 1)..]);
                return;
            }

            var name = PlayerAt(line, 0);
            if (name is null)
            {
                return; // tournament results, table chat and moves of players not in the hand
            }

            var rest = line.AsSpan(name.Length);
            if (rest.StartsWith(" collected "))
            {
                var m = Collected().Match(rest.ToString());
                if (!m.Success)
                {
                    throw Fail("Unreadable \"collected\" line.");
                }

                _winnings.Add(new Winning(name, Money(m.Groups["amount"].Value)));
                return;
            }

            if (rest.StartsWith(" cashed out the hand"))
            {
                throw Fail("Hands cashed out before the showdown are not supported.");
            }

            if (!rest.StartsWith(": "))
            {
                return; // "joins the table", "has timed out", "said, …"
            }

            Action(name, rest[2..].ToString(), bigBlind);
        }

        private string At(int index) => index < lines.Count ? lines[index] : throw Fail("The hand ends early.");

        private HandFormatException Fail(string message) => new(offsets[Math.Min(_line, offsets.Count - 1)], message);

        private static string Shorten(string text) => text.Length <= 40 ? text : text[..40] + "…";
    }
}
