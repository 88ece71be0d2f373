using ClickHouse.Driver;
using Confluent.Kafka;
using Google.Protobuf;
using Microsoft.Extensions.Options;
using PokerTracker.Analytics.Schema;
using PokerTracker.Clients.Kafka;
using PokerTracker.Contracts;
using PokerTracker.Contracts.Hands;
using PokerTracker.SharedKernel.LiveStore;
using StackExchange.Redis;

namespace PokerTracker.Analytics.Ingestion;

/// <summary>
/// hand-events → ClickHouse: each imported hand into hands, hand_players and hand_actions, once per
/// (player, site, hand id) in effect (ReplacingMergeTree), committed after the inserts. The hands
/// row goes in last, so a hand the reconciler finds there has its players and actions too.
/// </summary>
internal sealed class HandIngestion(
    KafkaConnection kafka,
    PokerTracker.Clients.Redis.DeletedAccounts deleted, ClickHouseClient clickhouse, IConnectionMultiplexer redis, SchemaMigrator schema, DeadLetters deadLetters, AnalyticsMetrics metrics,
    IOptions<AnalyticsOptions> options, TimeProvider time, ILogger<HandIngestion> logger)
    : AnalyticsConsumer<HandEventEnvelope>(kafka, deadLetters, metrics, time, logger)
{
    /// <summary>An event holds up to a few hundred hands: a few thousand hands per insert keep the worker's memory small.</summary>
    private const int MaxEventsPerBatch = 20;

    private static readonly string[] HandColumns =
    [
        "user_id", "site", "hand_id", "event_id", "import_id", "started_at", "game", "currency", "tournament_id", "small_blind", "big_blind", "ante",
        "table_name", "hero", "total_pot", "rake", "players", "format", "review_seat", "review_stack", "review_ante", "review_hand_class",
        "review_choice", "review_best", "review_correct", "review_ev_lost", "review_frequency", "raw", "ingested_at",
    ];

    private static readonly string[] PlayerColumns =
    [
        "user_id", "hero", "started_at", "site", "hand_id", "player", "seat", "position", "cards", "game", "currency", "tournament", "small_blind", "big_blind",
        "invested", "collected", "vpip", "pfr", "three_bet_chance", "three_bet", "fold_to_three_bet_chance", "fold_to_three_bet",
        "cbet_chance", "cbet", "saw_flop", "went_to_showdown", "won_at_showdown", "postflop_aggressive", "postflop_calls",
        "all_in_adjusted", "all_in_ev_net", "ingested_at",
    ];

    private static readonly string[] ActionColumns = ["user_id", "site", "hand_id", "seq", "street", "player", "kind", "amount", "raise_to", "all_in", "ingested_at"];

    protected override ConsumerSettings Settings =>
        new(options.Value.ConsumerGroup + "-hands", Topics.HandEvents, Math.Min(options.Value.MaxBatch, MaxEventsPerBatch), options.Value.FlushInterval);

    protected override Task StartingAsync(CancellationToken ct) => schema.Ready.WaitAsync(ct);

    protected override HandEventEnvelope? Parse(ConsumeResult<string, byte[]> message, out string? reason)
    {
        reason = null;
        try
        {
            var e = HandEventEnvelope.Parser.ParseFrom(message.Message.Value ?? []);
            reason = !Guid.TryParse(e.EventId, out _) || !Guid.TryParse(e.ImportId, out _) || e.UserId.Length == 0 ? "no event, import or player"
                : e.PayloadCase != HandEventEnvelope.PayloadOneofCase.HandsImported ? "no hands"
                : e.HandsImported.Hands.Any(h => h.Site.Length == 0 || h.HandId.Length == 0) ? "a hand without site or id"
                : e.HandsImported.Hands.Any(h => !IsTime(h.StartedAt)) ? "a hand without a possible start time"
                : null;
            return reason is null ? e : null;
        }
        catch (InvalidProtocolBufferException ex)
        {
            reason = ex.Message;
            return null;
        }
    }

    protected override async Task HandleAsync(IReadOnlyList<Received<HandEventEnvelope>> received, IReadOnlyList<ConsumeResult<string, byte[]>> all, CancellationToken ct)
    {
        // Nothing of a deleted account is stored again (its events may still be on their way), and what an
        // earlier try of this batch stored for it is purged again.
        var batch = await deleted.ToStoreAsync(received, r => r.Value.UserId, Time.GetUtcNow());
        var now = Time.GetUtcNow().UtcDateTime;
        var hands = new List<object[]>();
        var players = new List<object[]>();
        var actions = new List<object[]>();
        foreach (var e in batch.Select(r => r.Value))
        {
            var eventId = Guid.Parse(e.EventId);
            var importId = Guid.Parse(e.ImportId);
            foreach (var h in e.HandsImported.Hands)
            {
                var startedAt = h.StartedAt.ToDateTime();
                var r = h.Review;
                hands.Add(
                [
                    e.UserId, h.Site, h.HandId, eventId, importId, startedAt, h.Game, h.Currency, h.TournamentId, h.SmallBlind, h.BigBlind, h.Ante,
                    h.Table, h.Hero, h.TotalPot, h.Rake, (byte)h.Players.Count, h.Format, r?.Seat ?? "", r?.Stack ?? 0, r?.Ante ?? 0, r?.HandClass ?? "",
                    r?.Choice ?? "", r?.Best ?? "", r?.Correct ?? false, r?.EvLost ?? 0, r?.EquilibriumFrequency ?? 0,
                    Convert.ToBase64String(h.ToByteArray()), now,
                ]);
                foreach (var p in h.Players)
                {
                    players.Add(
                    [
                        e.UserId, p.Hero, startedAt, h.Site, h.HandId, p.Name, (byte)p.Seat, p.Position, p.Cards, h.Game, h.Currency, h.TournamentId.Length > 0,
                        h.SmallBlind, h.BigBlind, p.Invested, p.Collected, p.Vpip, p.Pfr, p.ThreeBetChance, p.ThreeBet, p.FoldToThreeBetChance, p.FoldToThreeBet,
                        p.CbetChance, p.Cbet, p.SawFlop, p.WentToShowdown, p.WonAtShowdown, (ushort)p.PostflopAggressive, (ushort)p.PostflopCalls,
                        p.AllInAdjusted, p.AllInEvNet, now,
                    ]);
                }

                for (var i = 0; i < h.Actions.Count; i++)
                {
                    var a = h.Actions[i];
                    actions.Add([e.UserId, h.Site, h.HandId, (ushort)i, (byte)a.Street, a.Player, a.Kind, a.Amount, a.RaiseTo, a.AllIn, now]);
                }
            }
        }

        if (hands.Count == 0)
        {
            return;
        }

        // The players' rows go last: they are what the statistics, the hand list and the online
        // sessions count, so a hand counted there already has its review and its replay. (Players
        // first let the app see 12 of 12 hands counted while the review still had none of them.)
        await clickhouse.InsertBinaryAsync(AnalyticsTables.HandActions, ActionColumns, actions, cancellationToken: ct);
        await clickhouse.InsertBinaryAsync(AnalyticsTables.Hands, HandColumns, hands, cancellationToken: ct);
        await clickhouse.InsertBinaryAsync(AnalyticsTables.HandPlayers, PlayerColumns, players, cancellationToken: ct);
        Metrics.Hands(hands.Count);

        // Online sessions are derived from hands: the players' cached statistics are stale now.
        var db = redis.GetDatabase();
        await Task.WhenAll(batch.Select(r => r.Value.UserId).Distinct().Select(u => db.StringIncrementAsync(LiveStoreKeys.StatsVersion(u))));
        foreach (var gone in await deleted.PurgeAgainIfDeletedAsync(batch.Select(r => r.Value.UserId), Time.GetUtcNow()))
        {
            await db.KeyDeleteAsync(LiveStoreKeys.StatsVersion(gone)); // bumped above, after the account's keys were removed
        }
    }
}
