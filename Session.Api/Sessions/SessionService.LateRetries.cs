using PokerTracker.SessionApi.Accounts;
using PokerTracker.SessionApi.Infrastructure;

namespace PokerTracker.SessionApi.Sessions;

public sealed partial class SessionService
{
    /// <summary>A key this close to the end of its record's life is looked for in the session too: clocks differ.</summary>
    private static readonly TimeSpan LateRetryMargin = TimeSpan.FromHours(1);

    private static readonly TimeSpan LateRetryLookup = TimeSpan.FromSeconds(2);

    /// <summary>How far back in the live log a late retry is looked for: more than a day of stack updates a minute.</summary>
    private const int LateRetryLogReach = 2_000;

    /// <summary>
    /// A command sent again after its idempotency record lapsed (a phone that was off for a day with
    /// an action whose answer it never got) would be recorded twice. A key that says when it was made
    /// (a UUIDv7, as the app's queue makes them) and is nearly as old as a record lives is looked for
    /// among the session's events, which carry their command's key (<see cref="RecordedAsync"/>):
    /// found, the command is answered with the session as it is now, as a retry. Keys of any other
    /// form, and fresh ones, cost nothing.
    /// </summary>
    private async Task<CommandResult?> LateRetryAsync(Caller caller, Guid id, string? idempotencyKey, string fingerprint)
    {
        var now = time.GetUtcNow();
        if (idempotencyKey is null || IdempotencyKeyTime(idempotencyKey) is not { } made || made > now - (options.Value.IdempotencyTtl - LateRetryMargin))
        {
            return null;
        }

        if (await ReplayAsync(caller, idempotencyKey, fingerprint) is { } replay)
        {
            return replay;
        }

        if (!await RecordedAsync(caller, id, Guid.Parse(idempotencyKey)))
        {
            return null;
        }

        metrics.IdempotentReplay();
        SessionLog.LateRetry(logger, id, caller.UserId, made);
        return new CommandResult(SessionView.From(await LoadOwnedAsync(caller, id), now), Replayed: true);
    }

    /// <summary>
    /// Whether the session holds the event: among its last events in the live store (a running
    /// session's whole log is there, whatever the analytics store has yet), else in the analytics
    /// store (a session that left the live store), asked for a moment only: commands on live sessions
    /// do not wait on it, and without its answer the command is applied.
    /// </summary>
    private async Task<bool> RecordedAsync(Caller caller, Guid id, Guid eventId)
    {
        if (await store.HasRecentEventAsync(id, eventId.ToString(), LateRetryLogReach))
        {
            return true;
        }

        try
        {
            using var moment = new CancellationTokenSource(LateRetryLookup);
            return await history.HasEventAsync(caller.UserId, id, eventId, moment.Token);
        }
        catch (Exception e) when (e is AnalyticsUnavailableException or OperationCanceledException)
        {
            logger.LogWarning(e, "Could not look for a late retry's event in session {SessionId}; it is applied", id);
            return false;
        }
    }

    /// <summary>
    /// The ids of the events a session holds, for an import going back to a row it stopped in: a
    /// running session's whole log is in the live store, unless the session was brought back from the
    /// analytics store (its live log then starts after its first event), whose events are read too.
    /// </summary>
    public async Task<HashSet<Guid>> EventIdsAsync(Caller caller, Guid id, CancellationToken ct)
    {
        var log = await store.GetEventsAsync(id, 0);
        var events = log.Count > 0 && log[0].Sequence == 1 ? log : [.. await history.EventsAsync(caller.UserId, id, ct), .. log];
        return events.Select(e => Guid.TryParse(e.EventId, out var eventId) ? eventId : Guid.Empty).ToHashSet();
    }

    /// <summary>Whether a command with this idempotency key was recorded within the records' life.</summary>
    public async Task<bool> KeyRecordedAsync(Caller caller, string idempotencyKey) =>
        await store.GetIdempotencyRecordAsync(caller.UserId, idempotencyKey) is not null;

    /// <summary>When a UUIDv7 key was made (its first 48 bits, milliseconds since 1970); null for any other key.</summary>
    internal static DateTimeOffset? IdempotencyKeyTime(string key)
    {
        if (!Guid.TryParse(key, out var guid) || guid.Version != 7)
        {
            return null;
        }

        Span<byte> bytes = stackalloc byte[16];
        guid.TryWriteBytes(bytes, bigEndian: true, out _);
        var ms = 0L;
        for (var i = 0; i < 6; i++)
        {
            ms = (ms << 8) | bytes[i];
        }

        return DateTimeOffset.FromUnixTimeMilliseconds(ms);
    }
}
