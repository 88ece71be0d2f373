using System.Text.Json;
using PokerTracker.SessionApi.Infrastructure;
using PokerTracker.SharedKernel.LiveStore;
using StackExchange.Redis;

namespace PokerTracker.SessionApi.Bankrolls;

/// <summary>
/// Bankrolls, ledger entries and session bookings in Redis (AOF on, no expiry): one hash each per
/// player. Every change bumps the player's statistics version, so the risk of ruin computed from
/// the bankroll is never stale.
/// </summary>
public sealed class BankrollStore(IConnectionMultiplexer redis)
{
    public const int MaxBankrolls = 20;
    public const int MaxEntries = 10_000;

    private IDatabase Db => redis.GetDatabase();

    private static string Bankrolls(string userId) => $"pt:user:{userId}:bankrolls";

    private static string Entries(string userId) => $"pt:user:{userId}:ledger";

    private static string Bookings(string userId) => $"pt:user:{userId}:bookings";

    private static string LedgerLock(string userId) => $"pt:user:{userId}:ledger-lock";

    private static readonly TimeSpan LockTime = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Money leaves the player's bankrolls one withdrawal or transfer at a time, whichever replica
    /// takes it: the balance is checked and the entry written under this lock, so two sent at once
    /// cannot both pass the check. Null when another one holds it for longer than a moment.
    /// </summary>
    public async Task<IAsyncDisposable?> LockLedgerAsync(string userId)
    {
        var holder = Guid.NewGuid().ToString("N");
        for (var attempt = 0; attempt < 40; attempt++)
        {
            if (await Lease.HoldAsync(Db, LedgerLock(userId), holder, LockTime))
            {
                return new HeldLock(Db, LedgerLock(userId), holder);
            }

            await Task.Delay(TimeSpan.FromMilliseconds(50));
        }

        return null;
    }

    private sealed class HeldLock(IDatabase db, string key, string holder) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync() => await Lease.ReleaseAsync(db, key, holder);
    }

    public async Task<IReadOnlyList<Bankroll>> BankrollsAsync(string userId) => Read<Bankroll>(await Db.HashValuesAsync(Bankrolls(userId)));

    public async Task<IReadOnlyList<LedgerEntry>> EntriesAsync(string userId) => Read<LedgerEntry>(await Db.HashValuesAsync(Entries(userId)));

    public async Task<IReadOnlyDictionary<Guid, Guid>> BookingsAsync(string userId) =>
        (await Db.HashGetAllAsync(Bookings(userId))).ToDictionary(e => Guid.Parse(e.Name.ToString()), e => Guid.Parse(e.Value.ToString()));

    /// <param name="request">A new bankroll's Idempotency-Key, recorded with it: a retry finds both or neither.</param>
    /// <returns>False when the player has as many bankrolls as allowed (a new one), or when it is gone (a change).</returns>
    public async Task<bool> SaveBankrollAsync(string userId, Bankroll bankroll, bool isNew, LedgerRequest? request = null)
    {
        var tx = Db.CreateTransaction();
        tx.AddCondition(isNew
            ? Condition.HashLengthLessThan(Bankrolls(userId), MaxBankrolls)
            : Condition.HashExists(Bankrolls(userId), bankroll.Id.ToString()));

        _ = tx.HashSetAsync(Bankrolls(userId), bankroll.Id.ToString(), Json(bankroll));
        if (request is not null)
        {
            _ = tx.StringSetAsync(Created(userId, request.Key), $"{request.Fingerprint}|{Json(bankroll)}", request.Keep);
        }

        _ = tx.StringIncrementAsync(LiveStoreKeys.StatsVersion(userId));
        return await tx.ExecuteAsync();
    }

    /// <summary>Removes the bankroll and the bookings to it, if the ledger still has <paramref name="ledgerSize"/> entries (none of them its own).</summary>
    /// <returns>False when the ledger changed since it was read.</returns>
    public async Task<bool> DeleteBankrollAsync(string userId, Guid id, IReadOnlyList<Guid> bookedSessions, long ledgerSize)
    {
        var tx = Db.CreateTransaction();
        tx.AddCondition(Condition.HashLengthEqual(Entries(userId), ledgerSize));
        _ = tx.HashDeleteAsync(Bankrolls(userId), id.ToString());
        if (bookedSessions.Count > 0)
        {
            _ = tx.HashDeleteAsync(Bookings(userId), [.. bookedSessions.Select(s => (RedisValue)s.ToString())]);
        }

        _ = tx.StringIncrementAsync(LiveStoreKeys.StatsVersion(userId));
        return await tx.ExecuteAsync();
    }

    private static string Idempotency(string userId, string key) => $"pt:idem-ledger:{userId}:{key}";

    private static string Created(string userId, string key) => $"pt:idem-bankroll:{userId}:{key}";

    /// <summary>The bankroll the first request sent with this key created, as it answered; null when there was none (or it has expired).</summary>
    public async Task<(string Fingerprint, Bankroll Bankroll)?> CreatedAsync(string userId, string key) =>
        Recorded<Bankroll>(await Db.StringGetAsync(Created(userId, key)));

    /// <summary>A request's record: "fingerprint|what it wrote, as JSON".</summary>
    private static (string Fingerprint, T Written)? Recorded<T>(RedisValue value)
    {
        if (value.IsNullOrEmpty)
        {
            return null;
        }

        var text = value.ToString();
        var bar = text.IndexOf('|', StringComparison.Ordinal);
        return (text[..bar], JsonSerializer.Deserialize<T>(text[(bar + 1)..], ApiJson.Storage)!);
    }

    /// <returns>
    /// False when the ledger is full, when one of the entries' bankrolls is gone, or when
    /// <paramref name="request"/>'s key has a record already (its first attempt was written meanwhile).
    /// </returns>
    public async Task<bool> AddEntriesAsync(string userId, LedgerRequest? request, params LedgerEntry[] entries)
    {
        var tx = Db.CreateTransaction();
        tx.AddCondition(Condition.HashLengthLessThan(Entries(userId), MaxEntries - entries.Length + 1));
        foreach (var bankroll in entries.Select(e => e.BankrollId).Distinct())
        {
            // Not deleted since it was read: an entry of a bankroll gone would be shown nowhere.
            tx.AddCondition(Condition.HashExists(Bankrolls(userId), bankroll.ToString()));
        }

        foreach (var entry in entries)
        {
            _ = tx.HashSetAsync(Entries(userId), entry.Id.ToString(), Json(entry));
        }

        if (request is not null)
        {
            // Written with the entries, so that a retry finds either both or neither.
            tx.AddCondition(Condition.KeyNotExists(Idempotency(userId, request.Key)));
            _ = tx.StringSetAsync(Idempotency(userId, request.Key), $"{request.Fingerprint}|{Json(entries)}", request.Keep);
        }

        _ = tx.StringIncrementAsync(LiveStoreKeys.StatsVersion(userId));
        return await tx.ExecuteAsync();
    }

    /// <summary>What the first request sent with this key asked for, and the entries it wrote; null when there was none (or it has expired).</summary>
    public async Task<(string Fingerprint, LedgerEntry[] Entries)?> RecordAsync(string userId, string key) =>
        Recorded<LedgerEntry[]>(await Db.StringGetAsync(Idempotency(userId, key)));

    public async Task RemoveEntriesAsync(string userId, IEnumerable<Guid> ids)
    {
        var tx = Db.CreateTransaction();
        _ = tx.HashDeleteAsync(Entries(userId), [.. ids.Select(i => (RedisValue)i.ToString())]);
        _ = tx.StringIncrementAsync(LiveStoreKeys.StatsVersion(userId));
        await tx.ExecuteAsync();
    }

    public async Task BookAsync(string userId, Guid sessionId, Guid? bankrollId)
    {
        var tx = Db.CreateTransaction();
        _ = bankrollId is { } to
            ? tx.HashSetAsync(Bookings(userId), sessionId.ToString(), to.ToString())
            : tx.HashDeleteAsync(Bookings(userId), sessionId.ToString());
        _ = tx.StringIncrementAsync(LiveStoreKeys.StatsVersion(userId));
        await tx.ExecuteAsync();
    }

    private static string Json<T>(T value) => JsonSerializer.Serialize(value, ApiJson.Storage);

    private static List<T> Read<T>(RedisValue[] values) => [.. values.Select(v => JsonSerializer.Deserialize<T>(v.ToString(), ApiJson.Storage)!)];
}
