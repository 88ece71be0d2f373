using PokerTracker.HandHistories.Model;
using PokerTracker.SessionApi.Sessions;

namespace PokerTracker.SessionApi.Hands;

/// <summary>Which of the hands read from a file the importer takes for the player.</summary>
public static class HandAdmission
{
    /// <summary>
    /// Null when a hand read from the file can be one the player played, else why not. The statistics
    /// are the hero's, so a hand without one (watched, or its hero not seated) would be counted as
    /// imported and never shown; a date in the future or before online poker would put sessions
    /// where the player never played.
    /// </summary>
    /// <summary>The longest player name kept (twice that for a table's).</summary>
    public const int MaxName = 100;

    public static string? Refusal(Hand hand, DateTimeOffset now)
    {
        if (hand.Hero is not { Length: > 0 })
        {
            return "The hand has no hero (no \"Dealt to\" line, or a hero who is not seated): only hands you played are imported.";
        }

        if (hand.StartedAt < Limits.EarliestStart)
        {
            return $"The hand is dated {hand.StartedAt:yyyy-MM-dd}, before online hand histories existed; check the file's dates.";
        }

        // Sites keep names short (PokerStars: 12 characters for a player); one far longer is no hand a site wrote.
        if (hand.Table.Length > MaxName * 2)
        {
            return $"The table's name has {hand.Table.Length:N0} characters; a site's table names are short.";
        }

        if (hand.Seats.FirstOrDefault(s => s.Player.Length > MaxName) is { } seat)
        {
            return $"The player in seat {seat.Number} has a name of {seat.Player.Length:N0} characters; a site's player names are short.";
        }

        // A day of slack: the site's clock and time zone against this server's.
        return hand.StartedAt > now.AddDays(1) ? $"The hand is dated {hand.StartedAt:yyyy-MM-dd}, in the future; check the file's dates." : null;
    }
}
