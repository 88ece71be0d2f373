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
/// make one session, from the first hand to the last, plus a minute for the last hand. Sessions
/// played at the same time (two stakes, two sites) share that time: the hours counted for each are
/// its share (<see cref="SharedSeconds"/>), so that an evening at two stakes is an evening, not two.
/// Tournament hands are in chips and make no money sessions.
/// </summary>
public sealed class OnlineSessionReader(AnalyticsStore store, IOptions<HandOptions> hands)
{
    /// <summary>
    /// How far outside a recorded session's times a hand may be and still be its own: a site's clock and the
    /// moment the player tapped start or cash-out differ by a minute or two.
    /// </summary>
    public static readonly TimeSpan RecordedSlack = TimeSpan.FromMinutes(5);

    /// <param name="recorded">
    /// The player's recorded sessions, for the statistics (asked only when there are sessions made from
    /// hands): the hands played during a recorded cash session in the same currency (give or take
    /// <see cref="RecordedSlack"/>) are that session's, counted once as recorded: an online one (the site's
    /// name may be written differently), or one at a live table whose hands the player logged (an Open Hand
    /// History file from a live hand recorder). The hands before and after it make sessions of their own, and
    /// the recorded online sessions share their time with those made from hands beside them.
    /// </param>
    public async Task<IReadOnlyList<SessionResult>> SessionsAsync(string userId, StatsFilter f, CancellationToken ct,
        Func<Task<IReadOnlyList<SessionResult>>>? recorded = null)
    {
        if (f.Format is { } format && !format.Equals("online", StringComparison.OrdinalIgnoreCase)
            || f.Kind is { } kind && !kind.Equals("cash", StringComparison.OrdinalIgnoreCase)
            || f.Tags is { Count: > 0 })
        {
            return [];
        }

        // Every session that may share time with one the view shows is read, whatever its site, stakes or
        // game: the view's filters apply to the sessions with their shares.
        var all = await AllAsync(userId, f.From, [], ct);
        var cash = all.Count == 0 || recorded is null ? [] : (await recorded()).Where(r => r.Kind == "cash").ToList();
        var covering = cash.Where(r => all.Any(d => r.Currency == d.Currency && r.StartedAt - RecordedSlack < d.EndedAt && d.StartedAt < r.EndedAt + RecordedSlack)).ToList();
        if (covering.Count > 0)
        {
            all = await AllAsync(userId, f.From, covering, ct); // made again from the hands no recorded session holds
        }

        var online = cash.Where(r => r.Format.Equals("online", StringComparison.OrdinalIgnoreCase)).ToList();
        var seconds = SharedSeconds([.. all.Select(s => (s.StartedAt, s.EndedAt)), .. online.Select(r => (r.StartedAt, r.EndedAt))]);
        return [.. all.Select((s, i) => s with { PlayingSeconds = seconds[i] }).Where((_, i) => In(f, all[i]))];
    }

    /// <summary>
    /// The seconds each of these spans counts for when the time that several share is shared equally among
    /// them: the counts add up to the time covered, and a span that shares nothing counts whole.
    /// </summary>
    public static long[] SharedSeconds(IReadOnlyList<(DateTimeOffset Start, DateTimeOffset End)> spans)
    {
        // A span of no time (a session ended as it started) shares nothing and counts nothing.
        var edges = spans.SelectMany((s, i) => s.End > s.Start ? new[] { (At: s.Start, Index: i, Starts: true), (At: s.End, Index: i, Starts: false) } : [])
            .OrderBy(e => e.At).ThenBy(e => e.Starts); // a span that ends as another starts shares nothing with it
        var shares = new double[spans.Count];
        var running = new List<int>();
        var since = DateTimeOffset.MinValue;
        foreach (var (at, index, starts) in edges)
        {
            var each = running.Count == 0 ? 0 : (at - since).TotalSeconds / running.Count;
            running.ForEach(i => shares[i] += each);
            since = at;
            if (starts)
            {
                running.Add(index);
            }
            else
            {
                running.Remove(index);
            }
        }

        return [.. shares.Select(x => (long)Math.Round(x))];
    }

    /// <summary>Whether the view shows a session (by its own span, as long as it lasted, for the length filter).</summary>
    private static bool In(StatsFilter f, SessionResult s) =>
        f.MatchesStored(s) && (f.From is not { } from || s.StartedAt >= from) && (f.To is not { } to || s.StartedAt <= to);

    /// <summary>
    /// The player's sessions made from hands, by start, each with its whole span; those that ended before
    /// <paramref name="from"/> are left out, and so are the hands that the <paramref name="recorded"/> sessions hold.
    /// </summary>
    private async Task<IReadOnlyList<SessionResult>> AllAsync(string userId, DateTimeOffset? from, IReadOnlyList<SessionResult> recorded, CancellationToken ct)
    {
        var p = new ClickHouseParameterCollection();
        p.AddParameter("user", userId);
        p.AddParameter("gap", hands.Value.SessionGapMinutes * 60L);
        p.AddParameter("from", (from?.AddMinutes(-1) ?? DateTimeOffset.UnixEpoch).UtcDateTime); // the last hand's minute
        p.AddParameter("held_currency", recorded.Select(r => r.Currency).ToArray());
        p.AddParameter("held_from", recorded.Select(r => (r.StartedAt - RecordedSlack).ToUnixTimeMilliseconds()).ToArray());
        p.AddParameter("held_to", recorded.Select(r => (r.EndedAt + RecordedSlack).ToUnixTimeMilliseconds()).ToArray());
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
                    WHERE user_id = {user:String} AND hero AND NOT tournament
                      AND currency NOT IN ('{{HandHistories.Model.Hand.Chips}}', '{{HandHistories.Model.Hand.PlayMoney}}')
                      AND NOT arrayExists((c, a, b) -> c = currency AND toUnixTimestamp64Milli(started_at) BETWEEN a AND b,
                                          {held_currency:Array(String)}, {held_from:Array(Int64)}, {held_to:Array(Int64)})
                    WINDOW w AS (PARTITION BY site, currency, game, small_blind, big_blind ORDER BY started_at, hand_id ROWS BETWEEN 1 PRECEDING AND CURRENT ROW)
                )
            )
            GROUP BY site, currency, game, small_blind, big_blind, session
            HAVING last_hand >= {from:DateTime64(3, 'UTC')}
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
