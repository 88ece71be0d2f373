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
    public IReadOnlyList<TiltFactor> Factors(float[] features, Assessment assessment, int top = 3)
    {
        var drops = new List<(int Index, double Drop)>();
        for (var i = 0; i < features.Length; i++)
        {
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

    private static string Reason(int feature, float value) => TiltFeatures.Names[feature] switch
    {
        "minutes_since_last_rebuy" => value < 1 ? "you just rebought" : $"you rebought {value.ToString("0", CultureInfo.InvariantCulture)} minutes ago",
        "rebuys_last_hour" => $"{value:0} rebuys in the last hour",
        "buyin_escalation" => $"your buy-ins went up to {value.ToString("0.0", CultureInfo.InvariantCulture)}× your first",
        "net_in_buyins" => value < 0 ? $"down {(-value).ToString("0.0", CultureInfo.InvariantCulture)} buy-ins this session" : $"up {value.ToString("0.0", CultureInfo.InvariantCulture)} buy-ins this session",
        "drawdown_from_peak" => $"{value.ToString("0.0", CultureInfo.InvariantCulture)} buy-ins below your best point this session",
        "session_hours" => $"{value.ToString("0.0", CultureInfo.InvariantCulture)} hours at the table",
        "hour_of_day" => $"it is {value:0}:00 where you play", // the session's time zone (UTC when it did not say)
        "breaks_taken" => value == 0 ? "no break taken yet" : $"{value:0} breaks taken",
        "minutes_since_break" => $"{value.ToString("0", CultureInfo.InvariantCulture)} minutes without a break",
        "stack_volatility" => "your stack is swinging hard",
        "last_swing" => value < 0 ? $"you just lost {(-value).ToString("0.0", CultureInfo.InvariantCulture)} buy-ins in one go" : "a big swing just now",
        "result_vs_baseline" => "this session is far below your usual results",
        "recent_losing_sessions" => $"{value:0} losing sessions in a row before this one",
        _ => TiltFeatures.Names[feature],
    };
}
