using StackExchange.Redis;

namespace PokerTracker.SessionApi.Accounts;

/// <summary>
/// A player's turn to export: one export at a time per player, across replicas (each reads the whole
/// record; a second one at once is a 409). A stopped replica's turn lapses after <see cref="Lasts"/>.
/// </summary>
public sealed class ExportTurn : IAsyncDisposable
{
    private static readonly TimeSpan Lasts = TimeSpan.FromMinutes(10);
    private readonly IDatabase _db;
    private readonly string _key;
    private readonly string _mine = Guid.NewGuid().ToString("N");

    private ExportTurn(IDatabase db, string userId) => (_db, _key) = (db, $"pt:user:{userId}:exporting");

    /// <exception cref="ExportRunningException">Another export of the player's is being made.</exception>
    public static async Task<ExportTurn> TakeAsync(IDatabase db, string userId)
    {
        var turn = new ExportTurn(db, userId);
        return await db.StringSetAsync(turn._key, turn._mine, Lasts, When.NotExists) ? turn : throw new ExportRunningException();
    }

    public async ValueTask DisposeAsync() =>
        await _db.ScriptEvaluateAsync("if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end return 0", [_key], [_mine]);
}
