using PokerTracker.Contracts;

namespace PokerTracker.Analytics.Schema;

/// <summary>One versioned step of the analytics schema. Every statement is idempotent.</summary>
public sealed record Migration(int Version, string Name, IReadOnlyList<string> Statements);

/// <summary>
/// The analytics schema, owned by this worker and applied at start-up in order. Never edit a
/// released step: add the next one.
/// </summary>
public static class Migrations
{
    public static readonly IReadOnlyList<Migration> All =
    [
        new(1, "events and sessions",
        [
            $"""
            CREATE TABLE IF NOT EXISTS {AnalyticsTables.Events}
            (
                event_id UUID,
                session_id UUID,
                user_id String,
                sequence Int64,
                type LowCardinality(String),
                occurred_at DateTime64(3, 'UTC'),
                recorded_at DateTime64(3, 'UTC'),
                schema_version Int32,
                amount Nullable(Int64),
                kind LowCardinality(String),
                text String,
                payload String,
                raw String,
                kafka_partition Int32,
                kafka_offset Int64,
                ingested_at DateTime64(3, 'UTC')
            )
            ENGINE = ReplacingMergeTree(ingested_at)
            ORDER BY (user_id, session_id, sequence, event_id)
            """,
            $"""
            CREATE TABLE IF NOT EXISTS {AnalyticsTables.Sessions}
            (
                session_id UUID,
                user_id String,
                version Int64,
                status LowCardinality(String),
                kind LowCardinality(String),
                game LowCardinality(String),
                game_name String,
                format LowCardinality(String),
                venue String,
                currency LowCardinality(String),
                tags Array(String),
                stakes LowCardinality(String),
                small_blind Nullable(Int64),
                big_blind Nullable(Int64),
                tournament_buy_in Nullable(Int64),
                tournament_fee Nullable(Int64),
                started_at DateTime64(3, 'UTC'),
                ended_at Nullable(DateTime64(3, 'UTC')),
                playing_seconds Int64,
                invested Int64,
                expenses Int64,
                cash_out Nullable(Int64),
                prize Nullable(Int64),
                net_result Int64,
                hands_played Nullable(Int32),
                finish_position Nullable(Int32),
                field_size Nullable(Int32),
                rebuys Int32,
                stack_updates Int32,
                notes Int32,
                breaks Int32,
                doc String,
                updated_at DateTime64(3, 'UTC')
            )
            ENGINE = ReplacingMergeTree(version)
            ORDER BY (user_id, session_id)
            """,
        ]),
        new(2, "daily results by stakes and venue",
        [
            $"""
            CREATE TABLE IF NOT EXISTS {AnalyticsTables.DailyResults}
            (
                user_id String,
                day Date,
                session_id UUID,
                version Int64,
                status LowCardinality(String),
                kind LowCardinality(String),
                currency LowCardinality(String),
                stakes LowCardinality(String),
                venue String,
                net_result Int64,
                playing_seconds Int64
            )
            ENGINE = ReplacingMergeTree(version)
            ORDER BY (user_id, day, session_id)
            """,
            $"""
            CREATE MATERIALIZED VIEW IF NOT EXISTS {AnalyticsTables.DailyResults}_mv TO {AnalyticsTables.DailyResults} AS
            SELECT user_id, toDate(coalesce(ended_at, started_at)) AS day, session_id, version, status, kind, currency, stakes, venue,
                   net_result, playing_seconds
            FROM {AnalyticsTables.Sessions}
            WHERE status != 'active'
            """,
        ]),
        new(3, "training decisions",
        [
            $"""
            CREATE TABLE IF NOT EXISTS {AnalyticsTables.TrainingDecisions}
            (
                user_id String,
                training_id UUID,
                spot Int32,
                event_id UUID,
                hand_class LowCardinality(String),
                stack Float64,
                ante Float64,
                seat LowCardinality(String),
                choice LowCardinality(String),
                best LowCardinality(String),
                correct Bool,
                ev_lost Float64,
                ev_aggressive Float64,
                ev_fold Float64,
                equilibrium_frequency Float64,
                decided_at DateTime64(3, 'UTC'),
                ingested_at DateTime64(3, 'UTC')
            )
            ENGINE = ReplacingMergeTree(ingested_at)
            ORDER BY (user_id, training_id, spot)
            """,
        ]),
    ];
}
