namespace PokerTracker.SessionApi.Domain;

/// <summary>The request is well-formed but some fields break the rules; each field says why.</summary>
public sealed class SessionValidationException(IDictionary<string, string[]> errors)
    : Exception("One or more fields are invalid: " + string.Join("; ", errors.Select(e => $"{e.Key}: {string.Join(", ", e.Value)}")))
{
    public IDictionary<string, string[]> Errors { get; } = errors;
}

/// <summary>The request is valid but the session's state does not allow it now (409).</summary>
public sealed class SessionConflictException(string detail) : Exception(detail);

/// <summary>The player reached one of their quotas: sessions, events in a session, corrections (422).</summary>
public sealed class QuotaExceededException(string detail) : Exception(detail);

/// <summary>No such session for this player (404): another player's session is reported the same way.</summary>
public sealed class SessionNotFoundException(Guid id) : Exception($"Session {id} was not found.")
{
    public Guid SessionId { get; } = id;
}

/// <summary>The same idempotency key came back with a different request (422).</summary>
public sealed class IdempotencyKeyReusedException()
    : Exception("This Idempotency-Key was already used for a different request.");

/// <summary>If-Match named a version that is no longer current (412).</summary>
public sealed class VersionMismatchException(long expected, long actual)
    : Exception($"The session is at version {actual}, not {expected}.")
{
    public long Actual { get; } = actual;
}

/// <summary>Collects field errors, then throws them together.</summary>
internal sealed class Violations
{
    private readonly Dictionary<string, List<string>> _errors = new(StringComparer.Ordinal);

    public void Add(string field, string message)
    {
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
        if (_errors.Count > 0)
        {
            throw new SessionValidationException(_errors.ToDictionary(e => e.Key, e => e.Value.ToArray()));
        }
    }
}
