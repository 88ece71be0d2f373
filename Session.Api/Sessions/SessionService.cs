using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using Google.Protobuf.WellKnownTypes;
using Microsoft.Extensions.Options;
using PokerTracker.Contracts.Events;
using PokerTracker.Contracts.Sessions;
using PokerTracker.SessionApi.Infrastructure;
using PokerTracker.SessionApi.Accounts;
using PokerTracker.SharedKernel.Sessions;

namespace PokerTracker.SessionApi.Sessions;

/// <summary>The outcome of a command: the session after it, and whether it was an idempotent replay.</summary>
public sealed record CommandResult(SessionView Session, bool Replayed);

/// <summary>
/// The one domain service behind REST and GraphQL: loads a session, lets the decider rule on the
/// command, and appends the events atomically with optimistic concurrency (retrying on a race),
/// so concurrent commands never lose an update or break the sequence.
/// </summary>
public sealed partial class SessionService(
    SessionStore store,
    AnalyticsStore history,
    TimeProvider time,
    IOptions<SessionStoreOptions> options,
    SessionMetrics metrics,
    ILogger<SessionService> logger)
{
    private const int MaxAttempts = 200;

    public async Task<CommandResult> StartAsync(Caller caller, StartSessionCommand command, string? idempotencyKey, bool imported = false)
    {
        var now = Now();
        command = command with { Currency = Currencies.Normalize(command.Currency) };
        // An imported row always becomes the same session, so a file imported again — even after
        // its idempotency records have expired, or saved again with its text typed another way —
        // finds its sessions instead of adding them twice.
        var id = imported && idempotencyKey is not null ? ImportedSessionId(caller.UserId, idempotencyKey) : Guid.CreateVersion7(now);
        if (imported && await TryLoadAsync(caller, id) is { } present)
        {
            return new CommandResult(SessionView.From(present, now), Replayed: true);
        }

        var fingerprint = idempotencyKey is null ? "" : RequestFingerprint.Of("start", Guid.Empty, command);
        if (await ReplayAsync(caller, idempotencyKey, fingerprint) is { } replay)
        {
            return replay;
        }

        var events = SessionDecider.Start(command, now, imported);
        var state = new SessionState();

        // Imported sessions end right after they start: they do not count against the running limit.
        var maxActive = imported ? -1 : caller.IsPremium ? options.Value.MaxActiveSessionsPremium : options.Value.MaxActiveSessionsFree;
        var result = await AppendAsync(caller, id, state, events, idempotencyKey, fingerprint, maxActive, now);
        if (!imported && result is { Replayed: false })
        {
            SessionLog.Started(logger, id, caller.UserId, result.Session.Kind, result.Session.Format);
        }

        return result ?? throw new SessionConflictException(
            $"You already have {maxActive} active sessions; end one first{(caller.IsPremium ? "" : " (premium allows more)")}.");
    }

    // imported: a row of an imported file (the import logs one line for the whole file, not one per session).
    public async Task<CommandResult> ChangeAsync<TCommand>(Caller caller, Guid id, TCommand command, string? idempotencyKey, long? ifMatch, bool imported = false)
        where TCommand : ISessionCommand
    {
        // The append checks the idempotency key in the same step as it writes (a retry whose first
        // attempt was recorded gets that attempt's answer), so the usual command reads nothing first.
        // A retry that the session as it is now refuses (a second cash-out, a stale If-Match) is
        // answered from its record too.
        var fingerprint = idempotencyKey is null ? "" : RequestFingerprint.Of(command.Operation, id, command);
        if (await LateRetryAsync(caller, id, idempotencyKey, fingerprint) is { } late)
        {
            return late;
        }

        try
        {
            return await DecideAndAppendAsync(caller, id, command, idempotencyKey, fingerprint, ifMatch, imported);
        }
        catch (ProblemException) when (idempotencyKey is not null)
        {
            if (await ReplayAsync(caller, idempotencyKey, fingerprint) is { } replay)
            {
                return replay;
            }

            throw;
        }
    }

    private async Task<CommandResult> DecideAndAppendAsync<TCommand>(
        Caller caller, Guid id, TCommand command, string? idempotencyKey, string fingerprint, long? ifMatch, bool imported)
        where TCommand : ISessionCommand
    {
        for (var attempt = 1; attempt <= MaxAttempts; attempt++)
        {
            // A kept state can be behind the store, which the append catches, but not a precondition on
            // the version: with one, the session is read from the store.
            var (state, fromHistory) = await LoadAsync(caller, id, forChange: ifMatch is null);
            if (fromHistory)
            {
                // Corrections and discards of old sessions: bring the document back, then as usual.
                await store.RehydrateAsync(state);
            }

            if (ifMatch is { } expected && expected != state.Version)
            {
                throw new VersionMismatchException(expected, state.Version);
            }

            var now = Now();
            var events = new[] { command.Decide(state, now) };
            if (await AppendAsync(caller, id, state, events, idempotencyKey, fingerprint, -1, now) is { } result)
            {
                if (!imported && command is EndSessionCommand && result is { Replayed: false, Session: var ended })
                {
                    SessionLog.Ended(logger, id, caller.UserId, ended.Kind, ended.Totals.PlayingMinutes, ended.Totals.NetResult, ended.Currency);
                }

                return result;
            }

            metrics.ConcurrencyRetry();
            await Task.Delay(Random.Shared.Next(0, Math.Min(20, attempt)));
        }

        throw new SessionConflictException("The session is changing too fast; try again.");
    }

    /// <summary>Refuses (422) when <paramref name="more"/> new sessions would take the player past their quota.</summary>
    public async Task EnsureRoomForAsync(Caller caller, int more)
    {
        var have = await store.CountSessionsAsync(caller.UserId);
        if (have + more > options.Value.MaxSessionsPerPlayer)
        {
            throw new QuotaExceededException(
                $"You have {have} sessions; {more} more would pass the {options.Value.MaxSessionsPerPlayer} one player can keep.");
        }
    }

    /// <returns>null when another command changed the session first (or, for a start, the active limit was hit).</returns>
    private async Task<CommandResult?> AppendAsync(
        Caller caller, Guid id, SessionState state, IReadOnlyList<SessionEventEnvelope> events,
        string? idempotencyKey, string fingerprint, int maxActive, DateTimeOffset now)
    {
        var (expected, startedBefore, statusBefore) = (state.Version, state.StartedAt, state.Status);
        var feed = new List<byte[]>(events.Count);
        var stacks = new List<long?>(events.Count);
        SessionTotals? totals = null;
        for (var i = 0; i < events.Count; i++)
        {
            var e = events[i];
            e.EventId = (i == 0 && Guid.TryParse(idempotencyKey, out var clientId) ? clientId : Guid.CreateVersion7(now)).ToString();
            e.SessionId = id.ToString();
            e.UserId = caller.UserId;
            e.Sequence = expected + i + 1;
            e.RecordedAt = Timestamp.FromDateTimeOffset(now);
            e.SchemaVersion = 1;
            var late = state.ComesBeforeLastPoint(e);
            state.Apply(e);
            stacks.Add(state.StackChangedBy(e));
            if (late)
            {
                await RedrawPeakAsync(caller, state, e, events.Take(i + 1).Zip(stacks));
            }

            totals = SessionTotals.From(state, now);
            feed.Add(LiveEventJson.Serialize(e, state, totals));
        }

        var view = totals is null ? SessionView.From(state, now) : SessionView.From(state, totals);
        // Small and bounded whatever the session holds: the view is read again on a replay.
        var record = idempotencyKey is null ? null : $"{fingerprint}|{id:N}|{state.Version}";
        var outcome = await store.AppendAsync(new AppendRequest(
            state, expected, events, feed, stacks, idempotencyKey, record, maxActive, Activity.Current?.Id ?? "", now,
            expected == 0 ? options.Value.MaxSessionsPerPlayer : -1,
            IndexChanged: expected == 0 || state.StartedAt != startedBefore,
            StatusChanged: expected == 0 || state.Status != statusBefore));
        switch (outcome.Status)
        {
            case AppendStatus.Ok:
                store.Stored(state);
                foreach (var e in events)
                {
                    metrics.EventRecorded(e.TypeName());
                }

                return new CommandResult(view, Replayed: false);
            case AppendStatus.Duplicate:
                return await FromRecordAsync(caller, outcome.Detail, fingerprint);
            case AppendStatus.Quota:
                throw new QuotaExceededException($"You have {options.Value.MaxSessionsPerPlayer} sessions, the most one player can keep.");
            default:
                return null;
        }
    }

    private async Task<CommandResult?> ReplayAsync(Caller caller, string? idempotencyKey, string fingerprint)
    {
        if (idempotencyKey is null)
        {
            return null;
        }

        var record = await store.GetIdempotencyRecordAsync(caller.UserId, idempotencyKey);
        return record is null ? null : await FromRecordAsync(caller, record, fingerprint);
    }

    /// <summary>
    /// The answer to a retried command: the session as that command left it, rebuilt from its
    /// log (the record keeps only the fingerprint, session and version); when the log no longer
    /// reaches back that far, the session as it is now.
    /// </summary>
    private async Task<CommandResult> FromRecordAsync(Caller caller, string record, string fingerprint)
    {
        var parts = record.Split('|');
        if (parts.Length != 3 || !Guid.TryParseExact(parts[1], "N", out var sessionId) || !long.TryParse(parts[2], out var version))
        {
            throw new InvalidOperationException("An idempotency record is not in the expected form.");
        }

        if (parts[0] != fingerprint)
        {
            throw new IdempotencyKeyReusedException();
        }

        metrics.IdempotentReplay();
        var state = await LoadOwnedAsync(caller, sessionId);
        if (state.Version != version)
        {
            var log = await store.GetEventsAsync(sessionId, 0);
            if (log.Count >= version && log[0].Sequence == 1)
            {
                state = SessionState.Replay(log.TakeWhile(e => e.Sequence <= version));
            }
        }

        return new CommandResult(SessionView.From(state, time.GetUtcNow()), Replayed: true);
    }

    /// <summary>The session an imported row becomes: always the same for the same player and row.</summary>
    /// <summary>
    /// The time a command is recorded at, to the millisecond, as the app times entries and the live store keeps
    /// its chart: an entry the phone timed in the same millisecond as one timed here is not taken as earlier.
    /// </summary>
    private DateTimeOffset Now()
    {
        var now = time.GetUtcNow();
        return now.AddTicks(-(now.UtcTicks % TimeSpan.TicksPerMillisecond));
    }

    internal static Guid ImportedSessionId(string userId, string importKey) => NamedGuid.Of($"import|{userId}|{importKey}");
}
