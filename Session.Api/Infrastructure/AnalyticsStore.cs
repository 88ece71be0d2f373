using System.Text.Json;
using ClickHouse.Driver;
using ClickHouse.Driver.ADO.Parameters;
using ClickHouse.Driver.ADO.Readers;
using ClickHouse.Driver.Utility;
using PokerTracker.Contracts;
using PokerTracker.Contracts.Events;
using PokerTracker.Contracts.Sessions;
using PokerTracker.SharedKernel.Sessions;

namespace PokerTracker.SessionApi.Infrastructure;

/// <summary>The analytics store is unreachable: what reads it (statistics, past sessions, imports) answers 503; commands on live sessions are unaffected.</summary>
public sealed class AnalyticsUnavailableException(Exception inner)
    : ProblemException(503, "Your session history is unavailable right now.",
        "The analytics store does not answer; your sessions are safe and keep recording. Try again shortly.", inner)
{
    public override string Code => "UNAVAILABLE";
}

/// <summary>
/// Reads the analytics store (ClickHouse) for what the live store no longer holds or never
/// confirmed: sessions past their TTL, their events, the versions stored. Sessions and
/// statistics both read through it.
/// </summary>
public sealed class AnalyticsStore(ClickHouseClient clickhouse)
{
    public ClickHouseClient Client => clickhouse;

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
                states.Add(SessionStateJson.Deserialize(reader.GetString(0)));
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
                states.Add(SessionStateJson.Deserialize(reader.GetString(0)));
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


    /// <summary>Whether the player's session holds the event with this id (a command's idempotency key).</summary>
    public async Task<bool> HasEventAsync(string userId, Guid sessionId, Guid eventId, CancellationToken ct)
    {
        var p = new ClickHouseParameterCollection();
        p.AddParameter("user", userId);
        p.AddParameter("session", sessionId);
        p.AddParameter("event", eventId);
        var found = await Guard(async () =>
        {
            var count = await clickhouse.ExecuteScalarAsync(
                $$"""
                SELECT count() FROM {{AnalyticsTables.Events}}
                WHERE user_id = {user:String} AND session_id = {session:UUID} AND event_id = {event:UUID}
                """, p, cancellationToken: ct);
            return new List<bool> { Convert.ToInt64(count, System.Globalization.CultureInfo.InvariantCulture) > 0 };
        });
        return found is [true];
    }

    /// <summary>Runs a read: no tables yet means nothing stored; an unreachable store is a 503.</summary>
    public static async Task<IReadOnlyList<T>> Guard<T>(Func<Task<List<T>>> query)
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
