namespace PokerTracker.Contracts;

/// <summary>The analytics store's tables (ClickHouse), shared by the worker that writes and the API that reads.</summary>
public static class AnalyticsTables
{
    public const string Database = "pokertracker";

    /// <summary>Every event, once per event id (ReplacingMergeTree; read with FINAL).</summary>
    public const string Events = Database + ".events";

    /// <summary>One row per session, the latest version wins (ReplacingMergeTree(version); read with FINAL).</summary>
    public const string Sessions = Database + ".sessions";

    /// <summary>Ended sessions' results by day, stakes and venue: made by migration 2, dropped by migration 5 (nothing read it).</summary>
    public const string DailyResults = Database + ".daily_results";

    /// <summary>Every graded training decision, once per (training, spot) (ReplacingMergeTree; read with FINAL).</summary>
    public const string TrainingDecisions = Database + ".training_decisions";

    /// <summary>Imported hands, one row per (player, site, hand id) (ReplacingMergeTree; read with FINAL).</summary>
    public const string Hands = Database + ".hands";

    /// <summary>Every player of every imported hand with their counters (VPIP, PFR, …); the hero's rows make the hand statistics.</summary>
    public const string HandPlayers = Database + ".hand_players";

    /// <summary>Every action of every imported hand, in order.</summary>
    public const string HandActions = Database + ".hand_actions";

    public const string Migrations = Database + ".schema_migrations";
}
