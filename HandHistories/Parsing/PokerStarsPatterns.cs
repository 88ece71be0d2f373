using System.Text.RegularExpressions;

namespace PokerTracker.HandHistories.Parsing;

/// <summary>The lines of a PokerStars hand, as patterns.</summary>
internal static partial class PokerStarsHandReader
{
    // "PokerStars Hand #233215318497:  Hold'em No Limit ($0.01/$0.02 USD) - 2021/12/05 14:26:06 CET [2021/12/05 8:26:06 ET]"
    // "PokerStars Hand #208475834756: Tournament #2820542452, $0.98+$0.12 USD Hold'em No Limit - Level I (10/20) - 2020/02/06 19:02:29 ET"
    [GeneratedRegex(@"^PokerStars (?:Zoom |Home Game |Fast Fold )?(?:Hand|Game) #(?<id>\d+):\s+(?:Tournament #(?<tid>\d+),\s+(?:Freeroll|\S+(?: [A-Z]{3})?)\s+)?(?<game>.+?)\s+(?:- (?:Match Round \S+, )?Level \S+\s+)?\((?<stakes>[^()]*)\)(?:\s+-\s+(?<date>.*))?$")]
    private static partial Regex Header();

    /// <summary>The hand's number from the start of its header, however the rest of the line goes on.</summary>
    public static string? IdOf(string header) => HandNumber().Match(header) is { Success: true } m ? m.Groups["id"].Value : null;

    [GeneratedRegex(@"^PokerStars (?:Zoom |Home Game |Fast Fold )?(?:Hand|Game) #(?<id>\d{1,30}):")]
    private static partial Regex HandNumber();

    [GeneratedRegex(@"^Table '(?<table>.*)' (?<max>\d+)-max(?: \([^)]*\))? Seat #(?<button>\d+) is the button")]
    private static partial Regex TableLine();

    [GeneratedRegex(@"^Seat (?<n>\d+): (?<name>.+) \((?<stack>[^ ()]+) in chips(?:, [^)]*)?\)(?<rest>.*)$")]
    private static partial Regex SeatLine();

    [GeneratedRegex(@"^Seat \d+: (?<name>.)")]
    private static partial Regex SummarySeat();

    [GeneratedRegex(@"^(?:(?<which>FIRST|SECOND|THIRD) )?Board \[")]
    private static partial Regex SummaryBoard();

    [GeneratedRegex(@"^Uncalled bet \((?<amount>[^)]+)\) returned to (?<name>.+)$")]
    private static partial Regex Uncalled();

    [GeneratedRegex(@"^ collected (?<amount>\S+) from (?:pot|main pot|side pot(?:-\d+)?)\s*$")]
    private static partial Regex Collected();

    [GeneratedRegex(@"^raises \S+ to (?<to>\S+)$")]
    private static partial Regex RaiseText();

    [GeneratedRegex(@"^(?:posts )?straddle (?<amount>\S+)$")]
    private static partial Regex StraddleText();

    [GeneratedRegex(@"^Total pot (?<pot>\S+).*\| Rake (?<rake>[^ |]+)")]
    private static partial Regex TotalPot();

    [GeneratedRegex(@" and has reached the \S+ cap$")]
    private static partial Regex CapReached();

    [GeneratedRegex(@"\[([^\]]*)\]")]
    private static partial Regex Bracketed();

    /// <summary>A date and its zone; PokerStars gives the date in ET in brackets after the player's local one.</summary>
    [GeneratedRegex(@"^\s*(?<at>\d{4}/\d{2}/\d{2} \d{1,2}:\d{2}:\d{2}) (?<zone>[A-Z]+)")]
    private static partial Regex DateText();

    /// <summary>Statements that move no money.</summary>
    [GeneratedRegex(@"^(?:doesn't show hand|is sitting out|sits out|is connected|is disconnected|has timed out.*|mucks hand|returned to the table|leaves the table|will be allowed to play after the button|discards.*|stands pat)$")]
    private static partial Regex Quiet();
}

/// <summary>A line of a hand that could not be read; <see cref="LineOffset"/> is counted from the hand's first line.</summary>
internal sealed class HandFormatException(int lineOffset, string message) : Exception(message)
{
    public int LineOffset { get; } = lineOffset;
}
