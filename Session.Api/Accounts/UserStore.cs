using System.Security.Cryptography;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace PokerTracker.SessionApi.Accounts;

public sealed record UserAccount(string Id, string Email, string Role, DateTimeOffset CreatedAt);

/// <summary>Accounts in Redis (AOF on): one hash per user and a unique index of e-mail addresses.</summary>
public sealed class UserStore
{
    private static readonly UserAccount Nobody = new("", "", Roles.Free, DateTimeOffset.MinValue);
    private readonly IConnectionMultiplexer _redis;
    private readonly AuthOptions _options;
    private readonly TimeProvider _time;
    private readonly PasswordHasher<UserAccount> _hasher;
    private readonly string _dummyHash;
    private readonly RecentRevocations _revocations;

    public UserStore(IConnectionMultiplexer redis, IOptions<AuthOptions> options, TimeProvider time, RecentRevocations revocations)
    {
        _redis = redis;
        _revocations = revocations;
        _options = options.Value;
        _time = time;
        _hasher = new PasswordHasher<UserAccount>(Options.Create(new PasswordHasherOptions { IterationCount = _options.PasswordIterations }));
        _dummyHash = _hasher.HashPassword(Nobody, Convert.ToBase64String(RandomNumberGenerator.GetBytes(16)));
    }

    private IDatabase Db => _redis.GetDatabase();

    private static string UserKey(string id) => $"pt:account:{id}";
    private static string EmailKey(string email) => $"pt:account-email:{email.Trim().ToLowerInvariant()}";
    private const string AllUsers = "pt:accounts";

    /// <returns>The new account, or null when the address is taken.</returns>
    public async Task<UserAccount?> RegisterAsync(string email, string password)
    {
        var id = Guid.CreateVersion7().ToString("N");
        var normalized = email.Trim();
        if (!await Db.StringSetAsync(EmailKey(normalized), id, when: When.NotExists))
        {
            return null;
        }

        var account = new UserAccount(id, normalized, Roles.Free, _time.GetUtcNow());
        await Db.HashSetAsync(UserKey(id),
        [
            new("email", normalized), new("role", Roles.Free), new("created", account.CreatedAt.ToUnixTimeMilliseconds()),
            new("hash", _hasher.HashPassword(account, password)),
        ]);
        await Db.SetAddAsync(AllUsers, id);
        return account;
    }

    /// <summary>The account when the password is right; the same work is done when the address is unknown.</summary>
    public async Task<UserAccount?> VerifyAsync(string email, string password)
    {
        var id = await Db.StringGetAsync(EmailKey(email));
        return id.IsNullOrEmpty ? Verify(null, null, password) : await VerifyIdAsync(id.ToString(), password);
    }

    /// <summary>The account when <paramref name="password"/> is its password.</summary>
    public async Task<UserAccount?> VerifyIdAsync(string id, string password)
    {
        var account = await FindAsync(id);
        var hash = account is null ? null : (string?)await Db.HashGetAsync(UserKey(account.Id), "hash");
        var (verified, result) = Check(account, hash, password);
        if (verified is not null && result == PasswordVerificationResult.SuccessRehashNeeded)
        {
            await Db.HashSetAsync(UserKey(verified.Id), "hash", _hasher.HashPassword(verified, password)); // today's work factor
        }

        return verified;
    }

    private UserAccount? Verify(UserAccount? account, string? hash, string password) => Check(account, hash, password).Account;

    /// <summary>One hashing, whether the account exists or not (the same work either way), and what it found.</summary>
    private (UserAccount? Account, PasswordVerificationResult Result) Check(UserAccount? account, string? hash, string password)
    {
        var result = _hasher.VerifyHashedPassword(account ?? Nobody, hash ?? _dummyHash, password);
        return (account is not null && hash is not null && result != PasswordVerificationResult.Failed ? account : null, result);
    }

    public async Task SetPasswordAsync(UserAccount account, string password) =>
        await Db.HashSetAsync(UserKey(account.Id), "hash", _hasher.HashPassword(account, password));

    /// <summary>The account; its role is admin when the operator's configuration names it, whatever is stored.</summary>
    public async Task<UserAccount?> FindAsync(string id)
    {
        var fields = await Db.HashGetAsync(UserKey(id), ["email", "role", "created"]);
        return fields[0].IsNullOrEmpty
            ? null
            : new UserAccount(id, fields[0].ToString(), _options.IsAdmin(id) ? Roles.Admin : fields[1].ToString(), DateTimeOffset.FromUnixTimeMilliseconds((long)fields[2]));
    }

    public async Task<bool> SetRoleAsync(string id, string role)
    {
        if (!await Db.KeyExistsAsync(UserKey(id)))
        {
            return false;
        }

        await Db.HashSetAsync(UserKey(id), "role", role);
        return true;
    }

    public async Task<long> CountAsync() => await Db.SetLengthAsync(AllUsers);

    /// <summary>
    /// Ends the account in one transaction: its id joins the deleted accounts (refused from now on,
    /// by every replica: <see cref="RecentRevocations"/>),
    /// the account and its e-mail address are removed, and the deletion is queued for the stores
    /// that work through it: the analytics store's rows, and a sweep of the live store due at <paramref name="sweepDue"/>
    /// (<see cref="AccountSweeper"/>).
    /// </summary>
    public async Task DeleteAsync(UserAccount account, DateTimeOffset sweepDue)
    {
        var tx = Db.CreateTransaction();
        _ = tx.SortedSetAddAsync(AccountSweeper.Key, account.Id, sweepDue.ToUnixTimeMilliseconds());
        _ = tx.SetAddAsync(Clients.Redis.DeletedAccounts.Tombstones, account.Id);
        _ = tx.StreamAddAsync(Clients.Redis.DeletedAccounts.Requests, [new("user", account.Id), new("at", _time.GetUtcNow().ToUnixTimeMilliseconds())]);
        _ = tx.KeyDeleteAsync([UserKey(account.Id), EmailKey(account.Email)]);
        _ = tx.SetRemoveAsync(AllUsers, account.Id);
        _revocations.AddTo(tx, account.Id);
        await tx.ExecuteAsync();
        _revocations.Deleted(account.Id);
    }
}
