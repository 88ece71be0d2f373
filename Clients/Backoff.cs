namespace PokerTracker.Clients;

/// <summary>Exponential back-off between retries of something that failed for a passing reason: the wait doubles up to a ceiling.</summary>
public sealed class Backoff(TimeSpan first, TimeSpan max, TimeProvider time)
{
    private TimeSpan _next;
    private bool _started;

    /// <summary>The wait the next <see cref="WaitAsync"/> will take.</summary>
    public TimeSpan Next => _started ? _next : first;

    /// <summary>Waits, and doubles the next wait (up to the ceiling).</summary>
    public async Task WaitAsync(CancellationToken ct)
    {
        var wait = Next;
        _started = true;
        _next = TimeSpan.FromTicks(Math.Min(max.Ticks, wait.Ticks * 2));
        await Task.Delay(wait, time, ct);
    }

    /// <summary>Back to the first, short wait after a success.</summary>
    public void Reset() => _started = false;
}
