using PokerTracker.Contracts.Events;
using PokerTracker.SessionApi.Accounts;
using PokerTracker.SharedKernel.Sessions;

namespace PokerTracker.SessionApi.Sessions;

/// <summary>The reads: a player's sessions, their charts and events, from the live store or, once gone from it, the analytics store.</summary>
public sealed partial class SessionService
{
    public async Task<SessionView> GetAsync(Caller caller, Guid id) =>
        SessionView.From(await LoadOwnedAsync(caller, id), time.GetUtcNow());

    public async Task<SessionPage> ListAsync(Caller caller, string? status, int limit, string? cursor)
    {
        var (items, next) = await store.ListAsync(caller.UserId, status, limit, cursor,
            ids => history.SessionsAsync(caller.UserId, ids, CancellationToken.None));
        var now = time.GetUtcNow();
        return new SessionPage(items.Select(s => SessionSummary.From(s, now)).ToList(), next);
    }

    /// <summary>
    /// The stack chart, drawn in time order (<see cref="SharedKernel.Sessions.SessionState.Chart"/>): from the
    /// live store's points while it holds the whole session; once the session has left it (or came back from
    /// history for a correction, with a log that starts late), from the events the analytics store holds plus
    /// any the live log has after them.
    /// </summary>
    public async Task<IReadOnlyList<StackPoint>> GetStackAsync(Caller caller, Guid id)
    {
        var (state, fromHistory) = await LoadAsync(caller, id);
        IEnumerable<(long Sequence, DateTimeOffset At, long Amount)> logged;
        if (!fromHistory && !await store.IsRehydratedAsync(id))
        {
            logged = (await store.GetStackAsync(id)).Select(p => (p.Sequence, p.At, p.Amount));
        }
        else
        {
            var stored = await history.EventsAsync(caller.UserId, id, CancellationToken.None);
            var last = stored.Count > 0 ? stored[^1].Sequence : 0;
            var live = fromHistory ? [] : await store.GetEventsAsync(id, last);
            logged = SessionState.StackSeries(stored.Concat(live));
        }

        return WithStartingStack(state, state.Chart(logged).Select(p => new StackPoint(Ms(p.At), p.Amount, p.Sequence)).ToList());
    }

    /// <summary>
    /// A stack change sent late (before a point the chart has) can move the points after it: the chart is
    /// drawn again with it and this command's earlier points, and its highest point kept in the event as the peak.
    /// </summary>
    private async Task RedrawPeakAsync(
        Caller caller, SharedKernel.Sessions.SessionState state, SessionEventEnvelope e, IEnumerable<(SessionEventEnvelope Event, long? Point)> pending)
    {
        var logged = (await GetStackAsync(caller, state.Id)).Select(p => (p.Sequence, p.At, p.Amount))
            .Concat(pending.Where(p => p.Point is not null).Select(p => (p.Event.Sequence, p.Event.OccurredAt.ToDateTimeOffset(), p.Point!.Value)));
        state.AdoptChartPeak(e, state.Chart(logged).Max(p => p.Amount));
    }

    /// <summary>A tournament's chart starts with its starting stack, when its terms give one (a cash game's with its buy-in already).</summary>
    private static List<StackPoint> WithStartingStack(SharedKernel.Sessions.SessionState state, List<StackPoint> points)
    {
        if (state.Tournament?.StartingStack is { } starting && (points.Count == 0 || points[0].At > Ms(state.StartedAt)))
        {
            points.Insert(0, new StackPoint(Ms(state.StartedAt), starting, 0)); // no event of its own: sequence 0
        }

        return points;
    }

    /// <summary>A chart's time to the millisecond, as the live series keeps its points.</summary>
    private static DateTimeOffset Ms(DateTimeOffset at) => DateTimeOffset.FromUnixTimeMilliseconds(at.ToUnixTimeMilliseconds());

    public async Task<IReadOnlyList<SessionEventEnvelope>> GetEventsAsync(Caller caller, Guid id, long afterSequence)
    {
        await LoadOwnedAsync(caller, id);
        return await store.GetEventsAsync(id, afterSequence);
    }

    /// <summary>
    /// The caller's own session; anyone else's is "not found", never "forbidden". A session that
    /// has left the live store (ended longer ago than its TTL) is read from the analytics store.
    /// </summary>
    public async Task<SessionState> LoadOwnedAsync(Caller caller, Guid id) =>
        (await LoadAsync(caller, id)).State;

    /// <param name="forChange">For a command that changes the session: the caller owns the state it gets.</param>
    private async Task<(SessionState State, bool FromHistory)> LoadAsync(Caller caller, Guid id, bool forChange = false)
    {
        var state = forChange ? await store.LoadForChangeAsync(id) : await store.LoadAsync(id);
        if (state is not null)
        {
            return state.OwnerId == caller.UserId ? (state, false) : throw new SessionNotFoundException(id);
        }

        var old = (await history.SessionsAsync(caller.UserId, [id], CancellationToken.None)).FirstOrDefault();
        return old is not null ? (old, true) : throw new SessionNotFoundException(id);
    }

    /// <summary>Which of these sessions the player has (running or ended; a discarded one is gone for them, unless asked for).</summary>
    public async Task<IReadOnlySet<Guid>> HeldAsync(Caller caller, IReadOnlyCollection<Guid> ids, bool evenDiscarded = false)
    {
        var held = new HashSet<Guid>();
        var missing = new List<Guid>();
        foreach (var chunk in ids.Distinct().Chunk(100))
        {
            var states = await Task.WhenAll(chunk.Select(store.LoadAsync));
            for (var i = 0; i < chunk.Length; i++)
            {
                if (states[i] is null) missing.Add(chunk[i]);
                else if (states[i]!.OwnerId == caller.UserId && (evenDiscarded || states[i]!.Status != SessionStatus.Discarded)) held.Add(chunk[i]);
            }
        }

        foreach (var chunk in missing.Chunk(500)) // the ids travel in the query's parameters
        {
            held.UnionWith((await history.SessionsAsync(caller.UserId, chunk, CancellationToken.None))
                .Where(s => evenDiscarded || s.Status != SessionStatus.Discarded).Select(s => s.Id));
        }

        return held;
    }

    private async Task<SessionState?> TryLoadAsync(Caller caller, Guid id)
    {
        try
        {
            return await LoadOwnedAsync(caller, id);
        }
        catch (SessionNotFoundException)
        {
            return null;
        }
    }
}
