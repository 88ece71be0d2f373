using ClickHouse.Driver;
using ClickHouse.Driver.ADO.Parameters;
using ClickHouse.Driver.Utility;
using PokerTracker.Contracts;
using PokerTracker.Contracts.Events;
using PokerTracker.Contracts.Sessions;
using PokerTracker.SharedKernel.Sessions;

namespace PokerTracker.Analytics.Ingestion;

/// <summary>
/// The current state of sessions, folded from their events. A state is always the fold of a
/// complete prefix of the session's events (1..version): an event beyond a gap is stored, but the
/// session row waits until the gap is filled (by a redelivery or the live store's reconciler), so a
/// stored row at version v means events 1..v are all stored. Kept in memory while events come in
/// order; otherwise rebuilt from every event stored for the session.
/// </summary>
public sealed class SessionStates(ClickHouseClient clickhouse, Microsoft.Extensions.Options.IOptions<AnalyticsOptions> options)
{
    private sealed record Entry(SessionState State, long MaxStored);

    private readonly Dictionary<Guid, Entry> _cache = [];
    private readonly LinkedList<Guid> _recent = new();

    /// <summary>Applies new events (already stored) and returns the sessions whose complete prefix grew.</summary>
    public async Task<IReadOnlyList<SessionState>> ApplyAsync(IEnumerable<SessionEventEnvelope> events, CancellationToken ct)
    {
        var changed = new Dictionary<Guid, SessionState>();
        foreach (var group in events.GroupBy(e => (Session: Guid.Parse(e.SessionId), e.UserId)))
        {
            var ordered = group.DistinctBy(e => e.Sequence).OrderBy(e => e.Sequence).ToList();
            _cache.TryGetValue(group.Key.Session, out var entry);
            var before = entry?.State.Version ?? 0;
            if (entry is not null && ordered[^1].Sequence <= before)
            {
                continue; // all applied before: a redelivery
            }

            var fresh = ordered.SkipWhile(e => e.Sequence <= before).ToList();
            if (entry is not null && entry.MaxStored == before && fresh[0].Sequence == before + 1 && Contiguous(fresh))
            {
                foreach (var e in fresh)
                {
                    entry.State.Apply(e);
                }

                entry = entry with { MaxStored = entry.State.Version };
            }
            else
            {
                entry = await RebuildAsync(group.Key.Session, group.Key.UserId, ct);
            }

            Remember(group.Key.Session, entry);
            if (entry.State.Version > before)
            {
                changed[group.Key.Session] = entry.State;
            }
        }

        return [.. changed.Values];
    }

    private async Task<Entry> RebuildAsync(Guid session, string userId, CancellationToken ct)
    {
        var parameters = new ClickHouseParameterCollection();
        parameters.AddParameter("user", userId);
        parameters.AddParameter("session", session);
        using var reader = await clickhouse.ExecuteReaderAsync(
            $"SELECT sequence, raw FROM {AnalyticsTables.Events} WHERE user_id = {{user:String}} AND session_id = {{session:UUID}} ORDER BY sequence LIMIT 1 BY sequence",
            parameters, cancellationToken: ct);
        var state = new SessionState();
        long maxStored = 0;
        while (await reader.ReadAsync(ct))
        {
            var sequence = reader.GetInt64(0);
            maxStored = sequence;
            if (sequence == state.Version + 1)
            {
                state.Apply(SessionEventEnvelope.Parser.ParseFrom(Convert.FromBase64String(reader.GetString(1))));
            }
        }

        return new Entry(state, maxStored);
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

    private void Remember(Guid id, Entry entry)
    {
        if (!_cache.ContainsKey(id))
        {
            _recent.AddLast(id);
        }

        _cache[id] = entry;
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
