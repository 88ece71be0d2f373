using System.Security.Cryptography;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using PokerTracker.SessionApi.Sessions;
using StackExchange.Redis;

namespace PokerTracker.SessionApi.Accounts;

public sealed record UserAccount(string Id, string Email, string Role, DateTimeOffset CreatedAt);

/// <summary>Accounts in Redis (AOF on): one hash per user and a unique index of e-mail addresses.</summary>
public sealed class UserStore(IConnectionMultiplexer redis, IOptions<AuthOptions> options, TimeProvider time)
{
    private static readonly PasswordHasher<UserAccount> Hasher = new();
    private static readonly UserAccount Nobody = new("", "", Roles.Free, DateTimeOffset.MinValue);
    private static readonly string DummyHash = Hasher.HashPassword(Nobody, Convert.ToBase64String(RandomNumberGenerator.GetBytes(16)));

    private IDatabase Db => redis.GetDatabase();

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

        var role = options.Value.AdminEmails.Contains(normalized, StringComparer.OrdinalIgnoreCase) ? Roles.Admin : Roles.Free;
        var account = new UserAccount(id, normalized, role, time.GetUtcNow());
        await Db.HashSetAsync(UserKey(id),
        [
            new("email", normalized), new("role", role), new("created", account.CreatedAt.ToUnixTimeMilliseconds()),
            new("hash", Hasher.HashPassword(account, password)),
        ]);
        await Db.SetAddAsync(AllUsers, id);
        return account;
    }

    /// <summary>The account when the password is right; the same work is done when the address is unknown.</summary>
    public async Task<UserAccount?> VerifyAsync(string email, string password)
    {
        var id = await Db.StringGetAsync(EmailKey(email));
        var account = id.IsNullOrEmpty ? null : await FindAsync(id.ToString());
        var hash = account is null ? null : (string?)await Db.HashGetAsync(UserKey(account.Id), "hash");
        var result = Hasher.VerifyHashedPassword(account ?? Nobody, hash ?? DummyHash, password);
        return account is not null && hash is not null && result != PasswordVerificationResult.Failed ? account : null;
    }

    public async Task<UserAccount?> FindAsync(string id)
    {
        var fields = await Db.HashGetAsync(UserKey(id), ["email", "role", "created"]);
        return fields[0].IsNullOrEmpty
            ? null
            : new UserAccount(id, fields[0].ToString(), fields[1].ToString(), DateTimeOffset.FromUnixTimeMilliseconds((long)fields[2]));
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
}
