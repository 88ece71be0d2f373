using ClickHouse.Driver;
using ClickHouse.Driver.ADO.Parameters;
using ClickHouse.Driver.Utility;
using PokerTracker.Clients;
using PokerTracker.Clients.Redis;
using PokerTracker.Contracts;
using StackExchange.Redis;

namespace PokerTracker.Analytics.Ingestion;

/// <summary>
/// Deletes a deleted account's rows from every analytics table. Requests come from a Redis stream
/// read by this worker's consumer group: a request is acknowledged only once every table is done,
/// and one left unacknowledged by a worker that stopped is claimed by another after a minute, so a
/// crash delays a deletion but never loses it. Deleting twice is harmless.
/// </summary>
internal sealed partial class AccountPurger(
    IConnectionMultiplexer redis, ClickHouseClient clickhouse, TimeProvider time, ILogger<AccountPurger> logger) : BackgroundService
{
    public const string Group = "analytics";

    /// <summary>Every table holding a player's rows (all keyed by user_id first).</summary>
    public static readonly string[] Tables =
    [
        AnalyticsTables.Events, AnalyticsTables.Sessions, AnalyticsTables.TrainingDecisions,
        AnalyticsTables.Hands, AnalyticsTables.HandPlayers, AnalyticsTables.HandActions,
    ];

    private static readonly TimeSpan Poll = TimeSpan.FromSeconds(3);
    private static readonly TimeSpan ClaimAfter = TimeSpan.FromMinutes(1);
    private readonly string _consumer = $"{Environment.MachineName}:{Environment.ProcessId}";
    private bool _grouped;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var backoff = new Backoff(TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(1), time);
        var db = redis.GetDatabase();
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                StreamEntry[] entries;
                // Checking for work is no event worth a trace: only a deletion is.
                using (OpenTelemetry.SuppressInstrumentationScope.Begin())
                {
                    _grouped = _grouped || await EnsureGroupAsync(db);
                    var claimed = await db.StreamAutoClaimAsync(DeletedAccounts.Requests, Group, _consumer, (long)ClaimAfter.TotalMilliseconds, "0-0", 10);
                    entries = claimed.ClaimedEntries.Length > 0
                        ? claimed.ClaimedEntries
                        : await db.StreamReadGroupAsync(DeletedAccounts.Requests, Group, _consumer, ">", 10);
                }

                foreach (var entry in entries)
                {
                    var user = entry["user"].ToString();
                    if (user.Length > 0)
                    {
                        await db.KeyDeleteAsync(DeletedAccounts.PurgeAgain(user)); // rows stored from now on need a purge asked anew
                        await PurgeAsync(user, stoppingToken);
                    }

                    // Done with: nothing else reads the requests, and they would pile up for good.
                    await db.StreamAcknowledgeAsync(DeletedAccounts.Requests, Group, entry.Id);
                    await db.StreamDeleteAsync(DeletedAccounts.Requests, [entry.Id]);
                }

                backoff.Reset();
                if (entries.Length == 0)
                {
                    await Task.Delay(Poll, time, stoppingToken);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex) when (ex is RedisException or HttpRequestException or ClickHouseServerException or TimeoutException)
            {
                _grouped = _grouped && !ex.Message.Contains("NOGROUP", StringComparison.Ordinal); // the store lost the group: create it again
                LogRetry(logger, backoff.Next.TotalSeconds, ex);
                await backoff.WaitAsync(stoppingToken);
            }
        }
    }

    public async Task PurgeAsync(string userId, CancellationToken ct)
    {
        var p = new ClickHouseParameterCollection();
        p.AddParameter("user", userId);
        foreach (var table in Tables)
        {
            // A lightweight delete: the rows disappear from every query at once, the parts are rewritten later.
            await clickhouse.ExecuteNonQueryAsync($"DELETE FROM {table} WHERE user_id = {{user:String}}", p, cancellationToken: ct);
        }

        LogPurged(logger, userId, Tables.Length);
    }

    private static async Task<bool> EnsureGroupAsync(IDatabase db)
    {
        try
        {
            await db.StreamCreateConsumerGroupAsync(DeletedAccounts.Requests, Group, "0-0", createStream: true);
        }
        catch (RedisServerException ex) when (ex.Message.StartsWith("BUSYGROUP", StringComparison.Ordinal))
        {
            // Created before.
        }

        return true;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Deleted account {UserId}: its rows are gone from {Tables} analytics tables")]
    private static partial void LogPurged(ILogger logger, string userId, int tables);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Account deletions wait: retrying in {Seconds} s")]
    private static partial void LogRetry(ILogger logger, double seconds, Exception ex);
}
