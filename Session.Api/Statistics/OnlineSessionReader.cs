using System.Security.Cryptography;
using System.Text;
using ClickHouse.Driver.ADO.Parameters;
using ClickHouse.Driver.Utility;
using Microsoft.Extensions.Options;
using PokerTracker.Contracts;
using PokerTracker.SessionApi.Hands;
using PokerTracker.SessionApi.Infrastructure;

namespace PokerTracker.SessionApi.Statistics;

/// <summary>
/// Online cash sessions derived from imported hands: the hero's hands of one site, currency, game
/// and stakes (whatever the table) with no gap longer than <see cref="HandOptions.SessionGapMinutes"/>
/// make one session. Its time runs from the first hand to the last, plus a minute for the last
/// hand. Tournament hands are in chips and make no money sessions.
/// </summary>
public sealed class OnlineSessionReader(AnalyticsStore store, IOptions<HandOptions> hands)
{
    public async Task<IReadOnlyList<SessionResult>> SessionsAsync(string userId, StatsFilter f, CancellationToken ct)
    {
        if (f.Format is { } format && !format.Equals("online", StringComparison.OrdinalIgnoreCase)
            || f.Kind is { } kind && !kind.Equals("cash", StringComparison.OrdinalIgnoreCase)
            || f.Tags is { Count: > 0 })
        {
            return [];
        }

        var where = new List<string> { "user_id = {user:String}", "hero", "NOT tournament", $"currency NOT IN ('{HandHistories.Model.Hand.Chips}', '{HandHistories.Model.Hand.PlayMoney}')" };
        var having = new List<string> { "1" };
        var p = new ClickHouseParameterCollection();
        p.AddParameter("user", userId);
        p.AddParameter("gap", hands.Value.SessionGapMinutes * 60L);
        void Add(List<string> clauses, string clause, string name, object? value)
        {
            if (value is not null)
            {
                clauses.Add(clause);
                p.AddParameter(name, value);
            }
        }

        Add(where, "lowerUTF8(site) = lowerUTF8({venue:String})", "venue", f.Venue);
        Add(where, "currency = {currency:String}", "currency", f.Currency);
        Add(where, "concat(toString(small_blind), '/', toString(big_blind)) = {stakes:String}", "stakes", f.Stakes);
        Add(having, "lower(session_game) = lower({game:String})", "game", f.Game);
        Add(having, "first_hand >= {from:DateTime64(3, 'UTC')}", "from", f.From?.UtcDateTime); // by start, as recorded sessions
        Add(having, "first_hand <= {to:DateTime64(3, 'UTC')}", "to", f.To?.UtcDateTime);
        Add(having, "dateDiff('second', first_hand, last_hand) + 60 >= {minSeconds:Int64}", "minSeconds", f.MinMinutes is { } m ? m * 60L : null);

        var sql = $$"""
            SELECT site, currency, multiIf(game = 'FLHE', 'LHE', game IN ('NLHE', 'PLO', 'PLO5'), game, 'Other') AS session_game, small_blind, big_blind,
                   min(started_at) AS first_hand, max(started_at) AS last_hand, count(), sum(net)
            FROM
            (
                SELECT site, currency, game, small_blind, big_blind, started_at, net,
                       sum(starts) OVER (PARTITION BY site, currency, game, small_blind, big_blind ORDER BY started_at, hand_id ROWS UNBOUNDED PRECEDING) AS session
                FROM
                (
                    SELECT site, currency, game, small_blind, big_blind, started_at, hand_id, collected - invested AS net,
                           dateDiff('second', lagInFrame(started_at, 1, toDateTime64(0, 3, 'UTC')) OVER w, started_at) > {gap:Int64} AS starts
                    FROM {{AnalyticsTables.HandPlayers}} FINAL
                    WHERE {{string.Join(" AND ", where)}}
                    WINDOW w AS (PARTITION BY site, currency, game, small_blind, big_blind ORDER BY started_at, hand_id ROWS BETWEEN 1 PRECEDING AND CURRENT ROW)
                )
            )
            GROUP BY site, currency, game, small_blind, big_blind, session
            HAVING {{string.Join(" AND ", having)}}
            ORDER BY first_hand
            """;
        return await AnalyticsStore.Guard(async () =>
        {
            using var reader = await store.Client.ExecuteReaderAsync(sql, p, cancellationToken: ct);
            var rows = new List<SessionResult>();
            while (await reader.ReadAsync(ct))
            {
                var (site, currency, game, smallBlind, bigBlind) = (reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetInt64(3), reader.GetInt64(4));
                var first = new DateTimeOffset(DateTime.SpecifyKind(reader.GetDateTime(5), DateTimeKind.Utc));
                var last = new DateTimeOffset(DateTime.SpecifyKind(reader.GetDateTime(6), DateTimeKind.Utc)).AddSeconds(60);
                rows.Add(new SessionResult(
                    Id(userId, site, currency, game, smallBlind, bigBlind, first), "cash", game, "online", $"{smallBlind}/{bigBlind}", bigBlind,
                    site, currency, [], first, last, (long)(last - first).TotalSeconds, Convert.ToInt64(reader.GetValue(8)), 0, null,
                    (int)Convert.ToInt64(reader.GetValue(7)), null, null, FromHands: true));
            }

            return rows;
        });
    }

    /// <summary>A stable id for a derived session: the same hands always make the same id.</summary>
    public static Guid Id(string userId, string site, string currency, string game, long smallBlind, long bigBlind, DateTimeOffset first) =>
        new(MD5.HashData(Encoding.UTF8.GetBytes($"online|{userId}|{site}|{currency}|{game}|{smallBlind}/{bigBlind}|{first.ToUnixTimeMilliseconds()}")));
}
