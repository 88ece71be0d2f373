using StackExchange.Redis;
using PokerTracker.SharedKernel.Sessions;

namespace PokerTracker.SessionApi.Sessions;

public sealed partial class SessionStore
{
    /// <summary>A page of the player's sessions, newest start first, optionally of one status.</summary>
    /// <param name="expired">Looks up sessions gone from the live store (ended beyond their TTL).</param>
    public async Task<(IReadOnlyList<SessionState> Items, string? NextCursor)> ListAsync(
        string userId, string? status, int limit, string? cursor, Func<IReadOnlyCollection<Guid>, Task<IReadOnlyList<SessionState>>> expired)
    {
        var (score, afterId) = SessionCursor.Decode(cursor);
        if (status == SessionStatus.Active)
        {
            return await ListActiveAsync(userId, limit, score, afterId, expired);
        }

        var items = new List<SessionState>();
        var index = RedisKeys.UserSessions(userId);
        while (items.Count < limit)
        {
            var batch = await Db.SortedSetRangeByScoreWithScoresAsync(index, double.NegativeInfinity, score, Exclude.None, Order.Descending, 0, limit + 20);
            var candidates = batch
                .Where(e => e.Score < score || afterId is null || string.CompareOrdinal(e.Element.ToString(), afterId) < 0)
                .ToList();
            if (candidates.Count == 0)
            {
                return (items, null);
            }

            var states = await StatesAsync([.. candidates.Select(c => Guid.Parse(c.Element.ToString()))], expired);
            for (var i = 0; i < candidates.Count; i++)
            {
                (score, afterId) = (candidates[i].Score, candidates[i].Element.ToString());
                var state = states[i];
                if (state is not null && (status is null || state.Status == status))
                {
                    items.Add(state);
                    if (items.Count == limit)
                    {
                        return (items, SessionCursor.Encode(score, afterId));
                    }
                }
            }
        }

        return (items, SessionCursor.Encode(score, afterId));
    }

    /// <summary>
    /// The running sessions, from the player's set of them (a handful), in the index's order: the
    /// Play screen asks for them often, and walking the whole index for them read a long history
    /// page by page, and failed with the analytics store.
    /// </summary>
    private async Task<(IReadOnlyList<SessionState> Items, string? NextCursor)> ListActiveAsync(
        string userId, int limit, double score, string? afterId, Func<IReadOnlyCollection<Guid>, Task<IReadOnlyList<SessionState>>> expired)
    {
        var members = await Db.SetMembersAsync(RedisKeys.UserActive(userId));
        var scores = members.Length == 0 ? [] : await Db.SortedSetScoresAsync(RedisKeys.UserSessions(userId), members);
        var after = members
            .Select((m, i) => (Id: m.ToString(), Score: scores[i]))
            .Where(m => m.Score is { } s && (s < score || (s == score && (afterId is null || string.CompareOrdinal(m.Id, afterId) < 0))))
            .OrderByDescending(m => m.Score).ThenByDescending(m => m.Id, StringComparer.Ordinal)
            .Select(m => (Id: Guid.Parse(m.Id), Score: m.Score!.Value))
            .ToList();
        var states = await StatesAsync([.. after.Select(m => m.Id)], expired);
        var items = new List<SessionState>();
        (double Score, Guid Id) last = default;
        for (var i = 0; i < after.Count; i++)
        {
            var state = states[i];
            if (state?.Status != SessionStatus.Active)
            {
                continue;
            }

            if (items.Count == limit)
            {
                return (items, SessionCursor.Encode(last.Score, last.Id.ToString()));
            }

            items.Add(state);
            last = (after[i].Score, after[i].Id);
        }

        return (items, null);
    }

    /// <summary>The sessions, in the order given: from the live store, else the analytics store (<paramref name="expired"/>); null for one neither has.</summary>
    private async Task<SessionState?[]> StatesAsync(IReadOnlyList<Guid> ids, Func<IReadOnlyCollection<Guid>, Task<IReadOnlyList<SessionState>>> expired)
    {
        var docs = await Task.WhenAll(ids.Select(id => Db.HashGetAsync(RedisKeys.Session(id), "doc")));
        var missing = ids.Where((_, i) => docs[i].IsNullOrEmpty).ToList();
        var fromHistory = missing.Count == 0 ? [] : (await expired(missing)).ToDictionary(s => s.Id);
        return [.. ids.Select((id, i) => docs[i].IsNullOrEmpty ? fromHistory.GetValueOrDefault(id) : SessionStateJson.Deserialize(docs[i].ToString()))];
    }
}
