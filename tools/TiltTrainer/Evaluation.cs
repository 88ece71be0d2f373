namespace PokerTracker.Tools.TiltTrainer;

/// <summary>Held-out quality of a score: ranking (AUC), decisions at a threshold, and calibration.</summary>
public sealed record ScoreQuality(double Auc, double Threshold, double Precision, double Recall, double Brier, IReadOnlyList<CalibrationBin> Calibration)
{
    public static ScoreQuality Of(IReadOnlyList<(double Score, bool Label)> scored, double threshold)
    {
        var tp = scored.Count(s => s.Score >= threshold && s.Label);
        var fp = scored.Count(s => s.Score >= threshold && !s.Label);
        var fn = scored.Count(s => s.Score < threshold && s.Label);
        var bins = scored.GroupBy(s => Math.Min(9, (int)(s.Score * 10))).OrderBy(g => g.Key)
            .Select(g => new CalibrationBin(g.Key / 10.0, (g.Key + 1) / 10.0, g.Count(), g.Average(s => s.Score), g.Average(s => s.Label ? 1.0 : 0.0)))
            .ToList();
        return new ScoreQuality(
            AreaUnderCurve(scored),
            threshold,
            tp + fp == 0 ? 0 : (double)tp / (tp + fp),
            tp + fn == 0 ? 0 : (double)tp / (tp + fn),
            scored.Average(s => Math.Pow(s.Score - (s.Label ? 1 : 0), 2)),
            bins);
    }

    /// <summary>Probability that a random tilted moment scores above a random calm one (ties count half).</summary>
    public static double AreaUnderCurve(IReadOnlyList<(double Score, bool Label)> scored)
    {
        var ranked = scored.OrderBy(s => s.Score).ToList();
        double rankSum = 0;
        var i = 0;
        while (i < ranked.Count)
        {
            var j = i;
            while (j + 1 < ranked.Count && ranked[j + 1].Score == ranked[i].Score)
            {
                j++;
            }

            var averageRank = (i + j) / 2.0 + 1;
            for (var k = i; k <= j; k++)
            {
                if (ranked[k].Label)
                {
                    rankSum += averageRank;
                }
            }

            i = j + 1;
        }

        double positives = ranked.Count(s => s.Label), negatives = ranked.Count - positives;
        return positives == 0 || negatives == 0 ? 0.5 : (rankSum - positives * (positives + 1) / 2) / (positives * negatives);
    }
}

public sealed record CalibrationBin(double From, double To, int Count, double MeanScore, double TiltRate);
