using System.Collections.Concurrent;
using PokerTracker.SharedKernel.Sessions;

namespace PokerTracker.SessionApi.Sessions;

/// <summary>
/// The running sessions this replica changed last, as each was right after its change was stored.
/// The next command on one of them starts from it (<see cref="SessionStore.LoadForChangeAsync"/>)
/// instead of reading and parsing the document: one call to Redis per command instead of two.
/// <list type="bullet">
/// <item>A command takes the state out while it works on it (it changes it), and it is put back only
/// once the change is stored: a refused, failed or raced command never leaves a state behind that
/// differs from the store, and two commands never share one.</item>
/// <item>A kept state is never stored over a newer one: the append stores a change only on the version
/// it was decided on. A change made anywhere else (another replica, a correction brought back from
/// history) moves the version on, so a command decided on a kept state that is behind stores nothing
/// and is decided again on the document (one more round trip, only then).</item>
/// <item>Bounded: when full, states unused for a while are dropped, and if that is not enough, all are.
/// Losing any of them costs one read of the document, nothing else.</item>
/// </list>
/// </summary>
public sealed class SessionStateCache(TimeProvider time)
{
    public const int Capacity = 10_000;
    private static readonly TimeSpan Idle = TimeSpan.FromMinutes(10);

    private readonly ConcurrentDictionary<Guid, (SessionState State, DateTimeOffset At)> _states = new();

    /// <summary>The session's state as this replica last stored it, now owned by the caller; null when not kept.</summary>
    public SessionState? Take(Guid id) => _states.TryRemove(id, out var entry) ? entry.State : null;

    /// <summary>Keeps a running session's state just stored (the caller no longer uses it).</summary>
    public void Put(SessionState state)
    {
        if (state.Status != SessionStatus.Active)
        {
            _states.TryRemove(state.Id, out _);
            return;
        }

        var now = time.GetUtcNow();
        if (_states.Count >= Capacity)
        {
            foreach (var (id, entry) in _states)
            {
                if (now - entry.At > Idle)
                {
                    _states.TryRemove(id, out _);
                }
            }

            if (_states.Count >= Capacity)
            {
                _states.Clear();
            }
        }

        _states[state.Id] = (state, now);
    }
}
