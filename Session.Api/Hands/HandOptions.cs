using System.ComponentModel.DataAnnotations;

namespace PokerTracker.SessionApi.Hands;

/// <summary>Limits of hand-history imports: no single player can fill the stores or the machine.</summary>
public sealed class HandOptions
{
    public const string Section = "Hands";

    /// <summary>The largest upload (a file, a zip, or several files in one form).</summary>
    [Range(1024, 1024L * 1024 * 1024)]
    public long MaxUploadBytes { get; set; } = Contracts.RequestLimits.HandUploadBytes;

    /// <summary>Hands per event (and per Redis script call).</summary>
    [Range(1, 2_000)]
    public int BatchSize { get; set; } = 250;

    /// <summary>Hands a player may keep (the record of which hands were imported lives in the live store).</summary>
    [Range(1, 100_000_000)]
    public int MaxHandsPerPlayer { get; set; } = 1_000_000;

    /// <summary>New hands a player may import per UTC day.</summary>
    [Range(1, 100_000_000)]
    public int MaxHandsPerDay { get; set; } = 200_000;

    /// <summary>Imports read at once on one replica, once their upload has arrived; more wait up to 30 s, then a 429.</summary>
    [Range(1, 64)]
    public int ConcurrentImports { get; set; } = 2;

    /// <summary>Refused hands listed per file in the report (all are counted).</summary>
    [Range(1, 10_000)]
    public int ProblemsListed { get; set; } = 100;

    /// <summary>Minutes without a hand after which the next hand starts a new online session.</summary>
    [Range(1, 24 * 60)]
    public int SessionGapMinutes { get; set; } = 30;
}
