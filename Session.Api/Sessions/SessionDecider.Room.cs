using PokerTracker.SharedKernel.Sessions;

namespace PokerTracker.SessionApi.Sessions;

/// <summary>
/// How much a session holds. Its document is written whole with each of its commands and read whole
/// with each look at it, so each list in it is bounded: one player's session cannot grow into
/// megabytes that every write of it, and the store everybody shares, carries.
/// </summary>
public static partial class SessionDecider
{
    private static void EnsureRoom(int count, int max, string what)
    {
        if (count >= max)
        {
            throw new SessionConflictException($"A session holds at most {max} {what}.");
        }
    }

    /// <summary>Room for one more note, or for a note's new text, in count and in characters.</summary>
    private static void EnsureRoomForNote(SessionState s, string text, NoteEntry? replacing)
    {
        if (replacing is null)
        {
            EnsureRoom(s.Notes.Count, Limits.MaxNotes, "notes");
        }

        var characters = s.Notes.Sum(n => (long)n.Text.Length) - (replacing?.Text.Length ?? 0) + text.Trim().Length;
        if (characters > Limits.MaxNoteCharacters && (replacing is null || text.Trim().Length > replacing.Text.Length))
        {
            throw new SessionConflictException(
                string.Create(System.Globalization.CultureInfo.InvariantCulture, $"A session's notes hold at most {Limits.MaxNoteCharacters:N0} characters in all: shorten or delete one, or write on in another session."));
        }
    }

    /// <summary>
    /// A note's time on an ended session: the end when none is given, and no later than the end (written
    /// after the cash-out was tapped, and sent after it from the same queue, it is still that session's).
    /// An expense dated after the end is refused instead: money is not moved silently.
    /// </summary>
    private static DateTimeOffset? AtOrEnd(SessionState s, DateTimeOffset? at) => s.EndedAt is { } end && (at is null || at > end) ? end : at;
}
