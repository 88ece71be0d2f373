using System.ComponentModel.DataAnnotations;

namespace PokerTracker.SessionApi.Sessions;

public sealed class SessionStoreOptions
{
    public const string Section = "Sessions";

    /// <summary>How long an ended or discarded session stays in the live store.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "365.00:00:00")]
    public TimeSpan EndedSessionTtl { get; set; } = TimeSpan.FromHours(24);

    /// <summary>An active session untouched this long is dropped (refreshed on every change).</summary>
    [Range(typeof(TimeSpan), "1.00:00:00", "365.00:00:00")]
    public TimeSpan ActiveSessionTtl { get; set; } = TimeSpan.FromDays(30);

    [Range(typeof(TimeSpan), "00:01:00", "30.00:00:00")]
    public TimeSpan IdempotencyTtl { get; set; } = TimeSpan.FromHours(24);

    /// <summary>Outbox streams; each is relayed by one replica at a time, in order.</summary>
    [Range(1, 64)]
    public int OutboxShards { get; set; } = 4;

    [Range(1, 1000)]
    public int MaxActiveSessionsFree { get; set; } = 2;

    /// <summary>Sessions a player may have in all (imported ones included): decades of live play.</summary>
    [Range(1, 10_000_000)]
    public int MaxSessionsPerPlayer { get; set; } = 20_000;

    [Range(1, 1000)]
    public int MaxActiveSessionsPremium { get; set; } = 10;
}
