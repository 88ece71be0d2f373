using System.ComponentModel.DataAnnotations;

namespace PokerTracker.SessionApi.Sessions;

/// <summary>How the live store makes sure the analytics store ends up with every change (see <see cref="AnalyticsReconciler"/>).</summary>
public sealed class ReconcilerOptions
{
    public const string Section = "Reconciler";

    /// <summary>Off only in tests that count what reaches Kafka; a running system always reconciles.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>How long after a session's last change the normal path (outbox → Kafka → worker) has before the reconciler checks it.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "01:00:00")]
    public TimeSpan Grace { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>How often due sessions are looked for.</summary>
    [Range(typeof(TimeSpan), "00:00:00.050", "00:10:00")]
    public TimeSpan Interval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Sessions checked against the analytics store per query.</summary>
    [Range(1, 10_000)]
    public int BatchSize { get; set; } = 500;

    /// <summary>The longest wait between two re-sends of the same session (the wait doubles from <see cref="Grace"/>).</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan MaxBackoff { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>How long to wait before checking a record again after its <paramref name="attempts"/>-th re-send.</summary>
    public TimeSpan WaitAfter(long attempts) =>
        TimeSpan.FromMilliseconds(Math.Min(MaxBackoff.TotalMilliseconds, Grace.TotalMilliseconds * Math.Pow(2, Math.Min(attempts, 20))));
}

/// <summary>
/// One more kind of record the reconciler checks against the analytics store, under its lease and
/// on its timer (sessions are its own). Returns how many records were due.
/// </summary>
public interface IAnalyticsReconciliation
{
    Task<int> ReconcileDueAsync(CancellationToken ct);
}
