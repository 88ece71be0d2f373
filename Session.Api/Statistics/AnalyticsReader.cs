using System.Text.Json;
using ClickHouse.Driver;
using ClickHouse.Driver.ADO.Parameters;
using ClickHouse.Driver.ADO.Readers;
using ClickHouse.Driver.Utility;
using PokerTracker.Contracts;
using PokerTracker.Contracts.Events;
using PokerTracker.Contracts.Sessions;

namespace PokerTracker.SessionApi.Statistics;

/// <summary>The analytics store is unreachable: statistics answer 503, commands are unaffected.</summary>
public sealed class AnalyticsUnavailableException(Exception inner) : Exception("The analytics store is unavailable right now.", inner);

/// <summary>Reads the analytics store (ClickHouse): ended sessions for statistics, and sessions gone from the live store.</summary>
public sealed class AnalyticsReader(ClickHouseClient clickhouse)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public async Task<IReadOnlyList<SessionResult>> EndedSessionsAsync(string userId, StatsFilter f, CancellationToken ct)
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

        Add("ended_at >= {from:DateTime64(3, 'UTC')}", "from", f.From?.UtcDateTime);
        Add("started_at <= {to:DateTime64(3, 'UTC')}", "to", f.To?.UtcDateTime);
        Add("kind = {kind:String}", "kind", f.Kind?.ToLowerInvariant());
        Add("lower(game) = lower({game:String})", "game", f.Game);
        Add("format = {format:String}", "format", f.Format?.ToLowerInvariant());
        Add("stakes = {stakes:String}", "stakes", f.Stakes);
        Add("venue = {venue:String}", "venue", f.Venue);
        Add("currency = {currency:String}", "currency", f.Currency);
        Add("hasAll(tags, {tags:Array(String)})", "tags", f.Tags is { Count: > 0 } tags ? tags.ToArray() : null);
        Add("playing_seconds >= {minSeconds:Int64}", "minSeconds", f.MinMinutes is { } m ? m * 60L : null);

        var sql = $"""
            SELECT session_id, kind, game, format, stakes, big_blind, venue, currency, tags, started_at, ended_at,
                   playing_seconds, net_result, invested, prize, hands_played, finish_position, field_size
            FROM {AnalyticsTables.Sessions} FINAL
            WHERE {string.Join(" AND ", where)}
            """;
        return await Guard(async () =>
        {
            using var reader = await clickhouse.ExecuteReaderAsync(sql, p, cancellationToken: ct);
            var rows = new List<SessionResult>();
            while (await reader.ReadAsync(ct))
            {
                rows.Add(new SessionResult(
                    reader.GetGuid(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetString(4),
                    reader.IsDBNull(5) ? null : reader.GetInt64(5), reader.GetString(6), reader.GetString(7), (string[])reader.GetValue(8),
                    Utc(reader.GetDateTime(9)), Utc(reader.GetDateTime(10)), reader.GetInt64(11), reader.GetInt64(12), reader.GetInt64(13),
                    reader.IsDBNull(14) ? null : reader.GetInt64(14), reader.IsDBNull(15) ? null : reader.GetInt32(15),
                    reader.IsDBNull(16) ? null : reader.GetInt32(16), reader.IsDBNull(17) ? null : reader.GetInt32(17)));
            }

            return rows;
        });
    }

    /// <summary>Sessions as the analytics store last saw them (the live store's document shape).</summary>
    public async Task<IReadOnlyList<SessionState>> SessionsAsync(string userId, IReadOnlyCollection<Guid> ids, CancellationToken ct)
    {
        if (ids.Count == 0)
        {
            return [];
        }

        var p = new ClickHouseParameterCollection();
        p.AddParameter("user", userId);
        p.AddParameter("ids", ids.ToArray());
        return await Guard(async () =>
        {
            using var reader = await clickhouse.ExecuteReaderAsync(
                $"SELECT doc FROM {AnalyticsTables.Sessions} FINAL WHERE user_id = {{user:String}} AND session_id IN {{ids:Array(UUID)}}", p, cancellationToken: ct);
            var states = new List<SessionState>();
            while (await reader.ReadAsync(ct))
            {
                states.Add(JsonSerializer.Deserialize<SessionState>(reader.GetString(0), Json)!);
            }

            return states;
        });
    }

    /// <summary>Every session of the player the analytics store holds (for export), oldest first.</summary>
    public async Task<IReadOnlyList<SessionState>> AllSessionsAsync(string userId, CancellationToken ct)
    {
        var p = new ClickHouseParameterCollection();
        p.AddParameter("user", userId);
        return await Guard(async () =>
        {
            using var reader = await clickhouse.ExecuteReaderAsync(
                $"SELECT doc FROM {AnalyticsTables.Sessions} FINAL WHERE user_id = {{user:String}} AND status = 'ended' ORDER BY started_at, session_id", p, cancellationToken: ct);
            var states = new List<SessionState>();
            while (await reader.ReadAsync(ct))
            {
                states.Add(JsonSerializer.Deserialize<SessionState>(reader.GetString(0), Json)!);
            }

            return states;
        });
    }

    /// <summary>
    /// The version of each session the analytics store holds completely (its row is folded from
    /// events 1..version, all stored); sessions it does not hold are absent.
    /// </summary>
    public async Task<IReadOnlyDictionary<Guid, long>> StoredVersionsAsync(IReadOnlyCollection<(string UserId, Guid Id)> sessions, CancellationToken ct)
    {
        if (sessions.Count == 0)
        {
            return new Dictionary<Guid, long>();
        }

        var p = new ClickHouseParameterCollection();
        p.AddParameter("users", sessions.Select(s => s.UserId).Distinct().ToArray());
        p.AddParameter("ids", sessions.Select(s => s.Id).ToArray());
        var rows = await Guard(async () =>
        {
            using var reader = await clickhouse.ExecuteReaderAsync(
                $$"""
                SELECT session_id, max(version) FROM {{AnalyticsTables.Sessions}}
                WHERE user_id IN {users:Array(String)} AND session_id IN {ids:Array(UUID)}
                GROUP BY session_id
                """, p, cancellationToken: ct);
            var found = new List<(Guid, long)>();
            while (await reader.ReadAsync(ct))
            {
                found.Add((reader.GetGuid(0), reader.GetInt64(1)));
            }

            return found;
        });
        return rows.ToDictionary(r => r.Item1, r => r.Item2);
    }

    /// <summary>A session's events as the analytics store holds them, in sequence order (empty when it has none).</summary>
    public async Task<IReadOnlyList<SessionEventEnvelope>> EventsAsync(string userId, Guid id, CancellationToken ct)
    {
        var p = new ClickHouseParameterCollection();
        p.AddParameter("user", userId);
        p.AddParameter("session", id);
        return await Guard(async () =>
        {
            using var reader = await clickhouse.ExecuteReaderAsync(
                $$"""
                SELECT raw FROM {{AnalyticsTables.Events}}
                WHERE user_id = {user:String} AND session_id = {session:UUID}
                ORDER BY sequence LIMIT 1 BY sequence
                """, p, cancellationToken: ct);
            var events = new List<SessionEventEnvelope>();
            while (await reader.ReadAsync(ct))
            {
                events.Add(SessionEventEnvelope.Parser.ParseFrom(Convert.FromBase64String(reader.GetString(0))));
            }

            return events;
        });
    }

    private static DateTimeOffset Utc(DateTime value) => new(DateTime.SpecifyKind(value, DateTimeKind.Utc));

    private static async Task<IReadOnlyList<T>> Guard<T>(Func<Task<List<T>>> query)
    {
        try
        {
            return await query();
        }
        catch (ClickHouseServerException ex) when (ex.ErrorCode is 60 or 81)
        {
            return []; // the worker has not created the tables yet: nothing is stored
        }
        catch (Exception ex) when (ex is HttpRequestException or ClickHouseServerException or TaskCanceledException { InnerException: TimeoutException })
        {
            throw new AnalyticsUnavailableException(ex);
        }
    }
}
