using StackExchange.Redis;

namespace PokerTracker.Clients.Redis;

/// <summary>
/// Accounts that were deleted: a set of their ids (random, so they say nothing about the person)
/// kept for good, so that nothing of theirs is stored again — an access token issued before the
/// deletion is refused, and events of theirs still on their way are dropped by the workers — and a
/// stream of deletion requests that each store works through (the analytics store's rows).
/// </summary>
public sealed class DeletedAccounts(IConnectionMultiplexer redis)
{
    public const string Tombstones = "pt:accounts:deleted";
    public const string Requests = "pt:account-deletions";

    /// <summary>Which of <paramref name="userIds"/> belong to deleted accounts.</summary>
    public async Task<IReadOnlySet<string>> WhichAsync(IEnumerable<string> userIds)
    {
        var ids = userIds.Distinct(StringComparer.Ordinal).ToArray();
        if (ids.Length == 0)
        {
            return new HashSet<string>();
        }

        var found = await redis.GetDatabase().SetContainsAsync(Tombstones, [.. ids.Select(i => (RedisValue)i)]);
        return ids.Where((_, i) => found[i]).ToHashSet(StringComparer.Ordinal);
    }

    public async Task<bool> IsDeletedAsync(string userId) => await redis.GetDatabase().SetContainsAsync(Tombstones, userId);

    /// <summary>
    /// After a batch is stored: an account deleted while the batch was being stored (it passed the
    /// check before) is asked to be purged once more, so that its rows stored after the first purge go too.
    /// </summary>
    /// <returns>Those accounts: the caller removes what it wrote for them in Redis too.</returns>
    public async Task<IReadOnlySet<string>> PurgeAgainIfDeletedAsync(IEnumerable<string> userIds, DateTimeOffset now)
    {
        var deleted = await WhichAsync(userIds);
        foreach (var user in deleted)
        {
            await RequestPurgeAsync(redis.GetDatabase(), user, now);
        }

        return deleted;
    }

    /// <summary>
    /// The items of a batch for the analytics store that do not belong to a deleted account. Those that do
    /// are asked to be purged once more (each at most every few seconds): an earlier try of this same
    /// batch may have stored their rows after their purge and failed after that, and this is its retry.
    /// </summary>
    public async Task<IReadOnlyList<T>> ToStoreAsync<T>(IReadOnlyList<T> items, Func<T, string> owner, DateTimeOffset now)
    {
        var deleted = await WhichAsync(items.Select(owner));
        if (deleted.Count == 0)
        {
            return items;
        }

        var db = redis.GetDatabase();
        foreach (var user in deleted)
        {
            if (await db.StringSetAsync(PurgeAgain(user), 1, TimeSpan.FromSeconds(5), When.NotExists))
            {
                await RequestPurgeAsync(db, user, now);
            }
        }

        return [.. items.Where(i => !deleted.Contains(owner(i)))];
    }

    private static Task<RedisValue> RequestPurgeAsync(IDatabase db, string user, DateTimeOffset now) =>
        db.StreamAddAsync(Requests, [new("user", user), new("at", now.ToUnixTimeMilliseconds())]);

    /// <summary>
    /// Set while a purge asked again waits: the purger removes it as it starts the purge, so a retry after
    /// that asks anew. Named by a hash of the id: no key left for a few seconds names a deleted account.
    /// </summary>
    public static string PurgeAgain(string userId) =>
        "pt:accounts:purge-again:" + Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(userId)), 0, 16);

    /// <summary>The items of a batch that do not belong to a deleted account.</summary>
    public async Task<IReadOnlyList<T>> WithoutDeletedAsync<T>(IReadOnlyList<T> items, Func<T, string> owner)
    {
        var deleted = await WhichAsync(items.Select(owner));
        return deleted.Count == 0 ? items : [.. items.Where(i => !deleted.Contains(owner(i)))];
    }
}
