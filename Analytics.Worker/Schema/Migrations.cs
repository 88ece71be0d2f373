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
        new(4, "imported hands, their players and actions",
        [
            $"""
            CREATE TABLE IF NOT EXISTS {AnalyticsTables.Hands}
            (
                user_id String,
                site LowCardinality(String),
                hand_id String,
                event_id UUID,
                import_id UUID,
                started_at DateTime64(3, 'UTC'),
                game LowCardinality(String),
                currency LowCardinality(String),
                tournament_id String,
                small_blind Int64,
                big_blind Int64,
                ante Int64,
                table_name String,
                hero String,
                total_pot Int64,
                rake Int64,
                players UInt8,
                format LowCardinality(String),
                review_seat LowCardinality(String),
                review_stack Float64,
                review_ante Float64,
                review_hand_class LowCardinality(String),
                review_choice LowCardinality(String),
                review_best LowCardinality(String),
                review_correct Bool,
                review_ev_lost Float64,
                review_frequency Float64,
                raw String,
                ingested_at DateTime64(3, 'UTC')
            )
            ENGINE = ReplacingMergeTree(ingested_at)
            ORDER BY (user_id, site, hand_id)
            """,
            $"""
            CREATE TABLE IF NOT EXISTS {AnalyticsTables.HandPlayers}
            (
                user_id String,
                hero Bool,
                started_at DateTime64(3, 'UTC'),
                site LowCardinality(String),
                hand_id String,
                player String,
                seat UInt8,
                position LowCardinality(String),
                cards String,
                game LowCardinality(String),
                currency LowCardinality(String),
                tournament Bool,
                small_blind Int64,
                big_blind Int64,
                invested Int64,
                collected Int64,
                vpip Bool,
                pfr Bool,
                three_bet_chance Bool,
                three_bet Bool,
                fold_to_three_bet_chance Bool,
                fold_to_three_bet Bool,
                cbet_chance Bool,
                cbet Bool,
                saw_flop Bool,
                went_to_showdown Bool,
                won_at_showdown Bool,
                postflop_aggressive UInt16,
                postflop_calls UInt16,
                all_in_adjusted Bool,
                all_in_ev_net Int64,
                ingested_at DateTime64(3, 'UTC')
            )
            ENGINE = ReplacingMergeTree(ingested_at)
            ORDER BY (user_id, hero, started_at, site, hand_id, player)
            """,
            $"""
            CREATE TABLE IF NOT EXISTS {AnalyticsTables.HandActions}
            (
                user_id String,
                site LowCardinality(String),
                hand_id String,
                seq UInt16,
                street UInt8,
                player String,
                kind LowCardinality(String),
                amount Int64,
                raise_to Int64,
                all_in Bool,
                ingested_at DateTime64(3, 'UTC')
            )
            ENGINE = ReplacingMergeTree(ingested_at)
            ORDER BY (user_id, site, hand_id, seq)
            """,
        ]),
        // Nothing read it, and it kept rows that a correction moved to another day, and discarded sessions.
        new(5, "daily results dropped",
        [
            $"DROP VIEW IF EXISTS {AnalyticsTables.DailyResults}_mv",
            $"DROP TABLE IF EXISTS {AnalyticsTables.DailyResults}",
        ]),
    ];
}
