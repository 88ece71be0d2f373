using ClickHouse.Driver.ADO.Parameters;
using ClickHouse.Driver.Utility;
using PokerTracker.Contracts;
using PokerTracker.Contracts.Hands;
using PokerTracker.SessionApi.Infrastructure;

namespace PokerTracker.SessionApi.Hands;

/// <summary>Reads imported hands from the analytics store; every figure is computed there, not by loading hands.</summary>
public sealed class HandReader(AnalyticsStore store)
{
    public const string StackRanges = "multiIf(review_stack < 5, '1-4.9', review_stack < 10, '5-9.9', review_stack < 15, '10-14.9', review_stack < 20, '15-19.9', '20-25')";

    private const string Figures = """
        count(),
        sumIf((collected - invested) / big_blind, big_blind > 0),
        sumIf(all_in_ev_net / big_blind, big_blind > 0),
        countIf(big_blind > 0),
        countIf(vpip), countIf(pfr),
        countIf(three_bet), countIf(three_bet_chance),
        countIf(fold_to_three_bet), countIf(fold_to_three_bet_chance),
        countIf(cbet), countIf(cbet_chance),
        countIf(went_to_showdown), countIf(saw_flop),
        countIf(won_at_showdown),
        sum(postflop_aggressive), sum(postflop_calls)
        """;

    public async Task<HandStatisticsView> StatisticsAsync(string userId, HandFilter filter, CancellationToken ct)
    {
        // One pass over the hero's rows, by currency and position: every figure is a sum, so the
        // totals, the per-currency results and the per-position figures all add up from these groups.
        var (where, p) = Where(userId, filter);
        var groups = await AnalyticsStore.Guard(async () =>
        {
            using var reader = await store.Client.ExecuteReaderAsync($"""
                SELECT currency, position, sum(collected - invested), sum(all_in_ev_net), {Figures}
                FROM {AnalyticsTables.HandPlayers} FINAL WHERE {where}
                GROUP BY currency, position ORDER BY currency, position
                """, p, cancellationToken: ct);
            var rows = new List<(string Currency, string Position, long Net, long AdjustedNet, Counters Counters)>();
            while (await reader.ReadAsync(ct))
            {
                var counts = new long[Counters.Size];
                for (var i = 0; i < Counters.Size; i++)
                {
                    counts[i] = i is 1 or 2 ? 0 : Long(reader.GetValue(i + 4));
                }

                rows.Add((reader.GetString(0), reader.GetString(1), Long(reader.GetValue(2)), Long(reader.GetValue(3)),
                    new Counters(counts, reader.GetDouble(5), reader.GetDouble(6))));
            }

            return rows;
        });

        var empty = new Counters(new long[Counters.Size], 0, 0);
        var total = groups.Aggregate(empty, (sum, g) => sum.Plus(g.Counters));
        var byCurrency = groups.GroupBy(g => g.Currency).OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => new CurrencyResult(g.Key, g.Sum(x => x.Counters.Counts[0]), g.Sum(x => x.Net), g.Sum(x => x.AdjustedNet))).ToList();
        var byPosition = groups.GroupBy(g => g.Position)
            .ToDictionary(g => g.Key, g => Statistics(g.Aggregate(empty, (sum, x) => sum.Plus(x.Counters)), []));
        return new HandStatisticsView(Statistics(total, byCurrency), byPosition);
    }

    /// <summary>The sums behind the statistics, in the order of the query's columns (1 and 2 are the big blinds, kept as doubles).</summary>
    private sealed record Counters(long[] Counts, double BigBlinds, double AdjustedBigBlinds)
    {
        public const int Size = 17;

        public Counters Plus(Counters other) =>
            new([.. Counts.Zip(other.Counts, (a, b) => a + b)], BigBlinds + other.BigBlinds, AdjustedBigBlinds + other.AdjustedBigBlinds);
    }

    private static HandStatistics Statistics(Counters counters, IReadOnlyList<CurrencyResult> results)
    {
        var (c, bb, evBb) = (counters.Counts, counters.BigBlinds, counters.AdjustedBigBlinds);
        decimal? Rate(long made, long chances) => chances == 0 ? null : Math.Round((decimal)made / chances, 4);
        var withBlind = c[3];
        return new HandStatistics(
            c[0], Math.Round((decimal)bb, 2), withBlind == 0 ? null : Math.Round((decimal)(bb / withBlind * 100), 2),
            Math.Round((decimal)evBb, 2), withBlind == 0 ? null : Math.Round((decimal)(evBb / withBlind * 100), 2),
            Rate(c[4], c[0]), Rate(c[5], c[0]), Rate(c[6], c[7]), Rate(c[8], c[9]), Rate(c[10], c[11]), Rate(c[12], c[13]), Rate(c[14], c[12]),
            c[16] == 0 ? null : Math.Round((decimal)c[15] / c[16], 2), c[15], c[16], results);
    }

    /// <summary>The hero's hands, newest first, a page at a time (the cursor is the last hand's time and key).</summary>
    public async Task<HandPage> HandsAsync(string userId, HandFilter filter, string? cursor, int limit, CancellationToken ct)
    {
        var (where, p) = Where(userId, filter);
        if (cursor is not null)
        {
            var parts = cursor.Split('|', 3);
            if (parts.Length != 3 || !long.TryParse(parts[0], out var ms))
            {
                throw InvalidInputException.Field("cursor", "Is not a cursor from a previous page.");
            }

            where += " AND (started_at, site, hand_id) < ({cursorAt:DateTime64(3, 'UTC')}, {cursorSite:String}, {cursorId:String})";
            p.AddParameter("cursorAt", DateTimeOffset.FromUnixTimeMilliseconds(ms).UtcDateTime);
            p.AddParameter("cursorSite", parts[1]);
            p.AddParameter("cursorId", parts[2]);
        }

        p.AddParameter("limit", limit + 1);
        var rows = await AnalyticsStore.Guard(async () =>
        {
            using var reader = await store.Client.ExecuteReaderAsync($$"""
                SELECT site, hand_id, started_at, game, currency, big_blind, tournament, position, cards, collected - invested, all_in_ev_net
                FROM {{AnalyticsTables.HandPlayers}} FINAL WHERE {{where}}
                ORDER BY started_at DESC, site DESC, hand_id DESC LIMIT {limit:Int32}
                """, p, cancellationToken: ct);
            var list = new List<HandSummary>();
            while (await reader.ReadAsync(ct))
            {
                list.Add(new HandSummary(reader.GetString(0), reader.GetString(1), Utc(reader.GetDateTime(2)), reader.GetString(3), reader.GetString(4),
                    reader.GetInt64(5), reader.GetBoolean(6), reader.GetString(7), reader.GetString(8), reader.GetInt64(9), reader.GetInt64(10), null, null));
            }

            return list;
        });
        var page = rows.Take(limit).ToList();
        var reviews = await ReviewsAsync(userId, page, ct);
        page = [.. page.Select(h => reviews.TryGetValue((h.Site, h.HandId), out var r) ? h with { ReviewChoice = r.Choice, ReviewEvLost = r.EvLost } : h)];
        var next = rows.Count > limit ? page[^1] : null;
        return new HandPage(page, next is null ? null : $"{next.StartedAt.ToUnixTimeMilliseconds()}|{next.Site}|{next.HandId}");
    }

    private async Task<Dictionary<(string, string), (string Choice, double EvLost)>> ReviewsAsync(string userId, List<HandSummary> hands, CancellationToken ct)
    {
        if (hands.Count == 0)
        {
            return [];
        }

        var p = new ClickHouseParameterCollection();
        p.AddParameter("user", userId);
        p.AddParameter("sites", hands.Select(h => h.Site).Distinct().ToArray());
        p.AddParameter("ids", hands.Select(h => h.HandId).ToArray());
        var rows = await AnalyticsStore.Guard(async () =>
        {
            using var reader = await store.Client.ExecuteReaderAsync($$"""
                SELECT site, hand_id, review_choice, review_ev_lost FROM {{AnalyticsTables.Hands}} FINAL
                WHERE user_id = {user:String} AND site IN {sites:Array(String)} AND hand_id IN {ids:Array(String)} AND review_seat != ''
                """, p, cancellationToken: ct);
            var list = new List<((string, string), (string, double))>();
            while (await reader.ReadAsync(ct))
            {
                list.Add(((reader.GetString(0), reader.GetString(1)), (reader.GetString(2), reader.GetDouble(3))));
            }

            return list;
        });
        return rows.ToDictionary(r => r.Item1, r => r.Item2);
    }

    /// <summary>One hand as imported (seats, cards, every action, the pots), or null.</summary>
    public async Task<ImportedHand?> HandAsync(string userId, string site, string handId, CancellationToken ct)
    {
        var p = new ClickHouseParameterCollection();
        p.AddParameter("user", userId);
        p.AddParameter("site", site);
        p.AddParameter("hand", handId);
        var rows = await AnalyticsStore.Guard(async () =>
        {
            using var reader = await store.Client.ExecuteReaderAsync($$"""
                SELECT raw FROM {{AnalyticsTables.Hands}} FINAL WHERE user_id = {user:String} AND site = {site:String} AND hand_id = {hand:String}
                """, p, cancellationToken: ct);
            var list = new List<ImportedHand>();
            while (await reader.ReadAsync(ct))
            {
                list.Add(ImportedHand.Parser.ParseFrom(Convert.FromBase64String(reader.GetString(0))));
            }

            return list;
        });
        return rows.FirstOrDefault();
    }

    /// <summary>The hero's push/fold decisions against the equilibrium: leaks by spot (most EV lost first) and the costliest mistakes.</summary>
    public async Task<PushFoldReviewView> ReviewAsync(string userId, int leaks, int mistakes, CancellationToken ct)
    {
        var p = new ClickHouseParameterCollection();
        p.AddParameter("user", userId);
        p.AddParameter("leaks", leaks);
        p.AddParameter("mistakes", mistakes);
        var totals = await AnalyticsStore.Guard(async () =>
        {
            using var reader = await store.Client.ExecuteReaderAsync($$"""
                SELECT count(), countIf(review_correct), sum(review_ev_lost) FROM {{AnalyticsTables.Hands}} FINAL
                WHERE user_id = {user:String} AND review_seat != ''
                """, p, cancellationToken: ct);
            var list = new List<(long, long, double)>();
            while (await reader.ReadAsync(ct))
            {
                list.Add((Long(reader.GetValue(0)), Long(reader.GetValue(1)), reader.GetDouble(2)));
            }

            return list;
        });
        var leakRows = await AnalyticsStore.Guard(async () =>
        {
            using var reader = await store.Client.ExecuteReaderAsync($$"""
                SELECT review_seat, {{StackRanges}} AS stacks, review_hand_class, any(review_best), count(), countIf(NOT review_correct), sum(review_ev_lost) AS lost
                FROM {{AnalyticsTables.Hands}} FINAL
                WHERE user_id = {user:String} AND review_seat != ''
                GROUP BY review_seat, stacks, review_hand_class
                HAVING lost > 0
                ORDER BY lost DESC, review_seat, stacks, review_hand_class LIMIT {leaks:Int32}
                """, p, cancellationToken: ct);
            var list = new List<Leak>();
            while (await reader.ReadAsync(ct))
            {
                list.Add(new Leak(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), Long(reader.GetValue(4)),
                    Long(reader.GetValue(5)), Math.Round(reader.GetDouble(6), 4)));
            }

            return list;
        });
        var mistakeRows = await AnalyticsStore.Guard(async () =>
        {
            using var reader = await store.Client.ExecuteReaderAsync($$"""
                SELECT site, hand_id, started_at, review_seat, review_stack, review_ante, review_hand_class, review_choice, review_best, review_correct,
                       review_ev_lost, review_frequency
                FROM {{AnalyticsTables.Hands}} FINAL
                WHERE user_id = {user:String} AND review_seat != '' AND NOT review_correct
                ORDER BY review_ev_lost DESC, started_at DESC LIMIT {mistakes:Int32}
                """, p, cancellationToken: ct);
            var list = new List<ReviewedHand>();
            while (await reader.ReadAsync(ct))
            {
                list.Add(new ReviewedHand(reader.GetString(0), reader.GetString(1), Utc(reader.GetDateTime(2)), reader.GetString(3), reader.GetDouble(4),
                    reader.GetDouble(5), reader.GetString(6), reader.GetString(7), reader.GetString(8), reader.GetBoolean(9), reader.GetDouble(10), reader.GetDouble(11)));
            }

            return list;
        });
        var (spots, correct, lost) = totals.FirstOrDefault();
        return new PushFoldReviewView(spots, correct, Math.Round(lost, 4), leakRows, mistakeRows);
    }

    /// <summary>How many hands of each batch (event id) the analytics store holds.</summary>
    public async Task<IReadOnlyDictionary<string, long>> StoredAsync(IReadOnlyCollection<(string UserId, string EventId)> batches, CancellationToken ct)
    {
        if (batches.Count == 0)
        {
            return new Dictionary<string, long>();
        }

        var p = new ClickHouseParameterCollection();
        p.AddParameter("users", batches.Select(b => b.UserId).Distinct().ToArray());
        p.AddParameter("ids", batches.Select(b => Guid.Parse(b.EventId)).ToArray());
        var rows = await AnalyticsStore.Guard(async () =>
        {
            using var reader = await store.Client.ExecuteReaderAsync($$"""
                SELECT event_id, uniqExact(site, hand_id) FROM {{AnalyticsTables.Hands}}
                WHERE user_id IN {users:Array(String)} AND event_id IN {ids:Array(UUID)}
                GROUP BY event_id
                """, p, cancellationToken: ct);
            var found = new List<(string, long)>();
            while (await reader.ReadAsync(ct))
            {
                found.Add((reader.GetGuid(0).ToString(), Long(reader.GetValue(1))));
            }

            return found;
        });
        return rows.ToDictionary(r => r.Item1, r => r.Item2);
    }

    private static (string Where, ClickHouseParameterCollection Parameters) Where(string userId, HandFilter f)
    {
        var where = new List<string> { "user_id = {user:String}", "hero" };
        var p = new ClickHouseParameterCollection();
        p.AddParameter("user", userId);
        void Add(string clause, string name, object? value)
        {
            if (value is not null)
            {
                where.Add(clause);
                p.AddParameter(name, value);
            }
        }

        Add("started_at >= {from:DateTime64(3, 'UTC')}", "from", f.From?.UtcDateTime);
        Add("started_at <= {to:DateTime64(3, 'UTC')}", "to", f.To?.UtcDateTime);
        Add("lower(site) = lower({site:String})", "site", f.Site); // "pokerstars" is PokerStars, as the other filters take any case
        Add("game = {game:String}", "game", f.Game?.ToUpperInvariant());
        Add("currency = {currency:String}", "currency", f.Currency);
        Add("big_blind = {bigBlind:Int64}", "bigBlind", f.BigBlind);
        Add("position = {position:String}", "position", f.Position);
        Add("tournament = {tournament:Bool}", "tournament", f.Kind is null ? null : f.Kind == "tournament");
        return (string.Join(" AND ", where), p);
    }

    private static long Long(object value) => Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture);

    private static DateTimeOffset Utc(DateTime value) => new(DateTime.SpecifyKind(value, DateTimeKind.Utc));
}
