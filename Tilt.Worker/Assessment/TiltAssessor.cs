using System.Globalization;
using PokerTracker.Contracts.Events;
using PokerTracker.SharedKernel.Tilt;

namespace PokerTracker.Tilt.Assessment;

public sealed record Assessment(double Score, TiltLevel Level, AssessmentSource Source);

/// <summary>
/// Scores a session with the model, or with the rules when the model is missing or fails, and
/// explains a score in plain words.
/// </summary>
public sealed class TiltAssessor(TiltModel model, TiltMetrics metrics, ILogger<TiltAssessor> logger)
{
    public bool ModelAvailable => model.IsLoaded;

    /// <param name="cashGame">The model learnt cash games; a tournament (re-entries and add-ons are part of it) is scored by the rules.</param>
    public Assessment Assess(float[] features, bool cashGame = true)
    {
        if (cashGame && model.IsLoaded)
        {
            try
            {
                var score = model.Score(features);
                var level = RuleBasedAssessor.Level(score, TiltThresholds.ModelMedium, TiltThresholds.ModelHigh);
                metrics.Assessed("model", level);
                return new Assessment(score, level, AssessmentSource.Model);
            }
            catch (Exception ex) when (ex is Microsoft.ML.OnnxRuntime.OnnxRuntimeException or InvalidOperationException)
            {
                logger.LogWarning("Tilt inference failed ({Reason}); using the rules", ex.Message);
            }
        }

        var rules = RuleBasedAssessor.Score(features);
        var byRules = RuleBasedAssessor.Level(rules, TiltThresholds.RulesMedium, TiltThresholds.RulesHigh);
        metrics.Assessed("rules", byRules);
        return new Assessment(rules, byRules, AssessmentSource.Rules);
    }

    /// <summary>
    /// The strongest contributors: each feature is set back to a calm player's value in turn, and
    /// the ones whose removal lowers the score most are named (occlusion; the model's own view).
    /// </summary>
    /// <param name="rebought">Whether the session has had a rebuy: without one, the time since the buy-in is not "since you rebought".</param>
    public IReadOnlyList<TiltFactor> Factors(float[] features, Assessment assessment, bool rebought, int top = 3)
    {
        var drops = new List<(int Index, double Drop)>();
        for (var i = 0; i < features.Length; i++)
        {
            if (!Telling(i, features, rebought))
            {
                continue;
            }

            var calm = (float[])features.Clone();
            calm[i] = Calm[i];
            var without = assessment.Source == AssessmentSource.Model && model.IsLoaded ? model.Score(calm) : RuleBasedAssessor.Score(calm);
            drops.Add((i, assessment.Score - without));
        }

        return drops.Where(d => d.Drop > 0.01).OrderByDescending(d => d.Drop).Take(top)
            .Select(d => new TiltFactor { Feature = TiltFeatures.Names[d.Index], Value = features[d.Index], Reason = Reason(d.Index, features[d.Index]) })
            .ToList();
    }

    public static string Recommendation(TiltLevel level) => level == TiltLevel.High
        ? "Stop for today: cash out and come back fresh."
        : "Take a 15-minute break away from the table.";

    /// <summary>What a calm player's features look like (an hour in, no rebuys, even, after a break).</summary>
    private static readonly float[] Calm = [240, 0, 1, 0, 0, 1, 20, 1, 60, 0.2f, 0, 0, 0];

    private static readonly int SessionHours = Array.IndexOf(TiltFeatures.Names, "session_hours");

    /// <summary>
    /// Whether a feature's value is one a player would recognise as a warning sign. The model may lean on
    /// any feature, but "no break taken yet" ten minutes in, "up 3 buy-ins" or "it is 20:00" tell the
    /// player nothing: such a feature is not named (the score stays the model's).
    /// </summary>
    private static bool Telling(int feature, float[] f, bool rebought)
    {
        var value = f[feature];
        return TiltFeatures.Names[feature] switch
        {
            "minutes_since_last_rebuy" => rebought && value < 60,
            "rebuys_last_hour" or "recent_losing_sessions" => value >= 1,
            "buyin_escalation" => value > 1,
            "net_in_buyins" or "last_swing" or "result_vs_baseline" => value < 0,
            "drawdown_from_peak" => value >= 0.5,
            "session_hours" => value >= 2,
            "hour_of_day" => value is >= 23 or < 7,
            "breaks_taken" => value == 0 && f[SessionHours] >= 1.5, // a break is due after an hour and a half or so
            "minutes_since_break" => value >= 90,
            "stack_volatility" => value > Calm[feature],
            _ => true,
        };
    }

    private static string Reason(int feature, float value) => TiltFeatures.Names[feature] switch
    {
        "minutes_since_last_rebuy" => value < 1 ? "you just rebought" : $"you rebought {value.ToString("0", CultureInfo.InvariantCulture)} minutes ago",
        "rebuys_last_hour" => value is >= 0.5f and < 1.5f ? "1 rebuy in the last hour" : $"{value.ToString("0", CultureInfo.InvariantCulture)} rebuys in the last hour",
        "buyin_escalation" => $"your buy-ins went up to {value.ToString("0.0", CultureInfo.InvariantCulture)}× your first",
        "net_in_buyins" => $"down {(-value).ToString("0.0", CultureInfo.InvariantCulture)} buy-ins this session",
        "drawdown_from_peak" => $"{value.ToString("0.0", CultureInfo.InvariantCulture)} buy-ins below your best point this session",
        "session_hours" => $"{value.ToString("0.0", CultureInfo.InvariantCulture)} hours at the table",
        "hour_of_day" => $"it is {value:0}:00 where you play", // the session's time zone (UTC when it did not say)
        "breaks_taken" => "no break taken yet",
        "minutes_since_break" => $"{value.ToString("0", CultureInfo.InvariantCulture)} minutes without a break",
        "stack_volatility" => "your stack is swinging hard",
        "last_swing" => $"you just lost {(-value).ToString("0.0", CultureInfo.InvariantCulture)} buy-ins in one go",
        "result_vs_baseline" => "this session is far below your usual results",
        "recent_losing_sessions" => $"{value:0} losing sessions in a row before this one",
        _ => TiltFeatures.Names[feature],
    };
}
