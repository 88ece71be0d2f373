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
}
