using System.Threading.Tasks.Sources;

namespace PokerTracker.SessionApi.Live;

/// <summary>
/// What waits to be written to one live stream. A client that falls behind gets stack updates
/// coalesced (only the latest per session is kept, moved to the end so ids stay increasing),
/// but every other event is kept. Past <see cref="Capacity"/> the stream is closed instead, and
/// the client resumes with Last-Event-ID: nothing is lost either way.
/// </summary>
/// <remarks>
/// One reader (the stream's pump) waits with <see cref="WaitAsync"/> and takes everything with
/// <see cref="TakeAll"/>. The reader is woken once however many items arrive before it runs (no
/// empty wake-ups to write for), and waiting allocates nothing: the wait is a reusable value-task
/// source, and the heartbeat and the client's disconnect wake it through <see cref="Wake"/>
/// instead of a timer and a cancellation registration per wait.
/// </remarks>
public sealed class SseQueue(int capacity = 5_000) : IValueTaskSource
{
    private readonly LinkedList<LiveItem> _items = new();
    private readonly Dictionary<Guid, LinkedListNode<LiveItem>> _pendingStack = [];
    private readonly Lock _lock = new();
    private ManualResetValueTaskSourceCore<bool> _wait = new() { RunContinuationsAsynchronously = true };
    private bool _waiting;
    private bool _woken;

    public int Capacity { get; } = capacity;

    /// <summary>More items waited than it holds: the stream ends, and the client comes back with Last-Event-ID.</summary>
    public bool Overflowed { get; private set; }

    /// <summary>Its live messages may have a gap (the replica's subscription broke): the stream ends, as on an overflow.</summary>
    public bool Broken { get; private set; }

    /// <summary>The stream is to end: the client reconnects with Last-Event-ID, and the backlog fills what it missed.</summary>
    public bool Ended => Overflowed || Broken;

    /// <summary>Ends the stream: its live messages can no longer be trusted to be complete.</summary>
    public void Break()
    {
        lock (_lock)
        {
            Broken = true;
            Signal();
        }
    }

    public int Coalesced { get; private set; }

    public void Add(LiveItem item)
    {
        lock (_lock)
        {
            if (Overflowed)
            {
                return;
            }

            if (item.Coalescable && item.SessionId is { } session && _pendingStack.Remove(session, out var older))
            {
                _items.Remove(older);
                Coalesced++;
            }

            var node = _items.AddLast(item);
            if (item.Coalescable && item.SessionId is { } id)
            {
                _pendingStack[id] = node;
            }

            if (_items.Count > Capacity)
            {
                Overflowed = true;
            }

            Signal();
        }
    }

    /// <summary>Wakes the reader even with nothing to take (a heartbeat is due, or the client went away).</summary>
    public void Wake()
    {
        lock (_lock)
        {
            _woken = true;
            Signal();
        }
    }

    /// <summary>Completes when there are items, the queue overflowed, or <see cref="Wake"/> was called. One reader at a time.</summary>
    public ValueTask WaitAsync()
    {
        lock (_lock)
        {
            if (_items.Count > 0 || Ended || _woken)
            {
                _woken = false;
                return ValueTask.CompletedTask;
            }

            _wait.Reset();
            _waiting = true;
            return new ValueTask(this, _wait.Version);
        }
    }

    /// <summary>Moves every waiting item, in order, to <paramref name="into"/>.</summary>
    public void TakeAll(List<LiveItem> into)
    {
        lock (_lock)
        {
            into.AddRange(_items);
            _items.Clear();
            _pendingStack.Clear();
            _woken = false;
        }
    }

    // Under _lock. The reader's continuation runs on the thread pool, not inside the lock.
    private void Signal()
    {
        if (_waiting)
        {
            _waiting = false;
            _woken = false;
            _wait.SetResult(true);
        }
    }

    void IValueTaskSource.GetResult(short token) => _wait.GetResult(token);

    ValueTaskSourceStatus IValueTaskSource.GetStatus(short token) => _wait.GetStatus(token);

    void IValueTaskSource.OnCompleted(Action<object?> continuation, object? state, short token, ValueTaskSourceOnCompletedFlags flags) =>
        _wait.OnCompleted(continuation, state, token, flags);
}
