using StackExchange.Redis;

namespace PokerTracker.SessionApi.Accounts;

/// <summary>
/// The live-store sweeps that deleted accounts still owe. Booked in the same transaction that ends the
/// account (<see cref="UserStore.DeleteAsync"/>), so a deletion whose own sweep fails, or whose replica
/// stops right after the account ended, is still swept; and due a little later, so that a change another
/// device had in flight when the account ended (accepted just before, stored just after) goes too.
/// </summary>
internal sealed partial class AccountSweeper(
    IConnectionMultiplexer redis, AccountDeletion deletion, IConfiguration configuration, TimeProvider time, ILogger<AccountSweeper> logger)
    : BackgroundService
{
    /// <summary>Sorted set: account id → when its sweep is due (Unix ms); a taken sweep's score is its lease's end.</summary>
    public const string Key = "pt:accounts:sweeps";

    /// <summary>A sweep taken by a replica that stopped before it finished is taken again after this.</summary>
    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(2);

    /// <summary>How long after the account ends its last sweep is due; settable for tests as Accounts:SweepAgainAfter.</summary>
    public static TimeSpan SweepAgainAfter(IConfiguration configuration) =>
        configuration.GetValue("Accounts:SweepAgainAfter", TimeSpan.FromSeconds(30));

    // Takes the due sweeps for this replica: each one's score becomes the end of its lease, so no other replica
    // takes it meanwhile, and one that this replica never finishes comes due again.
    private const string Take = """
        local due = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', ARGV[1], 'LIMIT', 0, 20)
        for _, user in ipairs(due) do redis.call('ZADD', KEYS[1], ARGV[2], user) end
        return due
        """;

    // Done: removed only if still under this lease (a deletion booked again meanwhile keeps its own due time).
    private const string Done = """
        if tonumber(redis.call('ZSCORE', KEYS[1], ARGV[1])) == tonumber(ARGV[2]) then return redis.call('ZREM', KEYS[1], ARGV[1]) end
        return 0
        """;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var poll = configuration.GetValue("Accounts:SweepPoll", TimeSpan.FromSeconds(5));
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await SweepDueAsync();
            }
            catch (Exception ex) when (ex is RedisException or TimeoutException)
            {
                LogNotYet(logger, ex.Message);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // Taken sweeps come due again when their lease ends; the loop goes on for the others.
                LogFailed(logger, ex);
            }

            try
            {
                await Task.Delay(poll, time, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    /// <summary>Sweeps every account whose sweep is due; returns how many were done.</summary>
    public async Task<int> SweepDueAsync()
    {
        var db = redis.GetDatabase();
        var now = time.GetUtcNow();
        var lease = (now + Lease).ToUnixTimeMilliseconds();
        var due = (RedisValue[])(await db.ScriptEvaluateAsync(Take, [Key], [now.ToUnixTimeMilliseconds(), lease]))!;
        foreach (var user in due)
        {
            var keys = await deletion.SweepAsync(user.ToString());
            await db.ScriptEvaluateAsync(Done, [Key], [user, lease]);
            LogSwept(logger, user.ToString(), keys);
        }

        return due.Length;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Deleted account {UserId} swept again: {Keys} live-store keys removed")]
    private static partial void LogSwept(ILogger logger, string userId, long keys);

    [LoggerMessage(Level = LogLevel.Error, Message = "A deleted account's sweep failed; it is tried again when its lease ends")]
    private static partial void LogFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The deleted accounts' sweeps wait for the live store: {Reason}")]
    private static partial void LogNotYet(ILogger logger, string reason);
}
