using System.Text.Json;
using PokerTracker.SessionApi.Infrastructure;
using PokerTracker.Trainer.Solver;
using StackExchange.Redis;

namespace PokerTracker.SessionApi.Training;

/// <summary>
/// The second level of the strategy cache: solutions are deterministic, so every solution any
/// replica computes is kept in Redis (a few KB each, one per stack step and allowed ante: a bounded
/// set) and loaded by every replica at start. The default game's stacks are solved in the
/// background at start when Redis does not have them yet, so graded decisions rarely wait for a solve.
/// </summary>
internal sealed class SolutionStore(
    StrategyCache cache, IConnectionMultiplexer redis, Microsoft.Extensions.Options.IOptions<TrainingOptions> options, ILogger<SolutionStore> logger) : BackgroundService
{
    private const string Key = "pt:training:solutions";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        cache.Solved += Save;
        try
        {
            var stored = await redis.GetDatabase().HashGetAllAsync(Key);
            foreach (var entry in stored)
            {
                if (JsonSerializer.Deserialize<PushFoldSolution>(entry.Value.ToString(), ApiJson.Storage) is { } solution)
                {
                    cache.Seed(solution);
                }
            }

            logger.LogInformation("Loaded {Count} push/fold solutions", stored.Length);
            if (!options.Value.WarmUp)
            {
                return;
            }

            await Task.Run(() =>
            {
                for (var tenths = 10; tenths <= 500 && !stoppingToken.IsCancellationRequested; tenths++)
                {
                    cache.Get(new PushFoldGame(tenths / 10.0));
                }
            }, stoppingToken);
        }
        catch (Exception ex) when (ex is RedisException or JsonException)
        {
            logger.LogWarning("Push/fold solutions not loaded ({Reason}): they are solved as needed", ex.Message);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private void Save(PushFoldSolution solution) =>
        _ = redis.GetDatabase().HashSetAsync(Key, solution.Game.Key, JsonSerializer.Serialize(solution, ApiJson.Storage), flags: CommandFlags.FireAndForget);
}
