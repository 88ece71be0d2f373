using System.ComponentModel.DataAnnotations;

namespace PokerTracker.SessionApi.Training;

public sealed class TrainingOptions
{
    public const string Section = "Training";

    /// <summary>Graded decisions a free player gets per day (UTC); premium players have no limit.</summary>
    [Range(1, 1_000_000)]
    public int FreeDecisionsPerDay { get; set; } = 200;

    /// <summary>
    /// Graded decisions a premium player gets per day: not a product limit (nobody drills this many
    /// hands in a day) but a bound on what one account keeps in the shared live store.
    /// </summary>
    [Range(1, 1_000_000)]
    public int PremiumDecisionsPerDay { get; set; } = 5_000;

    /// <summary>
    /// Decisions one drill holds: the decision that reaches it ends the drill (a new one goes on). Every
    /// decision rewrites the drill's document, so this bounds its size and the work of each answer.
    /// </summary>
    [Range(1, 100_000)]
    public int DecisionsPerTraining { get; set; } = 500;

    /// <summary>Drills a player may start per day (UTC): each is kept for 30 days in the live store.</summary>
    [Range(1, 100_000)]
    public int TrainingsPerDay { get; set; } = 50;

    /// <summary>Decisions a player needs in a period to appear on its leaderboard.</summary>
    [Range(1, 1_000_000)]
    public int LeaderboardMinimumDecisions { get; set; } = 100;

    /// <summary>How often the leaderboards are computed again from the analytics store.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan LeaderboardRefresh { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Solve the default game's stacks in the background at start when Redis does not have them yet.</summary>
    public bool WarmUp { get; set; } = true;
}
