using System.ComponentModel.DataAnnotations;

namespace PokerTracker.Tilt.Assessment;

public sealed class TiltOptions
{
    public const string Section = "Tilt";

    [Required]
    public string ConsumerGroup { get; set; } = "tilt-worker";

    /// <summary>The ONNX model; relative paths are from the worker's folder. Missing: the rules assess alone.</summary>
    public string ModelPath { get; set; } = "Model/tilt-model.onnx";

    /// <summary>After an alert, no other of the same kind for the session for this long.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan AlertCooldown { get; set; } = TimeSpan.FromMinutes(20);

    /// <summary>How long a session's events are kept for its features.</summary>
    [Range(typeof(TimeSpan), "01:00:00", "30.00:00:00")]
    public TimeSpan SessionStateTtl { get; set; } = TimeSpan.FromDays(2);

    /// <summary>
    /// An event recorded longer ago than this (sent again after the broker lost it) still counts
    /// for the session's features and the player's baseline, but raises no alert: the moment has passed.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:10", "1.00:00:00")]
    public TimeSpan MaxAlertAge { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>How often running sessions are checked against their duration guard between events.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan GuardSweepInterval { get; set; } = TimeSpan.FromSeconds(30);
}
