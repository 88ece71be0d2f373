using System.ComponentModel.DataAnnotations;

namespace PokerTracker.Analytics.Ingestion;

public sealed class AnalyticsOptions
{
    public const string Section = "Analytics";

    /// <summary>The consumer group; every worker instance in it shares the partitions.</summary>
    [Required]
    public string ConsumerGroup { get; set; } = "analytics-worker";

    /// <summary>A batch is written at most this long after its first event arrived.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:00:10")]
    public TimeSpan FlushInterval { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>...or as soon as it holds this many events.</summary>
    [Range(1, 100_000)]
    public int MaxBatch { get; set; } = 5_000;

    /// <summary>Records behind beyond which /health reports "lagging" (degraded).</summary>
    [Range(1, int.MaxValue)]
    public long LagWarning { get; set; } = 50_000;

    /// <summary>Sessions whose state is kept in memory between batches.</summary>
    [Range(100, 10_000_000)]
    public int CachedSessions { get; set; } = 200_000;

    /// <summary>The read-only user to create on a ClickHouse server (published); empty: none.</summary>
    public string? ReaderUser { get; set; }

    public string? ReaderPassword { get; set; }
}
