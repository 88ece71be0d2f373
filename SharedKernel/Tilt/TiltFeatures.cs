using PokerTracker.Contracts.Events;
using PokerTracker.Contracts.Sessions;
using PokerTracker.SharedKernel.Sessions;

namespace PokerTracker.SharedKernel.Tilt;

/// <summary>What the player's past sessions say about their normal results.</summary>
public sealed record PlayerBaseline(int Sessions, double AverageNetInBuyIns, int LosingStreak)
{
    public static PlayerBaseline None { get; } = new(0, 0, 0);

    /// <summary>The baseline after one more ended session.</summary>
    public PlayerBaseline After(double netInBuyIns) => new(
        Sessions + 1,
        (AverageNetInBuyIns * Math.Min(Sessions, 49) + netInBuyIns) / (Math.Min(Sessions, 49) + 1), // ~last 50 sessions
        netInBuyIns < 0 ? LosingStreak + 1 : 0);
}

/// <summary>
/// The one feature extractor, used to train the tilt model (on simulated sessions) and to score
/// live sessions in Tilt.Worker: the same events give the same numbers, bit for bit.
/// Money is measured in buy-ins (of the session's first buy-in), time in minutes or hours.
/// </summary>
public static class TiltFeatures
{
    public static readonly string[] Names =
    [
        "minutes_since_last_rebuy", "rebuys_last_hour", "buyin_escalation", "net_in_buyins", "drawdown_from_peak",
        "session_hours", "hour_of_day", "breaks_taken", "minutes_since_break", "stack_volatility", "last_swing",
        "result_vs_baseline", "recent_losing_sessions",
    ];

    public static int Count => Names.Length;

    /// <summary>The player's local hour (their time zone from the session start; UTC when unknown).</summary>
    public static int LocalHour(DateTimeOffset at, string timeZone) =>
        timeZone.Length > 0 && TimeZoneInfo.TryFindSystemTimeZoneById(timeZone, out var zone)
            ? TimeZoneInfo.ConvertTime(at, zone).Hour
            : at.UtcDateTime.Hour;

    /// <summary>Features of a session as of its last event (<paramref name="events"/> in sequence order).</summary>
    public static float[] Extract(IReadOnlyList<SessionEventEnvelope> events, PlayerBaseline baseline)
    {
        var state = new SessionState();
        DateTimeOffset start = default, now = default, lastRebuy = default, lastBreakEnd = default;
        long firstBuyIn = 0, lastBuyIn = 0;
        var buyIns = new List<DateTimeOffset>();
        var equities = new List<double>();
        double peak = double.MinValue;
        foreach (var e in events)
        {
            state.Apply(e);
            now = e.OccurredAt.ToDateTimeOffset();
            switch (e.PayloadCase)
            {
                case SessionEventEnvelope.PayloadOneofCase.SessionStarted:
                    start = e.SessionStarted.StartedAt.ToDateTimeOffset();
                    lastRebuy = lastBreakEnd = start;
                    if (e.SessionStarted.Tournament is { } t)
                    {
                        firstBuyIn = lastBuyIn = t.BuyIn + t.Fee;
                    }

                    break;
                case SessionEventEnvelope.PayloadOneofCase.BuyInAdded:
                    if (firstBuyIn == 0)
                    {
                        firstBuyIn = e.BuyInAdded.Amount;
                    }
                    else
                    {
                        lastRebuy = now;
                        buyIns.Add(now);
                    }

                    lastBuyIn = e.BuyInAdded.Amount;
                    break;
                case SessionEventEnvelope.PayloadOneofCase.BreakEnded:
                    lastBreakEnd = now;
                    break;
            }

            if (e.PayloadCase == SessionEventEnvelope.PayloadOneofCase.StackUpdated && state.LastStack is { } stack)
            {
                var unit = Math.Max(1, firstBuyIn);
                var equity = (double)(stack - state.TotalInvested) / unit;
                equities.Add(equity);
                peak = Math.Max(peak, equity);
            }
        }

        var buyIn = Math.Max(1.0, firstBuyIn);
        var net = equities.Count > 0 ? equities[^1] : -(state.TotalInvested - (state.LastStack ?? state.TotalInvested)) / buyIn;
        var swings = equities.Zip(equities.Skip(1), (a, b) => b - a).ToList();
        var volatility = swings.Count > 1 ? Math.Sqrt(swings.Select(s => s * s).Average() - Math.Pow(swings.Average(), 2)) : 0;
        return
        [
            (float)Math.Min(240, (now - lastRebuy).TotalMinutes),
            buyIns.Count(t => now - t <= TimeSpan.FromHours(1)),
            (float)(lastBuyIn / buyIn),
            (float)net,
            (float)(equities.Count > 0 ? Math.Max(0, peak - equities[^1]) : 0),
            (float)state.PlayingTime(now).TotalHours,
            LocalHour(now, state.TimeZone),
            state.Breaks.Count,
            (float)Math.Min(480, (now - lastBreakEnd).TotalMinutes),
            (float)volatility,
            (float)(swings.Count > 0 ? swings[^1] : 0),
            (float)(net - baseline.AverageNetInBuyIns),
            baseline.LosingStreak,
        ];
    }
}
