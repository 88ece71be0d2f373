using PokerTracker.SessionApi.Infrastructure;

namespace PokerTracker.SessionApi.Sessions;

/// <summary>The request is valid but the session's state does not allow it now (409).</summary>
public sealed class SessionConflictException(string detail) : ProblemException(409, "The session cannot do that now.", detail)
{
    public override string Code => "CONFLICT";
}

/// <summary>A note edit started from a text the note no longer has: it was changed elsewhere meanwhile (409).</summary>
public sealed class NoteChangedException(long sequence)
    : ProblemException(409, "The note has changed.", $"Note #{sequence} was changed elsewhere (on another device?) since it was opened for editing: nothing was saved. Read it as it is now, then edit it again.")
{
    public override string Code => "NOTE_CHANGED";

    /// <summary>The app tells this refusal from the other conflicts of an edit (a discarded session, notes too long) by its code.</summary>
    public override IReadOnlyDictionary<string, object?> Extensions { get; } = new Dictionary<string, object?> { ["code"] = "NOTE_CHANGED" };
}

/// <summary>The player reached one of their quotas: sessions, events in a session, corrections (422).</summary>
public sealed class QuotaExceededException(string detail) : ProblemException(422, "Quota reached.", detail)
{
    public override string Code => "QUOTA";
}

/// <summary>No such note in the session (404).</summary>
public sealed class NoteNotFoundException(long sequence) : ProblemException(404, "Note not found.", $"The session has no note #{sequence} (it may have been deleted).")
{
    public override string Code => "NOT_FOUND";
}

public sealed class ExpenseNotFoundException(long sequence) : ProblemException(404, "Expense not found.", $"The session has no expense #{sequence} (it may have been deleted).")
{
    public override string Code => "NOT_FOUND";
}

/// <summary>No such session for this player (404): another player's session is reported the same way.</summary>
public sealed class SessionNotFoundException(Guid id) : ProblemException(404, "Session not found.", $"Session {id} was not found.")
{
    public Guid SessionId { get; } = id;

    public override string Code => "NOT_FOUND";
}

/// <summary>The same idempotency key came back with a different request (422).</summary>
public sealed class IdempotencyKeyReusedException()
    : ProblemException(422, "Idempotency key reused.", "This Idempotency-Key was already used for a different request.")
{
    public override string Code => "IDEMPOTENCY_KEY_REUSED";
}

/// <summary>If-Match named a version that is no longer current (412).</summary>
public sealed class VersionMismatchException(long expected, long actual)
    : ProblemException(412, "The session has changed.", $"The session is at version {actual}, not {expected}.")
{
    public long Actual { get; } = actual;

    public override string Code => "STALE";
}

/// <summary>Collects field errors, then throws them together.</summary>
internal sealed class Violations
{
    // Made at the first error: almost every command has none.
    private Dictionary<string, List<string>>? _errors;

    public void Add(string field, string message)
    {
        _errors ??= new(StringComparer.Ordinal);
        if (!_errors.TryGetValue(field, out var list))
        {
            _errors[field] = list = [];
        }

        list.Add(message);
    }

    public void When(bool broken, string field, string message)
    {
        if (broken)
        {
            Add(field, message);
        }
    }

    public void ThrowIfAny()
    {
        if (_errors is { Count: > 0 })
        {
            throw new InvalidInputException(_errors.ToDictionary(e => e.Key, e => e.Value.ToArray()));
        }
    }
}
