using PokerTracker.Contracts.Events;

namespace PokerTracker.SharedKernel.Tilt;

/// <summary>
/// The rule-based tilt score: a weighted checklist over the same features as the model. It is
/// the baseline the model is measured against, and the fallback when the model is unavailable.
/// </summary>
public static class RuleBasedAssessor
{
    public static double Score(float[] f)
    {
        var score = 0.0;
        if (f[1] >= 2) score += 0.25;                                   // loss-chasing: rebuys in quick succession
        if (f[2] >= 1.5) score += 0.2;                                  // escalating buy-ins
        if (f[4] >= 1.5) score += 0.2;                                  // deep drawdown from the session's peak
        if (f[6] is >= 1 and < 6 && f[5] >= 5) score += 0.15;           // fatigue: long and late
        if (f[10] <= -0.6) score += 0.1;                                // a big hit just now (bad beat)
        if (f[8] >= 240 && f[5] >= 4) score += 0.1;                     // no break for hours
        return Math.Min(1, score);
    }

    public static TiltLevel Level(double score, double medium, double high) =>
        score >= high ? TiltLevel.High : score >= medium ? TiltLevel.Medium : TiltLevel.Low;
}
