using ClickHouse.Driver.ADO.Parameters;
using ClickHouse.Driver.Utility;
using PokerTracker.Contracts;
using PokerTracker.SessionApi.Infrastructure;
using PokerTracker.SharedKernel.Sessions;

namespace PokerTracker.SessionApi.Statistics;

/// <summary>
/// The player's ended sessions, filtered, as the statistics are computed from them: the recorded
/// ones and the online ones derived from imported hands.
/// </summary>
public sealed class StatisticsReader(AnalyticsStore store, OnlineSessionReader online, Sessions.SessionStore live)
{
    /// <param name="fresher">
    /// The player's sessions the analytics store may not hold in their latest version yet
    /// (<see cref="FresherAsync"/>), when the caller has read them already.
    /// </param>
    public async Task<IReadOnlyList<SessionResult>> EndedSessionsAsync(string userId, StatsFilter f, CancellationToken ct, IReadOnlyList<SessionState>? fresher = null)
    {
        // The waiting sessions first: the worker writes a session to the analytics store before it
        // takes it off the waiting list, so one stored between the two reads is in the second.
        fresher ??= await FresherAsync(userId);
        var recorded = await RecordedAsync(userId, f, fresher, ct);

        // A session recorded at the time covers the hands imported for then whatever the view shows: a
        // view of one site, stakes, game, tag or length looks for it again without that filter (or a
        // recorded GGPoker session would drop PokerStars hands in one view and not in another).
        var covering = Covering(f);
        var all = covering == f ? recorded : null;
        var derived = await online.SessionsAsync(userId, f, ct, async () => all ??= await RecordedAsync(userId, covering, fresher, ct));
        return derived.Count == 0 ? recorded : [.. recorded, .. derived];
    }

    /// <summary>
    /// The sessions made from imported hands that the view shows, as the statistics count them: the hands
    /// played during a recorded session are left out (they count as it), and each has its share of the time.
    /// </summary>
    public async Task<IReadOnlyList<SessionResult>> OnlineSessionsAsync(string userId, StatsFilter f, CancellationToken ct)
    {
        var fresher = await FresherAsync(userId);
        return await online.SessionsAsync(userId, f, ct, () => RecordedAsync(userId, Covering(f), fresher, ct));
    }

    /// <summary>The recorded sessions that may cover hands the view shows: its filters but time and currency left out.</summary>
    private static StatsFilter Covering(StatsFilter f) =>
        f with { Kind = null, Game = null, Format = null, Stakes = null, Venue = null, Tags = null, MinMinutes = null, Weekday = null };

    /// <summary>The recorded sessions the filter finds, each as it is now (see <see cref="FresherAsync"/>).</summary>
    private async Task<IReadOnlyList<SessionResult>> RecordedAsync(string userId, StatsFilter f, IReadOnlyList<SessionState> fresher, CancellationToken ct)
    {
        var recorded = await RecordedSessionsAsync(userId, f, ct);
        if (fresher.Count == 0)
        {
            return recorded;
        }

        // A session ended, corrected, discarded or imported a moment ago counts as it is now, not as
        // the analytics store had it (or not at all) before its last change arrived there.
        var newer = fresher.Select(s => s.Id).ToHashSet();
        return [.. recorded.Where(r => !newer.Contains(r.Id)),
            .. fresher.Where(s => s.Status == SessionStatus.Ended && s.EndedAt is not null).Select(SessionResult.From).Where(f.MatchesStored)];
    }

    /// <summary>
    /// The player's sessions that stopped (ended or discarded) or changed since, whose latest version
    /// the analytics store may not hold yet. A running session's changes count for nothing here: the
    /// statistics are of ended sessions.
    /// </summary>
    public async Task<IReadOnlyList<SessionState>> FresherAsync(string userId) =>
        [.. (await live.NotInHistoryAsync(userId)).Where(s => s.Status != SessionStatus.Active)];

    private async Task<IReadOnlyList<SessionResult>> RecordedSessionsAsync(string userId, StatsFilter f, CancellationToken ct)
    {
        var where = new List<string> { "user_id = {user:String}", "status = 'ended'", "ended_at IS NOT NULL" };
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

        // A range takes the sessions that started in it, as the breakdowns by month, weekday and hour
        // count them: a session across midnight at the end of a month is in one month, not both. The
        // start is the table's clock (StatsFilter.Matches): the store is asked for a day more each side.
        Add("started_at >= {from:DateTime64(3, 'UTC')}", "from", (f.From - StatsFilter.ZoneSlack)?.UtcDateTime);
        Add("started_at <= {to:DateTime64(3, 'UTC')}", "to", (f.To + StatsFilter.ZoneSlack)?.UtcDateTime);
        Add("kind = {kind:String}", "kind", f.Kind?.ToLowerInvariant());
        Add("lower(game) = lower({game:String})", "game", f.Game);
        Add("format = {format:String}", "format", f.Format?.ToLowerInvariant());
        Add("stakes = {stakes:String}", "stakes", f.Stakes);
        Add("lowerUTF8(venue) = lowerUTF8({venue:String})", "venue", f.Venue); // "aria" finds "Aria", as the breakdown groups them
        Add("currency = {currency:String}", "currency", f.Currency);
        Add("hasAll(arrayMap(t -> lowerUTF8(t), tags), arrayMap(t -> lowerUTF8(t), {tags:Array(String)}))", "tags", f.Tags is { Count: > 0 } tags ? tags.ToArray() : null);
        Add("playing_seconds >= {minSeconds:Int64}", "minSeconds", f.MinMinutes is { } m ? m * 60L : null);

        var sql = $"""
            SELECT session_id, kind, game, format, stakes, big_blind, venue, currency, tags, started_at, ended_at,
                   playing_seconds, net_result, invested, prize, hands_played, finish_position, field_size, JSONExtractString(doc, 'timeZone')
            FROM {AnalyticsTables.Sessions} FINAL
            WHERE {string.Join(" AND ", where)}
            """;
        return await AnalyticsStore.Guard(async () =>
        {
            using var reader = await store.Client.ExecuteReaderAsync(sql, p, cancellationToken: ct);
            var rows = new List<SessionResult>();
            while (await reader.ReadAsync(ct))
            {
                rows.Add(new SessionResult(
                    reader.GetGuid(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetString(4),
                    reader.IsDBNull(5) ? null : reader.GetInt64(5), reader.GetString(6), reader.GetString(7), (string[])reader.GetValue(8),
                    Utc(reader.GetDateTime(9)), Utc(reader.GetDateTime(10)), reader.GetInt64(11), reader.GetInt64(12), reader.GetInt64(13),
                    reader.IsDBNull(14) ? null : reader.GetInt64(14), reader.IsDBNull(15) ? null : reader.GetInt32(15),
                    reader.IsDBNull(16) ? null : reader.GetInt32(16), reader.IsDBNull(17) ? null : reader.GetInt32(17), reader.GetString(18)));
            }

            return rows;
        });
    }

    private static DateTimeOffset Utc(DateTime value) => new(DateTime.SpecifyKind(value, DateTimeKind.Utc));
}
