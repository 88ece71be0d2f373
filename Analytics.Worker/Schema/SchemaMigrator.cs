using ClickHouse.Driver;
using PokerTracker.Contracts;

namespace PokerTracker.Analytics.Schema;

/// <summary>Applies the pending migrations before the worker consumes anything; retries while ClickHouse is away.</summary>
public sealed class SchemaMigrator(
    ClickHouseClient clickhouse, Microsoft.Extensions.Options.IOptions<Ingestion.AnalyticsOptions> options, TimeProvider time, ILogger<SchemaMigrator> logger)
{
    private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Task Ready => _ready.Task;

    public async Task MigrateAsync(CancellationToken ct)
    {
        var backoff = new Clients.Backoff(TimeSpan.FromMilliseconds(250), TimeSpan.FromSeconds(5), time);
        while (true)
        {
            try
            {
                await ApplyAsync(ct);
                _ready.TrySetResult();
                return;
            }
            catch (Exception ex) when (ex is HttpRequestException or ClickHouseServerException or TaskCanceledException && !ct.IsCancellationRequested)
            {
                logger.LogWarning("Analytics schema not applied yet ({Reason}); retrying in {Delay}", ex.Message, backoff.Next);
                await backoff.WaitAsync(ct);
            }
        }
    }

    private async Task ApplyAsync(CancellationToken ct)
    {
        await clickhouse.ExecuteNonQueryAsync($"CREATE DATABASE IF NOT EXISTS {AnalyticsTables.Database}", cancellationToken: ct);
        await clickhouse.ExecuteNonQueryAsync(
            $"CREATE TABLE IF NOT EXISTS {AnalyticsTables.Migrations} (version UInt32, name String, applied_at DateTime64(3, 'UTC')) ENGINE = ReplacingMergeTree ORDER BY version",
            cancellationToken: ct);
        var applied = Convert.ToInt64(await clickhouse.ExecuteScalarAsync($"SELECT max(version) FROM {AnalyticsTables.Migrations}", cancellationToken: ct) ?? 0);
        foreach (var migration in Migrations.All.Where(m => m.Version > applied))
        {
            foreach (var statement in migration.Statements)
            {
                await clickhouse.ExecuteNonQueryAsync(statement, cancellationToken: ct);
            }

            await clickhouse.ExecuteNonQueryAsync(
                $"INSERT INTO {AnalyticsTables.Migrations} VALUES ({migration.Version}, '{migration.Name}', now64(3))", cancellationToken: ct);
            logger.LogInformation("Analytics schema migration {Version} ({Name}) applied", migration.Version, migration.Name);
        }

        await ProvisionReaderAsync(ct);
    }

    /// <summary>
    /// On a ClickHouse server (published), the user Session.Api reads as: SELECT on this database,
    /// nothing else; its password follows the deployment's secret. The local endpoint has no users
    /// and enforces the same read-only access itself.
    /// </summary>
    private async Task ProvisionReaderAsync(CancellationToken ct)
    {
        if (options.Value.ReaderUser is not { Length: > 0 } user || options.Value.ReaderPassword is not { Length: > 0 } password)
        {
            return;
        }

        if (!System.Text.RegularExpressions.Regex.IsMatch(user, "^[A-Za-z_][A-Za-z0-9_]{0,63}$") || password.Contains('\'') || password.Contains('\\'))
        {
            throw new InvalidOperationException("Analytics:ReaderUser must be an identifier and Analytics:ReaderPassword must not contain quotes or backslashes.");
        }

        await clickhouse.ExecuteNonQueryAsync($"CREATE USER IF NOT EXISTS {user} IDENTIFIED WITH sha256_password BY '{password}'", cancellationToken: ct);
        await clickhouse.ExecuteNonQueryAsync($"ALTER USER {user} IDENTIFIED WITH sha256_password BY '{password}'", cancellationToken: ct);
        await clickhouse.ExecuteNonQueryAsync($"GRANT SELECT ON {AnalyticsTables.Database}.* TO {user}", cancellationToken: ct);
        logger.LogInformation("Analytics reader {User} may read {Database}", user, AnalyticsTables.Database);
    }
}
