using ClickHouse.Driver;
using ClickHouse.Driver.ADO.Parameters;
using ClickHouse.Driver.Utility;
using PokerTracker.Contracts;
using PokerTracker.Contracts.Events;
using PokerTracker.Contracts.Sessions;

namespace PokerTracker.Analytics.Ingestion;

/// <summary>
/// The current state of sessions, folded from their events. Kept in memory while events come in
/// order; when one arrives that does not follow (another worker had the partition, a redelivery,
/// a restart), the session is rebuilt from every event stored for it.
/// </summary>
public sealed class SessionStates(ClickHouseClient clickhouse, Microsoft.Extensions.Options.IOptions<AnalyticsOptions> options)
{
    private readonly Dictionary<Guid, SessionState> _cache = [];
    private readonly LinkedList<Guid> _recent = new();

    /// <summary>Applies new events (already stored) and returns the sessions they changed.</summary>
    public async Task<IReadOnlyList<SessionState>> ApplyAsync(IEnumerable<SessionEventEnvelope> events, CancellationToken ct)
    {
        var changed = new Dictionary<Guid, SessionState>();
        foreach (var group in events.GroupBy(e => (Session: Guid.Parse(e.SessionId), e.UserId)))
        {
            var ordered = group.DistinctBy(e => e.Sequence).OrderBy(e => e.Sequence).ToList();
            _cache.TryGetValue(group.Key.Session, out var state);
            if (state is not null && ordered.All(e => e.Sequence <= state.Version))
            {
                continue; // all seen before: a redelivery
            }

            if (state is null || ordered[0].Sequence != state.Version + 1 || !Contiguous(ordered))
            {
                state = await RebuildAsync(group.Key.Session, group.Key.UserId, ct);
            }
            else
            {
                foreach (var e in ordered)
                {
                    state.Apply(e);
                }
            }

            Remember(group.Key.Session, state);
            changed[group.Key.Session] = state;
        }

        return [.. changed.Values];
    }

    private async Task<SessionState> RebuildAsync(Guid session, string userId, CancellationToken ct)
    {
        var parameters = new ClickHouseParameterCollection();
        parameters.AddParameter("user", userId);
        parameters.AddParameter("session", session);
        using var reader = await clickhouse.ExecuteReaderAsync(
            $"SELECT raw FROM {AnalyticsTables.Events} WHERE user_id = {{user:String}} AND session_id = {{session:UUID}} ORDER BY sequence LIMIT 1 BY sequence",
            parameters, cancellationToken: ct);
        var state = new SessionState();
        while (await reader.ReadAsync(ct))
        {
            state.Apply(SessionEventEnvelope.Parser.ParseFrom(Convert.FromBase64String(reader.GetString(0))));
        }

        return state;
    }

    private static bool Contiguous(List<SessionEventEnvelope> ordered)
    {
        for (var i = 1; i < ordered.Count; i++)
        {
            if (ordered[i].Sequence != ordered[i - 1].Sequence + 1)
            {
                return false;
            }
        }

        return true;
    }

    private void Remember(Guid id, SessionState state)
    {
        if (!_cache.ContainsKey(id))
        {
            _recent.AddLast(id);
        }

        _cache[id] = state;
        while (_cache.Count > options.Value.CachedSessions && _recent.First is { } oldest)
        {
            _cache.Remove(oldest.Value);
            _recent.RemoveFirst();
        }
    }

    /// <summary>Forgets sessions of partitions this worker no longer owns: another worker may change them.</summary>
    public void Clear()
    {
        _cache.Clear();
        _recent.Clear();
    }
}
