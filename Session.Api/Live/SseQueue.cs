namespace PokerTracker.SessionApi.Live;

/// <summary>
/// What waits to be written to one live stream. A client that falls behind gets stack updates
/// coalesced (only the latest per session is kept, moved to the end so ids stay increasing),
/// but every other event is kept. Past <see cref="Capacity"/> the stream is closed instead, and
/// the client resumes with Last-Event-ID: nothing is lost either way.
/// </summary>
public sealed class SseQueue(int capacity = 5_000)
{
    private readonly LinkedList<LiveItem> _items = new();
    private readonly Dictionary<Guid, LinkedListNode<LiveItem>> _pendingStack = [];
    private readonly SemaphoreSlim _signal = new(0);
    private readonly Lock _lock = new();

    public int Capacity { get; } = capacity;

    public bool Overflowed { get; private set; }

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
        }

        _signal.Release();
    }

    /// <summary>Waits for items, then takes all of them in order.</summary>
    public async Task<IReadOnlyList<LiveItem>> TakeAllAsync(TimeSpan wait, CancellationToken ct)
    {
        await _signal.WaitAsync(wait, ct);
        lock (_lock)
        {
            var all = _items.ToList();
            _items.Clear();
            _pendingStack.Clear();
            return all;
        }
    }
}
