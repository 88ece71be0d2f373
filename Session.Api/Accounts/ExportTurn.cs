using StackExchange.Redis;

namespace PokerTracker.SessionApi.Accounts;

/// <summary>
/// A player's turn to export: one export at a time per player, across replicas (each reads the whole
/// record; a second one at once is a 409). The turn is renewed while the export runs, however long a
/// big record takes; a stopped replica's turn lapses after <see cref="Lasts"/>.
/// </summary>
public sealed class ExportTurn : IAsyncDisposable
{
    private static readonly TimeSpan Lasts = TimeSpan.FromMinutes(2);

    private readonly IDatabase _db;
    private readonly string _key;
    private readonly TimeSpan _lasts;
    private readonly string _mine = Guid.NewGuid().ToString("N");
    private readonly CancellationTokenSource _done = new();
    private Task _renewing = Task.CompletedTask;

    private ExportTurn(IDatabase db, string userId, TimeSpan lasts) => (_db, _key, _lasts) = (db, Key(userId), lasts);

    internal static string Key(string userId) => $"pt:user:{userId}:exporting";

    /// <exception cref="ExportRunningException">Another export of the player's is being made.</exception>
    public static Task<ExportTurn> TakeAsync(IDatabase db, string userId) => TakeAsync(db, userId, Lasts);

    internal static async Task<ExportTurn> TakeAsync(IDatabase db, string userId, TimeSpan lasts)
    {
        var turn = new ExportTurn(db, userId, lasts);
        if (!await Infrastructure.Lease.HoldAsync(db, turn._key, turn._mine, lasts))
        {
            throw new ExportRunningException();
        }

        turn._renewing = turn.RenewAsync();
        return turn;
    }

    /// <summary>Extends the turn at a third of its length, for as long as the export runs.</summary>
    private async Task RenewAsync()
    {
        using var timer = new PeriodicTimer(_lasts / 3);
        try
        {
            while (await timer.WaitForNextTickAsync(_done.Token))
            {
                try
                {
                    await Infrastructure.Lease.HoldAsync(_db, _key, _mine, _lasts);
                }
                catch (Exception ex) when (ex is RedisException or TimeoutException)
                {
                    // The next tick tries again; the turn lasts until then.
                }
            }
        }
        catch (OperationCanceledException)
        {
            // The export is done.
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _done.CancelAsync();
        await _renewing;
        _done.Dispose();
        await Infrastructure.Lease.ReleaseAsync(_db, _key, _mine);
    }
}
