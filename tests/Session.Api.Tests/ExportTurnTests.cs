using PokerTracker.SessionApi.Accounts;
using PokerTracker.TestSupport;
using StackExchange.Redis;

namespace PokerTracker.SessionApi.Tests;

/// <summary>One export at a time per player, however long a big record takes to export.</summary>
[Collection(Engines.Collection)]
public sealed class ExportTurnTests(EnginesFixture engines)
{
    [Fact]
    public async Task A_turn_is_renewed_while_its_export_runs_and_goes_when_it_ends()
    {
        using var redis = await ConnectionMultiplexer.ConnectAsync(engines.Redis.ConnectionString);
        var db = redis.GetDatabase();
        var userId = Guid.CreateVersion7().ToString("N");
        await using (await ExportTurn.TakeAsync(db, userId, TimeSpan.FromSeconds(1.5)))
        {
            // Three of its lengths later, a second export is still refused.
            await Task.Delay(TimeSpan.FromSeconds(4.5));
            Assert.True(await db.KeyExistsAsync(ExportTurn.Key(userId)));
            await Assert.ThrowsAsync<ExportRunningException>(() => ExportTurn.TakeAsync(db, userId, TimeSpan.FromSeconds(1.5)));
        }

        Assert.False(await db.KeyExistsAsync(ExportTurn.Key(userId)));
        await using var next = await ExportTurn.TakeAsync(db, userId, TimeSpan.FromSeconds(1.5));
    }
}
